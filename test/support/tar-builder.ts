/**
 * Writes synthetic tar archives byte by byte for tests: every header field is placed by hand, so
 * tests can produce the edge cases real writers rarely emit (base-256 sizes, signed checksums,
 * GNU sparse maps with extension blocks, lone zero blocks, truncations, lying size fields)
 * without depending on a tar library that would hide them.
 *
 * Strings (names, link targets, PAX values) are encoded as UTF-8; pass a Uint8Array for raw,
 * non-UTF-8 bytes. The parser reports names as raw latin1 strings: compare with `rawPath()`.
 */

export type BuildType =
  'file' | 'contiguous' | 'hardlink' | 'symlink' | 'chardev' | 'blockdev' | 'dir' | 'fifo';
export type BuildFormat = 'ustar' | 'gnu' | 'v7';
type Bytes = string | Uint8Array;
type NumericField = 'size' | 'uid' | 'gid' | 'mtime' | 'mode';

export interface SparseSpec {
  /** Size of the expanded file. */
  realSize: number;
  /** [offset, length] of each data segment; the data written is their concatenation. */
  map: Array<[number, number]>;
  /** GNU 'S' header (extension blocks after 4 segments) or PAX 1.0 (map in the data). */
  style: 'gnu' | 'pax-1.0';
}

export interface BuildEntry {
  name: Bytes;
  type?: BuildType;
  /** Raw type flag, overriding `type` (e.g. 'V' for a volume label, '\0' for an old regular file). */
  typeflag?: string;
  /** Data; default: `size` bytes of a repeating pattern (or none). */
  body?: Bytes;
  size?: number;
  /** Value written in the header's size field when it must differ from the data written. */
  headerSize?: number;
  mode?: number;
  uid?: number;
  gid?: number;
  mtime?: number;
  uname?: string;
  gname?: string;
  linkname?: Bytes;
  devmajor?: number;
  devminor?: number;
  /** PAX records written in an 'x' header before this entry. */
  pax?: Record<string, Bytes>;
  /** Write the name (and link target) through GNU 'L'/'K' headers; automatic in gnu format. */
  longName?: boolean;
  longLink?: boolean;
  /** Fields written in GNU base-256 instead of octal. */
  base256?: NumericField[];
  /** 'bad': off by one; 'signed': computed over signed bytes (old Sun tar). */
  checksum?: 'bad' | 'signed';
  format?: BuildFormat;
  sparse?: SparseSpec;
}

export interface BuildOptions {
  format?: BuildFormat;
  /** End-of-archive marker: two zero blocks (default), one, or none. */
  end?: 'two' | 'one' | 'none';
  /** Pad the archive with zeros to a multiple of this (GNU tar uses 10240). */
  recordSize?: number;
  /** Cut the output to this many bytes. */
  truncate?: number;
  /** Records of a 'g' (global PAX) header written first. */
  globalPax?: Record<string, Bytes>;
}

const BLOCK = 512;
const enc = (b: Bytes): Uint8Array => (typeof b === 'string' ? new TextEncoder().encode(b) : b);
const pad = (n: number): number => (BLOCK - (n % BLOCK)) % BLOCK;
const TYPEFLAGS: Record<BuildType, string> = {
  file: '0',
  contiguous: '7',
  hardlink: '1',
  symlink: '2',
  chardev: '3',
  blockdev: '4',
  dir: '5',
  fifo: '6',
};

/** Writes `value` as a NUL-terminated octal field, or base-256 when asked or when octal cannot hold it. */
export function putNumber(h: Uint8Array, off: number, len: number, value: number, base256 = false): void {
  if (!base256 && value >= 0 && value < 8 ** (len - 1)) {
    const s = value.toString(8).padStart(len - 1, '0');
    for (let i = 0; i < len - 1; i++) h[off + i] = s.charCodeAt(i);
    h[off + len - 1] = 0;
    return;
  }
  // Big-endian two's complement over the field; the top bit marks base-256.
  let v = BigInt(value);
  if (v < 0n) v += 1n << BigInt(8 * len);
  for (let i = len - 1; i >= 0; i--) {
    h[off + i] = Number(v & 0xffn);
    v >>= 8n;
  }
  h[off]! |= 0x80;
}

function putBytes(h: Uint8Array, off: number, len: number, b: Uint8Array, what: string): void {
  if (b.length > len) throw new Error(`tar-builder: ${what} of ${b.length} bytes does not fit ${len}`);
  h.set(b, off);
}

/** Splits a long ustar name into prefix and name at a '/', or returns null when impossible. */
function splitUstar(name: Uint8Array): [Uint8Array, Uint8Array] | null {
  for (let i = name.length - 1; i > 0; i--) {
    if (name[i] === 0x2f && i <= 155 && name.length - i - 1 <= 100 && name.length - i - 1 > 0) {
      return [name.subarray(0, i), name.subarray(i + 1)];
    }
  }
  return null;
}

interface HeaderFields {
  name: Uint8Array;
  prefix?: Uint8Array;
  typeflag: string;
  size: number;
  linkname?: Uint8Array;
  format: BuildFormat;
  e?: BuildEntry;
  extra?: (h: Uint8Array) => void;
}

/** One header block with its checksum. */
export function header(f: HeaderFields): Uint8Array {
  const h = new Uint8Array(BLOCK);
  const e = f.e;
  const b256 = new Set(e?.base256 ?? []);
  putBytes(h, 0, 100, f.name, 'name');
  putNumber(h, 100, 8, e?.mode ?? (f.typeflag === '5' ? 0o755 : 0o644), b256.has('mode'));
  putNumber(h, 108, 8, e?.uid ?? 0, b256.has('uid'));
  putNumber(h, 116, 8, e?.gid ?? 0, b256.has('gid'));
  putNumber(h, 124, 12, f.size, b256.has('size'));
  putNumber(h, 136, 12, e?.mtime ?? 1_700_000_000, b256.has('mtime'));
  h[156] = f.typeflag.charCodeAt(0);
  if (f.linkname) putBytes(h, 157, 100, f.linkname, 'linkname');
  if (f.format === 'ustar') putBytes(h, 257, 8, enc('ustar\u000000'), 'magic');
  if (f.format === 'gnu') putBytes(h, 257, 8, enc('ustar  \u0000'), 'magic');
  if (f.format !== 'v7') {
    putBytes(h, 265, 32, enc(e?.uname ?? 'root'), 'uname');
    putBytes(h, 297, 32, enc(e?.gname ?? 'root'), 'gname');
    putNumber(h, 329, 8, e?.devmajor ?? 0);
    putNumber(h, 337, 8, e?.devminor ?? 0);
  }
  if (f.prefix) putBytes(h, 345, 155, f.prefix, 'prefix');
  f.extra?.(h);
  let sum = 8 * 0x20;
  for (let i = 0; i < BLOCK; i++)
    if (i < 148 || i >= 156) sum += e?.checksum === 'signed' && h[i]! >= 0x80 ? h[i]! - 256 : h[i]!;
  if (e?.checksum === 'bad') sum += 1;
  const s = (sum >>> 0).toString(8).padStart(6, '0');
  for (let i = 0; i < 6; i++) h[148 + i] = s.charCodeAt(i);
  h[154] = 0;
  h[155] = 0x20;
  return h;
}

/** The body of a PAX header: "N key=value\n" records. */
export function paxBody(records: Record<string, Bytes>): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const [key, value] of Object.entries(records)) {
    const v = enc(value);
    const rest = 1 + enc(key).length + 1 + v.length + 1; // ' ' key '=' value '\n'
    let len = rest + String(rest).length;
    if (String(len).length !== String(rest).length) len = rest + String(len).length;
    parts.push(enc(`${len} ${key}=`), v, enc('\n'));
  }
  return concat(parts);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function pattern(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 31 + seed * 7) & 0xff;
  return out;
}

/** A pseudo-entry (PAX 'x'/'g', GNU 'L'/'K') with its body. */
function metaEntry(
  out: Uint8Array[],
  typeflag: string,
  name: string,
  body: Uint8Array,
  format: BuildFormat,
): void {
  out.push(
    header({ name: enc(name), typeflag, size: body.length, format }),
    body,
    new Uint8Array(pad(body.length)),
  );
}

function sparseParts(e: BuildEntry, sp: SparseSpec, data: Uint8Array, format: BuildFormat) {
  const stored = sp.map.reduce((n, [, len]) => n + len, 0);
  if (data.length !== stored) throw new Error('tar-builder: sparse body must hold the mapped bytes');
  if (sp.style === 'pax-1.0') {
    const mapText = enc([sp.map.length, ...sp.map.flat()].join('\n') + '\n');
    const mapBlock = concat([mapText, new Uint8Array(pad(mapText.length))]);
    return { data: concat([mapBlock, data]), typeflag: '0', extension: [] as Uint8Array[], extra: undefined };
  }
  if (format !== 'gnu') throw new Error("tar-builder: GNU sparse entries need format 'gnu'");
  const put = (h: Uint8Array, off: number, [o, n]: [number, number]) => {
    putNumber(h, off, 12, o);
    putNumber(h, off + 12, 12, n);
  };
  const extension: Uint8Array[] = [];
  const rest = sp.map.slice(4);
  while (rest.length > 0) {
    const blk = new Uint8Array(BLOCK);
    rest.splice(0, 21).forEach((seg, i) => put(blk, i * 24, seg));
    blk[504] = rest.length > 0 ? 1 : 0;
    extension.push(blk);
  }
  const extra = (h: Uint8Array) => {
    sp.map.slice(0, 4).forEach((seg, i) => put(h, 386 + i * 24, seg));
    h[482] = sp.map.length > 4 ? 1 : 0;
    putNumber(h, 483, 12, sp.realSize, e.base256?.includes('size'));
  };
  return { data, typeflag: 'S', extension, extra };
}

/** Builds a whole archive. */
export function tar(entries: BuildEntry[], opts: BuildOptions = {}): Buffer {
  const out: Uint8Array[] = [];
  const archiveFormat = opts.format ?? 'ustar';
  if (opts.globalPax) metaEntry(out, 'g', 'pax_global_header', paxBody(opts.globalPax), 'ustar');
  entries.forEach((e, index) => {
    // PAX sparse files are POSIX: GNU tar misreads them under the GNU magic.
    const format = e.format ?? (e.sparse?.style === 'pax-1.0' ? 'ustar' : archiveFormat);
    let name = enc(e.name);
    const linkname = e.linkname === undefined ? undefined : enc(e.linkname);
    let data = e.body !== undefined ? enc(e.body) : pattern(e.size ?? 0, index);
    let typeflag = e.typeflag ?? TYPEFLAGS[e.type ?? 'file'];
    let pax = e.pax;
    let extension: Uint8Array[] = [];
    let extra: ((h: Uint8Array) => void) | undefined;
    if (e.sparse) {
      const sp = sparseParts(e, e.sparse, data, format);
      ({ data, extension, extra } = sp);
      if (!e.typeflag) typeflag = sp.typeflag;
      if (e.sparse.style === 'pax-1.0') {
        const real = name;
        name = concat([enc('./GNUSparseFile.0/'), real]).subarray(0, 100);
        pax = {
          'GNU.sparse.major': '1',
          'GNU.sparse.minor': '0',
          'GNU.sparse.realsize': String(e.sparse.realSize),
          'GNU.sparse.name': real,
          ...pax,
        };
      }
    }
    if (pax) metaEntry(out, 'x', `PaxHeaders/${index}`, paxBody(pax), format === 'v7' ? 'ustar' : format);
    const gnuLong = format === 'gnu';
    if (linkname && (e.longLink || (gnuLong && linkname.length > 100))) {
      metaEntry(out, 'K', '././@LongLink', concat([linkname, new Uint8Array(1)]), format);
    }
    let prefix: Uint8Array | undefined;
    if (e.longName || (gnuLong && name.length > 100)) {
      metaEntry(out, 'L', '././@LongLink', concat([name, new Uint8Array(1)]), format);
      name = name.subarray(0, 100);
    } else if (name.length > 100) {
      const split = format === 'ustar' ? splitUstar(name) : null;
      if (split) [prefix, name] = split;
      else if (pax?.path !== undefined) name = name.subarray(0, 100);
      else throw new Error(`tar-builder: name of ${name.length} bytes needs prefix, PAX or GNU long names`);
    }
    const size = e.headerSize ?? data.length;
    const link = linkname && linkname.length > 100 ? linkname.subarray(0, 100) : linkname;
    out.push(header({ name, prefix, typeflag, size, linkname: link, format, e, extra }), ...extension);
    out.push(data, new Uint8Array(pad(data.length)));
  });
  if (opts.end !== 'none') out.push(new Uint8Array(opts.end === 'one' ? BLOCK : 2 * BLOCK));
  let buf = Buffer.from(concat(out));
  if (opts.recordSize)
    buf = Buffer.concat([
      buf,
      Buffer.alloc((opts.recordSize - (buf.length % opts.recordSize)) % opts.recordSize),
    ]);
  return opts.truncate === undefined ? buf : buf.subarray(0, opts.truncate);
}
