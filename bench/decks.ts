// Benchmark of slide-deck exports, in one run:
//   1. PNG export time per slide (1920×1080) for coursemap (one page per deck, Reveal.slide +
//      screenshot) and for marp-cli (`--images png --image-scale 1.5`, same Chromium) on decks
//      of the same slide count (a DDIA chapter deck and a Marp deck with the same slides' text);
//      Wall times, and CPU time (user + system of Node and every Chromium process, sampled from
//      /proc): on a machine shared with other work the CPU ratios are the steadier ones;
//   2. the cold build of all DDIA decks with PNG and PDF (no render cache, fresh output folder).
//
//   node bench/decks.ts [--chapter 5] [--marp /tmp/marp/node_modules/.bin/marp] [--runs 2] [--no-cold]
// marp-cli is not a dependency: install it in a scratch folder (see README) and pass --marp.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, DEFAULT_BUILD } from '../src/pipeline/index.ts';
import { CAPTURE_PAGES, deckJobs, PNG_SCALE } from '../src/pipeline/decks.ts';
import { deckHtml } from '../src/generate/slides/html.ts';
import { slideTemplates } from '../src/generate/slides/partials.ts';
import type { Deck } from '../src/generate/slides/types.ts';
import { templateSet } from '../src/generate/templates.ts';
import { loadCourse } from '../src/index.ts';
import { deckPngs, withDeckPage } from '../src/render/documents/deck.ts';
import { findExecutable, Renderer } from '../src/render/index.ts';
import { descendantsCpu } from './proc-tree.ts';

const { values } = parseArgs({
  options: {
    chapter: { type: 'string', default: '5' },
    marp: { type: 'string', default: '/tmp/marp/node_modules/.bin/marp' },
    runs: { type: 'string', default: '2' },
    'no-cold': { type: 'boolean', default: false },
  },
});
const DDIA = fileURLToPath(new URL('../../shared/courses/ddia-course.md', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'coursemap-bench-decks-'));
const runs = Math.max(1, Number(values.runs));
const ms = (n: number) => `${n.toFixed(0)} ms`;
const best = (xs: number[]) => Math.min(...xs);

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;|&#x22;/g, '"')
    .replace(/&lt;|&#x3C;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;|&#x26;/g, '&');

/** A Marp deck with the same slides: title and the points/body text of each coursemap slide. */
function marpMarkdown(deck: Deck, count: number): string {
  const slides = deck.slides.slice(0, count).map((s) => {
    const body =
      s.points?.map((p) => `- ${text(p.html)}${p.sub.map((x) => `\n  - ${text(x)}`).join('')}`).join('\n') ??
      (s.rows
        ? [
            `| ${(s.header ?? []).map(text).join(' | ')} |`,
            `|${(s.header ?? []).map(() => ' --- ').join('|')}|`,
            ...s.rows.map((r) => `| ${r.map(text).join(' | ')} |`),
          ].join('\n')
        : text(s.bodyHtml ?? s.code ?? ''));
    return `# ${s.title}\n\n${body}`;
  });
  return `---\nmarp: true\nsize: 16:9\n---\n\n${slides.join('\n\n---\n\n')}\n`;
}

const nodeCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

interface CmRun {
  launch: number;
  open: number;
  png: number;
  slides: number;
  /** CPU ms of the PNG captures, and of launch + page + captures. */
  pngCpu: number;
  totalCpu: number;
}

async function coursemapPngs(deck: Deck): Promise<CmRun> {
  const file = join(tmp, `${deck.slug}.html`);
  writeFileSync(file, deckHtml(deck, slideTemplates(templateSet())));
  const renderer = await Renderer.open({ cache: false, poolSize: 1 });
  try {
    const all = descendantsCpu(process.pid);
    const node0 = nodeCpu();
    let png = descendantsCpu(process.pid);
    let pngNode = 0;
    const t0 = performance.now();
    await renderer.sharedBrowser();
    const launch = performance.now() - t0;
    const t1 = performance.now();
    let opened = 0;
    let slides = 0;
    const options = { file, scale: PNG_SCALE, timeoutMs: 60_000, warnings: [] };
    await withDeckPage(renderer, options, async (page) => {
      opened = performance.now();
      png.stop();
      png = descendantsCpu(process.pid);
      pngNode = nodeCpu();
      // The same capture as the build for a deck alone: CAPTURE_PAGES pages of the deck in parallel.
      slides = await deckPngs(renderer, page, options, CAPTURE_PAGES, async (i, data) =>
        writeFileSync(join(tmp, `cm-${i}.png`), data),
      );
    });
    const ended = performance.now();
    const pngCpu = png.stop() + nodeCpu() - pngNode;
    const totalCpu = all.stop() + nodeCpu() - node0;
    return { launch, open: opened - t1, png: ended - opened, slides, pngCpu, totalCpu };
  } finally {
    await renderer.close();
  }
}

/** Wall and CPU ms of one marp-cli run (its Node and Chromium processes). */
async function marpPngs(md: string, name: string, chrome: string): Promise<{ wall: number; cpu: number }> {
  const file = join(tmp, `${name}.md`);
  writeFileSync(file, md);
  const t0 = performance.now();
  const cpu = descendantsCpu(process.pid);
  const child = spawn(
    process.execPath,
    [
      values.marp!,
      '--images',
      'png',
      '--image-scale',
      String(PNG_SCALE),
      '--no-stdin',
      file,
      '-o',
      join(tmp, 'marp', `${name}.png`),
    ],
    {
      env: { ...process.env, CHROME_PATH: chrome },
      stdio: 'ignore',
    },
  );
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  if (code !== 0) throw new Error(`marp-cli exited ${code}`);
  return { wall: performance.now() - t0, cpu: cpu.stop() };
}

const { course } = await loadCourse(DDIA);
const job = deckJobs({ course, theme: 'default', diagrams: new Map() }).find(
  (j) => j.chapter === Number(values.chapter),
)!;
console.log(
  `deck: chapter ${values.chapter} (${job.deck.slides.length} slides), PNG ${1280 * PNG_SCALE}×${720 * PNG_SCALE}, best of ${runs}`,
);

const cm = [];
for (let i = 0; i < runs; i++) cm.push(await coursemapPngs(job.deck));
const n = cm[0]!.slides;
const cmPng = best(cm.map((r) => r.png));
const cmTotal = best(cm.map((r) => r.launch + r.open + r.png));
const cmPngCpu = best(cm.map((r) => r.pngCpu));
const cmTotalCpu = best(cm.map((r) => r.totalCpu));
console.log(
  `coursemap: launch ${ms(best(cm.map((r) => r.launch)))}, page ${ms(best(cm.map((r) => r.open)))}, ${n} PNGs ${ms(cmPng)} → ${(cmPng / n).toFixed(1)} ms/slide (end to end ${(cmTotal / n).toFixed(1)} ms/slide)`,
);
console.log(
  `coursemap CPU: ${(cmPngCpu / n).toFixed(1)} ms/slide for the PNGs (end to end ${(cmTotalCpu / n).toFixed(1)} ms/slide)`,
);

const chrome = (await findExecutable()) ?? '/usr/bin/chromium';
if (existsSync(values.marp!)) {
  const full = marpMarkdown(job.deck, n);
  const one = marpMarkdown(job.deck, 1);
  const tn: number[] = [];
  const t1: number[] = [];
  const cn: number[] = [];
  const c1: number[] = [];
  for (let i = 0; i < runs; i++) {
    const full1 = await marpPngs(full, 'full', chrome);
    const one1 = await marpPngs(one, 'one', chrome);
    tn.push(full1.wall);
    cn.push(full1.cpu);
    t1.push(one1.wall);
    c1.push(one1.cpu);
  }
  const written = readdirSync(join(tmp, 'marp')).filter((f) => f.startsWith('full.')).length;
  const marginal = (best(tn) - best(t1)) / (n - 1);
  console.log(
    `marp-cli:  ${written} PNGs in ${ms(best(tn))} (1 slide: ${ms(best(t1))}) → ${marginal.toFixed(1)} ms/slide marginal (end to end ${(best(tn) / n).toFixed(1)} ms/slide)`,
  );
  const marginalCpu = (best(cn) - best(c1)) / (n - 1);
  console.log(
    `marp-cli CPU: ${marginalCpu.toFixed(1)} ms/slide marginal (end to end ${(best(cn) / n).toFixed(1)} ms/slide)`,
  );
  console.log(
    `speed-up per slide: ${(marginal / (cmPng / n)).toFixed(2)}× marginal, ${(best(tn) / cmTotal).toFixed(2)}× end to end (wall; target ≥ 3×); CPU ${(marginalCpu / (cmPngCpu / n)).toFixed(2)}× marginal, ${(best(cn) / cmTotalCpu).toFixed(2)}× end to end`,
  );
} else
  console.log(
    `marp-cli: not found at ${values.marp} (install: mkdir /tmp/marp && cd /tmp/marp && npm init -y && PUPPETEER_SKIP_DOWNLOAD=1 npm i @marp-team/marp-cli)`,
  );

if (!values['no-cold']) {
  const phases: string[] = [];
  const out = join(tmp, 'ddia');
  const result = await build(DDIA, {
    ...DEFAULT_BUILD,
    outDir: out,
    formats: ['svg', 'png', 'pdf'],
    cacheDir: false,
    onPhase: (p, d) => phases.push(`${p} ${d}`),
  });
  const pngs = result.outputs.written.filter((w) => /^decks\/.*\.png$/.test(w.path)).length;
  const pdfs = result.outputs.written.filter((w) => /^decks\/.*\.pdf$/.test(w.path)).length;
  console.log(
    `cold build of DDIA (svg,png,pdf, no cache): ${ms(result.ms)} total; ${pngs} slide PNGs, ${pdfs} deck PDFs`,
  );
  for (const p of phases) console.log(`  ${p}`);
}
rmSync(tmp, { recursive: true, force: true });
