import { describe, expect, it } from 'vitest';
import { CappedBuffer, FrameDemuxer, RawPassThrough, createDemuxer, type DemuxedPiece } from './demux';

function frame(type: number, text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

/** Joins the pieces into per-stream text plus the order of stream switches. */
function collect(pieces: DemuxedPiece[]): { stdout: string; stderr: string; order: string[] } {
  // Bytes are joined before decoding: a piece may end inside a multi-byte character.
  const bytes = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
  const order: string[] = [];
  for (const p of pieces) {
    bytes[p.stream].push(p.bytes);
    if (order[order.length - 1] !== p.stream) order.push(p.stream);
  }
  return {
    stdout: Buffer.concat(bytes.stdout).toString('utf8'),
    stderr: Buffer.concat(bytes.stderr).toString('utf8'),
    order,
  };
}

describe('FrameDemuxer', () => {
  const stream = Buffer.concat([
    frame(1, 'out 1\n'),
    frame(2, 'err 1\n'),
    frame(1, 'out 2 é\n'),
    frame(2, ''),
  ]);

  it('separates stdout and stderr frames of one chunk, in order', () => {
    const r = collect(new FrameDemuxer().push(stream));
    expect(r.stdout).toBe('out 1\nout 2 é\n');
    expect(r.stderr).toBe('err 1\n');
    expect(r.order).toEqual(['stdout', 'stderr', 'stdout']);
  });

  it('gives the same result for every way of splitting the stream into two chunks', () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      const d = new FrameDemuxer();
      const r = collect([...d.push(stream.subarray(0, cut)), ...d.push(stream.subarray(cut))]);
      expect(r.stdout, `cut at ${cut}`).toBe('out 1\nout 2 é\n');
      expect(r.stderr, `cut at ${cut}`).toBe('err 1\n');
      expect(d.pendingBytes()).toBe(0);
    }
  });

  it('handles one byte at a time (headers split across many chunks)', () => {
    const d = new FrameDemuxer();
    const pieces: DemuxedPiece[] = [];
    for (const byte of stream) pieces.push(...d.push(Buffer.from([byte])));
    const r = collect(pieces);
    expect(r.stdout).toBe('out 1\nout 2 é\n');
    expect(r.stderr).toBe('err 1\n');
  });

  it('streams a large frame as it arrives instead of buffering it whole', () => {
    const d = new FrameDemuxer();
    const big = frame(1, 'x'.repeat(100_000));
    const first = d.push(big.subarray(0, 1000));
    expect(first).toHaveLength(1);
    expect(first[0]!.bytes.length).toBe(992);
    expect(d.pendingBytes()).toBe(100_000 - 992);
  });

  it('reports stdin (0) as stdout and the engine’s system error stream (3) as stderr', () => {
    const r = collect(new FrameDemuxer().push(Buffer.concat([frame(0, 'in'), frame(3, 'sys')])));
    expect(r).toMatchObject({ stdout: 'in', stderr: 'sys' });
  });

  it('says when the stream ended inside a frame', () => {
    const d = new FrameDemuxer();
    d.push(frame(1, 'hello').subarray(0, 10));
    expect(d.pendingBytes()).toBe(3);
  });
});

describe('TTY output', () => {
  it('passes raw bytes through as stdout, headers and all', () => {
    const raw = frame(2, 'looks like a frame');
    expect(createDemuxer(true)).toBeInstanceOf(RawPassThrough);
    const pieces = createDemuxer(true).push(raw);
    expect(pieces).toEqual([{ stream: 'stdout', bytes: raw }]);
    expect(createDemuxer(true).push(Buffer.alloc(0))).toEqual([]);
  });
});

describe('CappedBuffer', () => {
  it('keeps bytes up to the cap and flags what it dropped', () => {
    const b = new CappedBuffer(5);
    b.add(Buffer.from('abc'));
    expect(b.truncated).toBe(false);
    b.add(Buffer.from('defg'));
    b.add(Buffer.from('h'));
    expect(b.text()).toBe('abcde');
    expect(b.truncated).toBe(true);
  });
});
