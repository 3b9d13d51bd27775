/**
 * An incremental HTTP/1.1 response decoder (pure): the status line and headers, then the body as
 * spans of the buffers it is fed (never copied), framed by chunked transfer encoding,
 * Content-Length, or the end of the connection. Used to stream large engine responses (a save is
 * gigabytes) without the per-chunk cost of a general-purpose HTTP client.
 */

export interface ResponseHead {
  status: number;
  /** Header names lower-cased; repeated headers joined with ", ". */
  headers: Map<string, string>;
}

export interface ResponseHandlers {
  head(head: ResponseHead): void;
  /** A span of body bytes: a view into the fed buffer, valid as long as that buffer is. */
  data(span: Buffer): void;
  end(): void;
}

const MAX_HEAD = 64 * 1024;
const MAX_LINE = 4096;
const CRLF_CRLF = Buffer.from('\r\n\r\n');

const enum State {
  Head,
  ChunkSize,
  ChunkData,
  ChunkEnd,
  Trailer,
  Length,
  UntilClose,
  Done,
}

export class HttpResponseDecoder {
  private state = State.Head;
  private headParts: Buffer[] = [];
  private headBytes = 0;
  private line = '';
  private left = 0;

  constructor(private readonly on: ResponseHandlers) {}

  get done(): boolean {
    return this.state === State.Done;
  }

  /** Feeds the next bytes of the connection; throws on a malformed response. */
  feed(buf: Buffer): void {
    let pos = 0;
    while (pos < buf.length && this.state !== State.Done) pos = this.step(buf, pos);
  }

  /**
   * The connection ended: completes a body that runs until the close, throws if the response
   * stopped before its end.
   */
  close(): void {
    if (this.state === State.Done) return;
    if (this.state === State.UntilClose) {
      this.finish();
      return;
    }
    throw new Error(
      this.state === State.Head
        ? 'the engine closed the connection before answering'
        : 'the engine closed the connection before the end of the response',
    );
  }

  private step(buf: Buffer, pos: number): number {
    switch (this.state) {
      case State.Head:
        return this.readHead(buf, pos);
      case State.ChunkData:
      case State.Length:
      case State.UntilClose: {
        const n = this.state === State.UntilClose ? buf.length - pos : Math.min(this.left, buf.length - pos);
        this.on.data(buf.subarray(pos, pos + n));
        this.left -= n;
        if (this.left === 0 && this.state !== State.UntilClose) {
          if (this.state === State.Length) this.finish();
          else this.state = State.ChunkEnd;
        }
        return pos + n;
      }
      default:
        return this.readLine(buf, pos);
    }
  }

  private readHead(buf: Buffer, pos: number): number {
    // The terminator may straddle feeds: search the held part's last 3 bytes plus this one.
    const held = this.headParts.length ? Buffer.concat(this.headParts) : Buffer.alloc(0);
    const from = Math.max(0, held.length - 3);
    const joined = Buffer.concat([held.subarray(from), buf.subarray(pos)]);
    const at = joined.indexOf(CRLF_CRLF);
    if (at < 0) {
      this.headBytes += buf.length - pos;
      if (this.headBytes > MAX_HEAD) throw new Error('the engine sent an oversized response head');
      this.headParts = [held, buf.subarray(pos)];
      return buf.length;
    }
    const text = Buffer.concat([held.subarray(0, from), joined.subarray(0, at)]).toString('latin1');
    this.headParts = [];
    this.startBody(parseHead(text));
    return pos + (at + 4 - (held.length - from));
  }

  private startBody(head: ResponseHead): void {
    // An interim response (100 Continue...) is followed by the real one.
    if (head.status >= 100 && head.status < 200) return;
    this.on.head(head);
    const te = head.headers.get('transfer-encoding')?.toLowerCase() ?? '';
    const length = head.headers.get('content-length');
    if (head.status === 204 || head.status === 304) {
      this.finish();
    } else if (te.split(',').some((t) => t.trim() === 'chunked')) {
      this.state = State.ChunkSize;
    } else if (length !== undefined) {
      if (!/^\d+$/.test(length.trim())) throw new Error(`the engine sent a bad Content-Length: ${length}`);
      this.left = Number(length);
      this.state = State.Length;
      if (this.left === 0) this.finish();
    } else {
      this.state = State.UntilClose;
    }
  }

  /** Lines of the chunked framing: sizes, the CRLF after data, trailers. */
  private readLine(buf: Buffer, pos: number): number {
    const nl = buf.indexOf(10, pos);
    const end = nl < 0 ? buf.length : nl;
    this.line += buf.toString('latin1', pos, end);
    if (this.line.length > MAX_LINE) throw new Error('the engine sent an oversized chunk header');
    if (nl < 0) return buf.length;
    const line = this.line.endsWith('\r') ? this.line.slice(0, -1) : this.line;
    this.line = '';
    this.onLine(line);
    return nl + 1;
  }

  private onLine(line: string): void {
    switch (this.state) {
      case State.ChunkSize: {
        const hex = line.split(';', 1)[0]!.trim();
        if (!/^[0-9a-fA-F]{1,13}$/.test(hex)) throw new Error(`the engine sent a bad chunk size: "${line}"`);
        this.left = parseInt(hex, 16);
        this.state = this.left === 0 ? State.Trailer : State.ChunkData;
        return;
      }
      case State.ChunkEnd:
        if (line !== '') throw new Error('the engine sent a chunk longer than its size');
        this.state = State.ChunkSize;
        return;
      case State.Trailer:
        if (line === '') this.finish();
        return;
      default:
        throw new Error(`HTTP decoder: unexpected line in state ${this.state}`);
    }
  }

  private finish(): void {
    this.state = State.Done;
    this.on.end();
  }
}

function parseHead(text: string): ResponseHead {
  const [statusLine = '', ...lines] = text.split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})(?: .*)?$/.exec(statusLine);
  if (!m) throw new Error(`the engine sent a bad status line: "${statusLine.slice(0, 80)}"`);
  const headers = new Map<string, string>();
  for (const l of lines) {
    const colon = l.indexOf(':');
    if (colon <= 0) throw new Error(`the engine sent a bad header line: "${l.slice(0, 80)}"`);
    const name = l.slice(0, colon).trim().toLowerCase();
    const value = l.slice(colon + 1).trim();
    const prev = headers.get(name);
    headers.set(name, prev === undefined ? value : `${prev}, ${value}`);
  }
  return { status: Number(m[1]), headers };
}
