// The output lock: a second build into the same folder fails clearly; a stale lock is taken over.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_NAME, LockedError, lockOutput } from '../src/write/lock.ts';

describe('output lock', () => {
  it('lets one build in and refuses the second with a clear message', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cm-lock-'));
    const release = await lockOutput(dir);
    expect(await readFile(join(dir, LOCK_NAME), 'utf8')).toBe(String(process.pid));
    await expect(lockOutput(dir)).rejects.toThrow(LockedError);
    await expect(lockOutput(dir)).rejects.toThrow(/another coursemap build \(pid \d+\) is writing/);
    await release();
    const again = await lockOutput(dir);
    await again();
  });

  it('takes over a lock whose build is gone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cm-lock-'));
    await writeFile(join(dir, LOCK_NAME), '2147483646');
    const release = await lockOutput(dir);
    expect(await readFile(join(dir, LOCK_NAME), 'utf8')).toBe(String(process.pid));
    await release();
  });
});
