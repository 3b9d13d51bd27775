/**
 * Test helper (imported only by fuzz.test.ts): hostile JSON for the re-pack mutations: values
 * JSON.stringify cannot write, and edits (set, delete, wrap, duplicate) at a path of a document.
 */
import fc from 'fast-check';

/** Markers replaced in the serialised JSON by text JSON.stringify cannot write. */
const RAW_TEXT: Record<string, () => string> = {
  'deep-array-50000': () => '['.repeat(50_000) + ']'.repeat(50_000),
  'deep-object-5000': () => '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000),
  'string-70000': () => JSON.stringify('x'.repeat(70_000)),
  'array-5000': () => JSON.stringify(Array.from({ length: 5000 }, (_, i) => `a${i}`)),
  '1e999': () => '1e999',
  '-1e999': () => '-1e999',
  '30-digits': () => '123456789012345678901234567890',
  '-0': () => '-0',
};
/** Stands for a piece of JSON text (short in counterexamples, written out by serializeJson). */
const RAW = (name: keyof typeof RAW_TEXT): string => `\u2603${name}\u2603`;

export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom<unknown>(
      null,
      true,
      false,
      0,
      -1,
      1.5,
      1e308,
      -1e308,
      2 ** 53 + 2,
      2 ** 64,
      5e-324,
      '',
      '../../etc/passwd',
      '/etc/passwd',
      '..',
      'manifest.json',
      'index.json',
      `sha256:${'0'.repeat(64)}`,
      'sha256:../../../etc/passwd',
      'blobs/sha256/../../../../etc/passwd',
      'sha256:',
      'line one\nline two\r\n\u0000\u001b[31mred',
      {},
      [],
      [null],
      ['../../x'],
      [`sha256:${'f'.repeat(64)}`],
      { digest: `sha256:${'0'.repeat(64)}`, mediaType: 'application/vnd.oci.image.index.v1+json', size: -5 },
      ...Object.keys(RAW_TEXT).map(RAW),
    ),
  },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.double() },
);

export interface JsonOp {
  path: number[];
  action: 'set' | 'delete' | 'wrap' | 'dup';
  value: unknown;
}

/**
 * A copy of a value for 'dup'; the value itself when it is too deep to copy (a document an earlier
 * op set to 'deep-object-5000' overflows structuredClone's recursion). Serialising writes a shared
 * value twice, which is the duplicate wanted.
 */
function cloneOrShare(v: unknown): unknown {
  try {
    return structuredClone(v);
  } catch (err) {
    if (err instanceof RangeError) return v;
    throw err;
  }
}

export function applyJsonOp(root: unknown, op: JsonOp): unknown {
  if (op.path.length === 0 || typeof root !== 'object' || root === null) {
    return op.action === 'set' ? op.value : op.action === 'wrap' ? [root] : undefined;
  }
  let node = root as Record<string, unknown> | unknown[];
  for (let i = 0; i < op.path.length; i++) {
    const keys = Array.isArray(node) ? node.map((_, k) => k) : Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[op.path[i]! % keys.length]!;
    const child = (node as Record<string | number, unknown>)[key];
    const last = i === op.path.length - 1 || typeof child !== 'object' || child === null;
    if (last) {
      const n = node as Record<string | number, unknown>;
      if (op.action === 'set') n[key] = op.value;
      else if (op.action === 'wrap') n[key] = [child];
      else if (op.action === 'dup') {
        // A list item listed again (the same layer or manifest twice), or a key's value copied.
        const copy = cloneOrShare(child);
        if (Array.isArray(node)) node.push(copy);
        else n[`${key}2`] = copy;
      } else if (Array.isArray(node)) node.splice(key as number, 1);
      else Reflect.deleteProperty(n, key);
      break;
    }
    node = child as Record<string, unknown> | unknown[];
  }
  return root;
}

export function serializeJson(v: unknown): Buffer {
  const text = v === undefined ? '' : JSON.stringify(v);
  return Buffer.from(
    text.replace(/"\u2603([^"\u2603]+)\u2603"/g, (whole, name: string) => RAW_TEXT[name]?.() ?? whole),
  );
}

export const jsonOp: fc.Arbitrary<JsonOp> = fc.record({
  path: fc.array(fc.nat({ max: 50 }), { maxLength: 5 }),
  action: fc.constantFrom(
    'set' as const,
    'set' as const,
    'set' as const,
    'delete' as const,
    'wrap' as const,
    'dup' as const,
  ),
  value: hostileJson,
});
