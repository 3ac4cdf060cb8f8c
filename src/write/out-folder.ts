// Before a build writes anything: is the output folder one coursemap may write into?
//   - `--out` naming a file, or a folder that cannot be created or written (read-only disk, no
//     permission): a clear OutputFolderError, never a stack trace;
//   - a non-empty folder without a coursemap manifest (the user's site, the course's parent
//     folder…): refused unless `force`, so the user's own index.html or manifest.json is never
//     overwritten by a first build.
import { readdir, stat } from 'node:fs/promises';

export class OutputFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputFolderError';
  }
}

/** A plain-language OutputFolderError for a failed file-system call on the output folder. */
export function outputFolderError(outDir: string, err: unknown): OutputFolderError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? '';
  const why: Record<string, string> = {
    EROFS: 'it is on a read-only file system',
    EACCES: 'you may not write there',
    EPERM: 'you may not write there',
    EEXIST: 'a file of that name is in the way',
    ENOTDIR: 'a part of the path is a file, not a folder',
    ENOSPC: 'the disk is full',
  };
  return new OutputFolderError(
    `cannot write the output folder ${outDir}: ${why[code] ?? (err instanceof Error ? err.message : String(err))}${code ? ` (${code})` : ''}; choose another folder with --out`,
  );
}

/**
 * Throws OutputFolderError unless `outDir` is missing, empty, or holds a coursemap build
 * (`hasManifest`), or `force` is set. Dot files (.DS_Store, the lock) do not count.
 */
export async function checkOutputFolder(
  outDir: string,
  options: { hasManifest: boolean; force: boolean },
): Promise<void> {
  const info = await stat(outDir).catch((err: NodeJS.ErrnoException) =>
    err.code === 'ENOENT' ? null : Promise.reject(outputFolderError(outDir, err)),
  );
  if (info === null) return;
  if (!info.isDirectory())
    throw new OutputFolderError(
      `the output folder ${outDir} is a file, not a folder; choose another folder with --out`,
    );
  if (options.hasManifest || options.force) return;
  const names = (await readdir(outDir).catch((err) => Promise.reject(outputFolderError(outDir, err))))
    .filter((n) => !n.startsWith('.'))
    .sort();
  if (names.length === 0) return;
  const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? `, … (${names.length} in all)` : '');
  throw new OutputFolderError(
    `the output folder ${outDir} is not empty (${shown}) and holds no coursemap manifest.json: coursemap writes only into a new or empty folder or one it built, so your files are not overwritten; choose another folder with --out, or pass --force to write into it anyway`,
  );
}
