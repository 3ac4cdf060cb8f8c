// Cache files (the model, the generated maps): JSON in the cache folder, replaced atomically
// (temp file + rename) so a concurrent reader sees the old or the new file, never half of one.
// A cache is an optimisation: failing to write one (read-only folder) is not an error.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Writes `value` as JSON to `cacheDir/name`; returns false (and writes nothing) when it cannot. */
export async function writeCacheJson(cacheDir: string, name: string, value: unknown): Promise<boolean> {
  const file = join(cacheDir, name);
  try {
    await mkdir(cacheDir, { recursive: true });
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, JSON.stringify(value));
    await rename(tmp, file);
    return true;
  } catch {
    return false;
  }
}
