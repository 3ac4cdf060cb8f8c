// bench/startup: how long the `coursemap` command users run (the compiled dist/cli/bin.js) takes
// for work that is mostly start-up, as the minimum of several runs, next to bare `node -e 0`:
//   --version                          goal: within 0.15 s of bare Node
//   build of DDIA with nothing changed goal: under 0.5 s in total
//   model of DDIA                      goal: under 0.6 s in total (with the model cache the
//                                      build filled, and with --no-cache: parse and model)
// Also prints the same commands run from the TypeScript sources (bin/coursemap.js, the
// development entry) for comparison. Compiles dist/ first, so it measures the current code.
//
//   node bench/startup.ts [course.md] [--runs n] [--before <checkout>]
//
// --before <dir>: also time <dir>/bin/coursemap.js (an older checkout, e.g. `git archive` of a
// previous commit with node_modules linked in) for a before/after comparison.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  options: { runs: { type: 'string' }, before: { type: 'string' } },
  allowPositionals: true,
});
const root = fileURLToPath(new URL('..', import.meta.url));
const course = positionals[0] ?? fileURLToPath(new URL('../../shared/courses/ddia-course.md', import.meta.url));
const runs = Number(values.runs ?? 7);
const work = mkdtempSync(join(tmpdir(), 'coursemap-bench-startup-'));
const dist = join(root, 'dist', 'cli', 'bin.js');
const sources = join(root, 'bin', 'coursemap.js');

// On a shared machine wall time depends on the load: with GNU time available, the CPU time
// (user + sys) of the same runs is printed too, which the load barely changes.
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
let cpu = Infinity;

/** Minimum wall time (s) of `runs` runs of `node args` (minimum CPU time in `cpu`); fails loudly on a non-zero exit. */
function time(args: string[], env: Record<string, string> = {}): number {
  let best = Infinity;
  cpu = Infinity;
  for (let i = 0; i < runs; i++) {
    const [cmd, cmdArgs] = GNU_TIME
      ? [GNU_TIME, ['-f', '@cpu %U %S', process.execPath, ...args]]
      : [process.execPath, args];
    const t = process.hrtime.bigint();
    const r = spawnSync(cmd, cmdArgs, {
      cwd: work,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...env },
    });
    const s = Number(process.hrtime.bigint() - t) / 1e9;
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${String(r.stderr)}`);
    best = Math.min(best, s);
    const used = /@cpu ([\d.]+) ([\d.]+)/.exec(String(r.stderr));
    if (used) cpu = Math.min(cpu, Number(used[1]) + Number(used[2]));
  }
  return best;
}

const fmt = (s: number) => `${s.toFixed(3)} s`;
const cpuNote = () => (cpu < Infinity ? ` (cpu ${cpu.toFixed(2)})` : '');

try {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  const out = join(work, 'out');
  const cache = join(work, 'cache');
  const buildArgs = ['build', course, '--out', out, '--cache-dir', cache, '--quiet'];
  process.stdout.write(`preparing: a full build of ${course} into a temp out/ … `);
  const t0 = Date.now();
  execFileSync(process.execPath, [dist, ...buildArgs], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, COURSEMAP_DIST: '1' },
  });
  console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const bare = time(['-e', '0']);
  const bareCpu = cpuNote();
  const commands: Array<[string, string[], (s: number) => string]> = [
    [
      'coursemap --version',
      ['--version'],
      (s) => `goal ≤ bare + 0.15 s = ${fmt(bare + 0.15)}: ${s <= bare + 0.15 ? 'met' : 'NOT met'}`,
    ],
    ['coursemap build (no change)', buildArgs, (s) => `goal < 0.5 s: ${s < 0.5 ? 'met' : 'NOT met'}`],
    ['coursemap model', ['model', course, '--cache-dir', cache], (s) => `goal < 0.6 s: ${s < 0.6 ? 'met' : 'NOT met'}`],
    [
      'coursemap model --no-cache',
      ['model', course, '--no-cache'],
      (s) => `goal < 0.6 s: ${s < 0.6 ? 'met' : 'NOT met'} (parse and model, no cache)`,
    ],
  ];
  console.log(`\nminimum of ${runs} runs, Node ${process.version}, ${course.split('/').pop()}`);
  console.log(`wall time, minimum of ${runs} runs${GNU_TIME ? ' (and the minimum CPU time, user + sys)' : ''}`);
  console.log(`${'node -e 0'.padEnd(28)} ${fmt(bare)}${bareCpu}`);
  for (const [name, args, goal] of commands) {
    const compiled = time([dist, ...args], { COURSEMAP_DIST: '1' });
    const compiledCpu = cpuNote();
    const fromSources = time([sources, ...args]);
    const sourcesCpu = cpuNote();
    const before = values.before
      ? `; before ${fmt(time([join(values.before, 'bin', 'coursemap.js'), ...args]))}${cpuNote()}`
      : '';
    console.log(`${name.padEnd(28)} dist/ ${fmt(compiled)}${compiledCpu}   ${goal(compiled)}`);
    console.log(`${''.padEnd(28)} sources ${fmt(fromSources)}${sourcesCpu}${before}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
