// One build at a time per output folder: a lock file created with O_EXCL holds the owner's pid
// and the owner's start time ("<pid> <start>"). A second build fails at once with a clear message;
// a lock whose owner is gone is taken over — also when its pid was reused by another process
// since (after Ctrl-C or kill -9 the lock stays behind): the start times then differ.
import { readFileSync } from 'node:fs';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { outputFolderError } from './out-folder.ts';

export const LOCK_NAME = '.coursemap.lock';

export class LockedError extends Error {
  constructor(outDir: string, pid: number) {
    super(
      `another coursemap build (pid ${pid}) is writing ${outDir}; wait for it to finish, or remove ${join(outDir, LOCK_NAME)} if it is gone`,
    );
    this.name = 'LockedError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * When process `pid` started, as the kernel counts it (Linux: /proc/<pid>/stat field 22, clock
 * ticks since boot), or null where that cannot be read (another OS: only the pid is compared).
 */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** The lock's text for this process. */
export function lockText(): string {
  const start = processStart(process.pid);
  return start === null ? String(process.pid) : `${process.pid} ${start}`;
}

/** Whether the build that wrote lock text `text` still runs (same pid, same start time). */
function ownerAlive(text: string): number | null {
  const [pidText, start] = text.trim().split(/\s+/);
  const owner = Number(pidText);
  if (!Number.isInteger(owner) || owner <= 0 || !alive(owner)) return null;
  if (start !== undefined) {
    const now = processStart(owner);
    if (now !== null && now !== start) return null; // the pid now belongs to another process
  }
  return owner;
}

/** Takes the output folder's lock; returns its release function. Throws LockedError when held. */
export async function lockOutput(outDir: string): Promise<() => Promise<void>> {
  await mkdir(outDir, { recursive: true }).catch((err) => Promise.reject(outputFolderError(outDir, err)));
  const path = join(outDir, LOCK_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(lockText());
      await handle.close();
      return () => rm(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw outputFolderError(outDir, err);
      const owner = ownerAlive(await readFile(path, 'utf8').catch(() => ''));
      if (owner !== null) throw new LockedError(outDir, owner);
      await rm(path, { force: true }); // stale: its build died without cleaning up
    }
  }
  throw new LockedError(outDir, 0);
}
