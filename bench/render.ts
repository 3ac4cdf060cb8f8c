// Benchmark of diagram rendering, in ONE run, on the same diagrams: the DDIA concept maps and
// authored block as coursemap generates them (their .mmd from a build into a temp dir) plus
// synthetic mindmaps, flowcharts and sequence diagrams; SVG and PNG of every diagram.
//
//   (a) mmdc, spawned once per diagram per format (x.svg, then x.png: 2 processes a diagram),
//       one diagram after the other;
//   (b) mermaid-cli's renderMermaid() with one shared browser (same flags as src/render/browser.ts),
//       a new page per call (renderMermaid opens one), all diagrams in parallel;
//   (c) coursemap cold: a Renderer with no cache, pool = cores (launch + pages included);
//   (d) coursemap with nothing changed: build() of the DDIA course with a warm cache (no browser);
//   floor: browser launch + one page ready + sum of warm per-diagram (SVG + PNG) times ÷ pool.
// Peak memory: this process's RSS + every descendant's (Chromium, mmdc), sampled every 100 ms.
//
//   node bench/render.ts [--pool N] [--count N] [--scale N] [--skip-mmdc] [--skip-mermaid-cli]
//
// (a) and (b) get the same mermaid config as coursemap (SVG <text> labels, default theme, white).
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { MermaidConfig } from 'mermaid';
import puppeteer from 'puppeteer';
import { build, DEFAULT_BUILD } from '../src/pipeline/index.ts';
import { CHROMIUM_ARGS, findExecutable } from '../src/render/browser.ts';
import { Renderer, type RenderEvent, type RenderJob } from '../src/render/index.ts';

const { values } = parseArgs({
  options: {
    pool: { type: 'string', default: String(availableParallelism()) },
    count: { type: 'string', default: '20' },
    scale: { type: 'string', default: '2' },
    course: { type: 'string', default: fileURLToPath(new URL('../../shared/courses/ddia-course.md', import.meta.url)) },
    'skip-mmdc': { type: 'boolean', default: false },
    'skip-mermaid-cli': { type: 'boolean', default: false },
  },
});
const pool = Number(values.pool);
const count = Number(values.count);
const scale = Number(values.scale);
const coursePath = values.course;
const root = fileURLToPath(new URL('../', import.meta.url));
const MMDC = join(root, 'node_modules/@mermaid-js/mermaid-cli/src/cli.js');
const isRoot = process.getuid?.() === 0;
/** The config coursemap renders with (src/render/assets/page.js baseConfig), for (a) and (b). */
const MERMAID_CONFIG = {
  theme: 'default',
  htmlLabels: false,
  flowchart: { htmlLabels: false },
  class: { htmlLabels: false },
  state: { htmlLabels: false },
} as MermaidConfig;

const work = mkdtempSync(join(tmpdir(), 'coursemap-bench-'));
const f = (ms: number): string => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);
const mb = (kb: number): string => `${(kb / 1024).toFixed(0)} MB`;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
};

// ------------------------------------------------------------------ memory sampler

/** RSS (kB) of this process plus all its descendants, from one `ps` snapshot. */
function treeRss(): Promise<{ total: number; chromium: number }> {
  return new Promise((resolve) => {
    execFile('ps', ['-eo', 'pid=,ppid=,rss=,comm='], { maxBuffer: 16 << 20 }, (err, out) => {
      if (err) return resolve({ total: 0, chromium: 0 });
      const rows = out
        .trim()
        .split('\n')
        .map((l) => l.trim().split(/\s+/));
      const children = new Map<number, Array<{ pid: number; rss: number; comm: string }>>();
      let self = 0;
      for (const [pid, ppid, rss, ...comm] of rows) {
        const p = { pid: Number(pid), rss: Number(rss), comm: comm.join(' ') };
        if (p.pid === process.pid) self = p.rss;
        const list = children.get(Number(ppid)) ?? [];
        list.push(p);
        children.set(Number(ppid), list);
      }
      let total = self;
      let chromium = 0;
      const walk = (pid: number): void => {
        for (const c of children.get(pid) ?? []) {
          if (c.comm === 'ps') continue;
          total += c.rss;
          if (/chrom/i.test(c.comm)) chromium++;
          walk(c.pid);
        }
      };
      walk(process.pid);
      resolve({ total, chromium });
    });
  });
}

/** Samples every 100 ms until stopped; peak total RSS (kB) and whether any Chromium process appeared. */
function sampler(): { stop: () => Promise<{ peakKb: number; sawChromium: boolean }> } {
  let peak = 0;
  let saw = false;
  let running = true;
  const loop = (async () => {
    while (running) {
      const s = await treeRss();
      peak = Math.max(peak, s.total);
      if (s.chromium > 0) saw = true;
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const s = await treeRss();
      return { peakKb: Math.max(peak, s.total), sawChromium: saw || s.chromium > 0 };
    },
  };
}

// ------------------------------------------------------------------ diagrams

function synthetic(n: number): RenderJob[] {
  const words = [
    'replica',
    'leader',
    'log',
    'index',
    'quorum',
    'stream',
    'batch',
    'schema',
    'partition',
    'clock',
    'lock',
    'snapshot',
  ];
  const w = (i: number): string => words[i % words.length]!;
  return Array.from({ length: n }, (_, i) => {
    const size = 4 + (i % 5);
    let source: string;
    if (i % 3 === 0) {
      source = `mindmap\n  root((Topic ${i}))\n`;
      for (let b = 0; b < size; b++) {
        source += `    b${b}[${w(b + i)} branch ${b}]\n`;
        for (let l = 0; l < 3; l++) source += `      b${b}l${l}[${w(b * 3 + l)} leaf ${l} of ${i}]\n`;
      }
    } else if (i % 3 === 1) {
      source = `flowchart ${i % 2 ? 'LR' : 'TD'}\n  s${i}([Start ${i}])\n`;
      for (let k = 0; k < size * 2; k++)
        source += `  ${k === 0 ? `s${i}` : `n${k - 1}`} -->|${w(k)}| n${k}[${w(k + i)} step ${k}]\n`;
      source += `  n${size}{Decision} -->|yes| n0\n`;
    } else {
      const actors = ['Client', 'Leader', 'Follower', 'Log'].slice(0, 2 + (i % 3));
      source = `sequenceDiagram\n${actors.map((a) => `  participant ${a}\n`).join('')}`;
      for (let k = 0; k < size * 2; k++) {
        const a = actors[k % actors.length]!;
        const b = actors[(k + 1) % actors.length]!;
        source += `  ${a}->>${b}: ${w(k + i)} message ${k}\n`;
        if (k % 3 === 0) source += `  Note over ${b}: ${w(k)} note ${i}\n`;
      }
    }
    return { id: `synthetic-${i + 1}`, source };
  });
}

// ------------------------------------------------------------------ (d) + sources: build the course

const cacheDir = join(work, 'cache');
const setupOut = join(work, 'setup');
console.error(`building ${coursePath} (sources + warm cache)…`);
const setup = await build(coursePath, { ...DEFAULT_BUILD, outDir: setupOut, cacheDir, formats: ['svg', 'png'] });
const courseJobs: RenderJob[] = setup.outputs.written
  .filter((o) => o.path.endsWith('.mmd'))
  .map((o) => ({ id: o.path.replace(/\.mmd$/, ''), source: readFileSync(join(setupOut, o.path), 'utf8') }));
const jobs = [...courseJobs, ...synthetic(count)];
console.error(
  `${courseJobs.length} course diagrams + ${count} synthetic = ${jobs.length} diagrams, SVG + PNG (scale ${scale}), pool ${pool}, ${availableParallelism()} cores`,
);

// (d) Nothing changed: the same build again, same out dir, same cache.
console.error('(d) build again, nothing changed…');
let mem = sampler();
const d = await build(coursePath, { ...DEFAULT_BUILD, outDir: setupOut, cacheDir, formats: ['svg', 'png'] });
const dMem = await mem.stop();
const dMs = d.ms;
const dRendered = d.outputs.rendered;
// The same in a fresh process, as a user runs it (includes Node start-up and module loading).
const cliStart = performance.now();
await new Promise<void>((resolve, reject) => {
  const p = spawn(
    process.execPath,
    [
      join(root, 'bin/coursemap.js'),
      'build',
      coursePath,
      '--out',
      setupOut,
      '--cache-dir',
      cacheDir,
      '--formats',
      'svg,png',
      '--quiet',
    ],
    { stdio: 'ignore' },
  );
  p.on('error', reject);
  p.on('exit', () => resolve());
});
const dCliMs = performance.now() - cliStart;
// (d') Warm render cache but a fresh out dir: the diagram stage is served by the cache; document
// stages (decks, print) that keep no render cache of their own may still start the browser.
console.error("(d') warm cache, fresh out dir…");
const phases: string[] = [];
let mapsAt = NaN;
mem = sampler();
const dFresh = await build(coursePath, {
  ...DEFAULT_BUILD,
  outDir: join(work, 'fresh'),
  cacheDir,
  formats: ['svg', 'png'],
  onPhase: (phase) => {
    phases.push(phase);
    if (phase === 'maps') mapsAt = performance.now();
  },
});
const dFreshMem = await mem.stop();
const dFreshMapsMs = mapsAt - (performance.now() - dFresh.ms);

// ------------------------------------------------------------------ (c) coursemap cold, then warm pages for the floor

console.error('(c) coursemap cold…');
const events: RenderEvent[] = [];
mem = sampler();
const renderer = await Renderer.open({ cache: false, poolSize: pool, onEvent: (e) => events.push(e) });
let cMs = 0;
let cFailed: string[] = [];
let warmEvents: Array<Extract<RenderEvent, { type: 'job' }>> = [];
try {
  const t0 = performance.now();
  const cold = await renderer.render(jobs, { formats: ['svg', 'png'], scale });
  cMs = performance.now() - t0;
  cFailed = cold
    .filter((r) => r.error || !r.svg || !r.png)
    .map((r) => `${r.id}: ${r.error?.message ?? 'missing output'}`);
  const before = events.length;
  await renderer.render(jobs, { formats: ['svg', 'png'], scale }); // same pages, nothing cached: per-diagram warm times
  warmEvents = events.slice(before).filter((e): e is Extract<RenderEvent, { type: 'job' }> => e.type === 'job');
} finally {
  await renderer.close();
}
const cMem = await mem.stop();
const launch = events.find((e): e is Extract<RenderEvent, { type: 'launch' }> => e.type === 'launch');
const ready = events.filter((e): e is Extract<RenderEvent, { type: 'page-ready' }> => e.type === 'page-ready');
const warmSum = warmEvents.reduce((n, e) => n + e.svgMs + e.pngMs, 0);
const floorMs = (launch?.ms ?? 0) + (ready[0]?.ms ?? 0) + warmSum / pool;

// ------------------------------------------------------------------ (b) renderMermaid, one shared browser

let bMs = NaN;
let bMem = { peakKb: 0, sawChromium: false };
let bFailed: string[] = [];
if (!values['skip-mermaid-cli']) {
  console.error('(b) mermaid-cli renderMermaid, one browser, all in parallel…');
  const { renderMermaid } = await import('@mermaid-js/mermaid-cli');
  const executablePath = await findExecutable();
  const userDataDir = mkdtempSync(join(work, 'chromium-'));
  const warn = console.warn;
  console.warn = () => undefined; // renderMermaid forwards the page's console
  mem = sampler();
  const t0 = performance.now();
  const browser = await puppeteer.launch({
    headless: true,
    ...(executablePath ? { executablePath } : {}),
    args: [...CHROMIUM_ARGS, `--user-data-dir=${userDataDir}`, ...(isRoot ? ['--no-sandbox'] : [])],
  });
  try {
    const results = await Promise.all(
      jobs.map(async (job) => {
        try {
          const opts = { backgroundColor: 'white', mermaidConfig: MERMAID_CONFIG };
          const svg = await renderMermaid(browser as never, job.source, 'svg', opts);
          const png = await renderMermaid(browser as never, job.source, 'png', {
            ...opts,
            viewport: { width: 800, height: 600, deviceScaleFactor: scale },
          });
          return svg.data.length > 0 && png.data.length > 0 ? null : `${job.id}: empty output`;
        } catch (e) {
          return `${job.id}: ${(e as Error).message.split('\n')[0]}`;
        }
      }),
    );
    bFailed = results.filter((x): x is string => x !== null);
  } finally {
    await browser.close();
    bMs = performance.now() - t0;
    console.warn = warn;
  }
  bMem = await mem.stop();
}

// ------------------------------------------------------------------ (a) mmdc per diagram per format

let aMs = NaN;
let aMem = { peakKb: 0, sawChromium: false };
const aFailed: string[] = [];
if (!values['skip-mmdc']) {
  console.error(`(a) mmdc, ${jobs.length * 2} processes, one after the other…`);
  const dir = join(work, 'mmdc');
  rmSync(dir, { recursive: true, force: true });
  const { mkdirSync } = await import('node:fs');
  mkdirSync(dir, { recursive: true });
  const pptr = join(dir, 'puppeteer.json');
  writeFileSync(
    pptr,
    JSON.stringify({
      args: [...CHROMIUM_ARGS, ...(isRoot ? ['--no-sandbox'] : [])],
      ...(await findExecutable().then((p) => (p ? { executablePath: p } : {}))),
    }),
  );
  const cfg = join(dir, 'mermaid.json');
  writeFileSync(cfg, JSON.stringify(MERMAID_CONFIG));
  const mmdc = (args: string[]): Promise<number> =>
    new Promise((resolve, reject) => {
      const p = spawn(process.execPath, [MMDC, '-q', '-p', pptr, '-c', cfg, '-b', 'white', ...args], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      p.stderr.resume();
      p.on('error', reject);
      p.on('exit', (code) => resolve(code ?? 1));
    });
  mem = sampler();
  const t0 = performance.now();
  for (const [i, job] of jobs.entries()) {
    const input = join(dir, `d${i}.mmd`);
    writeFileSync(input, job.source);
    if ((await mmdc(['-i', input, '-o', join(dir, `d${i}.svg`)])) !== 0) aFailed.push(`${job.id} (svg)`);
    if ((await mmdc(['-i', input, '-o', join(dir, `d${i}.png`), '-s', String(scale)])) !== 0)
      aFailed.push(`${job.id} (png)`);
  }
  aMs = performance.now() - t0;
  aMem = await mem.stop();
}

rmSync(work, { recursive: true, force: true });

// ------------------------------------------------------------------ report

const ratio = (x: number, y: number): string =>
  Number.isFinite(x) && Number.isFinite(y) && y > 0 ? `${(x / y).toFixed(1)}×` : 'n/a';
const check = (ok: boolean): string => (ok ? 'ok' : 'MISSED');
const rows: Array<[string, string, string, string]> = [
  [
    '(a) mmdc, 1 process per diagram per format',
    f(aMs),
    mb(aMem.peakKb),
    aFailed.length ? `${aFailed.length} failed` : '',
  ],
  [
    '(b) renderMermaid, shared browser, parallel',
    f(bMs),
    mb(bMem.peakKb),
    bFailed.length ? `${bFailed.length} failed` : '',
  ],
  [
    `(c) coursemap cold, pool ${pool}, no cache`,
    f(cMs),
    mb(cMem.peakKb),
    cFailed.length ? `${cFailed.length} failed` : '',
  ],
  [
    '(d) coursemap build, nothing changed (in process)',
    f(dMs),
    mb(dMem.peakKb),
    `rendered ${dRendered}, browser ${dMem.sawChromium ? 'STARTED' : 'none'}`,
  ],
  ['(d) same, fresh `coursemap build` process', f(dCliMs), '', 'incl. Node start-up'],
  [
    "(d') warm cache, fresh out dir (whole build)",
    f(dFresh.ms),
    mb(dFreshMem.peakKb),
    `rendered ${dFresh.outputs.rendered}, from cache ${dFresh.outputs.fromCache}, browser ${dFreshMem.sawChromium ? 'STARTED' : 'none'} (stages: ${phases.join(', ')})`,
  ],
  ["(d') … of which parse + diagram stage", f(dFreshMapsMs), '', ''],
  [
    'floor: launch + 1 page ready + Σwarm ÷ pool',
    f(floorMs),
    '',
    `${f(launch?.ms ?? NaN)} + ${f(ready[0]?.ms ?? NaN)} + ${f(warmSum)} ÷ ${pool}`,
  ],
];
const w0 = Math.max(...rows.map((r) => r[0].length));
console.log(
  `\n${jobs.length} diagrams (${courseJobs.length} DDIA + ${count} synthetic), SVG + PNG at scale ${scale}, ${availableParallelism()} cores\n`,
);
console.log(`${'run'.padEnd(w0)}  ${'time'.padStart(8)}  ${'peak RSS'.padStart(8)}  notes`);
for (const [a, b, c, dd] of rows) console.log(`${a.padEnd(w0)}  ${b.padStart(8)}  ${c.padStart(8)}  ${dd}`);
console.log('');
console.log(
  `per diagram, warm, median: SVG ${f(median(warmEvents.map((e) => e.svgMs)))}, PNG ${f(median(warmEvents.map((e) => e.pngMs)))}; page ready ${ready.map((e) => f(e.ms)).join(', ')}`,
);
console.log(`(a)/(c) = ${ratio(aMs, cMs)}   target ≥ 8×    ${check(aMs / cMs >= 8)}`);
console.log(`(b)/(c) = ${ratio(bMs, cMs)}   target ≥ 3×    ${check(bMs / cMs >= 3)}`);
console.log(`(c)/floor = ${ratio(cMs, floorMs)}   target ≤ 1.5×  ${check(cMs / floorMs <= 1.5)}`);
console.log(
  `(d) = ${f(dMs)}, ${dRendered} rendered, browser ${dMem.sawChromium ? 'started' : 'not started'}   target < 0.5 s, no browser   ${check(dMs < 500 && !dMem.sawChromium && dRendered === 0)}`,
);
for (const [name, list] of [
  ['(a)', aFailed],
  ['(b)', bFailed],
  ['(c)', cFailed],
] as const)
  if (list.length) console.log(`${name} failures: ${list.slice(0, 5).join('; ')}${list.length > 5 ? ' …' : ''}`);
