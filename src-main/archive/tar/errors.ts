/**
 * The tar decoders throw `TarFormatError` with a reason only: they do not know which file they
 * are reading. The parser turns it into an `ArchiveError` naming the blob and the offset, so a
 * user sees "layer.tar: bad header checksum at offset 1536" rather than a bare message.
 */
import { ArchiveError } from '../model';

export type TarErrorCode = 'CORRUPT' | 'TOO_LARGE' | 'UNSUPPORTED';

export class TarFormatError extends Error {
  constructor(
    readonly reason: string,
    readonly code: TarErrorCode = 'CORRUPT',
  ) {
    super(reason);
    this.name = 'TarFormatError';
  }
}

/** Wraps any error from the decoders as an `ArchiveError` for `label`, keeping ArchiveErrors as they are. */
export function toArchiveError(err: unknown, label: string, offset: number): Error {
  if (err instanceof ArchiveError) return err;
  if (err instanceof TarFormatError)
    return new ArchiveError(label, `${err.reason} (at offset ${offset})`, err.code);
  return err instanceof Error ? err : new Error(String(err));
}
