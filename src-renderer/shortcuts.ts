/**
 * Window-wide keyboard shortcuts:
 *   Ctrl/Cmd+O  open an archive: the same action as the Archive view's "Open archive…" (a file
 *               picker, then `openArchiveFile`), after `onOpenArchive` (e.g. show the Archive view);
 *               a `strata:open-archive` CustomEvent is dispatched on window first, and a listener
 *               that calls `preventDefault()` on it takes the action over instead.
 *   Ctrl/Cmd+F  focus the current view's filter: the first visible `[data-shortcut="filter"]`, else
 *               the first visible search box of the view (`main input[type=search]`).
 *   Escape      close the topmost dialog: an open `<dialog>` (its `cancel` event, then `close()`
 *               unless a listener prevented it), else a `[role=dialog]`'s
 *               `[data-dialog-close]` button, else a `strata:close-dialog` CustomEvent.
 *   Delete      (and Backspace on macOS, where the key labelled delete sends it) outside a text
 *               field and with no dialog open: a `strata:delete-selection` CustomEvent on window;
 *               the shown list (Images, Containers) opens its remove confirmation for what is
 *               selected. Nothing is ever removed without that confirmation.
 * `installShortcuts` returns the function that removes them.
 */
import { ARCHIVE_ACCEPT, pickArchiveFile } from './ipc/files';
import { openArchiveFile } from './features/archives/useArchiveDrop';

export interface ShortcutOptions {
  /** Runs before the file picker opens (e.g. switch to the Archive view). */
  onOpenArchive?: () => void;
  /** The document to listen on (tests). */
  doc?: Document;
}

export const OPEN_ARCHIVE_EVENT = 'strata:open-archive';
export const CLOSE_DIALOG_EVENT = 'strata:close-dialog';
export const DELETE_SELECTION_EVENT = 'strata:delete-selection';

/** The macOS family, where the delete key sends Backspace. */
export const isMacPlatform = (platform: string): boolean => /^(mac|iphone|ipad|ipod)/i.test(platform);

/** Delete, or Backspace on macOS; no modifier (Cmd+Backspace etc. mean other things). */
export function isDeleteKey(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
  mac: boolean,
): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return false;
  return e.key === 'Delete' || (mac && e.key === 'Backspace');
}

/** Where a key edits text: inputs that take text, textareas, selects, contenteditable. */
export function isTextEntry(el: Element | null): boolean {
  if (!el) return false;
  const tag = el.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag === 'input') {
    const type = (el.getAttribute('type') ?? 'text').toLowerCase();
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
  }
  return (el as HTMLElement).isContentEditable === true;
}

const visible = (el: Element): boolean => {
  const r = (el as HTMLElement).getBoundingClientRect();
  return r.width > 0 && r.height > 0;
};

/** The picker "Open archive…" uses: a file input, then the archive store's open action. */
export function pickArchive(doc: Document = document): void {
  const input = doc.createElement('input');
  input.type = 'file';
  input.accept = ARCHIVE_ACCEPT;
  input.hidden = true;
  input.dataset['testid'] = 'shortcut-archive-input';
  input.addEventListener('change', () => {
    const file = pickArchiveFile(input.files);
    input.remove();
    if (file) openArchiveFile(file);
  });
  input.addEventListener('cancel', () => input.remove());
  doc.body.appendChild(input);
  input.click();
}

export function focusFilter(doc: Document): boolean {
  const candidates = [
    ...doc.querySelectorAll<HTMLElement>('[data-shortcut="filter"]'),
    ...doc.querySelectorAll<HTMLElement>('main input[type="search"]'),
  ];
  const target = candidates.find(visible);
  if (!target) return false;
  target.focus();
  if (target instanceof HTMLInputElement) target.select();
  return true;
}

export function closeTopDialog(doc: Document): boolean {
  const dialogs = [...doc.querySelectorAll<HTMLDialogElement>('dialog[open]')];
  const top = dialogs[dialogs.length - 1];
  if (top) {
    // Ask it to close the way Escape does (`cancel`): its owner may close it, or keep it open
    // while a job runs; only a dialog nobody answers for is closed here.
    if (top.dispatchEvent(new Event('cancel', { cancelable: true }))) top.close();
    return true;
  }
  const roles = [...doc.querySelectorAll<HTMLElement>('[role="dialog"], [role="alertdialog"]')].filter(
    visible,
  );
  const closer = roles[roles.length - 1]?.querySelector<HTMLElement>('[data-dialog-close]');
  if (closer) {
    closer.click();
    return true;
  }
  if (roles.length)
    return !doc.defaultView?.dispatchEvent(new CustomEvent(CLOSE_DIALOG_EVENT, { cancelable: true }));
  return false;
}

export function installShortcuts(options: ShortcutOptions = {}): () => void {
  const doc = options.doc ?? document;
  const mac = isMacPlatform(doc.defaultView?.navigator.platform ?? '');
  const onKey = (e: KeyboardEvent): void => {
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    if (mod && !e.altKey && !e.shiftKey && key === 'o') {
      e.preventDefault();
      const ev = new CustomEvent(OPEN_ARCHIVE_EVENT, { cancelable: true });
      if (doc.defaultView?.dispatchEvent(ev) === false) return;
      options.onOpenArchive?.();
      pickArchive(doc);
    } else if (mod && !e.altKey && !e.shiftKey && key === 'f') {
      if (focusFilter(doc)) e.preventDefault();
    } else if (isDeleteKey(e, mac) && !e.defaultPrevented) {
      if (isTextEntry(e.target as Element | null) || doc.querySelector('dialog[open], [role="dialog"]'))
        return;
      const ev = new CustomEvent(DELETE_SELECTION_EVENT, { cancelable: true });
      // A list that took it (preventDefault) answered; else the key keeps its default.
      if (doc.defaultView?.dispatchEvent(ev) === false) e.preventDefault();
    } else if (e.key === 'Escape' && !e.defaultPrevented) {
      // A native modal <dialog> closes itself on Escape; only the others need help.
      if (closeTopDialog(doc)) e.preventDefault();
    }
  };
  doc.addEventListener('keydown', onKey);
  return () => doc.removeEventListener('keydown', onKey);
}

/**
 * Listens for Delete on a list: `handle` opens the list's remove confirmation and answers true,
 * or answers false when nothing is selected. Returns the function that stops listening.
 */
export function onDeleteSelection(handle: () => boolean, win: Window = window): () => void {
  const listener = (e: Event): void => {
    if (handle()) e.preventDefault();
  };
  win.addEventListener(DELETE_SELECTION_EVENT, listener);
  return () => win.removeEventListener(DELETE_SELECTION_EVENT, listener);
}
