/**
 * One connection attempt: `GET /info` and `GET /version`, mapped to what the connection status
 * shows (identity, versions, storage driver, registries). Bounded in time: an unreachable tcp://
 * or ssh:// host must not hold the state machine for the OS's connect timeout.
 */
import type { ConnectionInfo } from '../../../src-shared/connection-dto';
import { AppError } from '../../ipc/app-error';
import type { EngineClient } from '../engine-client';
import { toAppError } from '../engine-errors';
import { mapEngineInfo, type RawEngineInfo, type RawEngineVersion } from '../engine-info';

interface RawRegistryConfig {
  RegistryConfig?: { Mirrors?: string[] | null; InsecureRegistryCIDRs?: string[] | null } | null;
}

export function mapConnectionInfo(
  info: RawEngineInfo & RawRegistryConfig,
  version: RawEngineVersion,
): ConnectionInfo {
  const m = mapEngineInfo(info, version);
  return {
    name: m.name,
    serverVersion: m.serverVersion,
    apiVersion: m.apiVersion,
    os: m.os,
    osType: m.osType,
    architecture: m.architecture,
    storageDriver: m.storageDriver,
    driverStatus: m.driverStatus,
    dockerRootDir: m.dockerRootDir,
    registries: {
      indexServerAddress: m.indexServerAddress,
      insecureRegistryCIDRs: m.insecureRegistryCIDRs,
      mirrors: (info.RegistryConfig?.Mirrors ?? []).filter((s): s is string => typeof s === 'string'),
    },
  };
}

export async function probeEngine(docker: EngineClient, timeoutMs = 5_000): Promise<ConnectionInfo> {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort();
      reject(new AppError('ENGINE_UNAVAILABLE', `The engine did not answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
  });
  // dockerode 5 forwards `abortSignal` for info/version; its typings (4.x) do not list it.
  const api = docker as unknown as {
    info(o: object): Promise<unknown>;
    version(o: object): Promise<unknown>;
  };
  try {
    const [info, version] = await Promise.race([
      Promise.all([
        api.info({ abortSignal: abort.signal }) as Promise<RawEngineInfo & RawRegistryConfig>,
        api.version({ abortSignal: abort.signal }) as Promise<RawEngineVersion>,
      ]),
      timeout,
    ]);
    return mapConnectionInfo(info, version);
  } catch (err) {
    throw toAppError(err, 'Connecting to the engine');
  } finally {
    clearTimeout(timer);
  }
}
