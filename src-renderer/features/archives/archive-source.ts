/** The line beside an opened archive's name: its format, layout, compression (in words: "none" alone said nothing) and size. */
import type { ArchiveAnalysis } from '../../../src-shared/archive-analysis';
import { formatBytes } from '../tree/file-format';
import type { archiveMsg } from './messages';

export function archiveSourceLine(
  a: Pick<ArchiveAnalysis, 'format' | 'variant' | 'compression' | 'fileBytes'>,
  m: Pick<typeof archiveMsg.en, 'compression'>,
): string {
  return `${a.format} · ${a.variant} · ${m.compression(a.compression)} · ${formatBytes(a.fileBytes)}`;
}
