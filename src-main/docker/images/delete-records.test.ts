import { describe, expect, it } from 'vitest';
import { splitDeleteRecords } from './delete-records';

describe('splitDeleteRecords', () => {
  it('reports untagged references and only image IDs among the deleted (not released layers)', () => {
    const r = splitDeleteRecords(
      [{ Untagged: 'x:1' }, { Deleted: 'sha256:img' }, { Deleted: 'sha256:layer' }],
      new Set(['sha256:img']),
    );
    expect(r).toEqual({ untagged: ['x:1'], deleted: ['sha256:img'] });
    expect(splitDeleteRecords(null, new Set())).toEqual({ untagged: [], deleted: [] });
  });
});
