/**
 * A push parser for tar streams: feed it chunks of any size with `write()`, call `end()` at EOF.
 *
 * It decodes headers only. File data is skipped by arithmetic (or handed to the caller when an
 * entry asks for it), which is what makes scanning multi-GB layers cheap; the same state machine
 * serves decompressed streams (`parseTarStream`) and positioned reads over a file (`walkTarAt`,
 * which jumps over data with `skippable()`/`advance()`), so both produce identical entries.
 */
import { ArchiveError, displayPath, type TarEntry } from '../model';
import { TarFormatError, toArchiveError } from './errors';
import { BLOCK_SIZE, decodeHeader, isZeroBlock, sparseExtensionContinues, type RawHeader } from './header';
import { EntryDataSink, type CollectedHandler, type DataChoice } from './data-sink';
import { buildEntry, type EntryMeta } from './entry';
import { decodePlainEntry } from './common-header';
import { MAX_META_BODY } from './pax';
import { PendingMeta, type MetaKind } from './pending-meta';

export type { EntryMeta } from './entry';
export type { DataChoice } from './data-sink';

/** Called for every entry; returning nothing skips its data. */
// Handlers like `(e) => void list.push(e)` are the common case: `void` belongs in the union.
// eslint-disable-next-line @typescript-eslint/no-invalid-void-type
export type EntryHandler = (entry: TarEntry, meta: EntryMeta) => DataChoice | void;

export interface TarParserOptions {
  /** Names the stream in errors (e.g. the blob path). */
  label?: string;
  /** Entry count above which the archive is rejected as TOO_LARGE (default 10 million). */
  maxEntries?: number;
  /** Largest entry that may be collected whole (default 64 MiB). */
  maxCollectBytes?: number;
  /** Receives the data of entries for which `onEntry` returned 'collect'. */
  onCollected?: CollectedHandler;
}

export type TarEnd = 'two-zero-blocks' | 'one-zero-block' | 'eof';

export interface TarSummary {
  entries: number;
  /** Headers of unknown types that were skipped with their data. */
  skipped: number;
  /** Bytes written to the parser (the whole tar, trailing padding included). */
  tarBytes: number;
  /** Offset just after the end-of-archive marker (or of the last entry at EOF). */
  endOffset: number;
  end: TarEnd;
}

const enum State {
  Header,
  ZeroSeen,
  SparseExt,
  MetaBody,
  Data,
  Skip,
  End,
}

const asBuffer = (c: Uint8Array): Buffer =>
  Buffer.isBuffer(c) ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength);

const padding = (size: number): number => (BLOCK_SIZE - (size % BLOCK_SIZE)) % BLOCK_SIZE;

export class TarParser {
  private readonly label: string;
  private readonly maxEntries: number;
  private readonly maxCollect: number;
  private state = State.Header;
  /** Stream offset of the next byte to be consumed. */
  private offset = 0;
  /** Bytes the current block/body state needs, and what is buffered so far when chunks split it. */
  private need = BLOCK_SIZE;
  private partial = Buffer.alloc(BLOCK_SIZE);
  private partialLen = 0;
  private skipLeft = 0;
  private dataLeft = 0;
  private metaKind: MetaKind = 'pax';
  private metaPadding = 0;
  /** Metadata collected from pseudo-entries, applied to the next real header. */
  private readonly meta = new PendingMeta();
  private pendingHeader: RawHeader | null = null;
  private headerOffset = 0;
  // The entry whose data is being read.
  private current: TarEntry | null = null;
  private sink: EntryDataSink | null = null;
  private dataPadding = 0;
  private entryCount = 0;
  private skippedCount = 0;
  private endOffset = 0;
  private endKind: TarEnd = 'eof';
  private failed: Error | null = null;
  /** Stream offset of the block being handled (for error messages), -1 between blocks. */
  private blockStart = -1;

  constructor(
    private readonly onEntry: EntryHandler,
    private readonly opts: TarParserOptions = {},
  ) {
    this.label = opts.label ?? 'tar stream';
    this.maxEntries = opts.maxEntries ?? 10_000_000;
    this.maxCollect = opts.maxCollectBytes ?? 64 * 1024 * 1024;
  }

  /** Bytes consumed so far (written plus advanced). */
  get bytesConsumed(): number {
    return this.offset;
  }

  /** Entries emitted so far. */
  get entries(): number {
    return this.entryCount;
  }

  /** True once the end-of-archive marker was read: later bytes are only counted. */
  get finished(): boolean {
    return this.state === State.End;
  }

  /** Bytes that would be discarded unread right now: a positioned reader may jump over them. */
  skippable(): number {
    return this.state === State.Skip ? this.skipLeft : 0;
  }

  /** Consumes `n` skippable bytes without their contents (n <= skippable()). */
  advance(n: number): void {
    if (n > this.skippable()) throw new Error(`advance(${n}) beyond the skippable ${this.skippable()} bytes`);
    this.skipLeft -= n;
    this.offset += n;
    if (this.skipLeft === 0) this.toHeader();
  }

  write(chunk: Uint8Array): void {
    if (this.failed) throw this.failed;
    const buf = asBuffer(chunk);
    let pos = 0;
    try {
      while (pos < buf.length) pos = this.step(buf, pos);
    } catch (err) {
      this.failed = toArchiveError(err, this.label, this.blockStart >= 0 ? this.blockStart : this.offset);
      throw this.failed;
    }
  }

  /** Call at EOF: throws a CORRUPT ArchiveError when the stream stops inside a header or data. */
  end(): TarSummary {
    if (this.failed) throw this.failed;
    const truncated = this.truncation();
    if (truncated) {
      this.failed = new ArchiveError(this.label, `truncated tar: ${truncated} (at offset ${this.offset})`);
      throw this.failed;
    }
    if (this.state !== State.End) this.endOffset = this.offset;
    return {
      entries: this.entryCount,
      skipped: this.skippedCount,
      tarBytes: this.offset,
      endOffset: this.endOffset,
      end: this.endKind,
    };
  }

  private truncation(): string | null {
    const name = this.current ? `'${displayPath(this.current.path)}'` : 'an entry';
    switch (this.state) {
      case State.End:
        return null;
      case State.Header:
      case State.ZeroSeen:
        if (this.partialLen > 0) return 'the archive ends inside a header';
        if (this.state === State.ZeroSeen) this.endKind = 'one-zero-block';
        if (this.meta.pending) {
          return 'the archive ends after a PAX or GNU long-name header, before its entry';
        }
        return null;
      case State.SparseExt:
        return `the archive ends inside the sparse map of '${displayPath(this.pendingHeader?.name ?? '')}'`;
      case State.MetaBody:
        return `the archive ends inside a ${this.metaKind} header body`;
      case State.Data:
        return `the archive ends inside the data of ${name}`;
      case State.Skip:
        return this.current
          ? `the archive ends inside the data of ${name}`
          : 'the archive ends inside skipped data';
    }
  }

  /** Processes what it can from buf[pos..] and returns the new position. */
  private step(buf: Buffer, pos: number): number {
    const avail = buf.length - pos;
    switch (this.state) {
      case State.Skip: {
        const n = Math.min(this.skipLeft, avail);
        this.skipLeft -= n;
        this.offset += n;
        if (this.skipLeft === 0) this.toHeader();
        return pos + n;
      }
      case State.Data:
        return this.feedData(buf, pos, Math.min(this.dataLeft, avail));
      case State.End:
        this.offset += avail;
        return buf.length;
      default: {
        // Block or body states: process in place when the chunk holds it all, else buffer.
        const need = this.need;
        if (this.partialLen === 0 && avail >= need) {
          const start = this.offset;
          this.offset += need;
          this.blockStart = start;
          this.onBlock(buf, pos, start);
          this.blockStart = -1;
          return pos + need;
        }
        const n = Math.min(this.need - this.partialLen, avail);
        buf.copy(this.partial, this.partialLen, pos, pos + n);
        this.partialLen += n;
        this.offset += n;
        if (this.partialLen === this.need) {
          this.partialLen = 0;
          this.blockStart = this.offset - this.need;
          this.onBlock(this.partial, 0, this.blockStart);
          this.blockStart = -1;
        }
        return pos + n;
      }
    }
  }

  /** Handles a complete block (or pseudo-entry body) starting at `start` in the stream. */
  private onBlock(buf: Buffer, off: number, start: number): void {
    switch (this.state) {
      case State.Header:
      case State.ZeroSeen:
        return this.onHeaderBlock(buf, off, start);
      case State.SparseExt:
        if (!sparseExtensionContinues(buf, off)) this.emit(this.pendingHeader!, start + BLOCK_SIZE);
        return;
      case State.MetaBody:
        this.meta.add(this.metaKind, buf.subarray(off, off + this.need));
        this.setSkip(this.metaPadding);
        return;
      default:
        throw new Error(`tar parser: unexpected block in state ${this.state}`);
    }
  }

  private onHeaderBlock(buf: Buffer, off: number, start: number): void {
    if (isZeroBlock(buf, off)) {
      if (this.meta.pending) {
        throw new TarFormatError('end-of-archive marker right after a PAX or GNU long-name header');
      }
      if (this.state === State.ZeroSeen) {
        this.state = State.End;
        this.endKind = 'two-zero-blocks';
        this.endOffset = start + BLOCK_SIZE;
      } else {
        this.state = State.ZeroSeen;
        this.endKind = 'one-zero-block';
        this.endOffset = start + BLOCK_SIZE;
      }
      return;
    }
    if (this.state === State.ZeroSeen) {
      // Go's archive/tar (what Docker reads layers with) rejects this too: a lone zero block
      // inside an archive means two archives were concatenated or the stream is damaged.
      throw new TarFormatError('a header follows a single zero block');
    }
    if (this.meta.idle) {
      // The common case, decoded without intermediates; anything else goes the long way below.
      const plain = decodePlainEntry(buf, off, start, start + BLOCK_SIZE);
      if (plain) {
        this.headerOffset = start;
        this.countEntry();
        return this.deliver(plain.entry, plain.meta);
      }
    }
    const h = decodeHeader(buf, off);
    if (!this.meta.pending) this.headerOffset = start;
    switch (h.kind) {
      case 'pax':
      case 'pax-global':
      case 'gnu-long-name':
      case 'gnu-long-link':
        if (h.size > MAX_META_BODY) {
          throw new TarFormatError(
            `${h.kind} header body of ${h.size} bytes exceeds the 1 MiB limit`,
            'TOO_LARGE',
          );
        }
        this.metaKind = h.kind;
        this.metaPadding = padding(h.size);
        if (h.size === 0) return this.meta.add(h.kind, Buffer.alloc(0));
        this.state = State.MetaBody;
        this.need = h.size;
        if (this.partial.length < h.size)
          this.partial = Buffer.alloc(Math.max(h.size, 2 * this.partial.length));
        return;
      case 'other':
        this.skippedCount++;
        this.meta.clear();
        this.setSkip(h.size + padding(h.size));
        return;
      default:
        if (h.isExtended) {
          this.pendingHeader = h;
          this.state = State.SparseExt;
          this.need = BLOCK_SIZE;
          return;
        }
        this.emit(h, start + BLOCK_SIZE);
    }
  }

  private emit(h: RawHeader, dataOffset: number): void {
    this.countEntry();
    const { entry, meta } = buildEntry(h, this.meta.take(this.headerOffset, dataOffset));
    this.pendingHeader = null;
    this.deliver(entry, meta);
  }

  private countEntry(): void {
    if (++this.entryCount > this.maxEntries) {
      throw new TarFormatError(`more than ${this.maxEntries} entries`, 'TOO_LARGE');
    }
  }

  /** Hands an entry to the handler and sets up reading or skipping its data. */
  private deliver(entry: TarEntry, meta: EntryMeta): void {
    const choice = this.onEntry(entry, meta) ?? 'skip';
    const stored = meta.storedSize;
    this.current = stored > 0 || choice !== 'skip' ? entry : null;
    if (choice === 'skip') {
      this.setSkip(stored + padding(stored));
      return;
    }
    this.sink = new EntryDataSink(choice, entry, meta, this.maxCollect, this.opts.onCollected);
    this.dataLeft = stored;
    this.dataPadding = padding(stored);
    this.state = State.Data;
    if (stored === 0) this.finishData();
  }

  private feedData(buf: Buffer, pos: number, n: number): number {
    this.sink!.write(buf.subarray(pos, pos + n));
    this.dataLeft -= n;
    this.offset += n;
    if (this.dataLeft === 0) this.finishData();
    return pos + n;
  }

  private finishData(): void {
    const sink = this.sink!;
    this.sink = null;
    sink.end();
    this.setSkip(this.dataPadding);
  }

  private setSkip(n: number): void {
    if (n === 0) return this.toHeader();
    this.state = State.Skip;
    this.skipLeft = n;
  }

  private toHeader(): void {
    this.state = State.Header;
    this.need = BLOCK_SIZE;
    this.current = null;
  }
}
