/**
 * The container's environment (`docker inspect` Config.Env): the image's variables with what the
 * run added or replaced. The tutorial configures a containerized service this way (-e KEY=VALUE),
 * so a learner checks here what the process actually got. Also the detail's one inspect call.
 */
import { useEffect, useState } from 'react';
import type { ContainerDetail } from '../../../src-shared/containers-dto';
import { call } from '../../ipc/client';
import { useMessages } from '../../i18n/messages';
import { containersMsg } from './messages';

/** `docker inspect` of the container, again whenever `version` changes; null until (or unless) it answers. */
export function useContainerInspect(id: string, version: string): ContainerDetail | null {
  const [detail, setDetail] = useState<ContainerDetail | null>(null);
  useEffect(() => {
    let live = true;
    call('inspectContainer', { id })
      .then((d) => live && setDetail(d))
      .catch(() => undefined); // the panels below show the engine's error
    return () => {
      live = false;
    };
  }, [id, version]);
  return detail;
}

export function ContainerEnv({ env }: { env: readonly string[] }): React.JSX.Element {
  const m = useMessages(containersMsg);
  return (
    <details className="ct-env" data-testid="ct-env">
      <summary>{m.envTitle(env.length)}</summary>
      {env.length === 0 ? (
        <p className="ct-muted ct-small">{m.envNone}</p>
      ) : (
        <ul className="mono ct-small">
          {env.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
    </details>
  );
}
