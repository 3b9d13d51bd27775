/**
 * Errors from the main side, readable: the code's headline in the UI language, main's message as
 * the detail, each invalid field on its own line, and the code and raw details on demand (a
 * `<details>` the user opens). Shared by the dialogs of every feature.
 */
import { useLang, type Lang } from '../i18n/lang';
import { defineMessages, messagesFor } from '../i18n/messages';
import { rawMessage } from '../ipc/client';
import { errorParts, failureOf } from './error-text';
import './error-note.css';

const msg = defineMessages({
  en: { details: 'Details' },
  zh: { details: '详细信息' },
});

interface Issue {
  path: string[];
  message: string;
}
const isIssue = (v: unknown): v is Issue =>
  typeof v === 'object' &&
  v !== null &&
  Array.isArray((v as Issue).path) &&
  typeof (v as Issue).message === 'string';

export interface ReadableError {
  code: string;
  message: string;
  issues: string[];
  details?: unknown;
}

/** From what a call threw, or from a job's error state (`{ code, message, details }`). */
export function readableError(err: unknown): ReadableError {
  const from = (code: string, message: string, details: unknown): ReadableError => {
    const issues = Array.isArray(details)
      ? details.filter(isIssue).map((i) => `${i.path.join('.') || 'argument'}: ${i.message}`)
      : [];
    // The schema's pretty print repeats the issues; keep its first line when they are listed.
    const first = issues.length > 0 ? (message.split('\n')[0] ?? message) : message;
    return { code, message: first, issues, ...(details === undefined ? {} : { details }) };
  };
  const f = failureOf(err);
  if (f) return from(f.code, f.message, f.details);
  return { code: 'ERROR', message: rawMessage(err), issues: [] };
}

export function ErrorNote({
  error,
  testId,
}: {
  error: ReadableError | null;
  testId?: string;
}): React.JSX.Element | null {
  const lang = useLang();
  return error ? errorNoteIn(lang, error, testId) : null;
}

/** The note in `lang` (ErrorNote passes the UI language; tests render it directly). */
export function errorNoteIn(lang: Lang, error: ReadableError, testId?: string): React.JSX.Element {
  const m = messagesFor(msg, lang);
  const { headline, detail } = errorParts(error.code, error.message, lang);
  return (
    <div className="error-note" role="alert" data-testid={testId}>
      {headline === null ? (
        <strong>{detail}</strong>
      ) : (
        <>
          <strong>{headline}</strong>
          <span className="error-note-detail">{detail}</span>
        </>
      )}
      {error.issues.length > 0 && (
        <ul>
          {error.issues.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ul>
      )}
      <details>
        <summary>{m.details}</summary>
        <pre className="mono">
          {JSON.stringify({ code: error.code, details: error.details ?? null }, null, 2)}
        </pre>
      </details>
    </div>
  );
}
