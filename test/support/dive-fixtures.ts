/**
 * dive's own test archives (wagoodman/dive `.data/`), kept beside the repository in
 * ../shared/fixtures/dive (see its README.md). They exist here and in CI: a missing folder is a
 * test failure with instructions, never a skip.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Absolute path of the folder (resolved from this file, whatever the working directory). */
export const DIVE_FIXTURES = resolve(repoRoot, '..', 'shared', 'fixtures', 'dive');

/** The path of one of dive's archives; throws (failing the test) when the folder is missing. */
export function diveFixture(file: string, dir: string = DIVE_FIXTURES): string {
  if (!existsSync(dir)) {
    throw new Error(
      `dive's test archives are missing: expected the folder ${dir} (../shared/fixtures/dive from the repository root). ` +
        'Copy .data/ of github.com/wagoodman/dive (commit d6c691947f8f) there; CI provides it.',
    );
  }
  return join(dir, file);
}
