/**
 * The members of an image archive as `tar -tvf` would list them, through any whole-file
 * compression (sniffed from the bytes). Layer content streams past unread: the analysis already
 * explains layers; this is for drawing the archive's own structure.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { ArchiveStructure } from '../../src-shared/contract/learn';
import { createDecompressor } from '../archive/compression/decompress';
import { sniffCompression } from '../archive/compression/sniff';
import { ArchiveError } from '../archive/model';
import { parseTarStream } from '../archive/tar/walk-file';

export const MAX_MEMBERS = 2000;

async function firstBytes(path: string, n: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export async function archiveStructure(path: string): Promise<ArchiveStructure> {
  const info = await stat(path);
  if (!info.isFile()) throw new ArchiveError(path, 'not a regular file', 'NOT_AN_IMAGE');
  const compression = sniffCompression(await firstBytes(path, 4096));
  if (compression === 'unknown')
    throw new ArchiveError(path, 'not a tar archive (plain or compressed)', 'NOT_AN_IMAGE');
  const members: ArchiveStructure['members'] = [];
  let truncated = false;
  const file = createReadStream(path);
  const source = createDecompressor(compression, { label: path });
  // `pipe` does not pass a read error on: without this the loop below would wait forever.
  file.on('error', (err) => source.destroy(err));
  file.pipe(source);
  await parseTarStream(
    source,
    (entry) => {
      if (members.length >= MAX_MEMBERS) {
        truncated = true;
        return;
      }
      const kind =
        entry.type === 'file' || entry.type === 'dir' || entry.type === 'symlink' || entry.type === 'hardlink'
          ? entry.type
          : 'other';
      members.push({ path: entry.path, kind, size: entry.size, linkTarget: entry.linkname });
    },
    { label: path },
  );
  return { compression, fileBytes: info.size, members, truncated };
}
