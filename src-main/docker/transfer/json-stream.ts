/**
 * Reads the engine's JSON message streams (load, pull, push): one JSON object per line.
 *
 * The engine answers HTTP 200 and then reports failures INSIDE the stream as
 * `{"error": "...", "errorDetail": {"message": "..."}}`; dockerode's `followProgress` does not turn
 * those into errors (https://github.com/apocas/dockerode/issues/555), so every caller reads the
 * stream here and gets the in-stream error back as data to turn into an AppError.
 */
export interface JsonMessage {
  id?: string;
  status?: string;
  stream?: string;
  progress?: string;
  progressDetail?: { current?: number; total?: number };
  aux?: Record<string, unknown>;
  error?: string;
  errorDetail?: { message?: string; code?: number };
}

export interface StreamOutcome {
  messages: number;
  /** The first in-stream error, if any. */
  error: { message: string; code?: number } | null;
}

/** Splits text into complete lines; keeps the unfinished tail for the next chunk. */
export class LineSplitter {
  private tail = '';
  private readonly decoder = new TextDecoder();

  push(chunk: Uint8Array): string[] {
    const text = this.tail + this.decoder.decode(chunk, { stream: true });
    const lines = text.split(/\r?\n/);
    this.tail = lines.pop() ?? '';
    return lines.filter((l) => l.trim() !== '');
  }

  end(): string[] {
    const last = (this.tail + this.decoder.decode()).trim();
    this.tail = '';
    return last ? [last] : [];
  }
}

/** Parses one line; a line that is not a JSON object becomes a `stream` message (never lost, never thrown). */
export function parseMessage(line: string): JsonMessage {
  try {
    const v: unknown = JSON.parse(line);
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as JsonMessage;
  } catch {
    // fall through
  }
  return { stream: line };
}

export function messageError(m: JsonMessage): { message: string; code?: number } | null {
  if (m.error === undefined && m.errorDetail === undefined) return null;
  const message = m.errorDetail?.message ?? m.error ?? 'unknown engine error';
  return m.errorDetail?.code !== undefined ? { message, code: m.errorDetail.code } : { message };
}

/**
 * Consumes a JSON message stream to its end. Stream errors (the connection dropped: the engine
 * died, or the job was cancelled) reject; in-stream errors resolve in `error`.
 */
export async function consumeJsonStream(
  stream: AsyncIterable<Uint8Array | string>,
  onMessage: (m: JsonMessage) => void,
): Promise<StreamOutcome> {
  const lines = new LineSplitter();
  let messages = 0;
  let error: StreamOutcome['error'] = null;
  const handle = (line: string): void => {
    const m = parseMessage(line);
    messages++;
    error ??= messageError(m);
    onMessage(m);
  };
  for await (const chunk of stream) {
    for (const line of lines.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)) handle(line);
  }
  for (const line of lines.end()) handle(line);
  return { messages, error };
}
