import { beforeEach, describe, expect, it } from 'vitest';
import { parseImageReference } from '../../../src-shared/image-reference';
import { installFakeApi, type FakeApi } from '../../store/fake-api.test-support';
import { maySubmit, referenceNow, type ReferenceCheck } from './use-reference-check';

const busybox = parseImageReference('busybox');

describe('a submit while the typed reference is still being checked', () => {
  let api: FakeApi;
  beforeEach(() => {
    api = installFakeApi();
    api.on('parseReference', (args) => {
      const { ref } = args as { ref: string };
      try {
        return { reference: parseImageReference(ref), problem: null };
      } catch (err) {
        return { reference: null, problem: (err as Error).message };
      }
    });
  });

  it('may go ahead while checking (Enter right after typing is not lost), not on empty or a problem', () => {
    expect(maySubmit({ status: 'checking' })).toBe(true);
    expect(maySubmit({ status: 'ok', reference: busybox })).toBe(true);
    expect(maySubmit({ status: 'empty' })).toBe(false);
    expect(maySubmit({ status: 'problem', problem: 'x' })).toBe(false);
  });

  it('asks the parser itself while checking', async () => {
    const r = await referenceNow({ status: 'checking' }, ' myimg/httpd:v1 ');
    expect(r?.familiar).toBe('myimg/httpd:v1');
    expect(api.calls).toEqual([{ name: 'parseReference', args: { ref: 'myimg/httpd:v1' } }]);
  });

  it("uses the check's answer when there is one, and gives null for a problem", async () => {
    const ok: ReferenceCheck = { status: 'ok', reference: busybox };
    expect(await referenceNow(ok, 'busybox')).toBe(busybox);
    expect(await referenceNow({ status: 'checking' }, 'Not/Valid')).toBeNull();
    expect(await referenceNow({ status: 'problem', problem: 'x' }, 'Not/Valid')).toBeNull();
    expect(api.calls.map((c) => c.args)).toEqual([{ ref: 'Not/Valid' }]);
  });
});
