// Vitest global teardown: after the whole run, no Chromium started by coursemap may still be
// running and no coursemap temp folder may remain (every test must clean up after itself).
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';

function chromiumLeft(): string[] {
  try {
    const out = execFileSync('ps', ['-eo', 'pid=,stat=,args='], { encoding: 'utf8' });
    // Zombies (<defunct>, stat Z) are already dead; PID 1 of some containers never reaps them.
    return out.split('\n').filter((l) => l.includes('coursemap-chromium-') && !/^\s*\d+\s+Z/.test(l));
  } catch {
    return [];
  }
}

const tempLeft = (before: ReadonlySet<string>) =>
  readdirSync(tmpdir()).filter((n) => /^coursemap-/.test(n) && !before.has(n));

export default function setup(): () => void {
  const before = new Set(readdirSync(tmpdir()));
  return () => {
    const procs = chromiumLeft();
    const temps = tempLeft(before);
    if (procs.length > 0 || temps.length > 0) {
      throw new Error(`tests left behind ${procs.length} Chromium process(es) and ${temps.length} temp folder(s):\n${[...procs, ...temps].join('\n')}`);
    }
  };
}
