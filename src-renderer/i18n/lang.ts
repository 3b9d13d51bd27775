/**
 * The UI language: English or Simplified Chinese (the tutorial's readers), switchable, remembered
 * in localStorage, first guessed from the OS/browser languages. A store of its own so any
 * component (and non-React code through `getLang`) can read it without the app store.
 */
import { create } from 'zustand';

export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];
export const LANG_NAMES: Record<Lang, string> = { en: 'English', zh: '简体中文' };

const STORAGE_KEY = 'strata.lang';

/** `zh`, `zh-CN`, `zh-Hans-*` (and zh-SG) -> zh; Traditional and everything else -> en. */
export function langFromLocales(locales: readonly string[]): Lang {
  for (const raw of locales) {
    const l = raw.toLowerCase();
    if (l === 'zh' || l === 'zh-cn' || l === 'zh-sg' || l.startsWith('zh-hans')) return 'zh';
    if (l.startsWith('en')) return 'en';
  }
  return 'en';
}

function isLang(v: unknown): v is Lang {
  return typeof v === 'string' && (LANGS as readonly string[]).includes(v);
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function initialLang(): Lang {
  const saved = storage()?.getItem(STORAGE_KEY);
  if (isLang(saved)) return saved;
  const locales = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  return langFromLocales(locales);
}

interface LangState {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

function applyToDocument(lang: Lang): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

export const useLangStore = create<LangState>()((set) => {
  const lang = initialLang();
  applyToDocument(lang);
  return {
    lang,
    setLang: (next) => {
      storage()?.setItem(STORAGE_KEY, next);
      applyToDocument(next);
      set({ lang: next });
    },
  };
});

export const useLang = (): Lang => useLangStore((s) => s.lang);
export const getLang = (): Lang => useLangStore.getState().lang;
