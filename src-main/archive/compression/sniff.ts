/**
 * Detects what a blob is from its first bytes. Media types and file names lie (podman labels
 * plain tars as gzip with --uncompressed), so only content is trusted.
 */
import type { Compression } from '../model';
import { BLOCK_SIZE, checksumMatches, isZeroBlock } from '../tar/header';

const startsWith = (b: Uint8Array, magic: number[]): boolean =>
  b.length >= magic.length && magic.every((m, i) => b[i] === m);

/**
 * True when `block` (the first 512 bytes) is a tar header: a valid checksum or the ustar magic.
 * An all-zero block counts too: it is an empty archive, which is what an empty layer holds.
 */
export function looksLikeTar(block: Uint8Array): boolean {
  if (block.length < BLOCK_SIZE) return false;
  if (isZeroBlock(block, 0) || checksumMatches(block, 0)) return true;
  return startsWith(block.subarray(257), [0x75, 0x73, 0x74, 0x61, 0x72]); // "ustar"
}

function bzip2(b: Uint8Array): boolean {
  if (!startsWith(b, [0x42, 0x5a, 0x68]) || b.length < 4 || b[3]! < 0x31 || b[3]! > 0x39) return false;
  if (b.length < 10) return true;
  // A block header (pi) or, for an empty stream, the end-of-stream marker (sqrt(pi)) follows.
  return (
    startsWith(b.subarray(4), [0x31, 0x41, 0x59, 0x26, 0x53, 0x59]) ||
    startsWith(b.subarray(4), [0x17, 0x72, 0x45, 0x38, 0x50, 0x90])
  );
}

/**
 * The compression of a blob from its magic bytes, 'none' for a tar, 'unknown' otherwise.
 * A valid tar header wins over a magic: a tar whose first name starts with "BZh9" is a tar.
 */
export function sniffCompression(firstBytes: Uint8Array): Compression | 'unknown' {
  const b = firstBytes;
  if (b.length >= BLOCK_SIZE && (isZeroBlock(b, 0) || checksumMatches(b, 0))) return 'none';
  if (startsWith(b, [0x1f, 0x8b, 0x08])) return 'gzip';
  if (startsWith(b, [0x28, 0xb5, 0x2f, 0xfd])) return 'zstd';
  // A zstd skippable frame (magic 0x184D2A50..0x184D2A5F, little-endian) may come first.
  if (b.length >= 4 && (b[0]! & 0xf0) === 0x50 && b[1] === 0x2a && b[2] === 0x4d && b[3] === 0x18)
    return 'zstd';
  if (startsWith(b, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return 'xz';
  if (bzip2(b)) return 'bzip2';
  return looksLikeTar(b) ? 'none' : 'unknown';
}
