/**
 * Files the app writes appear whole or not at all: written to a temp file beside the target
 * (same filesystem, so the rename is atomic), flushed, then renamed over the target. Any error
 * or cancellation removes the temp file (and a crash's is removed by the next write of the same
 * target). Every failure of the file system is a WriteFileError that names the target (not the
 * temp file) and says why in plain words (disk full, no such folder...).
 */
import { randomBytes } from 'node:crypto';
import { lstat, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { WriteFileError, describeWriteFailure, writeFileError } from './write-error';

export interface AtomicWriter {
  write(chunk: Uint8Array): Promise<void>;
  /** Writes the chunks in order, in as few system calls as the OS allows. */
  writev(chunks: readonly Uint8Array[]): Promise<void>;
  /** Flushes, checks, renames into place. */
  commit(check?: (tempPath: string) => Promise<void>): Promise<void>;
  /** Removes the temp file; safe to call after commit (does nothing then). */
  abort(): Promise<void>;
  readonly tempPath: string;
}

const FLUSH_EVERY = 8 << 20;

/** Runs a file-system step; its failure becomes a WriteFileError about `target`. */
async function step<T>(target: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw writeFileError(target, err);
  }
}

/** A folder at the target could only fail at the rename, after all the work: refuse it up front. */
async function refuseFolder(target: string): Promise<void> {
  const st = await lstat(target).catch(() => null);
  if (st?.isDirectory())
    throw new WriteFileError(target, 'EISDIR', describeWriteFailure(target, 'EISDIR', ''));
}

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The temp files of writes of `target` (see openAtomic's names), with the pid of their writer. */
async function tempsOf(target: string): Promise<{ path: string; pid: number }[]> {
  const prefix = `.${basename(target)}.strata-`;
  const names = await readdir(dirname(target)).catch(() => [] as string[]);
  return names.flatMap((name) => {
    const m = name.startsWith(prefix)
      ? /^(\d+)-[0-9a-f]{12}\.partial$/.exec(name.slice(prefix.length))
      : null;
    return m ? [{ path: join(dirname(target), name), pid: Number(m[1]) }] : [];
  });
}

/**
 * A write cut short by a crash (the app killed, the machine off) leaves its temp file: the next
 * write of the same target removes those of processes no longer running. Temp names carry the
 * writer's pid; a live writer's (this process's included) is never touched.
 */
async function removeStaleTemps(target: string): Promise<void> {
  for (const t of await tempsOf(target))
    if (t.pid !== process.pid && !isRunning(t.pid)) await rm(t.path, { force: true }).catch(() => undefined);
}

/** Temp files this thread is writing now (each thread, a worker too, has its own set). */
const liveTemps = new Set<string>();

/**
 * Removes this process's temp files of `target`: for a thread of this process that died while
 * writing it (the analysis worker), which could not clean up after itself. The writes this thread
 * has open (a save of the same file going on here) keep theirs.
 */
export async function removeOwnTemps(target: string): Promise<void> {
  for (const t of await tempsOf(target))
    if (t.pid === process.pid && !liveTemps.has(t.path))
      await rm(t.path, { force: true }).catch(() => undefined);
}

export async function openAtomic(target: string): Promise<AtomicWriter> {
  await refuseFolder(target);
  await removeStaleTemps(target);
  const tempPath = join(
    dirname(target),
    `.${basename(target)}.strata-${process.pid}-${randomBytes(6).toString('hex')}.partial`,
  );
  const fh = await step(target, () => open(tempPath, 'wx', 0o644));
  liveTemps.add(tempPath);
  let state: 'open' | 'committed' | 'aborted' = 'open';
  // Large files are flushed to disk as they are written (one flush at a time, in the background),
  // so the flush before the rename only has the tail left to do instead of the whole file.
  let unflushed = 0;
  let flushing: Promise<void> | null = null;
  let flushError: unknown = null;
  const wrote = (n: number): void => {
    unflushed += n;
    if (unflushed < FLUSH_EVERY || flushing) return;
    unflushed = 0;
    flushing = fh
      .datasync()
      .catch((err: unknown) => void (flushError ??= err))
      .finally(() => (flushing = null));
  };
  const abort = async (): Promise<void> => {
    if (state === 'committed' || state === 'aborted') return;
    state = 'aborted';
    await flushing;
    await fh.close().catch(() => undefined);
    await rm(tempPath, { force: true });
    liveTemps.delete(tempPath);
  };
  return {
    tempPath,
    async write(chunk) {
      let off = 0;
      while (off < chunk.byteLength)
        off += (await step(target, () => fh.write(chunk, off, chunk.byteLength - off))).bytesWritten;
      wrote(off);
    },
    async writev(chunks) {
      let rest = chunks.filter((c) => c.byteLength > 0);
      const total = rest.reduce((n, c) => n + c.byteLength, 0);
      while (rest.length > 0) {
        let { bytesWritten } = await step(target, () => fh.writev(rest));
        // A short write: drop what went down, go on from the middle of the first partial chunk.
        let i = 0;
        while (i < rest.length && bytesWritten >= rest[i]!.byteLength) bytesWritten -= rest[i++]!.byteLength;
        rest = i < rest.length ? [rest[i]!.subarray(bytesWritten), ...rest.slice(i + 1)] : [];
      }
      wrote(total);
    },
    async commit(check) {
      if (state !== 'open') throw new Error(`cannot commit a ${state} file`);
      try {
        await flushing;
        if (flushError) throw writeFileError(target, flushError);
        await step(target, () => fh.sync());
        await step(target, () => fh.close());
        if (check) await check(tempPath);
        await step(target, () => rename(tempPath, target));
        state = 'committed';
        liveTemps.delete(tempPath);
      } catch (err) {
        await abort();
        throw err;
      }
    },
    abort,
  };
}
