// Vitest global setup/teardown: the whole run gets its own TMPDIR (workers inherit it), and after
// the run no Chromium whose profile lives there may still be running and no coursemap temp
// folder may remain in it. A private TMPDIR keeps other runs on the same machine out of the check.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function chromiumIn(dir: string): string[] {
  try {
    const out = execFileSync('ps', ['-eo', 'pid=,stat=,args='], { encoding: 'utf8' });
    // Zombies (<defunct>, stat Z) are already dead; PID 1 of some containers never reaps them.
    return out.split('\n').filter((l) => l.includes(`${dir}/coursemap-chromium-`) && !/^\s*\d+\s+Z/.test(l));
  } catch {
    return [];
  }
}

export default function setup(): () => void {
  // Every project lists this setup; the first one of the run owns the folder and the check, and
  // its teardown runs last (vitest tears projects down in reverse order).
  if (process.env['COURSEMAP_TEST_RUN_TMP']) return () => undefined;
  const runTmp = mkdtempSync(join(tmpdir(), 'cm-test-run-'));
  process.env['TMPDIR'] = runTmp;
  process.env['COURSEMAP_TEST_RUN_TMP'] = runTmp;
  return () => {
    delete process.env['COURSEMAP_TEST_RUN_TMP'];
    const procs = chromiumIn(runTmp);
    const temps = readdirSync(runTmp).filter((n) => n.startsWith('coursemap-'));
    if (procs.length === 0) rmSync(runTmp, { recursive: true, force: true });
    if (procs.length > 0 || temps.length > 0) {
      throw new Error(
        `tests left behind ${procs.length} Chromium process(es) and ${temps.length} temp folder(s) in ${runTmp}:\n${[...procs, ...temps].join('\n')}`,
      );
    }
  };
}
