import { describe, expect, it } from 'vitest';
import { CommitSpecSchema } from '../../src-shared/containers-spec';
import { buildCommitQuery, renderCommitChange, splitCommitReference } from './commit';

describe('commit changes', () => {
  it.each([
    [{ instruction: 'CMD', value: '["httpd","-f","-h","/var/www/"]' }, 'CMD ["httpd","-f","-h","/var/www/"]'],
    [{ instruction: 'CMD', value: ' [ "sh" ] ' }, 'CMD ["sh"]'],
    [{ instruction: 'ENTRYPOINT', value: 'httpd -f -h /www' }, 'ENTRYPOINT httpd -f -h /www'],
    [{ instruction: 'ENV', value: 'A=b' }, 'ENV A="b"'],
    [{ instruction: 'ENV', value: 'MSG=hello $USER "x" \\n' }, 'ENV MSG="hello \\$USER \\"x\\" \\\\n"'],
    [
      { instruction: 'LABEL', value: 'org.opencontainers.image.title=My app' },
      'LABEL org.opencontainers.image.title="My app"',
    ],
    [{ instruction: 'EXPOSE', value: '80' }, 'EXPOSE 80'],
    [{ instruction: 'EXPOSE', value: '53/udp' }, 'EXPOSE 53/udp'],
    [{ instruction: 'USER', value: 'www-data:www-data' }, 'USER www-data:www-data'],
    [{ instruction: 'WORKDIR', value: '/var/www' }, 'WORKDIR /var/www'],
    [{ instruction: 'VOLUME', value: '/data dir' }, 'VOLUME ["/data dir"]'],
  ])('renders %o as %s', (change, line) => {
    const spec = CommitSpecSchema.parse({ container: 'c', changes: [change] });
    expect(renderCommitChange(spec.changes[0]!)).toBe(line);
  });

  it.each([
    ['CMD', '["httpd", 1]'],
    ['CMD', '[not json'],
    ['CMD', '   '],
    ['CMD', 'echo a\nRUN rm -rf /'],
    ['ENV', 'NOVALUE'],
    ['ENV', '1A=b'],
    ['LABEL', '=x'],
    ['EXPOSE', '80/icmp'],
    ['EXPOSE', '0'],
    ['EXPOSE', '65536'],
    ['EXPOSE', '$PORT'],
    ['USER', 'root; rm'],
    ['WORKDIR', 'relative/dir'],
    ['WORKDIR', '/home/$USER'],
    ['VOLUME', 'data'],
    ['RUN', 'rm -rf /'],
  ])('rejects %s %j', (instruction, value) => {
    expect(CommitSpecSchema.safeParse({ container: 'c', changes: [{ instruction, value }] }).success).toBe(
      false,
    );
  });
});

describe('commit query', () => {
  it('splits repo and tag as the tutorial writes them', () => {
    expect(splitCommitReference('myimg/httpd:v2')).toEqual({ repo: 'myimg/httpd', tag: 'v2' });
    expect(splitCommitReference('myimg/httpd')).toEqual({ repo: 'myimg/httpd', tag: 'latest' });
    expect(splitCommitReference('127.0.0.1:5000/x/y:1.0')).toEqual({
      repo: '127.0.0.1:5000/x/y',
      tag: '1.0',
    });
  });

  it('rejects references that cannot name a commit', () => {
    for (const reference of ['Bad/Upper', 'x@sha256:' + 'a'.repeat(64), 'a:b:c', '']) {
      expect(CommitSpecSchema.safeParse({ container: 'c', reference }).success, reference).toBe(false);
    }
  });

  it('puts every option in the query, pause on by default, one `changes` entry per instruction', () => {
    const spec = CommitSpecSchema.parse({
      container: 'httpd',
      reference: 'myimg/httpd:v2',
      message: 'add index',
      author: 'me',
      changes: [
        { instruction: 'CMD', value: '["httpd","-f","-h","/var/www/"]' },
        { instruction: 'EXPOSE', value: '80' },
      ],
    });
    expect(buildCommitQuery(spec)).toEqual({
      container: 'httpd',
      repo: 'myimg/httpd',
      tag: 'v2',
      comment: 'add index',
      author: 'me',
      pause: true,
      changes: ['CMD ["httpd","-f","-h","/var/www/"]', 'EXPOSE 80'],
    });
    expect(buildCommitQuery(CommitSpecSchema.parse({ container: 'c', pause: false }))).toEqual({
      container: 'c',
      comment: '',
      author: '',
      pause: false,
    });
  });
});
