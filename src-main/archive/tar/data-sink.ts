/**
 * Delivers one entry's data the way its handler chose: collected whole into one buffer (small
 * metadata files such as manifest.json), or streamed to a callback in the chunks the parser
 * sees (hashing, nested archives). Kept apart from the parser, whose job is only the framing.
 */
import type { TarEntry } from '../model';
import type { EntryMeta } from './entry';
import { TarFormatError } from './errors';
import { displayPath } from '../model';

/**
 * What to do with an entry's data: skip it (default), collect it whole (delivered to
 * `onCollected`), or receive it in chunks (views valid only during the call; `null` marks the end).
 * For sparse files the data is the packed (stored) bytes, not the expanded file.
 */
export type DataChoice = 'skip' | 'collect' | ((chunk: Uint8Array | null) => void);

export type CollectedHandler = (entry: TarEntry, data: Buffer, meta: EntryMeta) => void;

export class EntryDataSink {
  private readonly collected: Buffer | null = null;
  private collectedLen = 0;

  constructor(
    private readonly choice: Exclude<DataChoice, 'skip'>,
    private readonly entry: TarEntry,
    private readonly meta: EntryMeta,
    maxCollect: number,
    private readonly onCollected: CollectedHandler | undefined,
  ) {
    if (choice !== 'collect') return;
    if (meta.storedSize > maxCollect) {
      throw new TarFormatError(
        `entry '${displayPath(entry.path)}' (${meta.storedSize} bytes) is larger than the ${maxCollect}-byte collect limit`,
        'TOO_LARGE',
      );
    }
    this.collected = Buffer.allocUnsafe(meta.storedSize);
  }

  write(piece: Buffer): void {
    if (this.collected) {
      piece.copy(this.collected, this.collectedLen);
      this.collectedLen += piece.length;
    } else if (this.choice !== 'collect') {
      this.choice(piece);
    }
  }

  end(): void {
    if (this.collected) this.onCollected?.(this.entry, this.collected, this.meta);
    else if (this.choice !== 'collect') this.choice(null);
  }
}
