/**
 * bzip2 through `unbzip2-stream` (pure JS; ~7 MB/s, but bzip2 image archives are rare: `docker
 * load` accepts them and nothing writes them). It handles concatenated streams (pbzip2, lbzip2).
 * Its `through` stream emits synchronously inside write()/end(), so it is driven in place.
 */
import { ArchiveError } from '../model';
import { DecoderStream } from './decoder-stream';

interface ThroughStream {
  write(data: Buffer): boolean;
  end(): void;
  on(event: 'data', fn: (d: Buffer) => void): void;
  on(event: 'error', fn: (e: Error) => void): void;
  on(event: 'end', fn: () => void): void;
}

export class Bzip2Decoder extends DecoderStream {
  private inner: ThroughStream | null = null;
  private failure: unknown = null;
  private ended = false;

  private async load(): Promise<ThroughStream> {
    const mod = (await import('unbzip2-stream')) as unknown as { default: () => ThroughStream };
    const inner = mod.default();
    inner.on('data', (d) => {
      if (this.failure) return;
      try {
        this.emitOutput(d);
      } catch (err) {
        this.failure = err;
      }
    });
    inner.on('error', (e) => (this.failure ??= e));
    inner.on('end', () => (this.ended = true));
    this.inner = inner;
    return inner;
  }

  protected async decode(chunk: Buffer): Promise<void> {
    const inner = this.inner ?? (await this.load());
    inner.write(chunk);
    if (this.failure) throw this.failure;
  }

  protected finish(): void {
    this.inner?.end();
    if (this.failure) throw this.failure;
    if (!this.ended)
      throw new ArchiveError(this.spec.label, 'bzip2 decompression failed: the stream did not end');
  }
}
