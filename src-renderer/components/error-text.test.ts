import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { IPC_ERROR_CODES } from '../../src-shared/contract/common';
import { useLangStore } from '../i18n/lang';
import { IpcCallError, errorMessage } from '../ipc/client';
import { errorNoteIn, readableError } from './ErrorNote';
import { errorHeadlines, errorParts, errorText } from './error-text';

const failure = (code: IpcCallError['code'], message: string): IpcCallError =>
  new IpcCallError({ code, message });

describe('errorHeadlines', () => {
  it('has a distinct, non-empty headline in English and in Chinese for every code main answers with', () => {
    for (const lang of ['en', 'zh'] as const) {
      const texts = IPC_ERROR_CODES.map((c) => errorHeadlines[lang][c]);
      expect(texts.every((t) => t.trim().length > 0)).toBe(true);
      expect(new Set(texts).size).toBe(IPC_ERROR_CODES.length);
    }
    expect(Object.keys(errorHeadlines.en).sort()).toEqual([...IPC_ERROR_CODES].sort());
    // The Chinese side is Chinese, not a copy of the English.
    for (const c of IPC_ERROR_CODES) expect(errorHeadlines.zh[c]).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('errorText', () => {
  it("puts the code's headline before main's message, in the language asked for", () => {
    const err = failure('NOT_FOUND', 'No such image: ghost:1');
    expect(errorText(err, 'en')).toBe('Not found: No such image: ghost:1');
    expect(errorText(err, 'zh')).toBe('未找到：No such image: ghost:1');
  });
  it("does not repeat a headline main's English message already starts with", () => {
    const err = failure('ENGINE_UNAVAILABLE', 'The Docker engine cannot be reached (ECONNREFUSED): connect');
    expect(errorText(err, 'en')).toBe('The Docker engine cannot be reached (ECONNREFUSED): connect');
    expect(errorText(err, 'zh')).toBe(
      '无法连接到 Docker 引擎：The Docker engine cannot be reached (ECONNREFUSED): connect',
    );
  });
  it("reads a job's { code, message } error state, and leaves other errors as they are", () => {
    expect(errorText({ code: 'CONFLICT', message: 'image is in use' }, 'en')).toBe(
      'This conflicts with the current state: image is in use',
    );
    expect(errorText(Object.assign(new Error('no such file'), { code: 'ENOENT' }), 'zh')).toBe(
      'no such file',
    );
    expect(errorText(new Error('boom'), 'zh')).toBe('boom');
    expect(errorText('plain', 'zh')).toBe('plain');
  });
  it('errorMessage follows the UI language', () => {
    const err = failure('CANCELLED', 'The save was cancelled');
    useLangStore.getState().setLang('zh');
    expect(errorMessage(err)).toBe('已取消：The save was cancelled');
    useLangStore.getState().setLang('en');
    expect(errorMessage(err)).toBe('Cancelled: The save was cancelled');
  });
  afterEach(() => useLangStore.getState().setLang('en'));
});

describe('errorParts', () => {
  it('gives no headline for codes that are not main’s', () => {
    expect(errorParts('ERROR', 'boom', 'zh')).toEqual({ headline: null, detail: 'boom' });
    expect(errorParts('NOT_AN_IMAGE', 'no manifest', 'en')).toEqual({
      headline: null,
      detail: 'no manifest',
    });
  });
});

describe('ErrorNote in Chinese', () => {
  it('shows the Chinese headline, main’s message as the detail, and the details on demand', () => {
    const err = failure('BAD_ARCHIVE', 'The engine refused a.tar: unexpected EOF');
    const html = renderToStaticMarkup(errorNoteIn('zh', readableError(err), 'note'));
    expect(html).toContain('<strong>无法使用该镜像归档文件</strong>');
    expect(html).toContain('<span class="error-note-detail">The engine refused a.tar: unexpected EOF</span>');
    expect(html).toContain('<summary>详细信息</summary>');
    expect(html).toContain('&quot;code&quot;: &quot;BAD_ARCHIVE&quot;');
    expect(html).toContain('data-testid="note"');
  });
  it('in English keeps the message shown where the headline would repeat it', () => {
    const err = failure('ENGINE_UNAVAILABLE', 'The Docker engine cannot be reached (ENOENT): x.sock');
    const html = renderToStaticMarkup(errorNoteIn('en', readableError(err)));
    expect(html).toContain('<strong>The Docker engine cannot be reached (ENOENT): x.sock</strong>');
    expect(html).not.toContain('error-note-detail');
    expect(html).toContain('<summary>Details</summary>');
  });
});
