import { describe, expect, it } from 'vitest';
import { isTrustedRendererUrl } from './sender';

describe('isTrustedRendererUrl: packaged app (file://)', () => {
  const renderer = 'file:///opt/Strata/resources/app.asar/out/renderer/index.html';

  it('trusts the same file', () => {
    expect(isTrustedRendererUrl(renderer, renderer)).toBe(true);
  });

  it('trusts the same file with a hash or query (in-page routing)', () => {
    expect(isTrustedRendererUrl(`${renderer}#/images/abc`, renderer)).toBe(true);
    expect(isTrustedRendererUrl(`${renderer}?tab=layers`, renderer)).toBe(true);
  });

  it('does not trust another local file', () => {
    expect(isTrustedRendererUrl('file:///tmp/evil.html', renderer)).toBe(false);
    expect(
      isTrustedRendererUrl('file:///opt/Strata/resources/app.asar/out/renderer/other.html', renderer),
    ).toBe(false);
    expect(isTrustedRendererUrl('file:///opt/Strata/resources/app.asar/out/renderer/', renderer)).toBe(false);
  });

  it('compares paths after URL normalisation of dot segments', () => {
    // The URL parser resolves `..`: this is the same file.
    expect(
      isTrustedRendererUrl(
        'file:///opt/Strata/resources/app.asar/out/renderer/../renderer/x/../index.html',
        renderer,
      ),
    ).toBe(true);
    expect(
      isTrustedRendererUrl('file:///opt/Strata/resources/app.asar/out/renderer/index.html/..', renderer),
    ).toBe(false);
  });

  it('does not trust http(s) pages, even on localhost', () => {
    expect(isTrustedRendererUrl('http://localhost:5173/', renderer)).toBe(false);
    expect(isTrustedRendererUrl('https://example.com/out/renderer/index.html', renderer)).toBe(false);
  });

  it('works with Windows drive-letter file URLs', () => {
    const win = 'file:///C:/Program%20Files/Strata/resources/app.asar/out/renderer/index.html';
    expect(isTrustedRendererUrl(win, win)).toBe(true);
    expect(
      isTrustedRendererUrl(
        'file:///D:/Program%20Files/Strata/resources/app.asar/out/renderer/index.html',
        win,
      ),
    ).toBe(false);
  });
});

describe('isTrustedRendererUrl: dev server (http://)', () => {
  const renderer = 'http://localhost:5173';

  it('trusts any page of the same origin', () => {
    expect(isTrustedRendererUrl('http://localhost:5173/', renderer)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5173/index.html#/images', renderer)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5173/src/main.tsx?t=1', renderer)).toBe(true);
  });

  it('does not trust another origin: host, port or scheme differ', () => {
    expect(isTrustedRendererUrl('http://localhost:5174/', renderer)).toBe(false);
    expect(isTrustedRendererUrl('http://127.0.0.1:5173/', renderer)).toBe(false);
    expect(isTrustedRendererUrl('https://localhost:5173/', renderer)).toBe(false);
    expect(isTrustedRendererUrl('http://localhost.evil.com:5173/', renderer)).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173@evil.com/', renderer)).toBe(false);
    expect(isTrustedRendererUrl('https://example.com/', renderer)).toBe(false);
  });

  it('does not trust a file:// page', () => {
    expect(isTrustedRendererUrl('file:///tmp/index.html', renderer)).toBe(false);
  });

  it('does not trust opaque-origin frames', () => {
    expect(isTrustedRendererUrl('about:blank', renderer)).toBe(false);
    expect(isTrustedRendererUrl('data:text/html,<h1>hi</h1>', renderer)).toBe(false);
    expect(isTrustedRendererUrl('blob:null/1234', renderer)).toBe(false);
  });
});

describe('isTrustedRendererUrl: garbage', () => {
  it('answers false for unparsable URLs on either side', () => {
    expect(isTrustedRendererUrl('', 'http://localhost:5173')).toBe(false);
    expect(isTrustedRendererUrl('not a url', 'http://localhost:5173')).toBe(false);
    expect(isTrustedRendererUrl('http://', 'http://localhost:5173')).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173/', '')).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173/', 'garbage')).toBe(false);
  });

  it('file:// and http:// never match each other', () => {
    expect(isTrustedRendererUrl('file:///index.html', 'http://localhost:5173/index.html')).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173/index.html', 'file:///index.html')).toBe(false);
    expect(isTrustedRendererUrl('file://', 'http://')).toBe(false);
    expect(isTrustedRendererUrl('http://', 'file://')).toBe(false);
  });
});
