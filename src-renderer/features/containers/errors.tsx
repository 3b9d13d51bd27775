/** Errors from the main side, readable: the message, its code, and each invalid field on its own line. */
import { IpcCallError, errorMessage } from '../../ipc/client';

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
}

export function readableError(err: unknown): ReadableError {
  if (err instanceof IpcCallError) {
    const issues = Array.isArray(err.details)
      ? err.details.filter(isIssue).map((i) => `${i.path.join('.') || 'argument'}: ${i.message}`)
      : [];
    // The schema's pretty print repeats the issues; keep its first line when they are listed.
    const message = issues.length > 0 ? (err.message.split('\n')[0] ?? err.message) : err.message;
    return { code: err.code, message, issues };
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
  if (!error) return null;
  return (
    <div className="ct-error" role="alert" data-testid={testId}>
      <strong>{error.message}</strong> <span className="ct-code">{error.code}</span>
      {error.issues.length > 0 && (
        <ul>
          {error.issues.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
