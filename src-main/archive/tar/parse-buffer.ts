/**
 * Test helper (imported only by tests): runs a whole buffer through `TarParser` in chunks of a
 * given size or at given cut points, collecting entries, metadata and every entry's data.
 */
import { ArchiveError, type TarEntry } from '../model';
import { TarParser, type DataChoice, type EntryMeta, type TarParserOptions } from './tar-parser';

export interface Parsed {
  entries: TarEntry[];
  metas: EntryMeta[];
  data: Map<string, Buffer>;
  summary: ReturnType<TarParser['end']>;
}

/** Parses `buf` in chunks of `chunk` bytes (or at the given split points), collecting every entry's data. */
export function parse(
  buf: Uint8Array,
  chunk: number | number[] = buf.length || 1,
  choice: DataChoice | 'stream' = 'collect',
  opts: TarParserOptions = {},
): Parsed {
  const entries: TarEntry[] = [];
  const metas: EntryMeta[] = [];
  const data = new Map<string, Buffer>();
  const parser = new TarParser(
    (e, m) => {
      entries.push(e);
      metas.push(m);
      if (choice !== 'stream') return choice;
      const parts: Buffer[] = [];
      return (c) => (c ? parts.push(Buffer.from(c)) : data.set(e.path, Buffer.concat(parts)));
    },
    { ...opts, onCollected: (e, d) => data.set(e.path, Buffer.from(d)) },
  );
  const cuts = typeof chunk === 'number' ? [] : [...chunk, buf.length];
  for (let pos = 0, i = 0; pos < buf.length; i++) {
    const next = typeof chunk === 'number' ? pos + chunk : cuts[i]!;
    parser.write(buf.subarray(pos, next));
    pos = next;
  }
  return { entries, metas, data, summary: parser.end() };
}

/** Runs `fn` and returns the ArchiveError it throws (anything else fails the test). */
export const failure = (fn: () => unknown): ArchiveError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ArchiveError) return err;
    throw err;
  }
  throw new Error('expected an ArchiveError');
};
