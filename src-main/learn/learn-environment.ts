/** What the lessons need to know about this installation and engine (see LearnEnvironmentSchema). */
import { mkdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LearnEnvironment } from '../../src-shared/contract/learn';
import { SAMPLE_ARCHIVE } from '../../src-shared/learn-samples';
import type { EngineClient } from '../docker/engine-client';
import { freeLoopbackPort } from './free-port';

/** The repository's resources/samples (dev, tests, the CLI); a packaged app passes process.resourcesPath/samples. */
export const DEFAULT_SAMPLES_DIR = path.resolve(__dirname, '../../resources/samples');

export async function findSample(samplesDir: string): Promise<LearnEnvironment['sample']> {
  const file = path.join(samplesDir, SAMPLE_ARCHIVE);
  try {
    const s = await stat(file);
    return s.isFile() ? { path: file, bytes: s.size } : null;
  } catch {
    return null;
  }
}

/** True when the engine has its default bridge network; null when it cannot be asked. */
export async function hasBridge(engine: EngineClient): Promise<boolean | null> {
  try {
    const networks = (await engine.listNetworks()) as { Name?: string; Driver?: string }[];
    return networks.some((n) => n.Name === 'bridge' && n.Driver === 'bridge');
  } catch {
    return null;
  }
}

/** A folder of the app's own for the archives lessons save (the clean-up deletes only in it). */
export const defaultLessonDir = (): string =>
  path.join(os.tmpdir(), `strata-learn-${process.getuid?.() ?? 'user'}`);

/** The lessons' folder, created on demand. */
export async function lessonWorkDir(dir = defaultLessonDir()): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export async function learnEnvironment(
  engine: EngineClient,
  samplesDir: string,
  workDir = defaultLessonDir(),
): Promise<LearnEnvironment> {
  const [sample, bridge, dir] = await Promise.all([
    findSample(samplesDir),
    hasBridge(engine),
    lessonWorkDir(workDir),
  ]);
  const first = await freeLoopbackPort(8001);
  const second = await freeLoopbackPort(8002, [first]);
  return {
    sample,
    bridge,
    ports: [first, second],
    saveTargets: { tar: path.join(dir, 'httpd.tar'), tarGz: path.join(dir, 'httpd.tar.gz') },
  };
}
