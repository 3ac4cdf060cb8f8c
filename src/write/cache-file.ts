// Cache files (the model, the generated maps, mermaid validation results): JSON in the cache
// folder, replaced atomically (temp file + rename) so a concurrent reader sees the old or the new
// file, never half of one. A cache is an optimisation: failing to write one (read-only folder) is
// not an error. Each file carries the sha256 of its content, recorded when it was written; a file
// whose content no longer has that hash (edited, truncated, from another tool) reads as absent.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const hashOf = (value: object): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** Writes `value` (and its hash) as JSON to `cacheDir/name`; returns false (and writes nothing) when it cannot. */
export async function writeCacheJson(cacheDir: string, name: string, value: object): Promise<boolean> {
  const file = join(cacheDir, name);
  try {
    await mkdir(cacheDir, { recursive: true });
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, JSON.stringify({ ...value, sha256: hashOf(value) }));
    await rename(tmp, file);
    return true;
  } catch {
    return false;
  }
}

/** The object writeCacheJson wrote, or undefined when absent, unreadable or not matching its hash. */
export async function readCacheJson(cacheDir: string, name: string): Promise<Record<string, unknown> | undefined> {
  try {
    const data: unknown = JSON.parse(await readFile(join(cacheDir, name), 'utf8'));
    if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
    // JSON.parse keeps the written key order, so the rest stringifies to the bytes that were hashed.
    const { sha256, ...value } = data as Record<string, unknown>;
    return sha256 === hashOf(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
