// Process faults: Ctrl-C or SIGTERM in the middle of a build closes the browser, removes temp
// files and exits 130 / 143; after kill -9 the next start kills the orphaned Chromium and removes
// the dead build's temp folders.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const ddia = fileURLToPath(new URL('../../shared/courses/ddia-course.md', import.meta.url));

/** Chromium processes whose profile folder lives in `dir`. */
function chromiumIn(dir: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid=,stat=,args='], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.includes(dir) && l.includes('coursemap-chromium-') && !/^\s*\d+\s+Z/.test(l));
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe.each([
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)('%s during a build', (signal, code) => {
  it(`closes the browser, removes temp files and exits ${code}`, async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'cm-signal-'));
    const child = spawn(
      process.execPath,
      ['bin/coursemap.js', 'build', ddia, '--out', join(tmp, 'out'), '--no-cache'],
      {
        cwd: root,
        env: { ...process.env, TMPDIR: tmp },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    const exited = new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect(await until(() => chromiumIn(tmp).length > 0, 90_000)).toBe(true);
    child.kill(signal);
    expect(await exited).toBe(code);
    expect(await until(() => chromiumIn(tmp).length === 0, 5_000)).toBe(true);
    const left = (await readdir(tmp)).filter((n) => n.startsWith('coursemap-'));
    expect(left).toEqual([]);
  }, 150_000);
});

describe('SIGKILL during a build', () => {
  it('leaves a Chromium and temp folders that the next start kills and removes', async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'cm-signal-'));
    const env = { ...process.env, TMPDIR: tmp };
    const child = spawn(
      process.execPath,
      ['bin/coursemap.js', 'build', ddia, '--out', join(tmp, 'out'), '--no-cache'],
      { cwd: root, env, stdio: 'ignore' },
    );
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    try {
      expect(await until(() => chromiumIn(tmp).length > 0, 90_000)).toBe(true);
      child.kill('SIGKILL');
      await exited;
      // Nothing of the build ran its cleanup: its browser and its run folder are still there.
      await new Promise((r) => setTimeout(r, 500));
      expect(chromiumIn(tmp).length).toBeGreaterThan(0);
      expect((await readdir(tmp)).filter((n) => n.startsWith('coursemap-run-'))).toHaveLength(1);

      execFileSync(process.execPath, ['bin/coursemap.js', '--version'], { cwd: root, env });
      expect(await until(() => chromiumIn(tmp).length === 0, 5_000)).toBe(true);
      expect((await readdir(tmp)).filter((n) => n.startsWith('coursemap-'))).toEqual([]);
    } finally {
      // Whatever the outcome, no Chromium of this test outlives it.
      for (const line of chromiumIn(tmp)) {
        try {
          process.kill(Number(line.trim().split(/\s+/)[0]), 'SIGKILL');
        } catch {
          // gone
        }
      }
    }
  }, 150_000);
});
