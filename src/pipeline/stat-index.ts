// A stat index of out/, kept in the cache folder (never in out/): size, mtime, ctime, inode and
// sha256 of each output as last written or verified. The ctime and inode matter: a hand edit can
// keep size and mtime (an editor restoring it, `touch -r`), but no user can set the ctime. A no-change rebuild then trusts a file whose size and mtime
// are unchanged instead of reading and hashing it again (git's index does the same); --check
// never uses it and always compares bytes.
import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

interface Entry {
  size: number;
  mtimeMs: number;
  ctimeMs?: number;
  ino?: number;
  sha256: string;
}

const same = (known: Entry, info: { size: number; mtimeMs: number; ctimeMs: number; ino: number }) =>
  known.size === info.size &&
  known.mtimeMs === info.mtimeMs &&
  known.ctimeMs === info.ctimeMs &&
  known.ino === info.ino;
const entryOf = (info: { size: number; mtimeMs: number; ctimeMs: number; ino: number }, sha256: string): Entry => ({
  size: info.size,
  mtimeMs: info.mtimeMs,
  ctimeMs: info.ctimeMs,
  ino: info.ino,
  sha256,
});

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

export class StatIndex {
  private readonly file: string;
  private entries = new Map<string, Entry>();
  private dirty = false;

  private constructor(file: string) {
    this.file = file;
  }

  /** The index of `outDir`, stored under `cacheDir` (one file per output folder). */
  static async open(cacheDir: string, outDir: string): Promise<StatIndex> {
    const index = new StatIndex(join(cacheDir, `out-index-${sha256(resolve(outDir)).slice(0, 16)}.json`));
    try {
      const data = JSON.parse(await readFile(index.file, 'utf8')) as Record<string, Entry>;
      index.entries = new Map(Object.entries(data));
    } catch {
      // no index yet, or unreadable: every file is hashed once
    }
    return index;
  }

  /** true when the file at `path` has sha256 `sha`, false when it differs, null when missing. */
  async matches(path: string, sha: string): Promise<boolean | null> {
    let info: Stats;
    try {
      info = await stat(path);
    } catch {
      return null;
    }
    const known = this.entries.get(path);
    if (known && same(known, info)) return known.sha256 === sha;
    const actual = sha256(await readFile(path));
    this.entries.set(path, entryOf(info, actual));
    this.dirty = true;
    return actual === sha;
  }

  /** Records a file just written with content hash `sha`. */
  async written(path: string, sha: string): Promise<void> {
    try {
      const info = await stat(path);
      this.entries.set(path, entryOf(info, sha));
      this.dirty = true;
    } catch {
      this.entries.delete(path);
    }
  }

  async save(): Promise<void> {
    if (!this.dirty) return;
    const tmp = `${this.file}.${process.pid}.tmp`;
    await mkdir(join(this.file, '..'), { recursive: true });
    await writeFile(tmp, JSON.stringify(Object.fromEntries([...this.entries].sort(([a], [b]) => (a < b ? -1 : 1)))));
    await rename(tmp, this.file);
    this.dirty = false;
  }
}
