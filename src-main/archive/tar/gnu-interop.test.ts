/**
 * Archives written by GNU tar itself, in each of its formats, read by our walker and compared
 * with GNU's own listing and with the files they were made from.
 */
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayPath, type TarEntry } from '../model';
import { asGnuListing, gnuTarAvailable, gnuTarList } from './gnu-tar-list';
import type { EntryMeta } from './tar-parser';
import { walkTarAt } from './walk-file';

const hasTar = gnuTarAvailable();
const root = mkdtempSync(join(tmpdir(), 'gnu-interop-'));
const tree = join(root, 'tree');
const latin1Name = Buffer.from([0x6e, 0xe9, 0xff, 0x2e, 0x62, 0x69, 0x6e]); // not UTF-8
const longName = 'dir-' + 'x'.repeat(120) + '/' + 'file-' + 'y'.repeat(150);

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
}

/** A sparse file: `size` bytes with small data islands at the given offsets. */
function sparseFile(path: string, size: number, at: number[]): void {
  const fd = openSync(path, 'w');
  for (const off of at) writeSync(fd, Buffer.from(`data@${off}`), 0, undefined, off);
  closeSync(fd);
  run('truncate', ['-s', String(size), path]);
}

beforeAll(() => {
  if (!hasTar) throw new Error('GNU tar is needed as the reference for these tests');
  mkdirSync(join(tree, 'etc'), { recursive: true });
  mkdirSync(join(tree, 'empty-dir'));
  writeFileSync(join(tree, 'etc', 'hosts'), '127.0.0.1 localhost\n');
  for (const size of [0, 1, 511, 512, 513, 100_000])
    writeFileSync(join(tree, `f${size}`), Buffer.alloc(size, 0x61));
  writeFileSync(Buffer.from(join(tree, '/') + latin1Name.toString('latin1'), 'latin1'), 'latin1 name');
  symlinkSync('etc/hosts', join(tree, 'rel-link'));
  symlinkSync('/etc/passwd', join(tree, 'abs-link'));
  linkSync(join(tree, 'f513'), join(tree, 'hard-link'));
  run('mkfifo', [join(tree, 'fifo')]);
  mkdirSync(join(tree, longName.split('/')[0]!));
  writeFileSync(join(tree, longName), 'long');
  sparseFile(join(tree, 'sparse-few'), 10_000_000, [1_000_000, 5_000_000]);
  sparseFile(
    join(tree, 'sparse-many'),
    8_000_000,
    Array.from({ length: 40 }, (_, i) => i * 200_000),
  );
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Walked {
  entries: TarEntry[];
  metas: EntryMeta[];
}

async function walk(file: string, start = 0, length = statSync(file).size): Promise<Walked> {
  const entries: TarEntry[] = [];
  const metas: EntryMeta[] = [];
  const fd = openSync(file, 'r');
  try {
    await walkTarAt(fd, start, length, (e, m) => {
      entries.push(e);
      metas.push(m);
    });
  } finally {
    closeSync(fd);
  }
  return { entries, metas };
}

const formats: Array<[string, string[]]> = [
  ['gnu', ['--format=gnu']],
  ['pax', ['--format=pax']],
  ['gnu --sparse', ['--format=gnu', '--sparse']],
  ['pax --sparse (1.0)', ['--format=pax', '--sparse', '--sparse-version=1.0']],
  ['pax --sparse (0.1)', ['--format=pax', '--sparse', '--sparse-version=0.1']],
  ['pax --sparse (0.0)', ['--format=pax', '--sparse', '--sparse-version=0.0']],
];

describe('archives written by GNU tar', () => {
  it.each(formats)('%s: our entries match GNU tar -tv and the files', async (name, flags) => {
    const file = join(root, `${name.replace(/\W+/g, '_')}.tar`);
    run('tar', [...flags, '-cf', file, '-C', tree, '.']);
    const { entries, metas } = await walk(file);
    expect(entries.map(asGnuListing)).toEqual(gnuTarList(file).map(({ mode: _m, ...rest }) => rest));

    const byPath = new Map(entries.map((e, i) => [e.path, { e, m: metas[i]! }]));
    expect(byPath.get('')?.e.type).toBe('dir');
    expect(byPath.get('etc/hosts')?.e).toMatchObject({ type: 'file', size: 20 });
    expect(byPath.get('f100000')?.e.size).toBe(100_000);
    expect(byPath.get(latin1Name.toString('latin1'))?.e.size).toBe(11);
    expect(displayPath(latin1Name.toString('latin1'))).not.toBe(latin1Name.toString('latin1'));
    expect(byPath.get('rel-link')?.e).toMatchObject({ type: 'symlink', linkname: 'etc/hosts' });
    expect(byPath.get('abs-link')?.e).toMatchObject({ type: 'symlink', linkname: '/etc/passwd' });
    const hard = entries.find((e) => e.type === 'hardlink')!;
    expect(['f513', 'hard-link']).toContain(hard.linkname);
    expect(byPath.get('fifo')?.e.type).toBe('fifo');
    expect(byPath.get(longName)?.e.size).toBe(4);
    expect(byPath.get('sparse-few')?.e.size).toBe(10_000_000);
    expect(byPath.get('sparse-many')?.e.size).toBe(8_000_000);
    const sparse = flags.includes('--sparse');
    expect(byPath.get('sparse-many')?.m.sparse).toBe(sparse);
    if (sparse) expect(byPath.get('sparse-many')!.m.storedSize).toBeLessThan(1_000_000);
  });

  it('ustar: prefix names and the root entry', async () => {
    const file = join(root, 'ustar.tar');
    mkdirSync(join(root, 'u', 'a'.repeat(90)), { recursive: true });
    writeFileSync(join(root, 'u', 'a'.repeat(90), 'b'.repeat(90)), 'u');
    run('tar', ['--format=ustar', '-cf', file, '-C', join(root, 'u'), '.']);
    const { entries } = await walk(file);
    expect(entries.map((e) => e.path)).toEqual(['', 'a'.repeat(90), `${'a'.repeat(90)}/${'b'.repeat(90)}`]);
    expect(entries.map(asGnuListing)).toEqual(gnuTarList(file).map(({ mode: _m, ...rest }) => rest));
  });

  it('reads a layer.tar inside an uncompressed outer archive at its offset', async () => {
    const inner = join(root, 'layer.tar');
    run('tar', ['--format=pax', '-cf', inner, '-C', tree, '.']);
    const outer = join(root, 'outer.tar');
    run('tar', ['--format=gnu', '-cf', outer, '-C', root, 'tree/etc', 'layer.tar']);
    const outerEntries = (await walk(outer)).entries;
    const layer = outerEntries.find((e) => e.path === 'layer.tar')!;
    expect(layer.size).toBe(statSync(inner).size);
    const nested = await walk(outer, layer.dataOffset, layer.size);
    const direct = await walk(inner);
    expect(nested).toEqual(direct);
    expect(nested.entries.length).toBeGreaterThan(10);
  });
});
