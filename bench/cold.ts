// Cold build of a course (default: the DDIA course) in a fresh `coursemap build` process, as a
// user runs it: no render cache, a fresh output folder. Prints the build's own stage lines, the
// wall time of each step (`build --timings`), the CPU seconds of Node plus Chromium, and their
// peak memory (PSS, bench/proc-tree.ts), for the default formats and for every format.
//
//   node bench/cold.ts [--course path] [--only default|all]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { pssSampler } from './proc-tree.ts';

const { values } = parseArgs({
  options: {
    course: { type: 'string', default: fileURLToPath(new URL('../../shared/courses/ddia-course.md', import.meta.url)) },
    only: { type: 'string' },
  },
});
const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS: Array<[string, string[]]> = [
  ['default', []],
  ['all', ['--formats', 'svg,png,pdf,pptx,flashcards']],
];

async function cold(
  name: string,
  extra: string[],
): Promise<{ ms: number; peakMb: number; processes: number; cpuSeconds: number; stages: string[] }> {
  const work = mkdtempSync(join(tmpdir(), `coursemap-bench-cold-${name}-`));
  try {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [
        join(root, 'bin/coursemap.js'),
        'build',
        values.course!,
        '--out',
        join(work, 'out'),
        '--no-cache',
        '--timings',
        ...extra,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
    );
    const mem = pssSampler(child.pid!);
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.stderr.on('data', (d: Buffer) => (text += d.toString()));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    const ms = performance.now() - started;
    const peak = mem.stop();
    if (code !== 0 && code !== 1) throw new Error(`build ${name} exited ${code}:\n${text}`);
    const lines = text.split('\n');
    const timings = lines.findIndex((l) => l.startsWith('time   '));
    const stages = [
      ...lines.filter((l) => /^(parse|maps|decks|print|flashcards|site|done)\b/.test(l)),
      ...(timings >= 0 ? lines.slice(timings).filter((l) => l.startsWith('time') || l.startsWith('  ')) : []),
    ];
    return { ms, peakMb: peak.peakKb / 1024, processes: peak.peakProcesses, cpuSeconds: peak.cpuSeconds, stages };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

for (const [name, extra] of RUNS) {
  if (values.only && values.only !== name) continue;
  const r = await cold(name, extra);
  console.log(
    `\ncold build, ${name} formats: ${(r.ms / 1000).toFixed(1)} s wall, ${r.cpuSeconds.toFixed(1)} s CPU, peak PSS ${r.peakMb.toFixed(0)} MB (Node + Chromium, ${r.processes} processes at most)`,
  );
  for (const line of r.stages) console.log(`  ${line}`);
}
