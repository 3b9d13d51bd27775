/**
 * Streaming zstd for Node versions without `zlib.createZstdDecompress` (before 22.15: the tests
 * and the CLI under Node 20). It runs zstd's own C decoder compiled to WASM by `zstddec`
 * (~420 MB/s here, versus ~130 for the pure-JS fzstd).
 *
 * zstddec's streaming API is a generator that must be handed all input up front, which a stream
 * cannot do, and it drops output when the last input leaves the output buffer full. So this
 * drives the same WASM exports directly (ZSTD_decompressStream over our own in/out buffers):
 * any number of frames, skippable frames included, with backpressure between output chunks.
 * zstddec keeps its WASM instance private; it is captured through its `_init` hook, which is why
 * this module must be the first to initialise `zstddec/stream` in a process.
 */
import { ArchiveError } from '../model';
import { DecoderStream } from './decoder-stream';

interface ZstdExports {
  memory: { buffer: ArrayBuffer };
  malloc(size: number): number;
  free(ptr: number): void;
  ZSTD_createDCtx(): number;
  ZSTD_freeDCtx(dctx: number): number;
  ZSTD_decompressStream(dctx: number, output: number, input: number): number;
  ZSTD_DStreamInSize(): number;
  ZSTD_DStreamOutSize(): number;
}

const REQUIRED = [
  'malloc',
  'free',
  'ZSTD_createDCtx',
  'ZSTD_freeDCtx',
  'ZSTD_decompressStream',
  'ZSTD_DStreamInSize',
  'ZSTD_DStreamOutSize',
] as const;

let loading: Promise<ZstdExports> | null = null;

function loadZstd(): Promise<ZstdExports> {
  loading ??= (async () => {
    const { ZSTDDecoder } = await import('zstddec/stream');
    let ex: Partial<ZstdExports> | undefined;
    const decoder = new ZSTDDecoder();
    type InitResult = Parameters<typeof decoder._init>[0];
    decoder._init = (result: InitResult) => {
      ex = (result as unknown as { instance: { exports: Partial<ZstdExports> } }).instance.exports;
      ZSTDDecoder.prototype._init.call(decoder, result);
    };
    await decoder.init();
    const found = ex;
    if (
      !found ||
      !(found.memory?.buffer instanceof ArrayBuffer) ||
      REQUIRED.some((k) => typeof found[k] !== 'function')
    ) {
      throw new Error(
        'the zstddec WASM module could not be captured (initialised elsewhere, or a changed zstddec)',
      );
    }
    return found as ZstdExports;
  })();
  return loading;
}

/** zstd error codes (zstd_errors.h) worth a name; others are reported by number. */
const ERRORS: Record<number, string> = {
  1: 'generic error',
  10: 'unknown frame header (not zstd data)',
  12: 'unsupported zstd version',
  14: 'unsupported frame parameter',
  16: 'frame needs a window larger than 128 MiB (zstd --long): not supported',
  20: 'corrupted data',
  22: 'checksum mismatch',
  24: 'corrupted literals header',
  30: 'corrupted dictionary',
  32: 'the frame needs a dictionary',
  64: 'out of memory',
  72: 'wrong source size',
};

// wasm32 size_t results come back as signed 32-bit: ZSTD errors are the top 120 values (-1..-119).
const errorCode = (ret: number): number => (ret < 0 && ret > -120 ? -ret : 0);

export class ZstdWasmDecoder extends DecoderStream {
  private z: ZstdExports | null = null;
  private dctx = 0;
  private inPtr = 0;
  private outPtr = 0;
  /** Two ZSTD_inBuffer/ZSTD_outBuffer structs: { ptr, size, pos } of 3 x u32 each. */
  private desc = 0;
  private inCap = 0;
  private outCap = 0;
  private lastRet = 0;

  private async init(): Promise<ZstdExports> {
    const z = await loadZstd();
    this.inCap = z.ZSTD_DStreamInSize();
    this.outCap = Math.max(z.ZSTD_DStreamOutSize(), 256 * 1024);
    this.dctx = z.ZSTD_createDCtx();
    this.inPtr = z.malloc(this.inCap);
    this.outPtr = z.malloc(this.outCap);
    this.desc = z.malloc(24);
    if (!this.dctx || !this.inPtr || !this.outPtr || !this.desc) throw new Error('out of WASM memory');
    this.z = z;
    return z;
  }

  protected async decode(chunk: Buffer): Promise<void> {
    const z = this.z ?? (await this.init());
    for (let off = 0; off < chunk.length && !this.destroyed; off += this.inCap) {
      const piece = chunk.subarray(off, off + this.inCap);
      new Uint8Array(z.memory.buffer, this.inPtr, piece.length).set(piece);
      const view = new DataView(z.memory.buffer);
      view.setUint32(this.desc, this.inPtr, true);
      view.setUint32(this.desc + 4, piece.length, true);
      view.setUint32(this.desc + 8, 0, true);
      await this.run(z, piece.length);
    }
  }

  /** Calls ZSTD_decompressStream until the input piece is consumed and the output flushed. */
  private async run(z: ZstdExports, size: number): Promise<void> {
    const input = this.desc;
    const output = this.desc + 12;
    for (;;) {
      let view = new DataView(z.memory.buffer);
      view.setUint32(output, this.outPtr, true);
      view.setUint32(output + 4, this.outCap, true);
      view.setUint32(output + 8, 0, true);
      const ret = z.ZSTD_decompressStream(this.dctx, output, input);
      const code = errorCode(ret);
      if (code) throw new Error(ERRORS[code] ?? `zstd error ${code}`);
      this.lastRet = ret;
      view = new DataView(z.memory.buffer); // memory may have grown during the call
      const produced = view.getUint32(output + 8, true);
      const consumed = view.getUint32(input + 8, true);
      if (produced > 0) {
        const out = Buffer.from(new Uint8Array(z.memory.buffer, this.outPtr, produced)); // a copy
        if (!this.emitOutput(out)) await this.waitForRead();
        if (this.destroyed) return;
      }
      if (consumed >= size && produced < this.outCap) return;
    }
  }

  protected finish(): void {
    // ZSTD_decompressStream returns 0 only once a frame is fully decoded and flushed.
    if (this.lastRet !== 0) {
      throw new ArchiveError(
        this.spec.label,
        'zstd decompression failed: truncated input (the last frame is incomplete)',
      );
    }
  }

  protected override dispose(): void {
    const z = this.z;
    if (!z) return;
    this.z = null;
    z.ZSTD_freeDCtx(this.dctx);
    z.free(this.inPtr);
    z.free(this.outPtr);
    z.free(this.desc);
  }
}
