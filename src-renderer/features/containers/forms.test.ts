import { describe, expect, it } from 'vitest';
import { buildCommitSpec, dockerCommitLine, emptyCommitForm } from './commit-form';
import { containersMsg } from './messages';
import { runMsg } from './run-messages';
import { imageRows } from './StackPicture';
import { buildRunSpec, dockerRunLine, emptyRunForm, runNotes, type RunForm } from './run-form';
import { joinArgs, splitArgs } from './shell-words';

describe('shell words', () => {
  it('splits quotes and escapes and joins back', () => {
    const s = splitArgs(`sh -c 'while true; do echo tick; sleep 1; done' "a \\"b\\"" c\\ d`);
    expect(s).toEqual({
      ok: true,
      args: ['sh', '-c', 'while true; do echo tick; sleep 1; done', 'a "b"', 'c d'],
    });
    expect(joinArgs(['nginx', '-g', 'daemon off;'])).toBe(`nginx -g 'daemon off;'`);
    expect(joinArgs(["it's"])).toBe(`'it'\\''s'`);
    expect(splitArgs(`echo 'open`)).toEqual({ ok: false, problem: "a ' quote is not closed" });
    expect(splitArgs('  ')).toEqual({ ok: true, args: [] });
  });
});

describe('run form', () => {
  const web: RunForm = {
    ...emptyRunForm('nginx:alpine'),
    name: 'web1',
    ports: [{ hostIp: '', hostPort: '8001', containerPort: '80', protocol: 'tcp' }],
  };
  it('builds the tutorial run and its docker line', () => {
    const { spec, problems } = buildRunSpec(web);
    expect(problems).toEqual({});
    expect(spec).toMatchObject({
      image: 'nginx:alpine',
      name: 'web1',
      detach: true,
      ports: [{ containerPort: 80, hostPort: 8001 }],
    });
    expect(dockerRunLine(web)).toBe('docker run -d --name web1 -p 8001:80 nginx:alpine');
  });
  it('puts problems beside their fields', () => {
    const { problems } = buildRunSpec({
      ...web,
      name: '-bad',
      env: ['OK=1', 'NO EQUALS'],
      ports: [{ hostIp: '1.2.3', hostPort: 'x', containerPort: '0', protocol: 'udp' }],
      mounts: [{ kind: 'bind', source: 'relative', target: '/data', readOnly: true }],
      command: `echo "unterminated`,
    });
    expect(Object.keys(problems).sort()).toEqual(
      ['command', 'env.1', 'mounts.0.source', 'name', 'ports.0.containerPort', 'ports.0.hostPort'].sort(),
    );
  });
  it('writes every flag of the line', () => {
    const line = dockerRunLine({
      ...web,
      detach: false,
      autoRemove: true,
      networkMode: 'none',
      env: ['A=b c'],
      ports: [{ hostIp: '127.0.0.1', hostPort: '', containerPort: '53', protocol: 'udp' }],
      mounts: [{ kind: 'volume', source: 'data', target: '/d', readOnly: true }],
      command: `sh -c 'echo hi'`,
    });
    expect(line).toBe(
      `docker run --name web1 --rm --network none -e 'A=b c' -p 127.0.0.1::53/udp -v data:/d:ro nginx:alpine sh -c 'echo hi'`,
    );
  });
});

describe('commit form', () => {
  it('validates changes and writes the line', () => {
    const form = {
      ...emptyCommitForm(),
      reference: 'myimg/httpd:v2',
      changes: [{ instruction: 'CMD' as const, value: '["httpd","-f","-h","/var/www/"]' }],
    };
    expect(buildCommitSpec('httpd', form).problems).toEqual({});
    expect(dockerCommitLine('httpd', form)).toBe(
      `docker commit -p -c 'CMD ["httpd","-f","-h","/var/www/"]' httpd myimg/httpd:v2`,
    );
    const bad = {
      ...form,
      reference: 'UPPER:tag',
      changes: [{ instruction: 'EXPOSE' as const, value: '99999' }],
    };
    expect(Object.keys(buildCommitSpec('httpd', bad).problems).sort()).toEqual(['changes.0', 'reference']);
  });
});

describe('runNotes in the UI language', () => {
  it('words the same notes with the Chinese catalog', () => {
    const form = { ...emptyRunForm('busybox'), detach: false, autoRemove: true };
    expect(runNotes(form)).toEqual([
      'Attached: the dialog waits until the command ends and shows its output.',
      '--rm: the container and its writable layer are deleted when it stops.',
    ]);
    expect(runNotes(form, runMsg.zh)).toEqual([runMsg.zh.noteAttached, runMsg.zh.noteRm]);
  });
});

describe('run form problems in the UI language', () => {
  it('words its own checks with the catalog it is given', () => {
    const form: RunForm = { ...emptyRunForm(''), env: ['BAD KEY=1'] };
    expect(buildRunSpec(form).problems).toMatchObject({
      image: 'which image to run',
      'env.0': 'KEY=VALUE (no spaces in KEY)',
    });
    expect(buildRunSpec(form, runMsg.zh).problems).toMatchObject({
      image: runMsg.zh.problemImage,
      'env.0': runMsg.zh.problemEnv,
    });
  });
});

describe('what a commit made, in words', () => {
  it('says one layer more when the writable layer had changes, and why none when it had none', () => {
    for (const w of [runMsg.en, runMsg.zh]) {
      expect(w.committedLayers(2, 1)).not.toBe(w.committedLayers(1, 1));
    }
    expect(runMsg.en.committedLayers(2, 1)).toBe(
      ', 2 layers: the writable layer is now its top, read-only layer.',
    );
    expect(runMsg.en.committedLayers(1, 1)).toMatch(/^, 1 layer, as many as its image: .*no changes/);
    expect(runMsg.zh.committedLayers(1, 1)).toContain('没有新增镜像层');
  });
  it('counts layers in the singular for one', () => {
    expect(containersMsg.en.newImage('a:b', 1, 1)).toBe('New image a:b: 1 layer (its base has 1)');
    expect(containersMsg.en.newImage('a:b', 3, 2)).toBe('New image a:b: 3 layers (its base has 2)');
  });
});

describe('the stack picture rows', () => {
  const a = `sha256:${'a'.repeat(64)}`;
  const b = `sha256:${'b'.repeat(64)}`;
  it('give each read-only layer its size when known, top first', () => {
    const rows = imageRows([a, b], false, undefined, new Map([[a, 2_000_000]]));
    expect(rows.map((r) => r.detail)).toEqual(['bbbbbbbbbbbb', 'aaaaaaaaaaaa · 1.9 MiB']);
    expect(rows.map((r) => r.label)).toEqual(['layer 2, read-only', 'layer 1 (base), read-only']);
  });
});
