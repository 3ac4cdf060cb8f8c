// Profile of the maps stage (and, with --print, the print stage) of a cold build without a
// cache: one diagram page at a time (--pool 1), the CPU of Node plus every Chromium process read
// from /proc at every diagram job, so each diagram, each fit candidate and each PNG has its own
// CPU cost; the document pages' calls (goto, pdf, screenshot, evaluate…) are timed and costed by
// name. Linux only. The rows are in the order the jobs ran: the build's diagrams (SVG and PNG),
// then the fit's candidates (SVG only), then the chosen parts' PNGs.
//
//   node bench/fit-profile.ts [--course path] [--print] [--pool n] [--formats svg,png,flashcards]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from '../src/pipeline/index.ts';
import { Renderer } from '../src/render/index.ts';
import { ProcTree, TICKS_PER_SECOND } from './proc-tree.ts';

const { values } = parseArgs({
  options: {
    course: { type: 'string', default: fileURLToPath(new URL('../../shared/courses/ddia-course.md', import.meta.url)) },
    print: { type: 'boolean', default: false },
    pool: { type: 'string', default: '1' },
    formats: { type: 'string', default: 'svg,png,flashcards' },
  },
});

// Dead processes' ticks are lost; keep the running max per pid instead.
const tree = new ProcTree(process.pid);
const seen = new Map<number, number>();
function cpuMs(): number {
  for (const [pid, p] of tree.sample()) seen.set(pid, Math.max(seen.get(pid) ?? 0, p.ticks));
  let sum = 0;
  for (const t of seen.values()) sum += t;
  return (sum * 1000) / TICKS_PER_SECOND;
}

const work = mkdtempSync(join(tmpdir(), 'coursemap-fit-profile-'));
const rows: Array<{ id: string; ms: number; svgMs: number; pngMs: number; cpu: number }> = [];
let last = cpuMs();
const renderer = await Renderer.open({
  poolSize: Number(values.pool),
  cache: false,
  keepSvgs: true,
  onEvent: (e) => {
    if (e.type === 'job') {
      const now = cpuMs();
      rows.push({ id: e.id, ms: e.ms, svgMs: e.svgMs, pngMs: e.pngMs, cpu: now - last });
      last = now;
    } else if (e.type === 'launch' || e.type === 'page-ready') {
      const now = cpuMs();
      rows.push({ id: e.type, ms: e.ms, svgMs: 0, pngMs: 0, cpu: now - last });
      last = now;
    }
  },
});
// Every page call of the document pages (print, decks) timed and costed by name.
const calls = new Map<string, { n: number; ms: number; cpu: number }>();
const shared = renderer.sharedBrowser.bind(renderer);
const wrapped = new WeakSet<object>();
renderer.sharedBrowser = async () => {
  const handle = await shared();
  const b = handle.browser as unknown as Record<string, unknown>;
  if (!wrapped.has(b)) {
    wrapped.add(b);
    const create = (b['createBrowserContext'] as () => Promise<Record<string, unknown>>).bind(b);
    b['createBrowserContext'] = async () => {
      const ctx = await create();
      const newPage = (ctx['newPage'] as () => Promise<Record<string, unknown>>).bind(ctx);
      ctx['newPage'] = async () => {
        const page = await newPage();
        for (const m of [
          'pdf',
          'screenshot',
          'goto',
          'evaluate',
          'waitForFunction',
          'setViewport',
          'emulateMediaType',
        ]) {
          const f = (page[m] as (...a: unknown[]) => Promise<unknown>).bind(page);
          page[m] = async (...a: unknown[]) => {
            const c0 = cpuMs();
            const w0 = performance.now();
            try {
              return await f(...a);
            } finally {
              const row = calls.get(m) ?? { n: 0, ms: 0, cpu: 0 };
              row.n++;
              row.ms += performance.now() - w0;
              row.cpu += cpuMs() - c0;
              calls.set(m, row);
            }
          };
        }
        return page;
      };
      return ctx;
    };
  }
  return handle;
};
try {
  const t0 = cpuMs();
  const r = await build(values.course!, {
    outDir: join(work, 'out'),
    cacheDir: false,
    renderer,
    stages: values.print ? ['print'] : [],
    config: false,
    formats: values.formats!.split(',') as never,
  });
  const t1 = cpuMs();
  for (const row of rows)
    console.log(
      `${row.id.padEnd(24)} wall ${row.ms.toFixed(0).padStart(6)} ms (svg ${row.svgMs.toFixed(0).padStart(5)}, png ${row.pngMs.toFixed(0).padStart(5)})  cpu ${row.cpu.toFixed(0).padStart(6)} ms`,
    );
  for (const [m, c] of calls)
    console.log(
      `page.${m.padEnd(18)} ${String(c.n).padStart(4)} calls, wall ${c.ms.toFixed(0).padStart(6)} ms, cpu ${c.cpu.toFixed(0).padStart(6)} ms`,
    );
  for (const s of r.timings.steps) console.log(`step ${s.name} ${(s.ms / 1000).toFixed(2)} s wall`);
  console.log(
    `total cpu (Node + Chromium) ${(t1 - t0) / 1000} s; jobs ${rows.filter((x) => x.id.startsWith('cm-')).length}`,
  );
} finally {
  await renderer.close();
  rmSync(work, { recursive: true, force: true });
}
