/**
 * The engines the app knows (environment, Docker contexts, default sockets, user-added ones kept
 * in `<configDir>/engines.json`), which one is current, and each one's connection state. The
 * current engine is retried with backoff while unavailable; every change of its state is pushed
 * once as `engineStatus`. Handlers reach the engine through `current()`.
 */
import { randomBytes } from 'node:crypto';
import type {
  ConnectionInfo,
  ConnectionStatus,
  EngineEntry,
  EngineSource,
  EngineTls,
} from '../../src-shared/connection-dto';
import type { EventHub } from '../ipc/event-hub';
import { AppError } from '../ipc/app-error';
import type { BackoffPolicy } from '../docker/connection/backoff';
import type { Env } from '../docker/connection/docker-contexts';
import { discoverEngines } from '../docker/connection/discover-engines';
import { displayEndpoint, parseDockerHost, type EngineEndpoint } from '../docker/connection/endpoint';
import { EngineConnection } from '../docker/connection/engine-connection';
import { probeEngine } from '../docker/connection/probe-engine';
import { loadUserEngines, saveUserEngines, type UserEngine } from '../docker/connection/user-engines-store';
import { createEngineClient, type EngineClient } from '../docker/engine-client';
import { endpointOf } from '../docker/connection/client-endpoint';

export interface EngineRegistryOptions {
  env: Env;
  home: string;
  platform?: NodeJS.Platform;
  /** Where engines.json lives; without it nothing is remembered. */
  configDir?: string;
  /** Where `engineStatus` is pushed. */
  events?: EventHub;
  backoff?: BackoffPolicy;
  probeTimeoutMs?: number;
  /** Whether a default socket exists (tests). */
  exists?: (path: string) => boolean;
}

/** Who hears about the current engine: its state changed, or another engine became current. */
export type RegistryListener = (engineId: string, status: ConnectionStatus) => void;

interface Engine {
  id: string;
  name: string;
  source: EngineSource;
  endpoint: EngineEndpoint;
  user?: UserEngine;
  client?: EngineClient;
  /** For a registry around a client made elsewhere (see `around`). */
  clientSource?: () => EngineClient;
  connection: EngineConnection;
}

export class EngineRegistry {
  private readonly engines = new Map<string, Engine>();
  private currentId: string;
  private readonly listeners = new Set<RegistryListener>();
  private userEngines: UserEngine[];

  private constructor(
    private readonly options: EngineRegistryOptions,
    discovered: ReturnType<typeof discoverEngines>,
    saved: { engines: UserEngine[]; selectedId?: string },
  ) {
    for (const d of discovered.engines) this.addEngine(d);
    this.userEngines = [];
    for (const u of saved.engines) {
      try {
        this.addUser(u);
      } catch {
        // A saved address that no longer parses is dropped on the next save.
      }
    }
    // DOCKER_HOST given at launch wins; else the user's last choice; else what the docker CLI would use.
    const savedChoice = saved.selectedId && this.engines.has(saved.selectedId) ? saved.selectedId : undefined;
    this.currentId = this.engines.has('env') ? 'env' : (savedChoice ?? discovered.preferredId);
    this.engines.get(this.currentId)?.connection.setActive(true);
  }

  /** Discovers engines and reads the saved ones; does not connect yet (see `start`). */
  static async create(options: EngineRegistryOptions): Promise<EngineRegistry> {
    const discovered = discoverEngines({
      env: options.env,
      home: options.home,
      platform: options.platform,
      exists: options.exists,
    });
    const saved = options.configDir ? await loadUserEngines(options.configDir) : { engines: [] };
    return new EngineRegistry(options, discovered, saved);
  }

  /**
   * A registry of one engine, the client `source` returns (tests and callers that build their own
   * client): same states, events and channels, nothing discovered, nothing remembered.
   */
  static around(
    source: () => EngineClient,
    options: { events?: EventHub; backoff?: BackoffPolicy } = {},
  ): EngineRegistry {
    const registry = new EngineRegistry(
      { env: {}, home: '', ...options },
      { engines: [], preferredId: 'default:given' },
      { engines: [] },
    );
    const engine = registry.addEngine({
      id: 'default:given',
      name: 'Docker',
      source: 'default',
      endpoint: endpointOf(source()),
    });
    engine.clientSource = source;
    engine.connection.setActive(true);
    return registry;
  }

  /** First connection attempt to the current engine. */
  start(): Promise<ConnectionStatus> {
    return this.get(this.currentId).connection.check();
  }

  stop(): void {
    for (const e of this.engines.values()) e.connection.dispose();
    this.listeners.clear();
  }

  /** The current engine's client. Requests fail with ENGINE_UNAVAILABLE while it is down. */
  current(): EngineClient {
    return this.clientOf(this.get(this.currentId));
  }

  get currentEngineId(): string {
    return this.currentId;
  }

  list(): EngineEntry[] {
    return [...this.engines.values()].map((e) => this.entry(e));
  }

  entry(idOrEngine: string | Engine): EngineEntry {
    const e = typeof idOrEngine === 'string' ? this.get(idOrEngine) : idOrEngine;
    return {
      id: e.id,
      name: e.name,
      source: e.source,
      endpoint: displayEndpoint(e.endpoint),
      current: e.id === this.currentId,
      status: e.connection.status,
    };
  }

  status(id = this.currentId): ConnectionStatus {
    return this.get(id).connection.status;
  }

  info(id = this.currentId): ConnectionInfo | undefined {
    const s = this.status(id);
    return s.state === 'connected' ? s.info : undefined;
  }

  /** Probes engines never tried yet (the picker shows every engine's state), at most `timeoutMs` each. */
  async refreshUnchecked(): Promise<void> {
    await Promise.all(
      [...this.engines.values()]
        .filter((e) => e.connection.status.state === 'connecting')
        .map((e) => e.connection.check()),
    );
  }

  async select(id: string): Promise<ConnectionStatus> {
    const next = this.get(id);
    const previous = this.get(this.currentId);
    if (next !== previous) {
      previous.connection.setActive(false);
      this.currentId = id;
      next.connection.setActive(true);
      // Remembering the choice is a convenience: an unwritable engines.json does not undo the switch.
      await this.persist().catch((err: unknown) => console.warn(`engine choice not remembered: ${String(err)}`));
    }
    const before = next.connection.status.state;
    const status = await next.connection.check();
    // A state change was announced by the connection; an unchanged state is still news: another engine is current.
    if (status.state === before && this.currentId === id) this.announce(id, status);
    return status;
  }

  async retry(id = this.currentId): Promise<ConnectionStatus> {
    return this.get(id).connection.check();
  }

  /** The engine dropped a long-lived request (its event stream): re-check it now, retry if gone. */
  reportLost(id: string): Promise<ConnectionStatus> {
    return this.get(id).connection.lost();
  }

  async add(spec: { name: string; host: string; tls?: EngineTls }): Promise<EngineEntry> {
    const user: UserEngine = {
      id: `user:${randomBytes(6).toString('hex')}`,
      name: spec.name,
      host: spec.host,
      ...(spec.tls ? { tls: spec.tls } : {}),
    };
    const engine = this.addUser(user);
    try {
      await this.persist();
    } catch (err) {
      // Not remembered, so not added: the list stays what the next start will show.
      engine.connection.dispose();
      this.engines.delete(user.id);
      this.userEngines = this.userEngines.filter((u) => u !== user);
      throw err;
    }
    await engine.connection.check();
    return this.entry(engine);
  }

  async remove(id: string): Promise<boolean> {
    const engine = this.engines.get(id);
    if (!engine) return false;
    if (engine.source !== 'user')
      throw new AppError(
        'INVALID_ARGUMENT',
        `Only engines added in Strata can be removed; ${engine.name} comes from ${engine.source === 'env' ? 'DOCKER_HOST' : `the ${engine.source} configuration`}`,
      );
    if (id === this.currentId)
      throw new AppError('CONFLICT', `${engine.name} is the current engine: select another one first`);
    const kept = this.userEngines.filter((u) => u.id !== id);
    await this.persist(kept); // first: if it cannot be written, the engine stays as it was
    engine.connection.dispose();
    this.engines.delete(id);
    this.userEngines = kept;
    return true;
  }

  /** Listen to the current engine's state changes and to engine switches; returns the unsubscribe. */
  onCurrentChange(listener: RegistryListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private get(id: string): Engine {
    const e = this.engines.get(id);
    if (!e) throw new AppError('NOT_FOUND', `No engine ${id}`);
    return e;
  }

  private clientOf(e: Engine): EngineClient {
    if (e.clientSource) return e.clientSource();
    e.client ??= createEngineClient(e.endpoint);
    return e.client;
  }

  private addUser(u: UserEngine): Engine {
    const endpoint = parseDockerHost(
      u.host,
      u.tls
        ? {
            caPath: u.tls.caPath,
            certPath: u.tls.certPath,
            keyPath: u.tls.keyPath,
            verify: u.tls.verify ?? true,
          }
        : undefined,
    );
    const engine = this.addEngine({ id: u.id, name: u.name, source: 'user', endpoint });
    engine.user = u;
    this.userEngines.push(u);
    return engine;
  }

  private addEngine(d: { id: string; name: string; source: EngineSource; endpoint: EngineEndpoint }): Engine {
    const engine: Engine = {
      ...d,
      connection: new EngineConnection({
        probe: () => probeEngine(this.clientOf(engine), this.options.probeTimeoutMs),
        backoff: this.options.backoff,
        onChange: (status) => {
          if (engine.id === this.currentId) this.announce(engine.id, status);
        },
      }),
    };
    this.engines.set(d.id, engine);
    return engine;
  }

  private announce(id: string, status: ConnectionStatus): void {
    const engine = this.get(id);
    if (status.state !== 'connecting') {
      this.options.events?.emit(
        'engineStatus',
        status.state === 'connected'
          ? {
              state: 'connected',
              engineId: id,
              engineName: engine.name,
              serverVersion: status.info.serverVersion,
              apiVersion: status.info.apiVersion,
            }
          : {
              state: 'unavailable',
              message: status.reason,
              engineId: id,
              engineName: engine.name,
              nextRetryAt: status.nextRetryAt,
            },
      );
    }
    for (const listener of [...this.listeners]) listener(id, status);
  }

  private async persist(engines = this.userEngines): Promise<void> {
    if (!this.options.configDir) return;
    await saveUserEngines(this.options.configDir, {
      version: 1,
      engines,
      selectedId: this.currentId,
    });
  }
}
