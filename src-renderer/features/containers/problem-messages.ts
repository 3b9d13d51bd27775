/**
 * The run and commit forms' problems in the UI language. The shared schemas (src-shared/
 * containers-spec.ts, contract/common.ts) and shell-words.ts word their problems in English; that
 * English text is the problem's kind here, mapped to this catalog. A problem not listed (a new rule)
 * is shown as it comes.
 */
import { defineMessages } from '../../i18n/messages';

export const problemMsg = defineMessages({
  en: {
    openSingleQuote: "a ' quote is not closed",
    openDoubleQuote: 'a " quote is not closed',
    trailingBackslash: 'a trailing \\ escapes nothing',
    noNul: 'no NUL bytes',
    containerRef: 'not a container ID or name',
    imageRef: 'not an image reference or ID',
    containerName: 'a name is letters, digits and _ . - (starting with a letter or digit)',
    envEntry: 'an environment entry is KEY=VALUE',
    absolutePath: 'an absolute path (starting with /, without :)',
    ipAddress: 'not an IP address',
    networkMode: 'bridge, host, none or a network name',
    volumeName: 'a volume name is 2+ letters, digits and _ . -',
    retriesOnFailure: 'a retry count is only allowed with on-failure',
    autoRemoveRestart: 'auto-remove cannot be combined with a restart policy',
    duplicatePort: 'the same port mapping is listed twice',
    userGroup: 'user[:group]',
    commitReference: 'not a repository[:tag] reference',
    oneLine: 'must be on one line',
    execForm: 'a JSON array of strings, like ["httpd","-f"]',
    shellOrExec: 'a command (JSON array or shell form)',
    keyValue: 'KEY=VALUE',
    exposePort: 'port[/tcp|udp|sctp], port 1-65535',
    pathNoDollar: 'an absolute path without $, \\ or "',
    // zod's own wordings (issues without a message of the schema's)
    tooLong: (max: number) => `Too big: expected string to have <=${max} characters`,
    tooMany: (max: number) => `Too big: expected array to have <=${max} items`,
    tooShort: (min: number) => `Too small: expected string to have >=${min} characters`,
    invalid: 'Invalid input',
  },
  zh: {
    openSingleQuote: "' 引号没有闭合",
    openDoubleQuote: '" 引号没有闭合',
    trailingBackslash: '末尾的 \\ 没有可转义的字符',
    noNul: '不能包含 NUL 字节',
    containerRef: '不是容器 ID 或名称',
    imageRef: '不是镜像引用或 ID',
    containerName: '名称由字母、数字和 _ . - 组成（以字母或数字开头）',
    envEntry: '环境变量的格式是 KEY=VALUE',
    absolutePath: '绝对路径（以 / 开头，不含 :）',
    ipAddress: '不是 IP 地址',
    networkMode: 'bridge、host、none 或网络名称',
    volumeName: '卷名至少 2 个字符，由字母、数字和 _ . - 组成',
    retriesOnFailure: '只有 on-failure 才能设置重试次数',
    autoRemoveRestart: '自动删除（--rm）不能与重启策略同时使用',
    duplicatePort: '同一个端口映射出现了两次',
    userGroup: '用户[:组]',
    commitReference: '不是 仓库[:标签] 形式的引用',
    oneLine: '必须写在一行内',
    execForm: '字符串组成的 JSON 数组，例如 ["httpd","-f"]',
    shellOrExec: '一条命令（JSON 数组或 shell 形式）',
    keyValue: 'KEY=VALUE',
    exposePort: '端口[/tcp|udp|sctp]，端口号 1-65535',
    pathNoDollar: '不含 $、\\ 或 " 的绝对路径',
    tooLong: (max: number) => `最多 ${max} 个字符`,
    tooMany: (max: number) => `最多 ${max} 项`,
    tooShort: (min: number) => `至少 ${min} 个字符`,
    invalid: '输入无效',
  },
});

export type ProblemText = typeof problemMsg.en;
type Fixed = { [K in keyof ProblemText]: ProblemText[K] extends string ? K : never }[keyof ProblemText];

/** The English problem (its kind) → its catalog key: every fixed text of the English catalog. */
const KIND: ReadonlyMap<string, Fixed> = new Map(
  (Object.entries(problemMsg.en) as [keyof ProblemText, ProblemText[keyof ProblemText]][])
    .filter((e): e is [Fixed, string] => typeof e[1] === 'string')
    .map(([key, text]) => [text, key]),
);

/** A problem worded by the schemas or shell-words.ts, in the catalog's language. */
export function problemText(problem: string, w: ProblemText): string {
  const key = KIND.get(problem);
  return key ? w[key] : problem;
}

/** What a schema issue says, in the catalog's language (zod's own wordings by their code). */
export function issueText(
  issue: { code: string; message: string; maximum?: unknown; minimum?: unknown; origin?: unknown },
  w: ProblemText,
): string {
  const { code, origin, maximum, minimum } = issue;
  if (code === 'too_big' && typeof maximum === 'number' && (origin === 'string' || origin === 'array'))
    return origin === 'array' ? w.tooMany(maximum) : w.tooLong(maximum);
  if (code === 'too_small' && typeof minimum === 'number' && origin === 'string') return w.tooShort(minimum);
  return problemText(issue.message, w);
}
