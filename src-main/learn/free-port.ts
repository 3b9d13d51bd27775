/** A free TCP port on 127.0.0.1, preferring the tutorial's own numbers so the commands read the same. */
import { createServer } from 'node:net';

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** `prefer` if free, else the next free one above it (up to 200 tries), else one the OS picks. */
export async function freeLoopbackPort(prefer: number, avoid: readonly number[] = []): Promise<number> {
  for (let port = prefer; port < Math.min(65536, prefer + 200); port++) {
    if (!avoid.includes(port) && (await canListen(port))) return port;
  }
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const addr = server.address();
      server.close(() =>
        addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port')),
      );
    });
  });
}
