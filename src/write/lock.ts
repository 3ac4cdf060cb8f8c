// One build at a time per output folder: a lock file created with O_EXCL holds the owner's pid.
// A second build fails at once with a clear message; a lock whose owner is gone is taken over.
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

export const LOCK_NAME = '.coursemap.lock';

export class LockedError extends Error {
  constructor(outDir: string, pid: number) {
    super(`another coursemap build (pid ${pid}) is writing ${outDir}; wait for it to finish, or remove ${join(outDir, LOCK_NAME)} if it is gone`);
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

/** Takes the output folder's lock; returns its release function. Throws LockedError when held. */
export async function lockOutput(outDir: string): Promise<() => Promise<void>> {
  await mkdir(outDir, { recursive: true });
  const path = join(outDir, LOCK_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(owner) && owner > 0 && alive(owner)) throw new LockedError(outDir, owner);
      await rm(path, { force: true }); // stale: its build died without cleaning up
    }
  }
  throw new LockedError(outDir, 0);
}
