import { describe, expect, it } from 'vitest';
import { END_OF_ARCHIVE, fileHeader, paddingFor } from '../../services/convert-archive-tar';
import { TarCheck } from './tar-check';

const member = (name: string, body: string): Buffer => {
  const b = Buffer.from(body);
  return Buffer.concat([fileHeader(name, b.length), b, paddingFor(b.length)]);
};

describe('TarCheck (and the converter tar headers it reads)', () => {
  const whole = Buffer.concat([
    member('abc/layer.tar', 'x'.repeat(700)),
    member('manifest.json', '[]'),
    END_OF_ARCHIVE,
  ]);

  it('accepts a whole tar with a manifest, fed in odd chunk sizes', () => {
    const c = new TarCheck('t');
    for (let i = 0; i < whole.length; i += 333) c.write(whole.subarray(i, i + 333));
    expect(c.finish()).toMatchObject({ entries: 2, end: 'two-zero-blocks' });
    expect(c.has('manifest.json')).toBe(true);
    expect(c.bytes).toBe(whole.length);
  });

  it('refuses a tar without end blocks, or without manifest.json/index.json', () => {
    const cut = new TarCheck('t');
    cut.write(whole.subarray(0, whole.length - 1024));
    expect(() => cut.finish()).toThrow(/no end-of-archive blocks/);
    const noManifest = new TarCheck('t');
    noManifest.write(Buffer.concat([member('abc/layer.tar', 'y'), END_OF_ARCHIVE]));
    expect(() => noManifest.finish()).toThrow(/no manifest.json or index.json/);
    const mid = new TarCheck('t');
    mid.write(whole.subarray(0, 800));
    expect(() => mid.finish()).toThrow(/incomplete/);
  });

  it("quotes the engine's in-band error written after a save started", () => {
    const c = new TarCheck('t');
    c.write(whole.subarray(0, 1536));
    c.write(
      Buffer.from('{"errorDetail":{"message":"layer does not exist"},"error":"layer does not exist"}\r\n'),
    );
    expect(() => c.finish()).toThrow(/the engine failed during the save: layer does not exist/);
  });

  it('writes sizes above 8 GiB in base-256', () => {
    const h = fileHeader('big', 9 * 1024 ** 3);
    expect(h[124]).toBe(0x80);
    expect(h.readUIntBE(130, 6)).toBe(9 * 1024 ** 3);
  });
});
