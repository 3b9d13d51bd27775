import { LANG_NAMES, LANGS, useLangStore } from './lang';

/** A small select in the engine bar: English / 简体中文. */
export function LanguageSwitch(): React.JSX.Element {
  const lang = useLangStore((s) => s.lang);
  const setLang = useLangStore((s) => s.setLang);
  return (
    <select
      className="language-switch"
      aria-label="Language / 语言"
      data-testid="language-switch"
      value={lang}
      onChange={(e) => setLang(e.target.value as typeof lang)}
    >
      {LANGS.map((l) => (
        <option key={l} value={l}>
          {LANG_NAMES[l]}
        </option>
      ))}
    </select>
  );
}
