// bench/startup: how long the `coursemap` command users run (the compiled dist/cli/bin.js) takes
// for work that is mostly start-up, as the minimum of several runs, next to bare `node -e 0`:
//   --version                          goal: within 0.15 s of bare Node
//   build of DDIA with nothing changed goal: under 0.5 s in total
//   model of DDIA                      goal: under 0.6 s in total
// Also prints the same commands run from the TypeScript sources (bin/coursemap.js, the
// development entry) for comparison. Compiles dist/ first, so it measures the current code.
//
//   node bench/startup.ts [course.md] [--runs n] [--before <checkout>]
//
// --before <dir>: also time <dir>/bin/coursemap.js (an older checkout, e.g. `git archive` of a
// previous commit with node_modules linked in) for a before/after comparison.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ options: { runs: { type: 'string' }, before: { type: 'string' } }, allowPositionals: true });
const root = fileURLToPath(new URL('..', import.meta.url));
const course = positionals[0] ?? fileURLToPath(new URL('../../shared/courses/ddia-course.md', import.meta.url));
const runs = Number(values.runs ?? 7);
const work = mkdtempSync(join(tmpdir(), 'coursemap-bench-startup-'));
const dist = join(root, 'dist', 'cli', 'bin.js');
const sources = join(root, 'bin', 'coursemap.js');

/** Minimum wall time (s) of `runs` runs of `node args`; fails loudly on a non-zero exit. */
function time(args: string[], env: Record<string, string> = {}): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: work, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    const s = Number(process.hrtime.bigint() - t) / 1e9;
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${String(r.stderr)}`);
    best = Math.min(best, s);
  }
  return best;
}

const fmt = (s: number) => `${s.toFixed(3)} s`;

try {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  const out = join(work, 'out');
  const cache = join(work, 'cache');
  const buildArgs = ['build', course, '--out', out, '--cache-dir', cache, '--quiet'];
  process.stdout.write(`preparing: a full build of ${course} into a temp out/ … `);
  const t0 = Date.now();
  execFileSync(process.execPath, [dist, ...buildArgs], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, COURSEMAP_DIST: '1' } });
  console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const bare = time(['-e', '0']);
  const commands: Array<[string, string[], (s: number) => string]> = [
    ['coursemap --version', ['--version'], (s) => `goal ≤ bare + 0.15 s = ${fmt(bare + 0.15)}: ${s <= bare + 0.15 ? 'met' : 'NOT met'}`],
    ['coursemap build (no change)', buildArgs, (s) => `goal < 0.5 s: ${s < 0.5 ? 'met' : 'NOT met'}`],
    ['coursemap model', ['model', course], (s) => `goal < 0.6 s: ${s < 0.6 ? 'met' : 'NOT met'}`],
  ];
  console.log(`\nminimum of ${runs} runs, Node ${process.version}, ${course.split('/').pop()}`);
  console.log(`${'node -e 0'.padEnd(30)} ${fmt(bare).padStart(9)}`);
  const header = `${''.padEnd(30)} ${'dist/'.padStart(9)} ${'sources'.padStart(9)}${values.before ? ` ${'before'.padStart(9)}` : ''}`;
  console.log(header);
  for (const [name, args, goal] of commands) {
    const compiled = time([dist, ...args], { COURSEMAP_DIST: '1' });
    const fromSources = time([sources, ...args]);
    const before = values.before ? ` ${fmt(time([join(values.before, 'bin', 'coursemap.js'), ...args])).padStart(9)}` : '';
    console.log(`${name.padEnd(30)} ${fmt(compiled).padStart(9)} ${fmt(fromSources).padStart(9)}${before}   ${goal(compiled)}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
