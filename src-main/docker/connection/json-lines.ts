/**
 * Splits a byte stream of JSON documents, one per line (the engine's `/events` stream), into
 * values. Chunks end anywhere: mid-line and mid-UTF-8 character, so bytes are decoded with a
 * StringDecoder and the unfinished line waits for the next chunk. A malformed line is reported
 * and skipped, never thrown: one bad line must not end a live subscription.
 */
import { StringDecoder } from 'node:string_decoder';

/** A line longer than this is dropped (and reported) rather than buffered forever. */
const MAX_LINE_CHARS = 1 << 20;

export class JsonLinesDecoder {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  private discarding = false;

  constructor(private readonly onBadLine: (line: string, error: unknown) => void = () => undefined) {}

  /** The complete values in this chunk (plus the line the previous chunks left unfinished). */
  push(chunk: Buffer | string): unknown[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const lines = (this.pending + text).split('\n');
    this.pending = lines.pop() ?? '';
    const values: unknown[] = [];
    for (const line of lines) {
      if (this.discarding) {
        // The rest of an over-long line.
        this.discarding = false;
        continue;
      }
      this.parse(line, values);
    }
    if (this.pending.length > MAX_LINE_CHARS) {
      this.onBadLine(this.pending.slice(0, 200), new Error(`line longer than ${MAX_LINE_CHARS} characters`));
      this.pending = '';
      this.discarding = true;
    }
    return values;
  }

  /** The last line, when the stream ends without a newline. */
  end(): unknown[] {
    const rest = this.pending + this.decoder.end();
    this.pending = '';
    const values: unknown[] = [];
    if (!this.discarding) this.parse(rest, values);
    this.discarding = false;
    return values;
  }

  private parse(line: string, into: unknown[]): void {
    const trimmed = line.trim();
    if (!trimmed) return;
    try {
      into.push(JSON.parse(trimmed));
    } catch (err) {
      this.onBadLine(trimmed.slice(0, 200), err);
    }
  }
}
