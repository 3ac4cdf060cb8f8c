// The write stage: every output lands inside the output folder, atomically (temp file + rename).
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

export class OutsideOutputError extends Error {
  constructor(path: string, outDir: string) {
    super(`refusing to write ${path}: it is outside the output folder ${outDir}`);
    this.name = 'OutsideOutputError';
  }
}

/** Resolves `rel` inside `outDir`, refusing anything that would escape it. */
export function outputPath(outDir: string, rel: string): string {
  const root = resolve(outDir);
  const full = resolve(root, rel);
  const back = relative(root, full);
  if (back === '' || back.startsWith('..') || isAbsolute(back)) throw new OutsideOutputError(rel, outDir);
  return full;
}

let counter = 0;

/** Writes `data` to `outDir/rel` through a temp file in the same folder, so readers never see half a file. */
export async function writeOutput(outDir: string, rel: string, data: string | Uint8Array): Promise<string> {
  const full = outputPath(outDir, rel);
  await mkdir(dirname(full), { recursive: true });
  const tmp = join(dirname(full), `.${process.pid}.${++counter}.tmp`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, full);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return full;
}
