// Benchmark of src/render/: browser launch, page ready, per-diagram SVG/PNG
// time (warm) and a batch of 20 distinct diagrams with the default pool.
//
//   node bench/render.ts [--pool N] [--count N] [--scale N]
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { Renderer, type RenderEvent, type RenderJob } from '../src/render/index.ts';

const { values } = parseArgs({
  options: {
    pool: { type: 'string', default: String(availableParallelism()) },
    count: { type: 'string', default: '20' },
    scale: { type: 'string', default: '2' },
  },
});
const pool = Number(values.pool);
const count = Number(values.count);
const scale = Number(values.scale);

const FIX = new URL('../test/fixtures/diagrams/', import.meta.url);
const bases = ['flowchart.mmd', 'mindmap.mmd', 'sequence.mmd', 'sequence-other.mmd'].map((f) => readFileSync(new URL(f, FIX), 'utf8'));

/** `n` distinct diagrams (each base gets an extra node/line so nothing is deduplicated). */
function makeJobs(n: number, salt: string): RenderJob[] {
  return Array.from({ length: n }, (_, i) => {
    const base = bases[i % bases.length]!;
    let source: string;
    if (base.startsWith('flowchart')) source = `${base}  exam --> extra${salt}${i}[Extra ${i}]\n`;
    else if (base.startsWith('mindmap')) source = `${base}    Extra ${salt}${i}\n`;
    else source = `${base}  Note over ${base.includes('participant S') ? 'S' : 'A'}: note ${salt}${i}\n`;
    return { id: `d${i}`, source };
  });
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
};
const f = (ms: number): string => `${ms.toFixed(0)} ms`;

const events: RenderEvent[] = [];
const r = await Renderer.open({ cache: false, poolSize: pool, onEvent: (e) => events.push(e) });
try {
  // Cold: launch + page ready + 20 diagrams.
  const t0 = performance.now();
  const cold = await r.render(makeJobs(count, 'a'), { formats: ['svg', 'png'], scale });
  const coldMs = performance.now() - t0;
  const failed = cold.filter((x) => x.error);
  if (failed.length) console.error('failed:', failed.map((x) => `${x.id}: ${x.error?.message}`));

  // Warm: same pages, new diagrams.
  const t1 = performance.now();
  await r.render(makeJobs(count, 'b'), { formats: ['svg', 'png'], scale });
  const warmMs = performance.now() - t1;
  const t2 = performance.now();
  await r.render(makeJobs(count, 'c'), { formats: ['svg'] });
  const warmSvgMs = performance.now() - t2;

  const launch = events.find((e) => e.type === 'launch');
  const ready = events.filter((e): e is Extract<RenderEvent, { type: 'page-ready' }> => e.type === 'page-ready');
  const jobs = events.filter((e): e is Extract<RenderEvent, { type: 'job' }> => e.type === 'job');
  const warmJobs = jobs.slice(count); // second and third batches
  console.log(`Chromium launch (incl. temp page):   ${launch ? f(launch.ms) : 'n/a'}`);
  console.log(`page ready (context+mermaid+fonts):  ${ready.map((e) => f(e.ms)).join(', ')} (in parallel)`);
  console.log(`per diagram, warm, median:           SVG ${f(median(warmJobs.map((j) => j.svgMs)))}, PNG ${f(median(warmJobs.filter((j) => j.pngMs > 0).map((j) => j.pngMs)))} (scale ${scale})`);
  console.log(`${count} diagrams SVG+PNG, pool ${pool}, cold: ${f(coldMs)}  (incl. launch and page ready)`);
  console.log(`${count} diagrams SVG+PNG, pool ${pool}, warm: ${f(warmMs)}`);
  console.log(`${count} diagrams SVG only, pool ${pool}, warm: ${f(warmSvgMs)}`);
} finally {
  await r.close();
}
