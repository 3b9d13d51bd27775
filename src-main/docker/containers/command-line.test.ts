import { describe, expect, it } from 'vitest';
import { formatCommandLine, quoteShellArg } from './command-line';

describe('formatCommandLine', () => {
  it('shows nginx’s command the way `docker ps --no-trunc` does', () => {
    expect(formatCommandLine('nginx', ['-g', 'daemon off;'])).toBe("nginx -g 'daemon off;'");
  });

  it('leaves plain words alone and quotes what a shell would split or expand', () => {
    expect(formatCommandLine('httpd', ['-f', '-p', '127.0.0.1:8080', '-h', '/www'])).toBe(
      'httpd -f -p 127.0.0.1:8080 -h /www',
    );
    expect(formatCommandLine('sh', ['-c', 'echo out; echo err >&2'])).toBe("sh -c 'echo out; echo err >&2'");
    expect(quoteShellArg('$HOME')).toBe("'$HOME'");
    expect(quoteShellArg('')).toBe("''");
  });

  it('escapes single quotes inside a quoted argument', () => {
    expect(quoteShellArg("it's")).toBe(`'it'\\''s'`);
  });

  it('drops an empty path (a container with only args)', () => {
    expect(formatCommandLine('', [])).toBe('');
  });
});
