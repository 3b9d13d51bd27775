/**
 * Test helper (imported only by fuzz.test.ts): the analyzer options a case runs with, and the
 * oracle: a result must be well formed (schema, finite non-negative numbers, a tree with no `..`),
 * an error an ArchiveError naming the file with a one-line reason.
 */
import fc from 'fast-check';
import { ArchiveAnalysisSchema } from '../../../src-shared/archive-analysis';
import type { AnalyzeResult } from '../analyze';
import { ArchiveError } from '../model';
import type { ReadOptions } from '../read/read-archive';

/** Mostly the defaults; now and then a limit low enough to trip, or a platform to pick. */
const sometimes = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

export const readOptions: fc.Arbitrary<ReadOptions> = fc
  .record({
    verify: fc.boolean(),
    maxInflatedBytes: sometimes(fc.constantFrom(0, 1, 511, 4096, 100_000, 2 ** 20)),
    maxEntriesPerLayer: sometimes(fc.constantFrom(1, 2, 5, 1000)),
    platform: sometimes(
      fc.constantFrom('linux/amd64', 'linux/arm64', 'linux/arm64/v8', 'windows/amd64', '../..'),
    ),
  })
  .map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as ReadOptions);

export const ERROR_CODES = new Set(['NOT_AN_IMAGE', 'CORRUPT', 'UNSUPPORTED', 'TOO_LARGE']);

/** Problems with a rejection (empty when it is the clear ArchiveError the issue asks for). */
export function checkError(err: unknown, file: string): string[] {
  if (!(err instanceof ArchiveError)) {
    const e = err as Error;
    return [`not an ArchiveError: ${e?.name ?? typeof err}: ${e?.message ?? String(err)}\n${e?.stack ?? ''}`];
  }
  const problems: string[] = [];
  if (err.file !== file) problems.push(`error names '${err.file}', not the archive '${file}'`);
  if (!ERROR_CODES.has(err.code)) problems.push(`unexpected code ${err.code}`);
  if (typeof err.reason !== 'string' || err.reason.trim() === '') problems.push('empty reason');
  // eslint-disable-next-line no-control-regex
  else if (/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/.test(err.reason))
    problems.push(`reason is not one printable line: ${JSON.stringify(err.reason.slice(0, 300))}`);
  else if (err.reason.length > 2000)
    problems.push(`reason of ${err.reason.length} chars: ${err.reason.slice(0, 200)}...`);
  if (err.message !== `${err.file}: ${err.reason}`)
    problems.push(`message '${err.message}' is not 'file: reason'`);
  return problems;
}

function walkNumbers(v: unknown, path: string, out: string[]): void {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) out.push(`${path} = ${v}`);
  } else if (Array.isArray(v)) v.forEach((x, i) => walkNumbers(x, `${path}[${i}]`, out));
  else if (typeof v === 'object' && v !== null)
    for (const [k, x] of Object.entries(v)) walkNumbers(x, `${path}.${k}`, out);
}

const BAD_NAME = (n: string): boolean => n === '' || n === '.' || n === '..' || n.includes('/');

/** Problems with a result (empty when it is well formed). */
export function checkResult(res: AnalyzeResult, file: string): string[] {
  const problems: string[] = [];
  const a = res.analysis;
  if (a.file !== file) problems.push(`analysis.file '${a.file}' is not '${file}'`);
  if (!Array.isArray(a.images)) return [...problems, 'no images array'];
  const parsed = ArchiveAnalysisSchema.safeParse(a);
  if (!parsed.success) problems.push(`schema: ${parsed.error.message.slice(0, 500)}`);
  const bad: string[] = [];
  walkNumbers(a, 'analysis', bad);
  if (bad.length > 0) problems.push(`numbers not finite or negative: ${bad.slice(0, 5).join(', ')}`);
  for (const img of a.images) {
    for (const l of img.layers) {
      if (l.blobPath.startsWith('/') || l.blobPath.split('/').includes('..'))
        problems.push(`layer blob outside the archive: ${l.blobPath}`);
    }
    const tree = res.trees.get(img.id);
    if (!tree) {
      problems.push(`no tree for ${img.id}`);
      continue;
    }
    // Walk the merged tree (bounded): no `..`, no empty names, sizes finite.
    const queue = [''];
    let seen = 0;
    while (queue.length > 0 && seen < 3000) {
      const dir = queue.shift()!;
      for (const e of tree.children(dir)) {
        seen++;
        const expected = dir === '' ? e.name : `${dir}/${e.name}`;
        if (BAD_NAME(e.name) || e.path !== expected)
          problems.push(`tree row '${e.path}' (name '${e.name}') under '${dir}'`);
        if (!Number.isFinite(e.size) || e.size < 0 || !Number.isInteger(e.childCount) || e.childCount < 0) {
          problems.push(`tree row '${e.path}': size ${e.size}, childCount ${e.childCount}`);
        }
        if (e.type === 'dir' && !BAD_NAME(e.name)) queue.push(e.path);
      }
    }
    for (let k = 0; k < tree.layerCount; k++) {
      tree.children('', { view: 'layer-only', asOfLayer: k });
      tree.removedItems(k);
      const t = tree.fileCountAndBytes(k);
      if (![t.files, t.dirs, t.bytes].every((n) => Number.isFinite(n) && n >= 0))
        problems.push(`layer ${k} totals ${JSON.stringify(t)}`);
    }
  }
  return problems;
}
