/** With no engine: the sample archive's images as `docker image ls` + inspect would show them. */
import type { ArchiveAnalysis } from '../../../src-shared/archive-analysis';
import { useMessages } from '../../i18n/messages';
import { shortId } from './learn-names';
import { msg } from './messages';

export function SampleFacts({ analysis }: { analysis: ArchiveAnalysis }): React.JSX.Element {
  const m = useMessages(msg);
  return (
    <table className="learn-facts" data-testid="sample-facts">
      <caption>{m.fromSample}</caption>
      <thead>
        <tr>
          <th>{m.tags}</th>
          <th>{m.id}</th>
          <th>{m.cmd}</th>
          <th>{m.env}</th>
        </tr>
      </thead>
      <tbody>
        {analysis.images.map((i) => (
          <tr key={i.id}>
            <td>{i.repoTags.join(', ') || '<none>'}</td>
            <td className="mono">{shortId(i.id)}</td>
            <td className="mono">{JSON.stringify(i.config.cmd)}</td>
            <td className="mono">{i.config.env.join(' ') || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
