/** The Run dialog's repeated rows: environment entries, port mappings, volumes and bind mounts. */
import { useMessages } from '../../i18n/messages';
import { runMsg } from './run-messages';
import { addRowAndFocus, removeRowAndFocus } from './row-focus';
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
  const t = useMessages(runMsg);
  return (
    <>
      <span>{t.environment}</span>
      <div className="ct-rows">
        {form.env.map((e, i) => (
          <div key={i} className="ct-rowline">
            <input
              aria-label={t.envEntry(i + 1)}
              className="mono"
              value={e}
              placeholder="KEY=VALUE"
              onChange={(ev) => update({ env: form.env.map((x, j) => (j === i ? ev.target.value : x)) })}
              {...field(`env.${i}`)}
            />
            <button
              type="button"
              className="ct-icon"
              aria-label={t.removeEnv(i + 1)}
              onClick={(e) =>
                removeRowAndFocus(e.currentTarget, i, () =>
                  update({ env: form.env.filter((_, j) => j !== i) }),
                )
              }
            >
              ×
            </button>
            <Hint problem={shown(`env.${i}`)} id={`run-p-env.${i}`} />
          </div>
        ))}
        <button
          type="button"
          className="ct-add"
          onClick={(e) => addRowAndFocus(e.currentTarget, () => update({ env: [...form.env, ''] }))}
        >
          {t.addVariable}
        </button>
      </div>
    </>
  );
}

export function PortRows({ form, update, shown, field }: RowsProps): React.JSX.Element {
  const setPort = (i: number, patch: Partial<PortRow>): void =>
    update({ ports: form.ports.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  const t = useMessages(runMsg);
  return (
    <>
      <span>{t.ports}</span>
      <div className="ct-rows">
        {form.ports.map((p, i) => (
          <div key={i} className="ct-rowline">
            <input
              aria-label={t.portHostIp(i + 1)}
              className="ct-ip"
              value={p.hostIp}
              placeholder={t.hostIpPlaceholder}
              onChange={(e) => setPort(i, { hostIp: e.target.value })}
              {...field(`ports.${i}.hostIp`)}
            />
            <input
              aria-label={t.portHostPort(i + 1)}
              className="ct-portn"
              value={p.hostPort}
              placeholder={t.hostPortPlaceholder}
              onChange={(e) => setPort(i, { hostPort: e.target.value })}
              {...field(`ports.${i}.hostPort`)}
            />
            <span aria-hidden="true">→</span>
            <input
              aria-label={t.portContainer(i + 1)}
              className="ct-portn"
              value={p.containerPort}
              placeholder={t.containerPlaceholder}
              onChange={(e) => setPort(i, { containerPort: e.target.value })}
              {...field(`ports.${i}.containerPort`)}
            />
            <select
              aria-label={t.portProtocol(i + 1)}
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
              aria-label={t.removePort(i + 1)}
              onClick={(e) =>
                removeRowAndFocus(e.currentTarget, i, () =>
                  update({ ports: form.ports.filter((_, j) => j !== i) }),
                )
              }
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
          onClick={(e) =>
            addRowAndFocus(e.currentTarget, () => update({ ports: [...form.ports, emptyPort()] }))
          }
        >
          {t.addPort}
        </button>
        <Hint problem={shown('ports')} id="run-p-ports" />
      </div>
    </>
  );
}

export function MountRows({ form, update, shown, field }: RowsProps): React.JSX.Element {
  const setMount = (i: number, patch: Partial<MountRow>): void =>
    update({ mounts: form.mounts.map((m, j) => (j === i ? { ...m, ...patch } : m)) });
  const t = useMessages(runMsg);
  return (
    <>
      <span>{t.volumes}</span>
      <div className="ct-rows">
        {form.mounts.map((m, i) => (
          <div key={i} className="ct-rowline">
            <span className="ct-kind">{m.kind}</span>
            <input
              aria-label={m.kind === 'bind' ? t.mountHostPath(i + 1) : t.mountVolumeName(i + 1)}
              className="mono"
              value={m.source}
              placeholder={m.kind === 'bind' ? '/host/path' : 'volume-name'}
              onChange={(e) => setMount(i, { source: e.target.value })}
              {...field(`mounts.${i}.source`)}
            />
            <span aria-hidden="true">:</span>
            <input
              aria-label={t.mountTarget(i + 1)}
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
              aria-label={t.removeMount(i + 1)}
              onClick={(e) =>
                removeRowAndFocus(e.currentTarget, i, () =>
                  update({ mounts: form.mounts.filter((_, j) => j !== i) }),
                )
              }
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
            onClick={(e) =>
              addRowAndFocus(e.currentTarget, () =>
                update({ mounts: [...form.mounts, emptyMount('volume')] }),
              )
            }
          >
            {t.addVolume}
          </button>{' '}
          <button
            type="button"
            className="ct-add"
            onClick={(e) =>
              addRowAndFocus(e.currentTarget, () => update({ mounts: [...form.mounts, emptyMount('bind')] }))
            }
          >
            {t.addBind}
          </button>
        </span>
      </div>
    </>
  );
}
