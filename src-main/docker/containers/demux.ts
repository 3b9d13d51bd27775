/**
 * Splits the engine's multiplexed attach/logs/exec stream into stdout and stderr.
 *
 * Without a TTY the engine frames output as an 8-byte header (stream type byte, three zero bytes,
 * big-endian uint32 payload length) followed by the payload
 * (https://docs.docker.com/engine/api/v1.41/#operation/ContainerAttach). Frames are split across
 * chunks arbitrarily, so this keeps a partial header and streams a frame's payload as its bytes
 * arrive: memory stays bounded by one header, whatever length a frame declares. With a TTY the
 * stream is raw bytes (`RawPassThrough`).
 */
import type { LogStream } from '../../../src-shared/containers-dto';

export interface DemuxedPiece {
  stream: LogStream;
  bytes: Buffer;
}

const HEADER = 8;

/** Stream type 0 is stdin (echoed), 1 stdout, 2 stderr, 3 the engine's own errors: shown as stderr. */
const streamOf = (type: number): LogStream => (type === 2 || type === 3 ? 'stderr' : 'stdout');

export interface Demuxer {
  /** The pieces this chunk completes or continues, in order. */
  push(chunk: Buffer): DemuxedPiece[];
  /** Bytes of an unfinished header or frame at the end of the stream (0 when it ended cleanly). */
  pendingBytes(): number;
}

export class FrameDemuxer implements Demuxer {
  private header = Buffer.alloc(HEADER);
  private headerFill = 0;
  private remaining = 0;
  private current: LogStream = 'stdout';

  push(chunk: Buffer): DemuxedPiece[] {
    const out: DemuxedPiece[] = [];
    let at = 0;
    while (at < chunk.length) {
      if (this.remaining === 0) {
        const take = Math.min(HEADER - this.headerFill, chunk.length - at);
        chunk.copy(this.header, this.headerFill, at, at + take);
        this.headerFill += take;
        at += take;
        if (this.headerFill < HEADER) break;
        this.headerFill = 0;
        this.current = streamOf(this.header[0]!);
        this.remaining = this.header.readUInt32BE(4);
        continue;
      }
      const take = Math.min(this.remaining, chunk.length - at);
      const bytes = chunk.subarray(at, at + take);
      at += take;
      this.remaining -= take;
      const last = out[out.length - 1];
      // Pieces of one chunk that continue the same stream are joined: fewer, larger pieces.
      if (last && last.stream === this.current) last.bytes = Buffer.concat([last.bytes, bytes]);
      else out.push({ stream: this.current, bytes });
    }
    return out;
  }

  pendingBytes(): number {
    return this.headerFill + this.remaining;
  }
}

/** A TTY's output: one raw stream, reported as stdout (the engine cannot tell stderr apart). */
export class RawPassThrough implements Demuxer {
  push(chunk: Buffer): DemuxedPiece[] {
    return chunk.length > 0 ? [{ stream: 'stdout', bytes: chunk }] : [];
  }

  pendingBytes(): number {
    return 0;
  }
}

export const createDemuxer = (tty: boolean): Demuxer => (tty ? new RawPassThrough() : new FrameDemuxer());

/** Collects one stream's bytes up to a cap, remembering whether anything was cut. */
export class CappedBuffer {
  private readonly parts: Buffer[] = [];
  private size = 0;
  truncated = false;

  constructor(private readonly cap: number) {}

  add(bytes: Buffer): void {
    const room = this.cap - this.size;
    if (bytes.length > room) this.truncated = true;
    if (room <= 0) return;
    const kept = bytes.length > room ? bytes.subarray(0, room) : bytes;
    this.parts.push(kept);
    this.size += kept.length;
  }

  /** UTF-8 text; a multi-byte character cut by the cap becomes U+FFFD. */
  text(): string {
    return Buffer.concat(this.parts).toString('utf8');
  }
}
