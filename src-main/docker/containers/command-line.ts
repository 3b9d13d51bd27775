/**
 * The full command of a container as one line, the way `docker ps --no-trunc` shows it:
 * `nginx -g 'daemon off;'`. The engine keeps Path and Args apart; the list's own `Command` field
 * joins them with plain spaces, which loses the argument boundaries (`nginx -g daemon off;`).
 */

/** Characters a POSIX shell word can hold without quoting. */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** One argument, quoted for a POSIX shell only when it needs it. */
export function quoteShellArg(arg: string): string {
  if (arg === '') return "''";
  if (SAFE.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function formatCommandLine(path: string, args: readonly string[]): string {
  return [path, ...args]
    .filter((part, i) => i > 0 || part !== '')
    .map(quoteShellArg)
    .join(' ');
}
