// The write stage: every output lands inside the output folder, atomically (temp file + rename),
// so a failed write (full disk, read-only folder) leaves the previous file intact.
//
// Confinement is checked twice: lexically (`outputPath`: no `..`, no absolute path) and on disk
// (`realOutputPath`: the deepest existing folder on the way, symlinks resolved, is inside the real
// output folder), so a symlinked subfolder (`out/decks → ../../elsewhere`) is refused too.
import { createHash } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { lstat, readFile, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

export class OutsideOutputError extends Error {
  constructor(path: string, outDir: string) {
    super(`refusing to write ${path}: it is outside the output folder ${outDir}`);
    this.name = 'OutsideOutputError';
  }
}

/** The file operations the writer needs; tests inject failing ones. */
export interface WriteFs {
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { force: true }): Promise<void>;
}

/** Resolves `rel` inside `outDir`, refusing anything that would escape it. */
export function outputPath(outDir: string, rel: string): string {
  const root = resolve(outDir);
  const full = resolve(root, rel);
  const back = relative(root, full);
  if (back === '' || back.startsWith('..') || isAbsolute(back)) throw new OutsideOutputError(rel, outDir);
  return full;
}

/** Is `rel` a path inside `outDir` (one that outputPath accepts)? */
export function insideOutput(outDir: string, rel: string): boolean {
  try {
    outputPath(outDir, rel);
    return true;
  } catch {
    return false;
  }
}

const within = (path: string, root: string) => {
  const back = relative(root, path);
  return back === '' || (!back.startsWith('..') && !isAbsolute(back));
};

/**
 * `outputPath`, and on disk: the deepest existing folder between the output folder and the file
 * resolves (realpath) inside the output folder's real path, and the file itself is not a symlink
 * to a folder. Throws OutsideOutputError otherwise.
 */
export async function realOutputPath(outDir: string, rel: string): Promise<string> {
  const full = outputPath(outDir, rel);
  const root = await realpath(resolve(outDir)).catch(() => resolve(outDir));
  let dir = dirname(full);
  for (;;) {
    const real = await realpath(dir).catch(() => null);
    if (real !== null) {
      if (!within(real, root)) throw new OutsideOutputError(`${rel} (through a symlinked folder)`, outDir);
      break;
    }
    if (dir === resolve(outDir) || dirname(dir) === dir) break;
    dir = dirname(dir);
  }
  return full;
}

let counter = 0;

/** Writes `data` to `outDir/rel` through a temp file in the same folder, so readers never see half a file. */
export async function writeOutput(
  outDir: string,
  rel: string,
  data: string | Uint8Array,
  fs: WriteFs = nodeFs,
): Promise<string> {
  const full = await realOutputPath(outDir, rel);
  await fs.mkdir(dirname(full), { recursive: true });
  const tmp = join(dirname(full), `.${process.pid}.${++counter}.tmp`);
  try {
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, full);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
  return full;
}

/** Deletes `outDir/rel` (an output the manifest no longer lists); a missing file is fine. */
export async function removeOutput(outDir: string, rel: string, fs: Pick<WriteFs, 'rm'> = nodeFs): Promise<string> {
  const full = await realOutputPath(outDir, rel);
  await fs.rm(full, { force: true });
  return full;
}

/**
 * What is at `outDir/rel` now, compared with the sha256 a manifest recorded for it: 'same',
 * 'changed' (edited since, or never written by coursemap), 'missing', or 'not-a-file' (a folder,
 * a symlink: never coursemap's). Deletes and overwrites are allowed only on 'same' (or missing).
 */
export async function fileState(
  outDir: string,
  rel: string,
  sha256: string,
): Promise<'same' | 'changed' | 'missing' | 'not-a-file'> {
  const full = await realOutputPath(outDir, rel);
  const info = await lstat(full).catch(() => null);
  if (info === null) return 'missing';
  if (!info.isFile()) return 'not-a-file';
  const actual = createHash('sha256')
    .update(await readFile(full))
    .digest('hex');
  return actual === sha256 ? 'same' : 'changed';
}

/** Deletes `outDir/rel` only when its bytes still have the hash the manifest recorded; returns what it found. */
export async function removeOwnedOutput(
  outDir: string,
  rel: string,
  sha256: string,
): Promise<'same' | 'changed' | 'missing' | 'not-a-file'> {
  const state = await fileState(outDir, rel, sha256);
  if (state === 'same') await removeOutput(outDir, rel);
  return state;
}
