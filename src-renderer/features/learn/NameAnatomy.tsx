/** How an image name is read, drawn as its parts; the lesson's run fills in real examples below it. */
import { defineMessages, useMessages } from '../../i18n/messages';

const m = defineMessages({
  en: {
    title: 'The parts of an image name',
    registry: 'registry host[:port] — default docker.io (Docker Hub)',
    user: 'user or organisation — none for top-level (official) repositories: library/',
    repository: 'repository — all versions of one image',
    tag: 'tag — one version; default latest',
    digest: 'digest — one exact content, whatever the tag says',
  },
  zh: {
    title: '镜像名称的组成',
    registry: 'registry 主机[:端口] —— 默认 docker.io（Docker Hub）',
    user: '用户名或组织 —— 顶层（官方）仓库没有用户名：library/',
    repository: '仓库 —— 一个镜像的所有版本',
    tag: '标签 —— 一个版本；默认 latest',
    digest: '摘要 —— 确定的内容，与标签无关',
  },
});

const PARTS = [
  ['registry', 'quay.io/'],
  ['user', 'prometheus/'],
  ['repository', 'node-exporter'],
  ['tag', ':v1.8.0'],
  ['digest', '@sha256:…'],
] as const;

export function NameAnatomy(): React.JSX.Element {
  const t = useMessages(m);
  return (
    <figure className="learn-names" data-testid="name-anatomy">
      <figcaption>{t.title}</figcaption>
      <p className="learn-name mono">
        {PARTS.map(([k, text]) => (
          <span key={k} className={`name-${k}`}>
            {text}
          </span>
        ))}
      </p>
      <dl>
        {PARTS.map(([k, text]) => (
          <div key={k} className={`name-${k}`}>
            <dt className="mono">{text}</dt>
            <dd>{t[k]}</dd>
          </div>
        ))}
      </dl>
    </figure>
  );
}
