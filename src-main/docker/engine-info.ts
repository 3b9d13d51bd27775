import type { EngineInfo } from '../../src-shared/dto';
import type { EngineClient } from './engine-client';
import { toAppError } from './engine-errors';

/** The subset of `GET /info` and `GET /version` we read; everything is optional because engines differ. */
export interface RawEngineInfo {
  Name?: string;
  ServerVersion?: string;
  OperatingSystem?: string;
  OSType?: string;
  Architecture?: string;
  KernelVersion?: string;
  Driver?: string;
  DriverStatus?: unknown;
  DockerRootDir?: string;
  Images?: number;
  Containers?: number;
  IndexServerAddress?: string;
  RegistryConfig?: { InsecureRegistryCIDRs?: string[] | null } | null;
}
export interface RawEngineVersion {
  ApiVersion?: string;
  Version?: string;
}

export function mapEngineInfo(info: RawEngineInfo, version: RawEngineVersion): EngineInfo {
  const driverStatus = Array.isArray(info.DriverStatus)
    ? info.DriverStatus.filter(
        (pair): pair is [string, string] =>
          Array.isArray(pair) && pair.length === 2 && pair.every((v) => typeof v === 'string'),
      )
    : [];
  return {
    name: info.Name ?? '',
    serverVersion: info.ServerVersion ?? version.Version ?? '',
    apiVersion: version.ApiVersion ?? '',
    os: info.OperatingSystem ?? '',
    osType: info.OSType ?? '',
    architecture: info.Architecture ?? '',
    kernelVersion: info.KernelVersion ?? '',
    storageDriver: info.Driver ?? '',
    driverStatus,
    dockerRootDir: info.DockerRootDir ?? '',
    images: info.Images ?? 0,
    containers: info.Containers ?? 0,
    indexServerAddress: info.IndexServerAddress ?? '',
    insecureRegistryCIDRs: info.RegistryConfig?.InsecureRegistryCIDRs ?? [],
  };
}

/** `docker info` + `docker version`, mapped to our DTO. */
export async function getEngineInfo(docker: EngineClient): Promise<EngineInfo> {
  let info: RawEngineInfo;
  let version: RawEngineVersion;
  try {
    [info, version] = await Promise.all([
      docker.info() as Promise<RawEngineInfo>,
      docker.version() as Promise<RawEngineVersion>,
    ]);
  } catch (err) {
    throw toAppError(err, 'Reading engine info');
  }
  // Mapped outside the try: a bug in the mapping is ours, not the engine's (main logs it).
  return mapEngineInfo(info, version);
}
