/**
 * What the user reads when a call to main fails: a headline per error code in the UI language,
 * then main's own message as the detail (English technical text, e.g. the engine's answer, is
 * fine there). The one place that turns an `IpcErrorCode` into words: `ErrorNote` and
 * `errorMessage` (ipc/client) both read it.
 */
import type { IpcErrorCode } from '../../src-shared/ipc-contract';
import { getLang, type Lang } from '../i18n/lang';
import { defineMessages, messagesFor } from '../i18n/messages';

/** What main means by each code (see where src-main produces it); every code needs both languages. */
const en: Record<IpcErrorCode, string> = {
  // A reference, path, host address or argument main refuses (bad input).
  INVALID_ARGUMENT: 'The input is not valid',
  // A call from a frame other than the app's own page.
  FORBIDDEN_SENDER: 'This window may not make that request',
  // The window asked for a channel main does not have (a version mismatch).
  UNKNOWN_CHANNEL: 'The app does not know this request',
  // No answer from the daemon, or it stopped during a transfer.
  ENGINE_UNAVAILABLE: 'The Docker engine cannot be reached',
  // No such image, container, file, engine or registry repository.
  NOT_FOUND: 'Not found',
  // In use (image used by a container, current engine, job already running).
  CONFLICT: 'This conflicts with the current state',
  CANCELLED: 'Cancelled',
  // An archive the analyzer or the engine cannot read.
  BAD_ARCHIVE: 'The image archive cannot be used',
  // Anything else: an engine 5xx, a credential helper, an unexpected failure in main.
  INTERNAL: 'The operation failed',
};
const zh: Record<IpcErrorCode, string> = {
  INVALID_ARGUMENT: '输入无效',
  FORBIDDEN_SENDER: '此窗口无权发出该请求',
  UNKNOWN_CHANNEL: '应用不认识此请求',
  ENGINE_UNAVAILABLE: '无法连接到 Docker 引擎',
  NOT_FOUND: '未找到',
  CONFLICT: '与当前状态冲突',
  CANCELLED: '已取消',
  BAD_ARCHIVE: '无法使用该镜像归档文件',
  INTERNAL: '操作失败',
};
export const errorHeadlines = defineMessages({ en, zh });

const joinMsg = defineMessages({
  en: { join: (headline: string, detail: string) => `${headline}: ${detail}` },
  zh: { join: (headline: string, detail: string) => `${headline}：${detail}` },
});

export const isIpcErrorCode = (code: unknown): code is IpcErrorCode =>
  typeof code === 'string' && Object.hasOwn(en, code);

export interface ErrorParts {
  /** Null when the code is not one of main's, or main's message already starts with it. */
  headline: string | null;
  detail: string;
}

/** The headline for `code` in `lang`, and main's message as the detail. */
export function errorParts(code: string, message: string, lang: Lang): ErrorParts {
  if (!isIpcErrorCode(code)) return { headline: null, detail: message };
  const headline = messagesFor(errorHeadlines, lang)[code];
  // Main's English sometimes says it already ("The Docker engine cannot be reached (ECONNREFUSED): …").
  if (message.toLowerCase().startsWith(headline.toLowerCase())) return { headline: null, detail: message };
  return { headline, detail: message };
}

/** One line: "headline: detail" (or the detail alone). */
export function joinParts(parts: ErrorParts, lang: Lang): string {
  return parts.headline === null
    ? parts.detail
    : messagesFor(joinMsg, lang).join(parts.headline, parts.detail);
}

export interface Failure {
  code: string;
  message: string;
  details?: unknown;
}
/** The code, message and details of a failed call (`IpcCallError`, or a job's `{ code, message }` error state). */
export function failureOf(err: unknown): Failure | null {
  if (typeof err !== 'object' || err === null) return null;
  const { code, message, details } = err as { code?: unknown; message?: unknown; details?: unknown };
  return typeof code === 'string' && typeof message === 'string' ? { code, message, details } : null;
}

/** What a failed call says to the user, in the current UI language; other errors keep their message. */
export function errorText(err: unknown, lang: Lang = getLang()): string {
  const f = failureOf(err);
  if (f) return joinParts(errorParts(f.code, f.message, lang), lang);
  return err instanceof Error ? err.message : String(err);
}
