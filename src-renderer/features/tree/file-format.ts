/** Formatting of file attributes and contents for the tree and the file viewer. Pure. */
import type { TreeEntryDto } from '../../../src-shared/archive-analysis';

export { formatBytes } from '../images/visible-images';

const TYPE_CHAR: Record<TreeEntryDto['type'], string> = {
  file: '-',
  hardlink: 'h',
  symlink: 'l',
  chardev: 'c',
  blockdev: 'b',
  dir: 'd',
  fifo: 'p',
};

/** `ls -l` style: type char then rwx for owner, group, others, with setuid/setgid/sticky (s/S, t/T). */
export function modeString(mode: number, type: TreeEntryDto['type']): string {
  const bit = (mask: number, ch: string): string => (mode & mask ? ch : '-');
  const special = (x: number, set: number, on: string, off: string): string =>
    mode & set ? (mode & x ? on : off) : bit(x, 'x');
  return (
    TYPE_CHAR[type] +
    bit(0o400, 'r') +
    bit(0o200, 'w') +
    special(0o100, 0o4000, 's', 'S') +
    bit(0o040, 'r') +
    bit(0o020, 'w') +
    special(0o010, 0o2000, 's', 'S') +
    bit(0o004, 'r') +
    bit(0o002, 'w') +
    special(0o001, 0o1000, 't', 'T')
  );
}

/** Bytes of a base64 string (no atob dependency on Buffer; atob exists in browsers and Node >= 16). */
export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** `hexdump -C` style lines: offset, 16 bytes in two groups of 8, printable ASCII. */
export function hexDump(bytes: Uint8Array, maxBytes = 4096): string {
  const n = Math.min(bytes.length, maxBytes);
  const lines: string[] = [];
  for (let off = 0; off < n; off += 16) {
    const chunk = bytes.subarray(off, Math.min(off + 16, n));
    let hex = '';
    let ascii = '';
    for (let i = 0; i < 16; i++) {
      const b = chunk[i];
      hex += (b === undefined ? '  ' : b.toString(16).padStart(2, '0')) + (i === 7 ? '  ' : ' ');
      if (b !== undefined) ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
    }
    lines.push(`${off.toString(16).padStart(8, '0')}  ${hex} |${ascii}|`);
  }
  return lines.join('\n');
}

/** A sensible default destination for "Save…": the file's name beside the archive. */
export function defaultSavePath(archivePath: string, entryName: string): string {
  const sep = archivePath.includes('\\') && !archivePath.includes('/') ? '\\' : '/';
  const cut = archivePath.lastIndexOf(sep);
  const dir = cut > 0 ? archivePath.slice(0, cut) : sep;
  const safe = entryName.replace(/[/\\]/g, '_') || 'file';
  return `${dir}${dir.endsWith(sep) ? '' : sep}${safe}`;
}
