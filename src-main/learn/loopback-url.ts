/**
 * The one rule for pages a lesson may read: plain http on the loopback interface. A lesson's
 * server listens on 127.0.0.1; nothing the window asks may reach another host (a container's
 * 172.x address, the LAN, the internet) through main. Pure: unit-tested.
 */

/** Host names that mean this machine's loopback, mapped to the address main connects to. */
const LOOPBACK_HOSTS: Readonly<Record<string, string>> = {
  '127.0.0.1': '127.0.0.1',
  localhost: '127.0.0.1',
  '[::1]': '::1',
};

export interface LoopbackTarget {
  /** The address to connect to (never resolved through DNS). */
  address: string;
  port: number;
  /** Path and query, as sent in the request line. */
  path: string;
  /** The URL as parsed, for display. */
  href: string;
}

/** Why `raw` is not a loopback http URL, or the target to fetch. */
export function loopbackTarget(raw: string): LoopbackTarget | { refused: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { refused: `not a URL: ${raw}` };
  }
  if (url.protocol !== 'http:') return { refused: `only http:// is allowed, not ${url.protocol}` };
  if (url.username || url.password) return { refused: 'a URL with credentials is not allowed' };
  const address = LOOPBACK_HOSTS[url.hostname];
  if (!address)
    return {
      refused: `only 127.0.0.1, localhost or [::1] may be opened, not ${url.hostname || '(no host)'}`,
    };
  const port = url.port === '' ? 80 : Number(url.port);
  return { address, port, path: `${url.pathname}${url.search}`, href: url.href };
}
