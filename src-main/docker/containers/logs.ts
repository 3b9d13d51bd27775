/** A container's logs: a stream opened on the engine, and the one-shot read over it. */
import type { Readable } from 'node:stream';
import type { LogLine } from '../../../src-shared/containers-dto';
import type { EngineClient } from '../engine-client';
import { toAppError } from '../engine-errors';
import { createDemuxer } from './demux';
import { inspectContainerRaw } from './inspect';
import { LogLineCollector } from './log-lines';

export interface LogOptions {
  /** Only the last N lines; absent = all. */
  tail?: number;
  timestamps: boolean;
  /** Only lines since this time, in seconds since the epoch. */
  since?: number;
}

/** Budget of the one-shot read: the newest lines up to about this many characters are answered. */
export const LOG_TEXT_BUDGET = 4 * 1024 * 1024;

/** Whether the container has a TTY: then its logs are one raw stream, not multiplexed frames. */
export async function containerHasTty(docker: EngineClient, id: string): Promise<boolean> {
  return (await inspectContainerRaw(docker, id, { size: false })).Config?.Tty ?? false;
}

/**
 * Opens `GET /containers/{id}/logs` as a byte stream. dockerode only streams when `follow` is set;
 * going through the modem with `isStream` also streams a one-shot read, so its size never has to
 * fit in one buffer.
 */
export async function openLogStream(
  docker: EngineClient,
  id: string,
  opts: LogOptions & { follow: boolean },
): Promise<Readable> {
  const query: Record<string, string | number | boolean> = {
    follow: opts.follow,
    stdout: true,
    stderr: true,
    timestamps: opts.timestamps,
    tail: opts.tail === undefined ? 'all' : opts.tail,
  };
  if (opts.since !== undefined) query['since'] = opts.since;
  try {
    return await new Promise<Readable>((resolve, reject) => {
      docker.modem.dial(
        {
          path: `/containers/${encodeURIComponent(id)}/logs?`,
          method: 'GET',
          isStream: true,
          options: query,
          statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
        } as Parameters<EngineClient['modem']['dial']>[0],
        (err: unknown, stream: unknown) => (err ? reject(err) : resolve(stream as Readable)),
      );
    });
  } catch (err) {
    throw toAppError(err, `Reading the logs of container ${id}`);
  }
}

/** The logs so far, as lines with stdout and stderr told apart (unless the container has a TTY). */
export async function readContainerLogs(
  docker: EngineClient,
  id: string,
  opts: LogOptions,
): Promise<{ lines: LogLine[]; truncated: boolean }> {
  const tty = await containerHasTty(docker, id);
  const stream = await openLogStream(docker, id, { ...opts, follow: false });
  const demux = createDemuxer(tty);
  const collector = new LogLineCollector(opts.timestamps, LOG_TEXT_BUDGET);
  await new Promise<void>((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => {
      for (const piece of demux.push(chunk)) collector.push(piece);
    });
    stream.once('end', resolve);
    stream.once('error', (err) => reject(toAppError(err, `Reading the logs of container ${id}`)));
  });
  return { lines: collector.finish(), truncated: collector.truncated };
}
