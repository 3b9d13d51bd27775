/**
 * Files the app writes appear whole or not at all: written to a temp file beside the target
 * (same filesystem, so the rename is atomic), flushed, then renamed over the target. Any error
 * or cancellation removes the temp file.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriter {
  write(chunk: Uint8Array): Promise<void>;
  /** Flushes, checks, renames into place. */
  commit(check?: (tempPath: string) => Promise<void>): Promise<void>;
  /** Removes the temp file; safe to call after commit (does nothing then). */
  abort(): Promise<void>;
  readonly tempPath: string;
}

export async function openAtomic(target: string): Promise<AtomicWriter> {
  const tempPath = join(dirname(target), `.${basename(target)}.strata-${randomBytes(6).toString('hex')}.partial`);
  const fh = await open(tempPath, 'wx', 0o644);
  let state: 'open' | 'committed' | 'aborted' = 'open';
  const abort = async (): Promise<void> => {
    if (state === 'committed' || state === 'aborted') return;
    state = 'aborted';
    await fh.close().catch(() => undefined);
    await rm(tempPath, { force: true });
  };
  return {
    tempPath,
    async write(chunk) {
      let off = 0;
      while (off < chunk.byteLength) off += (await fh.write(chunk, off, chunk.byteLength - off)).bytesWritten;
    },
    async commit(check) {
      if (state !== 'open') throw new Error(`cannot commit a ${state} file`);
      try {
        await fh.sync();
        await fh.close();
        if (check) await check(tempPath);
        await rename(tempPath, target);
        state = 'committed';
      } catch (err) {
        await abort();
        throw err;
      }
    },
    abort,
  };
}
