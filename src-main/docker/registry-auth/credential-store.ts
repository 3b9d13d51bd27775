/**
 * Registry credentials for this session: logins made in the app are checked with the engine
 * (`POST /auth`) and kept in memory only (never written to disk); otherwise what the docker CLI
 * stored is used (docker-config.ts).
 */
import { AppError } from '../../ipc/app-error';
import type { EngineClient } from '../engine-client';
import { toAppError } from '../engine-errors';
import { configKeyFor, registryHost, type EngineAuth } from './auth-config';
import { credentialsFromConfig, type ResolveOptions } from './docker-config';

export class RegistryCredentials {
  private readonly logins = new Map<string, EngineAuth>();

  constructor(private readonly opts: ResolveOptions = {}) {}

  /** Checks the credentials with the engine; keeps them in memory when the registry accepts them. */
  async login(
    docker: EngineClient,
    req: { server: string; username: string; password: string },
  ): Promise<{ status: string }> {
    const host = registryHost(req.server);
    if (!host) throw new AppError('INVALID_ARGUMENT', `"${req.server}" is not a registry server`);
    const auth: EngineAuth = {
      username: req.username,
      password: req.password,
      serveraddress: configKeyFor(host),
    };
    let answer: { Status?: string; IdentityToken?: string } | undefined;
    try {
      answer = (await docker.checkAuth(auth)) as typeof answer;
    } catch (err) {
      const e = toAppError(err, `Logging in to ${host}`);
      // The engine answers 401 (or 500 on old engines) when the registry refuses the credentials.
      throw e.code === 'ENGINE_UNAVAILABLE' ? e : new AppError('INVALID_ARGUMENT', e.message);
    }
    this.logins.set(
      host,
      answer?.IdentityToken
        ? { identitytoken: answer.IdentityToken, serveraddress: auth.serveraddress }
        : auth,
    );
    return { status: answer?.Status ?? 'Login Succeeded' };
  }

  logout(server: string): boolean {
    return this.logins.delete(registryHost(server));
  }

  /** In-app login first, then the docker CLI's stored credentials, else null (anonymous). */
  async forRegistry(host: string): Promise<EngineAuth | null> {
    return this.logins.get(registryHost(host)) ?? (await credentialsFromConfig(host, this.opts));
  }
}
