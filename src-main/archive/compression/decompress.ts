/**
 * One entry point for every layer and archive compression: `createDecompressor(kind)` returns a
 * Transform from compressed to uncompressed bytes, with the same contract for every codec:
 *
 * - multi-member gzip and multi-frame zstd decode completely (eStargz, zstd:chunked);
 * - output beyond `maxOutputBytes` fails with ArchiveError 'TOO_LARGE' (decompression bombs);
 * - damaged, truncated or empty input fails with ArchiveError 'CORRUPT' and the codec's reason;
 * - errors name `label` (the blob), so a user sees which layer is broken.
 *
 * Codecs: gzip via node:zlib; zstd via node:zlib where it exists (Node 22.15+, Electron 37.2+),
 * else WASM (zstddec); xz via WASM (xz-decompress); bzip2 via pure JS (unbzip2-stream). The
 * WASM and JS codecs load on first use, so a process that never meets them never pays for them.
 */
import type { Transform } from 'node:stream';
import type { Compression } from '../model';
import { Bzip2Decoder } from './bzip2';
import { PassThroughDecoder, type DecoderSpec } from './decoder-stream';
import { createGzipDecoder, createNativeZstdDecoder, nativeZstd } from './node-zlib';
import { XzDecoder } from './xz';
import { ZstdWasmDecoder } from './zstd-wasm';

export interface DecompressOptions {
  /** Output bytes above which decoding fails with TOO_LARGE (default: unlimited). */
  maxOutputBytes?: number;
  /** Names the blob in errors (default: the codec name). */
  label?: string;
  /** zstd implementation: node:zlib when available ('auto', default), or force one (tests, benchmarks). */
  zstd?: 'auto' | 'native' | 'wasm';
}

/** Which zstd decoder `createDecompressor('zstd')` uses on this runtime. */
export function zstdImplementation(): 'native' | 'wasm' {
  return nativeZstd() ? 'native' : 'wasm';
}

export function createDecompressor(kind: Compression, opts: DecompressOptions = {}): Transform {
  const spec: DecoderSpec = {
    kind,
    label: opts.label ?? `${kind} stream`,
    maxOutputBytes: opts.maxOutputBytes ?? Number.POSITIVE_INFINITY,
  };
  switch (kind) {
    case 'none':
      return new PassThroughDecoder(spec);
    case 'gzip':
      return createGzipDecoder(spec);
    case 'zstd': {
      const native = opts.zstd === 'wasm' ? null : nativeZstd();
      if (opts.zstd === 'native' && !native)
        throw new Error('node:zlib has no zstd decoder in this Node version');
      return native ? createNativeZstdDecoder(spec, native) : new ZstdWasmDecoder(spec);
    }
    case 'xz':
      return new XzDecoder(spec);
    case 'bzip2':
      return new Bzip2Decoder(spec);
  }
}
