/**
 * A stand-in for `window.api` in unit tests of store slices (node has no window): each channel
 * answers from a handler the test gives, wrapped in the `{result}|{error}` envelope main uses.
 * Integration and e2e tests use the real main API; this only drives the slices' logic.
 */
type Handler = (args: unknown) => unknown;

export interface FakeApi {
  calls: { name: string; args: unknown }[];
  /** Makes a channel answer with `handler`'s value, or an error envelope when it throws `{ code, message }`. */
  on: (name: string, handler: Handler) => void;
}

export function installFakeApi(): FakeApi {
  const handlers = new Map<string, Handler>();
  const calls: FakeApi['calls'] = [];
  const api = new Proxy(
    {},
    {
      get: (_t, name: string) => {
        if (name === 'on') return () => () => undefined;
        return async (args: unknown) => {
          calls.push({ name, args });
          const h = handlers.get(name);
          if (!h) return { error: { code: 'UNKNOWN_CHANNEL', message: `no stand-in for ${name}` } };
          try {
            return { result: await h(args) };
          } catch (err) {
            const e = err as { code?: string; message?: string };
            return { error: { code: e.code ?? 'INTERNAL', message: e.message ?? String(err) } };
          }
        };
      },
    },
  );
  (globalThis as unknown as { window: { api: unknown } }).window = { api };
  return { calls, on: (name, handler) => handlers.set(name, handler) };
}
