/**
 * Test helper (imported only by fuzz.test.ts): re-pack mutations. They take the archive apart,
 * change one member (JSON edited as JSON, a layer's own tar mutated, the member deleted, renamed
 * out of the root, made a link out of the root) and write it again with the tar builder.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { tar, type BuildEntry } from '../../../test/support/tar-builder';
import { checksumMatches } from '../tar/header';
import { applyByteMutations, byteMutation, type ByteMutation } from './byte-mutations';
import { applyJsonOp, jsonOp, serializeJson, type JsonOp } from './json-mutations';
import { attempt, BLOCK, headerOffsets, readMembers, repack, type Member, type Seed } from './seeds';

const hostileEntryName = fc.constantFrom(
  '../../etc/evil',
  '/abs/file',
  'a/../../b',
  '..',
  '../',
  'etc/.wh..wh..opq',
  '.wh...',
  '.wh.etc',
  '.wh..',
  '.wh.',
  'etc/.wh..',
  '.wh..wh.plnk',
  'etc/.wh.hello',
  'bin/sh/x',
  'etc/hello',
  'x'.repeat(300),
  'dir/',
  'a\nb',
);
const hostileLink = fc.constantFrom(
  '../../etc/passwd',
  '/etc/passwd',
  'bin/sh',
  '',
  'etc/hello',
  '../../../../',
  'loop-a',
  'loop-b',
  'etc',
  '.',
  'etc/.wh.hello',
  'etc/hello/x',
);

export const hostileEntry: fc.Arbitrary<BuildEntry> = fc
  .record({
    name: hostileEntryName,
    type: fc.constantFrom(
      'file' as const,
      'dir' as const,
      'symlink' as const,
      'hardlink' as const,
      'chardev' as const,
      'fifo' as const,
    ),
    linkname: hostileLink,
    size: fc.nat({ max: 2000 }),
    pax: fc.option(
      fc.constantFrom<Record<string, string>>(
        { path: '../../pax-escape' },
        { path: '/pax-abs' },
        { size: '99999999999999999999' },
        { size: '12' },
        { linkpath: '../../etc/shadow' },
        { 'SCHILY.xattr.security.capability': '\u0001\u0002' },
        { mtime: '-1e9' },
        { uid: '4294967296' },
      ),
      { nil: undefined },
    ),
  })
  .map((r) => ({
    name: r.name,
    type: r.type,
    ...(r.type === 'file' ? { size: r.size } : {}),
    ...(r.type === 'symlink' || r.type === 'hardlink' ? { linkname: r.linkname } : {}),
    ...(Buffer.byteLength(r.name) > 100 ? { longName: true } : {}),
    ...(r.pax ? { pax: r.pax } : {}),
  }));

/** Two hardlinks pointing at each other, and a self-referencing one. */
export const LINK_LOOPS: BuildEntry[] = [
  { name: 'loop-a', type: 'hardlink', linkname: 'loop-b' },
  { name: 'loop-b', type: 'hardlink', linkname: 'loop-a' },
  { name: 'loop-self', type: 'hardlink', linkname: 'loop-self' },
  { name: 'sym-a', type: 'symlink', linkname: 'sym-b' },
  { name: 'sym-b', type: 'symlink', linkname: 'sym-a' },
];

export type MemberOp =
  | { k: 'json'; member: number; ops: JsonOp[] }
  | { k: 'jsonBytes'; member: number; muts: ByteMutation[] }
  | { k: 'layer'; member: number; muts: ByteMutation[]; extra: BuildEntry[]; loops: boolean }
  | {
      k: 'member';
      member: number;
      action:
        | 'delete'
        | 'dotdot'
        | 'absolute'
        | 'symlinkOut'
        | 'hardlinkOut'
        | 'dir'
        | 'dupEmpty'
        | 'selfLink'
        | 'truncateBody';
    }
  | { k: 'outerExtra'; extra: BuildEntry[] };

export const memberOp: fc.Arbitrary<MemberOp> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      k: fc.constant('json' as const),
      member: fc.nat(),
      ops: fc.array(jsonOp, { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('jsonBytes' as const),
      member: fc.nat(),
      muts: fc.array(
        byteMutation.filter(
          (m) => m.k === 'truncate' || m.k === 'bytes' || m.k === 'dup' || m.k === 'remove',
        ),
        { minLength: 1, maxLength: 2 },
      ),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('layer' as const),
      member: fc.nat(),
      muts: fc.array(byteMutation, { maxLength: 2 }),
      extra: fc.array(hostileEntry, { maxLength: 4 }),
      loops: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('member' as const),
      member: fc.nat(),
      action: fc.constantFrom(
        'delete' as const,
        'dotdot' as const,
        'absolute' as const,
        'symlinkOut' as const,
        'hardlinkOut' as const,
        'dir' as const,
        'dupEmpty' as const,
        'selfLink' as const,
        'truncateBody' as const,
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('outerExtra' as const),
      extra: fc.array(hostileEntry, { minLength: 1, maxLength: 4 }),
    }),
  },
);

const isJsonName = (m: Member): boolean =>
  m.type === 'file' &&
  m.body.length > 0 &&
  m.body.length < 1_000_000 &&
  (m.body[0] === 0x7b || m.body[0] === 0x5b);
const isLayerBlob = (m: Member): boolean =>
  m.type === 'file' &&
  m.body.length >= BLOCK &&
  ((m.body[0] === 0x1f && m.body[1] === 0x8b) || checksumMatches(m.body, 0));

/** Applies one re-pack mutation to a seed's members and writes the archive again. */
export function applyMemberOp(seed: Seed, op: MemberOp): Buffer {
  const members = seed.members.map((m) => ({ ...m }));
  const pick = (pred: (m: Member) => boolean, n: number): Member | null => {
    const list = members.filter(pred);
    return list.length > 0 ? list[n % list.length]! : null;
  };
  let extra: BuildEntry[] = [];
  switch (op.k) {
    case 'json': {
      const m = pick(isJsonName, op.member);
      if (!m) break;
      // An earlier op may have broken this JSON: then there is nothing to edit as JSON.
      let v = attempt<unknown>(() => JSON.parse(m.body.toString()), undefined);
      if (v === undefined) break;
      for (const o of op.ops) v = applyJsonOp(v, o);
      // JSON.stringify recurses: a deep value from an earlier op cannot be written again as JSON.
      m.body = attempt(() => serializeJson(v), m.body);
      break;
    }
    case 'jsonBytes': {
      const m = pick(isJsonName, op.member);
      if (m) m.body = applyByteMutations(m.body, [], op.muts);
      break;
    }
    case 'layer': {
      const m = pick(isLayerBlob, op.member);
      if (!m) break;
      const gz = m.body[0] === 0x1f;
      const inner = gz ? attempt(() => gunzipSync(m.body), null) : m.body;
      if (!inner) break; // an earlier op broke the gzip stream
      let layer: Buffer = inner;
      if (op.extra.length > 0 || op.loops) {
        const extra = [...op.extra, ...(op.loops ? LINK_LOOPS : [])];
        // An earlier op may have broken the layer's tar: then append the entries after its bytes.
        layer = attempt(
          () => repack(readMembers(inner), extra),
          () => Buffer.concat([inner, tar(extra)]),
        );
      }
      layer = applyByteMutations(layer, headerOffsets(layer), op.muts);
      m.body = gz ? gzipSync(layer) : layer;
      break;
    }
    case 'member': {
      const m = pick(() => true, op.member);
      if (!m) break;
      switch (op.action) {
        case 'delete':
          members.splice(members.indexOf(m), 1);
          break;
        case 'dotdot':
          m.name = `../${m.name}`;
          break;
        case 'absolute':
          m.name = `/${m.name}`;
          break;
        case 'symlinkOut':
          Object.assign(m, { type: 'symlink', linkname: '../../../etc/passwd', body: Buffer.alloc(0) });
          break;
        case 'hardlinkOut':
          Object.assign(m, { type: 'hardlink', linkname: '../../etc/passwd', body: Buffer.alloc(0) });
          break;
        case 'dir':
          Object.assign(m, { type: 'dir', body: Buffer.alloc(0) });
          break;
        case 'dupEmpty':
          members.push({ ...m, body: Buffer.alloc(0) });
          break;
        case 'selfLink':
          Object.assign(m, {
            type: 'symlink',
            linkname: m.name.split('/').pop() ?? '',
            body: Buffer.alloc(0),
          });
          break;
        case 'truncateBody':
          m.body = m.body.subarray(0, m.body.length >> 1);
          break;
      }
      break;
    }
    case 'outerExtra':
      extra = op.extra;
      break;
  }
  return repack(members, extra);
}
