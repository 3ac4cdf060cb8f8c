// Where a cold build's time goes, step by step, in one process: each step's wall time, Node's CPU
// time and event-loop idle share over it (the build's own --timings figures) and the CPU its
// Chromium used meanwhile (sampled from /proc), then the whole build's wall and CPU. A step whose
// loop is mostly idle while Chromium leaves a core free is where Node-only work can overlap.
//
//   node bench/stages.ts [--course path] [--formats svg,png,flashcards]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, DEFAULT_BUILD, type OutputFormat } from '../src/pipeline/index.ts';
import { descendantsCpuTimeline } from './proc-tree.ts';

const { values } = parseArgs({
  options: {
    course: { type: 'string', default: fileURLToPath(new URL('../../shared/courses/ddia-course.md', import.meta.url)) },
    formats: { type: 'string' },
  },
});
const work = mkdtempSync(join(tmpdir(), 'coursemap-bench-stages-'));
const chromium = descendantsCpuTimeline(process.pid);
const cpu = process.cpuUsage();
const origin = performance.now();
try {
  const result = await build(values.course!, {
    outDir: join(work, 'out'),
    cacheDir: false,
    config: false,
    ...(values.formats ? { formats: values.formats.split(',') as OutputFormat[] } : {}),
  });
  const wall = performance.now() - origin;
  chromium.stop();
  const used = process.cpuUsage(cpu);
  const nodeMs = (used.user + used.system) / 1000;
  const chromiumMs = chromium.at(Number.POSITIVE_INFINITY);
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`.padStart(7);
  console.log(
    `cold build, ${(values.formats ?? DEFAULT_BUILD.formats.join(',')).toString()}: ${s(wall)} wall, CPU ${s(nodeMs + chromiumMs)} (Node ${s(nodeMs)}, Chromium ${s(chromiumMs)})`,
  );
  console.log('  step          wall   node CPU  loop idle  Chromium CPU  cores busy');
  // The build's steps are timed from its own start, a little after ours: close enough at 100 ms.
  const buildOrigin = origin + (wall - result.ms);
  for (const step of result.timings.steps) {
    const start = buildOrigin + (step.startMs ?? 0);
    const c = chromium.at(start + step.ms) - chromium.at(start);
    const busy = ((step.cpuMs ?? 0) + c) / Math.max(step.ms, 1);
    console.log(
      `  ${step.name.padEnd(10)} ${s(step.ms)}  ${s(step.cpuMs ?? 0)}  ${`${Math.round(100 * (step.idle ?? 0))} %`.padStart(8)}  ${s(c)}       ${busy.toFixed(2)}`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
