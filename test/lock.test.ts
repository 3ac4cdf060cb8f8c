// The output lock: a second build into the same folder fails clearly; a stale lock is taken over.
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.ts';
import { LOCK_NAME, LockedError, lockOutput, lockText } from '../src/write/lock.ts';

const fresh = () => mkdtemp(join(tmpdir(), 'cm-lock-'));

describe('output lock', () => {
  it('lets one build in and refuses the second with a clear message', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cm-lock-'));
    const release = await lockOutput(dir);
    expect(await readFile(join(dir, LOCK_NAME), 'utf8')).toBe(lockText());
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
    expect(await readFile(join(dir, LOCK_NAME), 'utf8')).toBe(lockText());
    await release();
  });
});

describe('lock with start time', () => {
  it('takes over a lock whose pid is alive but started at another time (a reused pid)', async () => {
    const dir = await fresh();
    const [pid, start] = lockText().split(' ');
    expect(start, 'the lock records a start time on Linux').toMatch(/^\d+$/);
    await writeFile(join(dir, LOCK_NAME), `${pid} ${Number(start) + 12345}`);
    const release = await lockOutput(dir);
    expect(await readFile(join(dir, LOCK_NAME), 'utf8')).toBe(lockText());
    await release();
    await writeFile(join(dir, LOCK_NAME), lockText()); // same pid and start: held
    await expect(lockOutput(dir)).rejects.toThrow(LockedError);
  });
});

describe('build with a held lock', () => {
  it('fails at once with a clear message and exit 1, touching nothing', async () => {
    const out = await fresh();
    await writeFile(join(out, LOCK_NAME), String(process.pid));
    let err = '';
    const io = { out: () => undefined, err: (t: string) => void (err += t), stdin: async () => '' };
    const code = await run(['build', 'test/fixtures/forms/tidy.md', '--out', out, '--no-cache'], io, '0');
    expect(code).toBe(1);
    expect(err).toMatch(/another coursemap build \(pid \d+\) is writing/);
    expect(await readdir(out)).toEqual([LOCK_NAME]);
  });
});
