/** Helpers of the archive e2e specs: real drops (CDP and DataTransfer) and a big synthetic archive. */
import { existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { legacyDockerArchive, makeLayer } from '../support/synthetic-archives';
import type { BuildEntry } from '../support/tar-builder';
import { registerFilePath } from './bridge';

/** A real browser-level drag and drop of a file from disk (CDP Input.dispatchDragEvent). */
export async function cdpDropFile(page: Page, filePath: string): Promise<void> {
  await registerFilePath(page, path.basename(filePath), filePath);
  const cdp = await page.context().newCDPSession(page);
  const data = { items: [], files: [filePath], dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop'] as const) {
    await cdp.send('Input.dispatchDragEvent', { type, x: 640, y: 400, data });
  }
  await cdp.detach();
}

/** A synthetic DataTransfer drop: a File of that name (no content needed: main reads the path). */
export async function syntheticDropFile(page: Page, filePath: string): Promise<void> {
  const name = path.basename(filePath);
  await registerFilePath(page, name, filePath);
  await page.evaluate((n) => {
    const dt = new DataTransfer();
    dt.items.add(new File([], n));
    for (const type of ['dragenter', 'dragover', 'drop']) {
      document.body.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  }, name);
}

const BIG_VERSION = 1;
export const BIG_FILE_COUNT = 200_000;

/** One image whose second layer adds 200,000 empty files in /many: slow to open, long to list. */
export async function bigArchive(): Promise<string> {
  const out = path.join(os.tmpdir(), `strata-e2e-big-v${BIG_VERSION}.tar.gz`);
  if (existsSync(out)) return out;
  const entries: BuildEntry[] = [{ name: './many/', type: 'dir' }];
  for (let i = 0; i < BIG_FILE_COUNT; i++)
    entries.push({ name: `./many/f${String(i).padStart(6, '0')}`, size: 0 });
  const base = makeLayer([
    { name: './etc/', type: 'dir' },
    { name: './etc/hello', body: 'hello\n' },
  ]);
  const archive = legacyDockerArchive([
    { repoTags: ['strata-e2e/big:1'], layers: [base, makeLayer(entries)] },
  ]);
  const tmp = `${out}.${process.pid}.part`;
  await writeFile(tmp, gzipSync(archive.bytes, { level: 1 }));
  await rename(tmp, out);
  return out;
}
