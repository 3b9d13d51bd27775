/**
 * Message catalogs, one per feature (`features/x/messages.ts`), so features translate without
 * touching one shared file. English is the source; the Chinese catalog must have every key
 * with the same shape (a string, or a function with the same parameters), checked by the compiler.
 *
 *   export const msg = defineMessages({
 *     en: { title: 'Layers', count: (n: number) => `${n} layers` },
 *     zh: { title: '镜像层', count: (n: number) => `${n} 层` },
 *   });
 *   const m = useMessages(msg); m.title; m.count(3);
 */
import { getLang, useLang, type Lang } from './lang';

export type Message = string | ((...args: never[]) => string);
export type Catalog = Record<string, Message>;
/** The Chinese side: the same keys, each of the same kind as the English one. */
export type Translation<T extends Catalog> = { [K in keyof T]: T[K] extends string ? string : T[K] };
export interface Messages<T extends Catalog> {
  en: T;
  zh: Translation<T>;
}

export function defineMessages<T extends Catalog>(m: Messages<T>): Messages<T> {
  return m;
}

export function messagesFor<T extends Catalog>(m: Messages<T>, lang: Lang): T {
  return (lang === 'zh' ? m.zh : m.en) as T;
}

/** The catalog in the current language; re-renders when the language changes. */
export function useMessages<T extends Catalog>(m: Messages<T>): T {
  return messagesFor(m, useLang());
}

/** Outside React (formatters, error text): the catalog in the current language, read now. */
export function currentMessages<T extends Catalog>(m: Messages<T>): T {
  return messagesFor(m, getLang());
}

/** An English count with its noun: `plural(1, 'layer', 'layers')` -> '1 layer'. (Chinese needs none.) */
export const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
