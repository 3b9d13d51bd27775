/**
 * Shell words both ways, the way a learner types and reads a command: `sh -c 'echo hi > /f'`
 * becomes ["sh", "-c", "echo hi > /f"] and back. Pure string work (no shell is ever run).
 */

/** Characters a POSIX shell word can hold without quoting. */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** One argument, quoted for a POSIX shell only when it needs it. */
export function quoteArg(arg: string): string {
  if (arg === '') return "''";
  if (SAFE.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export const joinArgs = (args: readonly string[]): string => args.map(quoteArg).join(' ');

export type SplitResult = { ok: true; args: string[] } | { ok: false; problem: string };

/**
 * Splits a command line into arguments: white space separates, '...' is literal, "..." allows
 * \" \\ \$ \` escapes, a backslash outside quotes escapes the next character. No expansion.
 */
export function splitArgs(line: string): SplitResult {
  const args: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { ok: false, problem: "a ' quote is not closed" };
      word += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      i++;
      let closed = false;
      while (i < line.length) {
        const d = line[i]!;
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) {
          word += line[i + 1];
          i += 2;
        } else {
          word += d;
          i++;
        }
      }
      if (!closed) return { ok: false, problem: 'a " quote is not closed' };
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 >= line.length) return { ok: false, problem: 'a trailing \\ escapes nothing' };
      word += line[i + 1];
      inWord = true;
      i += 2;
    } else if (/\s/.test(c)) {
      if (inWord) args.push(word);
      word = '';
      inWord = false;
      i++;
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) args.push(word);
  return { ok: true, args };
}
