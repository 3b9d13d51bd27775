/**
 * Turns demultiplexed log bytes into lines, per stream. UTF-8 characters and lines split across
 * chunks are joined again; the engine's `timestamps` prefix (RFC 3339 nano, then a space) is
 * split off into `time`. Memory is bounded: the newest lines up to a byte budget are kept.
 */
import { StringDecoder } from 'node:string_decoder';
import type { LogLine, LogStream } from '../../../src-shared/containers-dto';
import type { DemuxedPiece } from './demux';

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})) /;

/** A single line longer than this is cut (its rest dropped) so one runaway line cannot fill memory. */
const MAX_LINE = 64 * 1024;

export class LogLineCollector {
  private readonly decoders: Record<LogStream, StringDecoder> = {
    stdout: new StringDecoder('utf8'),
    stderr: new StringDecoder('utf8'),
  };
  private readonly partial: Record<LogStream, string> = { stdout: '', stderr: '' };
  private lines: LogLine[] = [];
  private bytes = 0;
  truncated = false;

  constructor(
    private readonly timestamps: boolean,
    private readonly budget: number,
  ) {}

  push(piece: DemuxedPiece): void {
    const text = this.partial[piece.stream] + this.decoders[piece.stream].write(piece.bytes);
    const parts = text.split('\n');
    this.partial[piece.stream] = parts.pop()!;
    if (this.partial[piece.stream].length > MAX_LINE) {
      this.partial[piece.stream] = this.partial[piece.stream].slice(0, MAX_LINE);
      this.truncated = true;
    }
    for (const line of parts) this.add(piece.stream, line);
  }

  /** The lines, after flushing the unterminated last line of each stream. */
  finish(): LogLine[] {
    for (const stream of ['stdout', 'stderr'] as const) {
      const rest = this.partial[stream] + this.decoders[stream].end();
      this.partial[stream] = '';
      if (rest !== '') this.add(stream, rest);
    }
    return this.lines;
  }

  private add(stream: LogStream, raw: string): void {
    let text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    let time: string | undefined;
    if (this.timestamps) {
      const m = TIMESTAMP.exec(text);
      if (m) {
        time = m[1];
        text = text.slice(m[0].length);
      }
    }
    this.lines.push(time === undefined ? { stream, text } : { stream, text, time });
    this.bytes += text.length + 40;
    while (this.bytes > this.budget && this.lines.length > 1) {
      const dropped = this.lines.shift()!;
      this.bytes -= dropped.text.length + 40;
      this.truncated = true;
    }
  }
}
