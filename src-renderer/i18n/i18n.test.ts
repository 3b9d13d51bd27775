import { describe, expect, it } from 'vitest';
import { langFromLocales } from './lang';
import { defineMessages, messagesFor } from './messages';

describe('langFromLocales', () => {
  it('picks Simplified Chinese for zh, zh-CN, zh-Hans-*, zh-SG', () => {
    for (const l of ['zh', 'zh-CN', 'zh-Hans-HK', 'zh-SG']) expect(langFromLocales([l])).toBe('zh');
  });
  it('falls back to English for Traditional Chinese and other languages', () => {
    expect(langFromLocales(['zh-TW'])).toBe('en');
    expect(langFromLocales(['fr-FR', 'de'])).toBe('en');
    expect(langFromLocales([])).toBe('en');
  });
  it('takes the first language it knows, in order of preference', () => {
    expect(langFromLocales(['fr', 'en-GB', 'zh-CN'])).toBe('en');
    expect(langFromLocales(['fr', 'zh-CN', 'en'])).toBe('zh');
  });
});

describe('messagesFor', () => {
  const m = defineMessages({
    en: { title: 'Layers', count: (n: number) => `${n} layers` },
    zh: { title: '镜像层', count: (n: number) => `${n} 层` },
  });
  it('returns the catalog of the language asked for, functions included', () => {
    expect(messagesFor(m, 'en').count(3)).toBe('3 layers');
    expect(messagesFor(m, 'zh').title).toBe('镜像层');
    expect(messagesFor(m, 'zh').count(3)).toBe('3 层');
  });
});
