/** The Run dialog's repeated rows: environment entries, port mappings, volumes and bind mounts. */
import { emptyMount, emptyPort, type MountRow, type PortRow, type RunForm } from './run-form';

export interface RowsProps {
  form: RunForm;
  update: (patch: Partial<RunForm>) => void;
  shown: (key: string) => string | undefined;
  field: (key: string) => { 'aria-invalid': boolean; 'aria-describedby'?: string };
}

export function Hint({ problem, id }: { problem: string | undefined; id: string }): React.JSX.Element | null {
  return problem ? (
    <span className="ct-hint" id={id} role="status">
      {problem}
    </span>
  ) : null;
}

export function EnvRows({ form, update, shown, field }: RowsProps): React.JSX.Element {
  return (
    <>
      <span>Environment</span>
      <div className="ct-rows">
        {form.env.map((e, i) => (
          <div key={i} className="ct-rowline">
            <input
              aria-label={`Environment entry ${i + 1}`}
              className="mono"
              value={e}
              placeholder="KEY=VALUE"
              onChange={(ev) => update({ env: form.env.map((x, j) => (j === i ? ev.target.value : x)) })}
              {...field(`env.${i}`)}
            />
            <button
              type="button"
              className="ct-icon"
              aria-label={`Remove environment entry ${i + 1}`}
              onClick={() => update({ env: form.env.filter((_, j) => j !== i) })}
            >
              ×
            </button>
            <Hint problem={shown(`env.${i}`)} id={`run-p-env.${i}`} />
          </div>
        ))}
        <button type="button" className="ct-add" onClick={() => update({ env: [...form.env, ''] })}>
          + variable
        </button>
      </div>
    </>
  );
}

export function PortRows({ form, update, shown, field }: RowsProps): React.JSX.Element {
  const setPort = (i: number, patch: Partial<PortRow>): void =>
    update({ ports: form.ports.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  return (
    <>
      <span>Ports</span>
      <div className="ct-rows">
        {form.ports.map((p, i) => (
          <div key={i} className="ct-rowline">
            <input
              aria-label={`Port ${i + 1} host IP`}
              className="ct-ip"
              value={p.hostIp}
              placeholder="host IP (all)"
              onChange={(e) => setPort(i, { hostIp: e.target.value })}
              {...field(`ports.${i}.hostIp`)}
            />
            <input
              aria-label={`Port ${i + 1} host port`}
              className="ct-portn"
              value={p.hostPort}
              placeholder="host (any)"
              onChange={(e) => setPort(i, { hostPort: e.target.value })}
              {...field(`ports.${i}.hostPort`)}
            />
            <span aria-hidden="true">→</span>
            <input
              aria-label={`Port ${i + 1} container port`}
              className="ct-portn"
              value={p.containerPort}
              placeholder="container"
              onChange={(e) => setPort(i, { containerPort: e.target.value })}
              {...field(`ports.${i}.containerPort`)}
            />
            <select
              aria-label={`Port ${i + 1} protocol`}
              value={p.protocol}
              onChange={(e) => setPort(i, { protocol: e.target.value as PortRow['protocol'] })}
            >
              <option value="tcp">tcp</option>
              <option value="udp">udp</option>
              <option value="sctp">sctp</option>
            </select>
            <button
              type="button"
              className="ct-icon"
              aria-label={`Remove port ${i + 1}`}
              onClick={() => update({ ports: form.ports.filter((_, j) => j !== i) })}
            >
              ×
            </button>
            <Hint
              problem={
                shown(`ports.${i}.hostIp`) ??
                shown(`ports.${i}.hostPort`) ??
                shown(`ports.${i}.containerPort`)
              }
              id={`run-p-ports.${i}`}
            />
          </div>
        ))}
        <button
          type="button"
          className="ct-add"
          onClick={() => update({ ports: [...form.ports, emptyPort()] })}
        >
          + port
        </button>
        <Hint problem={shown('ports')} id="run-p-ports" />
      </div>
    </>
  );
}

export function MountRows({ form, update, shown, field }: RowsProps): React.JSX.Element {
  const setMount = (i: number, patch: Partial<MountRow>): void =>
    update({ mounts: form.mounts.map((m, j) => (j === i ? { ...m, ...patch } : m)) });
  return (
    <>
      <span>Volumes</span>
      <div className="ct-rows">
        {form.mounts.map((m, i) => (
          <div key={i} className="ct-rowline">
            <span className="ct-kind">{m.kind}</span>
            <input
              aria-label={`Mount ${i + 1} ${m.kind === 'bind' ? 'host path' : 'volume name'}`}
              className="mono"
              value={m.source}
              placeholder={m.kind === 'bind' ? '/host/path' : 'volume-name'}
              onChange={(e) => setMount(i, { source: e.target.value })}
              {...field(`mounts.${i}.source`)}
            />
            <span aria-hidden="true">:</span>
            <input
              aria-label={`Mount ${i + 1} container path`}
              className="mono"
              value={m.target}
              placeholder="/in/container"
              onChange={(e) => setMount(i, { target: e.target.value })}
              {...field(`mounts.${i}.target`)}
            />
            <label className="ct-check">
              <input
                type="checkbox"
                checked={m.readOnly}
                onChange={(e) => setMount(i, { readOnly: e.target.checked })}
              />{' '}
              ro
            </label>
            <button
              type="button"
              className="ct-icon"
              aria-label={`Remove mount ${i + 1}`}
              onClick={() => update({ mounts: form.mounts.filter((_, j) => j !== i) })}
            >
              ×
            </button>
            <Hint
              problem={shown(`mounts.${i}.source`) ?? shown(`mounts.${i}.target`)}
              id={`run-p-mounts.${i}`}
            />
          </div>
        ))}
        <span>
          <button
            type="button"
            className="ct-add"
            onClick={() => update({ mounts: [...form.mounts, emptyMount('volume')] })}
          >
            + volume
          </button>{' '}
          <button
            type="button"
            className="ct-add"
            onClick={() => update({ mounts: [...form.mounts, emptyMount('bind')] })}
          >
            + bind mount
          </button>
        </span>
      </div>
    </>
  );
}
