/**
 * `POST /containers/{id}/wait`, read as a stream. The engine sends the response headers at once
 * and the body only when the container exits; docker-modem's JSON requests watch the request for
 * errors, not the response, so an engine that dies after the headers left dockerode's `wait`
 * pending forever. Here a connection that closes before the body ends rejects. The headers
 * also tell that the engine holds the wait (moby sends them once it is registered, for API 1.30+;
 * Podman's compat API does too), which `docker run` relies on to start only then.
 */
import type { Readable } from 'node:stream';
import type { EngineClient } from '../engine-client';

export interface WaitOutcome {
  StatusCode?: number;
  Error?: { Message?: string } | null;
}

/**
 * Opens the wait; resolves once the engine holds it (it has sent the headers), with the exit
 * still to come in `exited`. An object, so the pending outcome is not awaited with the opening.
 */
export async function openWait(
  docker: EngineClient,
  id: string,
  condition: 'next-exit' | 'removed' | 'not-running',
  signal: AbortSignal,
): Promise<{ exited: Promise<WaitOutcome> }> {
  const res = await new Promise<Readable>((resolve, reject) => {
    docker.modem.dial(
      {
        path: `/containers/${encodeURIComponent(id)}/wait?`,
        method: 'POST',
        isStream: true,
        abortSignal: signal,
        options: { _query: { condition }, _body: {} },
        statusCodes: { 200: true, 400: 'bad parameter', 404: 'no such container', 500: 'server error' },
      } as Parameters<EngineClient['modem']['dial']>[0],
      (err: unknown, stream: unknown) => (err ? reject(err) : resolve(stream as Readable)),
    );
  });
  return { exited: readOutcome(res, signal) };
}

function readOutcome(res: Readable, signal: AbortSignal): Promise<WaitOutcome> {
  return new Promise<WaitOutcome>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const stop = (): void => void res.destroy(new Error('aborted'));
    signal.addEventListener('abort', stop, { once: true });
    const settle = (): void => signal.removeEventListener('abort', stop);
    res.on('data', (c: Buffer) => chunks.push(c));
    res.once('end', () => {
      settle();
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as WaitOutcome);
      } catch {
        reject(new Error('the engine answered the wait with something that is not JSON'));
      }
    });
    res.once('error', (err) => {
      settle();
      reject(err);
    });
    // Closed without its end (and without an error event): the connection went away.
    res.once('close', () => {
      settle();
      if (!res.readableEnded) reject(new Error('aborted'));
    });
  });
}
