/** GET one loopback page for a lesson: no redirects followed, a short timeout, the body capped. */
import { request } from 'node:http';
import type { LoopbackPage } from '../../src-shared/contract/learn';
import { AppError } from '../ipc/app-error';
import { loopbackTarget } from './loopback-url';

export const MAX_PAGE_BYTES = 64 * 1024;

export function fetchLoopback(raw: string, timeoutMs = 5000): Promise<LoopbackPage> {
  const target = loopbackTarget(raw);
  if ('refused' in target) return Promise.reject(new AppError('INVALID_ARGUMENT', target.refused));
  return new Promise((resolve, reject) => {
    const req = request(
      { host: target.address, port: target.port, path: target.path, method: 'GET', timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        let truncated = false;
        res.on('data', (chunk: Buffer) => {
          if (bytes >= MAX_PAGE_BYTES) {
            truncated = true;
            res.destroy();
            return;
          }
          chunks.push(chunk.subarray(0, MAX_PAGE_BYTES - bytes));
          truncated ||= chunk.length > MAX_PAGE_BYTES - bytes;
          bytes += Math.min(chunk.length, MAX_PAGE_BYTES - bytes);
        });
        const done = (): void =>
          resolve({
            url: target.href,
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
            truncated,
          });
        res.on('end', done);
        res.on('close', done);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.on('error', (err) =>
      reject(new AppError('NOT_FOUND', `Nothing answered at ${target.href}: ${err.message}`)),
    );
    req.end();
  });
}
