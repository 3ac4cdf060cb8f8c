// Process faults: Ctrl-C or SIGTERM in the middle of a build closes the browser, removes temp
// files and exits 130 / 143.
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
    const child = spawn(process.execPath, ['bin/coursemap.js', 'build', ddia, '--out', join(tmp, 'out'), '--no-cache'], {
      cwd: root,
      env: { ...process.env, TMPDIR: tmp },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const exited = new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect(await until(() => chromiumIn(tmp).length > 0, 20_000)).toBe(true);
    child.kill(signal);
    expect(await exited).toBe(code);
    expect(await until(() => chromiumIn(tmp).length === 0, 5_000)).toBe(true);
    const left = (await readdir(tmp)).filter((n) => n.startsWith('coursemap-'));
    expect(left).toEqual([]);
  }, 60_000);
});
