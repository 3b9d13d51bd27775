/**
 * Metadata that pseudo-entries carry for the entry after them: PAX records ('x', and 'g' for
 * every later entry) and GNU long names/links ('L'/'K'). The parser collects it here and hands
 * it to `buildEntry` with the next real header.
 */
import type { EntryContext } from './entry';
import { parsePax, type PaxRecords } from './pax';

export type MetaKind = 'pax' | 'pax-global' | 'gnu-long-name' | 'gnu-long-link';

export class PendingMeta {
  private pax: PaxRecords | null = null;
  private globalPax: PaxRecords | null = null;
  private longName: string | null = null;
  private longLink: string | null = null;

  /** Something waits for its entry (a global PAX header does not: it has no entry of its own). */
  get pending(): boolean {
    return this.pax !== null || this.longName !== null || this.longLink !== null;
  }

  /** Nothing at all applies to the next entry: no per-entry metadata and no global PAX records. */
  get idle(): boolean {
    return !this.pending && this.globalPax === null;
  }

  /** Records the body of a pseudo-entry. */
  add(kind: MetaKind, body: Buffer): void {
    switch (kind) {
      case 'pax':
        this.pax = parsePax(body, this.pax ?? {});
        return;
      case 'pax-global':
        this.globalPax = parsePax(body, this.globalPax ?? {});
        return;
      case 'gnu-long-name':
      case 'gnu-long-link': {
        // The body is NUL-terminated (GNU counts the NUL in the size).
        const nul = body.indexOf(0);
        const s = body.toString('latin1', 0, nul < 0 ? body.length : nul);
        if (kind === 'gnu-long-name') this.longName = s;
        else this.longLink = s;
      }
    }
  }

  /** The context for the next entry; clears the per-entry metadata (global records stay). */
  take(headerOffset: number, dataOffset: number): EntryContext {
    const ctx = {
      pax: this.pax,
      globalPax: this.globalPax,
      longName: this.longName,
      longLink: this.longLink,
      headerOffset,
      dataOffset,
    };
    this.clear();
    return ctx;
  }

  /** Drops per-entry metadata (its entry was of a skipped type). */
  clear(): void {
    this.pax = null;
    this.longName = null;
    this.longLink = null;
  }
}
