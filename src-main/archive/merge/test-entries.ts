/**
 * Test support only: terse TarEntry factories so each layer-semantics test reads like the tar
 * listing it models. Not imported by production code.
 */
import { type EntryType, type TarEntry } from '../model';

export function entry(path: string, type: EntryType, over: Partial<TarEntry> = {}): TarEntry {
  return {
    path,
    type,
    size: 0,
    mode: type === 'dir' ? 0o755 : 0o644,
    uid: 0,
    gid: 0,
    mtime: 1_700_000_000,
    linkname: '',
    devmajor: 0,
    devminor: 0,
    dataOffset: 0,
    ...over,
  };
}

export const file = (path: string, size: number, over: Partial<TarEntry> = {}): TarEntry =>
  entry(path, 'file', { size, ...over });
export const dir = (path: string, over: Partial<TarEntry> = {}): TarEntry => entry(path, 'dir', over);
export const hardlink = (path: string, target: string): TarEntry => entry(path, 'hardlink', { linkname: target });
export const symlink = (path: string, target: string): TarEntry => entry(path, 'symlink', { linkname: target });

const inDir = (dirPath: string, name: string): string => (dirPath === '' ? name : `${dirPath}/${name}`);
/** `dir/.wh.name`, as overlay2 / buildkit write it (a 0-byte file). */
export const whiteout = (dirPath: string, name: string): TarEntry => file(inDir(dirPath, `.wh.${name}`), 0);
/** `dir/.wh..wh..opq`. */
export const opaque = (dirPath: string): TarEntry => file(inDir(dirPath, '.wh..wh..opq'), 0);
