/**
 * Errors from the main side, readable: the message first, each invalid field on its own line,
 * and the code and raw details on demand (a `<details>` the user opens). Shared by the dialogs of
 * every feature.
 */
import { defineMessages, useMessages } from '../i18n/messages';
import { IpcCallError, errorMessage } from '../ipc/client';
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
  if (err instanceof IpcCallError) return from(err.code, err.message, err.details);
  if (typeof err === 'object' && err !== null && 'code' in err && 'message' in err) {
    const e = err as { code: unknown; message: unknown; details?: unknown };
    if (typeof e.code === 'string' && typeof e.message === 'string')
      return from(e.code, e.message, e.details);
  }
  return { code: 'ERROR', message: errorMessage(err), issues: [] };
}

export function ErrorNote({
  error,
  testId,
}: {
  error: ReadableError | null;
  testId?: string;
}): React.JSX.Element | null {
  const m = useMessages(msg);
  if (!error) return null;
  return (
    <div className="error-note" role="alert" data-testid={testId}>
      <strong>{error.message}</strong>
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
