/**
 * dockerode options for an endpoint. Every connection key is set, even to undefined, because
 * docker-modem merges its own defaults read from `process.env.DOCKER_HOST`/`DOCKER_CERT_PATH`
 * under ours (`Object.assign(defaults, options)`): without the explicit undefineds, a unix-socket
 * engine would be sent to the tcp host of DOCKER_HOST.
 */
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type Docker from 'dockerode';
import { AppError } from '../../ipc/app-error';
import type { EngineEndpoint, TlsFiles } from './endpoint';

const NO_CONNECTION: Docker.DockerOptions = {
  socketPath: undefined,
  host: undefined,
  port: undefined,
  protocol: undefined,
  ca: undefined,
  cert: undefined,
  key: undefined,
  username: undefined,
};

export function dockerodeOptions(
  ep: EngineEndpoint,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Docker.DockerOptions {
  switch (ep.kind) {
    case 'unix':
      return { ...NO_CONNECTION, socketPath: ep.socketPath };
    case 'npipe':
      return { ...NO_CONNECTION, socketPath: ep.pipePath };
    case 'ssh':
      // docker-modem runs `docker system dial-stdio` over ssh2; keys come from the ssh agent.
      return {
        ...NO_CONNECTION,
        protocol: 'ssh',
        host: ep.host,
        port: ep.port,
        username: ep.username,
        sshOptions: { agent: env['SSH_AUTH_SOCK'] },
      };
    case 'tcp': {
      if (!ep.tls) return { ...NO_CONNECTION, protocol: 'http', host: ep.host, port: ep.port };
      const material = readTls(ep.tls);
      return {
        ...NO_CONNECTION,
        protocol: 'https',
        host: ep.host,
        port: ep.port,
        ...material,
        // docker-modem has no switch for an unverified engine (a context's SkipTLSVerify): an
        // agent does it, and Node lets the agent's TLS options win over the request's.
        ...(ep.tls.verify ? {} : { agent: new https.Agent({ ...material, rejectUnauthorized: false }) }),
      };
    }
  }
}

function readTls(tls: TlsFiles): { ca?: Buffer; cert?: Buffer; key?: Buffer } {
  const read = (path: string | undefined, what: string): Buffer | undefined => {
    if (!path) return undefined;
    try {
      return readFileSync(path);
    } catch (err) {
      throw new AppError(
        'ENGINE_UNAVAILABLE',
        `Cannot read the engine's TLS ${what} ${path}: ${(err as Error).message}`,
      );
    }
  };
  const ca = read(tls.caPath, 'CA certificate');
  const cert = read(tls.certPath, 'certificate');
  const key = read(tls.keyPath, 'key');
  return { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
}
