/**
 * Test helper (imported only by fuzz.test.ts): the fuzz test's seeds. Small real archives (dive's
 * OCI zstd export, dive's legacy `docker save`) and synthetic ones (legacy docker-archive with a
 * shared symlinked layer, OCI with gzip layers, containerd export with manifest.json +
 * index.json), taken apart into members so mutations can rebuild them.
 */
import { tar, type BuildEntry } from '../../../test/support/tar-builder';
import { type TarEntry } from '../model';
import { checksumMatches, decodeHeader } from '../tar/header';
import { TarParser } from '../tar/tar-parser';

/** `fn()`, or the fallback (a value, or a function of nothing) when it throws. */
export function attempt<T>(fn: () => T, fallback: T | (() => T)): T {
  try {
    return fn();
  } catch {
    return typeof fallback === 'function' ? (fallback as () => T)() : fallback;
  }
}

export interface Member {
  name: string;
  type: TarEntry['type'];
  linkname: string;
  mode: number;
  body: Buffer;
}

export interface Seed {
  name: string;
  bytes: Buffer;
  /** Offsets of every header: the outer tar's and those of plain tars stored in it. */
  headers: number[];
  members: Member[];
}

export const BLOCK = 512;

/** Header offsets of a well-formed tar and, recursively, of the plain tars it stores. */
export function headerOffsets(buf: Buffer, base = 0, depth = 0): number[] {
  const out: number[] = [];
  for (let off = 0; off + BLOCK <= buf.length;) {
    if (buf.subarray(off, off + BLOCK).every((b) => b === 0)) break;
    if (!checksumMatches(buf, off)) break;
    const h = attempt(() => decodeHeader(buf, off), null);
    if (!h) break; // a mutated layer: its headers stop being known here
    out.push(base + off);
    const dataStart = off + BLOCK;
    const stored = h.kind === 'dir' || h.kind === 'hardlink' ? 0 : h.size;
    if (depth === 0 && h.kind === 'file' && stored >= BLOCK && checksumMatches(buf, dataStart)) {
      out.push(...headerOffsets(buf.subarray(dataStart, dataStart + stored), base + dataStart, 1));
    }
    off = dataStart + Math.ceil(stored / BLOCK) * BLOCK;
  }
  return out;
}

/** The members of a well-formed tar, with their data. */
export function readMembers(buf: Buffer): Member[] {
  const members: Member[] = [];
  const parser = new TarParser(
    (e) => {
      const m: Member = {
        name: e.path,
        type: e.type,
        linkname: e.linkname,
        mode: e.mode,
        body: Buffer.alloc(0),
      };
      members.push(m);
      if (e.type !== 'file' || e.size === 0) return 'skip';
      const parts: Buffer[] = [];
      return (chunk) => {
        if (chunk) parts.push(Buffer.from(chunk));
        else m.body = Buffer.concat(parts);
      };
    },
    { label: 'seed' },
  );
  parser.write(buf);
  parser.end();
  return members;
}

export const toBuildEntry = (m: Member): BuildEntry => ({
  name: m.type === 'dir' ? `${m.name}/` : m.name,
  type: m.type,
  mode: m.mode,
  ...(m.type === 'file' ? { body: m.body } : {}),
  ...(m.type === 'symlink' || m.type === 'hardlink' ? { linkname: m.linkname } : {}),
  // Long names (dive's blobs are short, but mutations may lengthen them) go through GNU 'L'.
  ...(Buffer.byteLength(m.name) > 99 ? { longName: true } : {}),
  ...(Buffer.byteLength(m.linkname) > 99 ? { longLink: true } : {}),
});

export const repack = (members: Member[], extra: BuildEntry[] = []): Buffer =>
  tar([...extra, ...members.map(toBuildEntry)]);

/**
 * One tiny legacy docker-archive (tag tiny:1, one layer: etc/hello and a hardlink to it, 10 KiB)
 * compressed by the bzip2, xz and zstd command-line tools (`-9`, `-9`, `-19`): the outer
 * decompressors have no compressor in this project to build their inputs with.
 */
export const TINY_PACKED: Record<'bz2' | 'xz' | 'zst', string> = {
  bz2:
    'QlpoOTFBWSZTWYWjHisAAhf/nM2QAUjQB//6LmXd3v//32oEQEAAAIAAmEADHAAKARGVIBkABoABoABoAAAAAcAwjCaYhgEA' +
    'yAGEaZMmEYCGhwDCMJpiGAQDIAYRpkyYRgIaCSRMjQ0ENEMgCm1HppP1ID0Rp6DTKB+pHqfqnh9XiCPkZ97vLxPCHAcbMwU2' +
    'oGNzHsc4zQcEGovSARTycpS4Z3LUIclBmcCMwiAjLm5qnjUyikVgkMIFi5Avewjsy7j+p6sfbu7F8Tw3XPydLwo3PUXtSPKp' +
    'LsVjeWM9uuqqkGZxU57xw94zP581nOu0XMzZE1l1N87yvV6nfhZQPTaIJevp5wEHReIchJVMCS7e/b3t6/h8fl+PYIgIYBH5' +
    'DI8Ur3IwKC07hHOcaWxJxtS4UrCXkdaWkQ/ZU8+nEk6HssfmGLXuzCKSm9qEo+q9LZyWRqovMH3NBdCTXsmETfMdBkszOIES' +
    'diWgodH2420L/b8CsrlaYDaUomKWdLAl+tRjAk6zAC+ZWIkk8pYC0cCwiImlYVFSUjQStLIpM8gCovomQilYVzeWJVGhKJne' +
    'l3VUWgRJUYmkC/GqNV6sLyADXJUCLSjCwq0loiLkqZIGStSrSZK1K2gB0RxcTDQRI3lqU7UpJMlBKSUCpKkyERKD7nixYWPw' +
    'd82Xd7/J/L1qJx4KcCtyK6K6sTUR0YCMFoyqCUkYJrYIjLAGZYCeA3AoS8unjXDKe5wJ3TdStyl0JdZcldMpcZkvTj9fo1aD' +
    'hP5/vIK0oN9hakxcZWOS5dOq1gzKfAZqUpGktujeUpSyEsPSxXAelIpSnP3YfS4gefPvpo2Ja6dU0sRzzNNR4Q2861+iO0/Z' +
    'jJp5yW+viOHkMUFV2ZJtBQlseZy8wWdyfqOYzQ4L3O5tNc8FMt6iRoLru9VuJs2K/6Sc2/zLe0Mkyc52zrf9rFS6sAlwLUhG' +
    'gwjahFt5cCZRdhJedPuEdYiyRQ1rm4v4x1xnt4K694RwEaYa4gjVXroeIaoKYKMaKSFJofDLeg8HlvLk8mFVcuMdaBKhPTCh' +
    'JcLlIwCD+LuSKcKEhC0Y8Vg=',
  xz:
    '/Td6WFoAAATm1rRGAgAhARwAAAAQz1jM4Cf/AshdABnoCccDV8CDRHKT2qLNzWWc7UAXa9xaltvaL8dVx157iFhwqGqFDVSi' +
    'R8ZoWpicmTXAYqq2Z4IcsWSi6xtfkKFMnVc68P9kYGumV5+dk+q3GYXDLglBVRSNEVsbDGKmL85xBAGupmYnPw57VQgqPOzm' +
    'DalnXbhsxNEEEpxW8zDLDfnxEFQ3LmYsq8EM7hpwtxvQ1OdlMOY+A5hts7AXUYO7ZXo6aXFN57X26h0G4amgjNIbDNrA6PFa' +
    'TGGlfTwomxSpi+1F77qPOLI39oIPh74dG/p9Hf5d4sGOA9y6Q3sbMAJom3jBF1TYrWExYCFFXGbVy08/N2zdN1FtySdzCC0I' +
    '58t3ykluz1A8cPmF8A/isd27zK0iGnbc+ln/K7FcBwLgj4PJlQ5uZDXSi5UdGS/Se+RPUyq4sGi/2ep0P4JXE+iykcIIOc/F' +
    'bRCcodetE65vrUOeAG0rYmnFA2WBlAFGCU9hBg9GFWfRp+w09UjVMQ3c6YXmkiNqyzbP6Xgs6YuQV0/yIJd7CMiiuOC2z/La' +
    '1ZPYEonpAF54Udqg6HNk6cARRN0n5VGAqX+GZ/tZjZBUUxJ7j5QM98L8J1qyaxEHySfwa/nmUL5S3f+mQYosSKZKdEBTiWMi' +
    'bDkfy59CdaEIJBI+WXGdGO/491w6csL9ftmegGdIepU6WM/L+VnoUGqoaPkk8KgXDlDYxJZv6qp1cBLpchK47fh36gQjyf8g' +
    'rqrRS10wa/nJHN+raQ1dAjh7NqB79QWjgL9Iy7F0zCfARd+BOzq2PsV34aA9lSr/on7W0sfj+UYu2MaVG/wJHUXuDGh81VGp' +
    'AdCN6qjGbyWiS5ZMpTEqg6gE7lBvTle+GLBvzeOXDwLAq57mZcF7/imKKYNZbrYlFE5hThem3Zloj78FFX56BHHfIuqnutfb' +
    'FjMi++KIvjtiqwEj5f4MVPyt+tornQAAn/DexSS51k0AAeQFgFAAALKahQexxGf7AgAAAAAEWVo=',
  zst:
    'KLUv/WQAJy0VAOZiaCMQb/OCtCWN/z+u+AbuCR5AHocf6QV8UNgkO4kEIAgAAIqgNlsAYQBbALlmUBzc6Ec5lIPWYiqI+kzZ' +
    '9Tee1DxVJe3nye4pz60pyRvJGWTMeYwuPejcOejJeTTF4+2lThlnnWsU/p0wXhYrbPJaKdlqsMq3j1VJLyPZc8tBaf0222Rs' +
    'rQVsPTgvbfQnjM/KZd9Ddiujl0LgY3OitcUS92Kr80PzL6B9lSOKlH6o4v2T7UD6MffMW+vm6UwQOIgMMGA4BsohURO9OJgu' +
    'KsKCQFUgagJf54F4DnEOaR5hHrA8wDFn9vf8r5FchOu96At86WacFzKLRsa+eq3L2J6hNk6vNi6njonx2goZm/58OabNxzTL' +
    '4PNPkSRSS+P1pI2CggFFJSpQfrbGE4mSMVb63rb38+PDtqozuaq9v6C1tTFvBavCXlts6cf52VhnSSRR+aEFgRy8J2bkufgG' +
    '5VCK4L3GvG39FzvTYjWSe3OeKhzcADzIFkxP0/xkqZs1uFZa6n63XoN57kcUNQ3Fkcjv4Llxg48tlvyxXotNYQHBocHgIV+g' +
    'MS2BipkiSUFpobAZkGqCmRGJOzbk+KtTrqgNBQvmWGlRWgWTDYCa6modUEvzOsB2io3K3YGgXMSy380TursqDz7UyJibXQcA' +
    '2YCs6rrVgEhrebO7v7v6KmpASYOdtVIcGP6n+p8AZFVJfpC0URKyUP0A+8zwhGOpR7cHnP3hchV6gJfaHCKoaoy624laeRWo' +
    'QDtaL1udI8OAQlulz2dVY1VLhACFAaOEBygJ2Co3Wx7goBXggU1WR4hKJQPemWCtgJLUDmrzIGQPLuEAnZt2Y0VnQZoQXsZq' +
    'YtiBrwBQBAKqgDpgHAJM0inAjDTGiQgnwKasrPvWxh14EAFkiKUKWhUUHg==',
};

export function makeSeed(name: string, bytes: Buffer): Seed {
  return { name, bytes, headers: headerOffsets(bytes), members: readMembers(bytes) };
}
