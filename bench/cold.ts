// Cold build of a course (default: the DDIA course) in a fresh `coursemap build` process, as a
// user runs it: no render cache, a fresh output folder. Prints the build's own stage lines, the
// wall time of each step (`build --timings`) with the CPU seconds of Node plus Chromium in it,
// the whole build's CPU seconds, and their peak memory (PSS, bench/memory.ts), for the default
// formats and for every format. A step's CPU is read off the tree's CPU sampled every 100 ms:
// the `maps` line arrives when that step ends, the other steps are placed around it by their
// wall times (the steps run one after the other).
//
//   node bench/cold.ts [--course path] [--only default|all]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { pssSampler } from './memory.ts';

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
    const series: Array<[number, number]> = [];
    const tick = setInterval(() => series.push([performance.now(), mem.cpuNow()]), 100);
    let text = '';
    let mapsEnd: number | null = null;
    const read = (d: Buffer) => {
      text += d.toString();
      if (mapsEnd === null && /^maps\b/m.test(text)) {
        mapsEnd = performance.now();
        series.push([mapsEnd, mem.cpuNow()]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    clearInterval(tick);
    const ms = performance.now() - started;
    const peak = mem.stop();
    if (code !== 0 && code !== 1) throw new Error(`build ${name} exited ${code}:\n${text}`);
    const lines = text.split('\n');
    const timings = lines.findIndex((l) => l.startsWith('time   '));
    const steps = timings >= 0 ? lines.slice(timings).filter((l) => l.startsWith('time') || l.startsWith('  ')) : [];
    const stages = [
      ...lines.filter((l) => /^(parse|maps|decks|print|flashcards|site|done)\b/.test(l)),
      ...withStepCpu(steps, series, mapsEnd),
    ];
    return { ms, peakMb: peak.peakKb / 1024, processes: peak.peakProcesses, cpuSeconds: peak.cpuSeconds, stages };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The tree's CPU seconds at time `t`, interpolated between samples. */
function cpuAt(series: ReadonlyArray<[number, number]>, t: number): number {
  const sorted = [...series].sort((a, b) => a[0] - b[0]);
  const after = sorted.findIndex(([at]) => at >= t);
  if (after <= 0) return after === 0 ? sorted[0]![1] : (sorted.at(-1)?.[1] ?? 0);
  const [t0, c0] = sorted[after - 1]!;
  const [t1, c1] = sorted[after]!;
  return c0 + ((c1 - c0) * (t - t0)) / Math.max(t1 - t0, 1e-9);
}

/** `--timings` step lines ("  maps  25.9 s  26 %") with the CPU seconds spent in each step appended. */
function withStepCpu(lines: string[], series: ReadonlyArray<[number, number]>, mapsEnd: number | null): string[] {
  const step = /^ {2}(\S+)\s+([\d.]+) s\s+\d+ %$/;
  const parsed = lines.map((l) => step.exec(l));
  const maps = parsed.findIndex((m) => m?.[1] === 'maps');
  if (mapsEnd === null || maps < 0 || series.length < 2) return lines;
  // End time of each step: the maps line's arrival, then the wall times before and after it.
  const ends = new Map<number, number>([[maps, mapsEnd]]);
  for (let i = maps + 1, t = mapsEnd; i < parsed.length && parsed[i]; i++)
    ends.set(i, (t += Number(parsed[i]![2]) * 1000));
  for (let i = maps - 1, t = mapsEnd - Number(parsed[maps]![2]) * 1000; i >= 0 && parsed[i]; i--) {
    ends.set(i, t);
    t -= Number(parsed[i]![2]) * 1000;
  }
  return lines.map((l, i) => {
    const m = parsed[i];
    const end = ends.get(i);
    if (!m || end === undefined) return l;
    const cpu = cpuAt(series, end) - cpuAt(series, end - Number(m[2]) * 1000);
    return `${l}  ${cpu.toFixed(1).padStart(5)} s CPU`;
  });
}

for (const [name, extra] of RUNS) {
  if (values.only && values.only !== name) continue;
  const r = await cold(name, extra);
  console.log(
    `\ncold build, ${name} formats: ${(r.ms / 1000).toFixed(1)} s wall, ${r.cpuSeconds.toFixed(1)} s CPU, peak PSS ${r.peakMb.toFixed(0)} MB (Node + Chromium, ${r.processes} processes at most)`,
  );
  for (const line of r.stages) console.log(`  ${line}`);
}
