import { describe, expect, it } from 'vitest';
import { isDeleteKey, isMacPlatform, isTextEntry } from './shortcuts';

const key = (
  k: string,
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {},
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

/** A stand-in for a DOM element: what isTextEntry reads. */
const el = (tagName: string, attrs: Record<string, string> = {}, isContentEditable = false): Element =>
  ({ tagName, getAttribute: (n: string) => attrs[n] ?? null, isContentEditable }) as unknown as Element;

describe('isDeleteKey', () => {
  it('takes Delete everywhere and Backspace only on macOS', () => {
    expect(isDeleteKey(key('Delete'), false)).toBe(true);
    expect(isDeleteKey(key('Delete'), true)).toBe(true);
    expect(isDeleteKey(key('Backspace'), true)).toBe(true);
    expect(isDeleteKey(key('Backspace'), false)).toBe(false);
  });
  it('ignores the key with a modifier and other keys', () => {
    expect(isDeleteKey(key('Backspace', { metaKey: true }), true)).toBe(false);
    expect(isDeleteKey(key('Delete', { ctrlKey: true }), false)).toBe(false);
    expect(isDeleteKey(key('Delete', { shiftKey: true }), false)).toBe(false);
    expect(isDeleteKey(key('d'), false)).toBe(false);
  });
});

describe('isMacPlatform', () => {
  it('recognizes the macOS family by navigator.platform', () => {
    expect(isMacPlatform('MacIntel')).toBe(true);
    expect(isMacPlatform('iPad')).toBe(true);
    expect(isMacPlatform('Linux x86_64')).toBe(false);
    expect(isMacPlatform('Win32')).toBe(false);
  });
});

describe('isTextEntry', () => {
  it('is true where Delete edits text', () => {
    expect(isTextEntry(el('INPUT'))).toBe(true);
    expect(isTextEntry(el('INPUT', { type: 'search' }))).toBe(true);
    expect(isTextEntry(el('TEXTAREA'))).toBe(true);
    expect(isTextEntry(el('SELECT'))).toBe(true);
    expect(isTextEntry(el('DIV', {}, true))).toBe(true);
  });
  it('is false on rows, buttons and checkboxes', () => {
    expect(isTextEntry(el('TR'))).toBe(false);
    expect(isTextEntry(el('BUTTON'))).toBe(false);
    expect(isTextEntry(el('INPUT', { type: 'checkbox' }))).toBe(false);
    expect(isTextEntry(null)).toBe(false);
  });
});
