// Mermaid validation results kept in the render cache folder, so that a build whose authored
// diagrams were all checked before (by this coursemap and mermaid version) never loads mermaid
// in Node: mermaid.parse of the same source gives the same answer. One small JSON file,
// written atomically (src/write/cache-file.ts) and only when something new was validated.
import { createHash } from 'node:crypto';
import type { ValidateResult, ValidationStore } from '../generate/mermaid/mermaid-validate.ts';
import { readCacheJson, writeCacheJson } from '../write/cache-file.ts';

export interface FileValidationStore extends ValidationStore {
  /** Writes the file when anything was added; never throws (the cache is an optimisation). */
  save(): Promise<void>;
}

const hash = (source: string) => createHash('sha256').update(source).digest('hex');

/** `version` names the validator (coursemap and mermaid versions); another version starts empty. */
export async function openValidationStore(cacheDir: string, version: string): Promise<FileValidationStore> {
  let entries: Record<string, ValidateResult> = {};
  const data = await readCacheJson(cacheDir, 'mermaid-validate.json'); // none yet, unreadable or tampered: start empty
  if (data?.['version'] === version && data['entries'] && typeof data['entries'] === 'object')
    entries = data['entries'] as Record<string, ValidateResult>;
  // Only the sources of this build are written back, so the file does not grow with every edit.
  const used: Record<string, ValidateResult> = {};
  let added = false;
  return {
    get: (source) => {
      const key = hash(source);
      const known = used[key] ?? entries[key];
      if (known) used[key] = known;
      return known;
    },
    set: (source, result) => {
      used[hash(source)] = result;
      added = true;
    },
    async save() {
      if (!added && Object.keys(used).length === Object.keys(entries).length) return;
      // A read-only or vanished cache folder: validate again next time.
      if (await writeCacheJson(cacheDir, 'mermaid-validate.json', { version, entries: used })) {
        entries = { ...used };
        added = false;
      }
    },
  };
}
