import { describe, expect, it } from 'vitest';
import { EngineInfoSchema } from '../../src-shared/dto';
import { mapEngineInfo, type RawEngineInfo, type RawEngineVersion } from './engine-info';

const INFO: RawEngineInfo = {
  Name: 'devbox',
  ServerVersion: '27.3.1',
  OperatingSystem: 'Docker Desktop',
  OSType: 'linux',
  Architecture: 'aarch64',
  KernelVersion: '6.10.14-linuxkit',
  Driver: 'overlay2',
  DriverStatus: [
    ['Backing Filesystem', 'extfs'],
    ['Supports d_type', 'true'],
    ['Using metacopy', 'false'],
    ['Native Overlay Diff', 'true'],
    ['userxattr', 'false'],
  ],
  DockerRootDir: '/var/lib/docker',
  Images: 42,
  Containers: 7,
  IndexServerAddress: 'https://index.docker.io/v1/',
  RegistryConfig: { InsecureRegistryCIDRs: ['127.0.0.0/8', '::1/128'] },
};
const VERSION: RawEngineVersion = { ApiVersion: '1.47', Version: '27.3.1' };

describe('mapEngineInfo', () => {
  it('maps /info and /version to the DTO', () => {
    const info = mapEngineInfo(INFO, VERSION);
    expect(info).toEqual({
      name: 'devbox',
      serverVersion: '27.3.1',
      apiVersion: '1.47',
      os: 'Docker Desktop',
      osType: 'linux',
      architecture: 'aarch64',
      kernelVersion: '6.10.14-linuxkit',
      storageDriver: 'overlay2',
      driverStatus: [
        ['Backing Filesystem', 'extfs'],
        ['Supports d_type', 'true'],
        ['Using metacopy', 'false'],
        ['Native Overlay Diff', 'true'],
        ['userxattr', 'false'],
      ],
      dockerRootDir: '/var/lib/docker',
      images: 42,
      containers: 7,
      indexServerAddress: 'https://index.docker.io/v1/',
      insecureRegistryCIDRs: ['127.0.0.0/8', '::1/128'],
    });
    expect(EngineInfoSchema.parse(info)).toEqual(info);
  });

  it('empty answers give empty strings, zero counts and empty lists, still within the contract', () => {
    const info = mapEngineInfo({}, {});
    expect(info).toEqual({
      name: '',
      serverVersion: '',
      apiVersion: '',
      os: '',
      osType: '',
      architecture: '',
      kernelVersion: '',
      storageDriver: '',
      driverStatus: [],
      dockerRootDir: '',
      images: 0,
      containers: 0,
      indexServerAddress: '',
      insecureRegistryCIDRs: [],
    });
    expect(EngineInfoSchema.safeParse(info).success).toBe(true);
  });

  it('serverVersion falls back to /version when /info lacks it', () => {
    expect(mapEngineInfo({ ...INFO, ServerVersion: undefined }, VERSION).serverVersion).toBe('27.3.1');
    expect(mapEngineInfo({ ...INFO, ServerVersion: '28.0.0' }, VERSION).serverVersion).toBe('28.0.0');
  });

  it('a null RegistryConfig or null InsecureRegistryCIDRs gives an empty list', () => {
    expect(mapEngineInfo({ ...INFO, RegistryConfig: null }, VERSION).insecureRegistryCIDRs).toEqual([]);
    expect(
      mapEngineInfo({ ...INFO, RegistryConfig: { InsecureRegistryCIDRs: null } }, VERSION)
        .insecureRegistryCIDRs,
    ).toEqual([]);
  });

  describe('malformed DriverStatus', () => {
    it.each([
      ['null', null],
      ['a string', 'overlay2'],
      ['an object', { 'Backing Filesystem': 'extfs' }],
      ['a number', 3],
    ])('%s gives an empty list', (_what, value) => {
      const info = mapEngineInfo({ ...INFO, DriverStatus: value }, VERSION);
      expect(info.driverStatus).toEqual([]);
      expect(EngineInfoSchema.safeParse(info).success).toBe(true);
    });

    it('keeps only the [string, string] pairs out of a mixed list', () => {
      const info = mapEngineInfo(
        {
          ...INFO,
          DriverStatus: [
            ['Backing Filesystem', 'extfs'],
            ['only one'],
            ['three', 'strings', 'here'],
            ['Data Space Used', 1024],
            [null, 'x'],
            'not a pair',
            null,
            { 0: 'a', 1: 'b', length: 2 },
            [],
            ['Supports d_type', 'true'],
          ],
        },
        VERSION,
      );
      expect(info.driverStatus).toEqual([
        ['Backing Filesystem', 'extfs'],
        ['Supports d_type', 'true'],
      ]);
      expect(EngineInfoSchema.safeParse(info).success).toBe(true);
    });

    it('missing DriverStatus (e.g. the containerd image store) gives an empty list', () => {
      const raw: RawEngineInfo = { ...INFO, Driver: 'overlayfs' };
      delete raw.DriverStatus;
      const info = mapEngineInfo(raw, VERSION);
      expect(info.driverStatus).toEqual([]);
      expect(info.storageDriver).toBe('overlayfs');
    });
  });
});
