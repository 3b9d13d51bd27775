/**
 * The container's environment (`docker inspect` Config.Env): the image's variables with what the
 * run added or replaced. The tutorial configures a containerized service this way (-e KEY=VALUE),
 * so a learner checks here what the process actually got.
 */
import { useEffect, useState } from 'react';
import { call } from '../../ipc/client';
import { useMessages } from '../../i18n/messages';
import { containersMsg } from './messages';

export function ContainerEnv({ id }: { id: string }): React.JSX.Element | null {
  const m = useMessages(containersMsg);
  const [env, setEnv] = useState<string[] | null>(null);
  useEffect(() => {
    let live = true;
    call('inspectContainer', { id })
      .then((d) => live && setEnv(d.config.env))
      .catch(() => live && setEnv(null)); // the panels below show the engine's error
    return () => {
      live = false;
    };
  }, [id]);
  if (!env) return null;
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
