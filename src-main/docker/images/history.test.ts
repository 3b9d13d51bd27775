import { describe, expect, it } from 'vitest';
import { HistoryEntrySchema } from '../../../src-shared/images-dto';
import { instructionOf, mapHistory } from './history';

const ID = 'sha256:' + 'a'.repeat(64);

describe('instructionOf', () => {
  it('reads the legacy builder, BuildKit, commit and import forms', () => {
    expect(instructionOf('/bin/sh -c #(nop)  ENV A=1', '')).toBe('ENV A=1');
    expect(instructionOf('/bin/sh -c apk add x', '')).toBe('RUN apk add x');
    expect(instructionOf('COPY a /b # buildkit', '')).toBe('COPY a /b');
    expect(instructionOf('sh -c mkdir /x', 'add index')).toBe('(commit) sh -c mkdir /x');
    expect(instructionOf('', 'Imported from -')).toBe('(import)');
  });
});

describe('mapHistory', () => {
  it('keeps <missing> rows and empty steps, and explains each', () => {
    const rows = mapHistory(
      [
        {
          Id: ID,
          Created: 2,
          CreatedBy: '/bin/sh -c #(nop)  CMD ["sh"]',
          Size: 0,
          Tags: ['x:1', '<none>:<none>'],
        },
        { Id: '<missing>', Created: 1, CreatedBy: '/bin/sh -c echo hi > /f', Size: 3 },
        { Id: '<missing>', Created: 0, CreatedBy: '', Comment: 'Imported from -', Size: 100 },
      ],
      2,
    );
    expect(rows.map((r) => [r.missing, r.emptyLayer, r.layerIndex])).toEqual([
      [false, true, null],
      [true, false, 1],
      [true, false, 0],
    ]);
    expect(rows[0]!.tags).toEqual(['x:1']);
    expect(rows[0]!.imageId).toBe(ID);
    expect(rows[0]!.explanation).toMatch(/metadata/);
    expect(rows[1]!.imageId).toBeNull();
    expect(rows[1]!.explanation).toMatch(/<missing>.*built elsewhere/);
    expect(rows[2]!.explanation).toMatch(/imported/);
    expect(rows[1]!.created).toBe(1000);
    for (const r of rows) expect(HistoryEntrySchema.parse(r)).toEqual(r);
  });
});
