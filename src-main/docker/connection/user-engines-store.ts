/**
 * The engines the user added in the app, and which engine they chose last, in
 * `<dir>/engines.json`. Written atomically (a crash leaves the old file or the new one, never
 * half); a missing or unreadable file reads as "nothing added" so a bad file never blocks startup.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { EngineIdSchema, EngineTlsSchema } from '../../../src-shared/connection-dto';
import { openAtomic } from '../../fs/atomic-file';

const UserEngineSchema = z.object({
  id: EngineIdSchema,
  name: z.string().min(1).max(100),
  host: z.string().min(1).max(1000),
  tls: EngineTlsSchema.optional(),
});
export type UserEngine = z.infer<typeof UserEngineSchema>;

const FileSchema = z.object({
  version: z.literal(1),
  engines: z.array(UserEngineSchema),
  selectedId: EngineIdSchema.optional(),
});
export type UserEnginesFile = z.infer<typeof FileSchema>;

export const USER_ENGINES_FILE = 'engines.json';

export async function loadUserEngines(dir: string): Promise<UserEnginesFile> {
  try {
    const parsed = FileSchema.safeParse(JSON.parse(await readFile(join(dir, USER_ENGINES_FILE), 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // missing or not JSON
  }
  return { version: 1, engines: [] };
}

export async function saveUserEngines(dir: string, file: UserEnginesFile): Promise<void> {
  const writer = await openAtomic(join(dir, USER_ENGINES_FILE));
  try {
    await writer.write(Buffer.from(`${JSON.stringify(FileSchema.parse(file), null, 2)}\n`));
    await writer.commit();
  } finally {
    await writer.abort();
  }
}
