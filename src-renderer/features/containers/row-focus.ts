/**
 * Focus for the forms' repeated rows (environment, ports, volumes, commit changes). Without it
 * "+ port" leaves focus on the button, so a keyboard user tabs back to the new row, and "×"
 * removes the focused button, so focus falls out of the dialog's fields.
 */
import { flushSync } from 'react-dom';

const rowLines = (rows: Element): NodeListOf<HTMLElement> => rows.querySelectorAll(':scope > .ct-rowline');
const firstField = (row: Element | undefined): HTMLElement | null =>
  row?.querySelector<HTMLElement>('input, select') ?? null;

/** Adds a row (rendered at once) and focuses its first field. */
export function addRowAndFocus(button: HTMLElement, add: () => void): void {
  const rows = button.closest('.ct-rows');
  flushSync(add);
  if (!rows) return;
  const lines = rowLines(rows);
  firstField(lines[lines.length - 1])?.focus();
}

/** Removes row `index` and focuses the row now in its place (or the last one), else the add button. */
export function removeRowAndFocus(button: HTMLElement, index: number, remove: () => void): void {
  const rows = button.closest('.ct-rows');
  flushSync(remove);
  if (!rows) return;
  const lines = rowLines(rows);
  (
    firstField(lines[Math.min(index, lines.length - 1)]) ?? rows.querySelector<HTMLElement>('.ct-add')
  )?.focus();
}
