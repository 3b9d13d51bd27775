/**
 * Is this URL our own renderer? Only the page we loaded may call main: same origin for the dev
 * server, and for file:// the same file (so another local file opened by navigation cannot).
 */
export function isTrustedRendererUrl(frameUrl: string, rendererUrl: string): boolean {
  let frame: URL;
  let expected: URL;
  try {
    frame = new URL(frameUrl);
    expected = new URL(rendererUrl);
  } catch {
    return false;
  }
  if (expected.protocol === 'file:') {
    return frame.protocol === 'file:' && frame.host === expected.host && frame.pathname === expected.pathname;
  }
  // Opaque origins ('null') never match each other.
  return frame.origin !== 'null' && frame.origin === expected.origin;
}
