/**
 * One JSON request straight through dockerode's modem, with the query and the body kept apart.
 * dockerode's `createContainer` and `container.commit` send their options object as BOTH the query
 * string and the JSON body (see /work/shared/TESTBED.md), so every option would travel twice; here
 * `_query` and `_body` say exactly what goes where.
 */
import type { EngineClient } from '../engine-client';

export interface DialJsonRequest {
  path: string;
  method: 'GET' | 'POST';
  query: Record<string, string | number | boolean | string[]>;
  /** Absent: no body at all (the modem drops an empty `{}`). */
  body?: object;
  /** Status codes that succeed (true) or fail with a message. */
  statusCodes: Record<number, true | string>;
}

export function dialJson<T>(docker: EngineClient, req: DialJsonRequest): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    docker.modem.dial(
      {
        // The modem appends the query after a trailing `?`.
        path: `${req.path}?`,
        method: req.method,
        options: { _query: req.query, _body: req.body ?? {} },
        statusCodes: req.statusCodes,
      } as Parameters<EngineClient['modem']['dial']>[0],
      (err: unknown, data: unknown) => (err ? reject(err) : resolve(data as T)),
    );
  });
}
