// The write stage: every output lands inside the output folder, atomically (temp file + rename),
// so a failed write (full disk, read-only folder) leaves the previous file intact.
import * as nodeFs from 'node:fs/promises';
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

let counter = 0;

/** Writes `data` to `outDir/rel` through a temp file in the same folder, so readers never see half a file. */
export async function writeOutput(outDir: string, rel: string, data: string | Uint8Array, fs: WriteFs = nodeFs): Promise<string> {
  const full = outputPath(outDir, rel);
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
  const full = outputPath(outDir, rel);
  await fs.rm(full, { force: true });
  return full;
}
