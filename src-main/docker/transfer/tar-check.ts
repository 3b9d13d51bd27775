/**
 * Checks a tar as it streams by, so a saved file is renamed into place only when whole: the
 * end-of-archive blocks are present and the image index (manifest.json or index.json) is in it.
 *
 * The engine cannot signal a failure once it has started streaming a save: it writes a JSON
 * error into the body instead (moby api/server/router/image/image_routes.go, getImagesGet:
 * `output.Write(streamformatter.FormatError(err))`). The last bytes are kept so such an error
 * can be quoted instead of a bare "truncated tar".
 */
import { TarParser, type TarSummary } from '../../archive/tar/tar-parser';

const TAIL_BYTES = 4096;

export class TarCheck {
  private readonly parser: TarParser;
  private readonly names = new Set<string>();
  /** A copy of the last bytes seen (the chunks' buffers may be reused once written). */
  private readonly tail = Buffer.alloc(TAIL_BYTES);
  private tailLen = 0;
  private parseError: Error | null = null;
  bytes = 0;

  constructor(label: string) {
    this.parser = new TarParser(
      (entry) => {
        // Only top-level names matter here (manifest.json, index.json, repositories).
        if (!entry.path.includes('/')) this.names.add(entry.path);
      },
      { label },
    );
  }

  write(chunk: Uint8Array): void {
    this.bytes += chunk.byteLength;
    this.keepTail(chunk);
    if (this.parseError) return;
    try {
      this.parser.write(chunk);
    } catch (err) {
      this.parseError = err as Error;
    }
  }

  private keepTail(chunk: Uint8Array): void {
    const n = chunk.byteLength;
    if (n >= TAIL_BYTES) {
      this.tail.set(chunk.subarray(n - TAIL_BYTES));
      this.tailLen = TAIL_BYTES;
      return;
    }
    const keep = Math.min(this.tailLen, TAIL_BYTES - n);
    this.tail.copyWithin(0, this.tailLen - keep, this.tailLen);
    this.tail.set(chunk, keep);
    this.tailLen = keep + n;
  }

  has(name: string): boolean {
    return this.names.has(name);
  }

  /** The engine's in-band error at the end of the body, if it wrote one. */
  engineError(): string | null {
    const text = this.tail.toString('latin1', 0, this.tailLen);
    const at = text.lastIndexOf('{"errorDetail"');
    const start = at >= 0 ? at : text.lastIndexOf('{"error"');
    if (start < 0) return null;
    try {
      const v = JSON.parse(text.slice(start).trim()) as {
        error?: string;
        errorDetail?: { message?: string };
      };
      return v.errorDetail?.message ?? v.error ?? null;
    } catch {
      return null;
    }
  }

  /** Throws a message that says what is missing; returns the summary when the tar is whole. */
  finish(): TarSummary {
    const engine = this.engineError();
    if (engine) throw new Error(`the engine failed during the save: ${engine}`);
    if (this.parseError) throw new Error(`the saved stream is not a valid tar: ${this.parseError.message}`);
    let summary: TarSummary;
    try {
      summary = this.parser.end();
    } catch (err) {
      throw new Error(`the saved stream is incomplete: ${(err as Error).message}`, { cause: err });
    }
    if (summary.end === 'eof')
      throw new Error('the saved stream is incomplete: the tar has no end-of-archive blocks');
    if (!this.has('manifest.json') && !this.has('index.json')) {
      throw new Error('the saved stream holds no manifest.json or index.json');
    }
    return summary;
  }
}
