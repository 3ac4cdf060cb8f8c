// Authored diagrams read on their pages, not only on their slides (issue 27), measured in
// Chromium and in the printed PDF: on the site's chapter page at a 1280 px screen every diagram's
// smallest label is ≥ 12 px — whole, or as the parts the slide fit chose — or the figure is a
// zoomable overview whose "Full size" switch (keyboard: Space) shows labels ≥ 14 px in a pane that
// pans; in the book PDF (A4) every diagram label is ≥ 9 pt, or a `diagram-unreadable` warning
// names the diagram at its Markdown line. Courses: the DDIA systems map (a long `graph TD`
// staircase) in a chapter of its own, a sequence diagram with many participants (nothing can
// re-flow it) and a tall state diagram, in the project's own words.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCourse } from '../src/index.ts';
import { build, type BuildResult } from '../src/pipeline/index.ts';
import type { Renderer } from '../src/render/index.ts';
import { sharedBuild, sharedRenderer } from './support/browser.ts';

const DDIA = '../shared/courses/ddia-course.md';
const ACTORS = [
  'Browser',
  'Gateway',
  'Auth',
  'Catalog',
  'Pricing',
  'Stock',
  'Basket',
  'Orders',
  'Payments',
  'Ledger',
  'Mailer',
  'Audit',
  'Search',
  'Metrics',
];

/** Mermaid's own words, never drawn. */
const KEYWORDS = new Set([
  'sequenceDiagram',
  'participant',
  'stateDiagram',
  'graph',
  'subgraph',
  'style',
  'classDef',
  'class',
  'direction',
  'fill',
  'stroke',
  'color',
]);

let tmp: string;
let renderer: Renderer;
let result: BuildResult;
let md: string;

interface Figure {
  name: string;
  zoom: boolean;
  /** Smallest label (px on screen), as shown; after the switch for a zoomable figure. */
  before: number;
  after: number | null;
  pans: boolean;
}

/** Smallest label of every figure on a chapter page at 1280 px; zoomable ones switched with the keyboard. */
async function pageFigures(file: string): Promise<Figure[]> {
  const { browser } = await renderer.sharedBrowser();
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const smallest = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('figure.diagram')].map((f) => {
          const svg = f.querySelector('svg')!;
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          const labels = [
            ...svg.querySelectorAll('text, foreignObject span, foreignObject div, foreignObject p'),
          ].filter((e) => (e.textContent ?? '').trim() !== '' && e.getBoundingClientRect().width > 0);
          return Math.min(...labels.map((e) => parseFloat(getComputedStyle(e).fontSize) * scale));
        }),
      );
    const kinds = await page.evaluate(() =>
      [...document.querySelectorAll('figure.diagram')].map((f) => ({
        name: (f as HTMLElement).dataset.part ?? (f as HTMLElement).dataset.diagram ?? '',
        zoom: f.classList.contains('diagram-zoom'),
        id: f.querySelector('input.zoom-switch')?.id ?? null,
      })),
    );
    const before = await smallest();
    for (const k of kinds) {
      if (!k.id) continue;
      await page.focus(`#${k.id}`);
      await page.keyboard.press('Space');
    }
    const after = await smallest();
    const pans = await page.evaluate(() =>
      [...document.querySelectorAll('figure.diagram')].map((f) => {
        const pane = f.querySelector('.diagram-pan');
        return pane ? pane.scrollWidth > pane.clientWidth || pane.scrollHeight > pane.clientHeight : false;
      }),
    );
    return kinds.map((k, i) => ({
      name: k.name,
      zoom: k.zoom,
      before: before[i]!,
      after: k.zoom ? after[i]! : null,
      pans: pans[i]!,
    }));
  } finally {
    await context.close();
  }
}

/** Font size (pt) of each word of the book PDF, from its box height (DejaVu: ascent + descent = 1.164 em). */
function pdfWords(pdf: string): Array<{ word: string; pt: number; opening: boolean }> {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return html
    .split(/<page /)
    .map((page) => pageWords(page))
    .flatMap((words) => {
      // A page with a heading (14 pt or more: pages never enlarge a diagram past 12 pt) opens a chapter.
      const opening = words.some((w) => w.pt >= 14);
      return words.map((w) => ({ ...w, opening }));
    });
}

function pageWords(html: string): Array<{ word: string; pt: number }> {
  return [...html.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(
    (m) => ({
      word: m[3]!,
      pt: (Number(m[2]) - Number(m[1])) / 1.164,
    }),
  );
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'coursemap-page-fit-'));
  renderer = await sharedRenderer({ cache: false, poolSize: 1 });
  const ddia = (await loadCourse(DDIA)).course.diagrams[0]!;
  const calls = ACTORS.slice(1)
    .map((a, i) => `  ${ACTORS[i]}->>${a}: pass the order on`)
    .join('\n');
  const states = Array.from({ length: 14 }, (_, i) => `  Step${i + 1} --> Step${i + 2}: next`).join('\n');
  md = [
    '# Shop Systems',
    '',
    '## Chapter 1: One order',
    '',
    'An order travels through every service of the shop.',
    '',
    '```mermaid',
    `sequenceDiagram\n${ACTORS.map((a) => `  participant ${a}`).join('\n')}\n${calls}`,
    '```',
    '',
    'Each step waits for the next one.',
    '',
    '```mermaid',
    `stateDiagram-v2\n  [*] --> Step1\n${states}\n  Step15 --> [*]`,
    '```',
    '',
    '## Chapter 2: The whole system',
    '',
    'The course as one map:',
    '',
    '```mermaid',
    ddia.source.replace(/\n?$/, ''),
    '```',
    '',
  ].join('\n');
  const file = join(tmp, 'shop.md');
  writeFileSync(file, md);
  result = await build(
    file,
    sharedBuild({ outDir: join(tmp, 'out'), formats: ['svg', 'book'], cacheDir: join(tmp, 'cache') }),
  );
}, 900_000);
afterAll(async () => {
  await renderer?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const bookWarnings = () =>
  result.files.flatMap((f) =>
    f.messages
      .filter((m) => m.ruleId === 'diagram-unreadable' && m.reason.includes('in the book'))
      .map((m) => ({ line: m.line, name: /^(\S+):/.exec(m.reason)?.[1] ?? '' })),
  );

describe('authored diagrams on the site chapter page (1280 px)', () => {
  it('every figure reads at ≥ 12 px, or is a zoomable overview whose full size reads at ≥ 14 px and pans', async () => {
    const figures = [
      ...(await pageFigures(join(tmp, 'out', 'chapters', '1-one-order.html'))),
      ...(await pageFigures(join(tmp, 'out', 'chapters', '2-the-whole-system.html'))),
    ];
    // The three diagrams are all there (a split one as its parts).
    for (const n of ['diagrams/1-one-order-1', 'diagrams/1-one-order-2', 'diagrams/2-the-whole-system-1'])
      expect(
        figures.some((f) => f.name.startsWith(n)),
        n,
      ).toBe(true);
    for (const f of figures) {
      if (!f.zoom) expect(f.before, f.name).toBeGreaterThanOrEqual(12);
      else {
        expect(f.after!, f.name).toBeGreaterThanOrEqual(14);
        expect(f.pans, f.name).toBe(true);
      }
    }
    // The wide sequence diagram cannot be re-flowed: an overview (labels under 12 px) that zooms.
    const sequence = figures.find((f) => f.name === 'diagrams/1-one-order-1')!;
    expect(sequence.zoom).toBe(true);
    expect(sequence.before).toBeLessThan(12);
  }, 120_000);
});

describe('authored diagrams in the book (A4)', () => {
  it('every label of every diagram is ≥ 9 pt, or the diagram is named in a warning at its line', () => {
    const words = pdfWords(join(tmp, 'out', 'book.pdf'));
    const warned = bookWarnings();
    // Words that appear only in a diagram's labels (not in the prose), per diagram; on a chapter's
    // opening page, not the words of its concept map either (a map's nodes may come from a diagram).
    const mapWords = new Set(
      readdirSync(join(tmp, 'out', 'maps'))
        .filter((f) => f.endsWith('.svg'))
        .flatMap(
          (f) =>
            readFileSync(join(tmp, 'out', 'maps', f), 'utf8')
              .replace(/<[^>]+>/g, ' ')
              .match(/[\p{L}]+/gu) ?? [],
        ),
    );
    const prose = new Set(md.replace(/```mermaid[\s\S]*?```/g, '').match(/[\p{L}]+/gu) ?? []);
    const blocks = [...md.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const names = ['diagrams/1-one-order-1', 'diagrams/1-one-order-2', 'diagrams/2-the-whole-system-1'];
    const measured: string[] = [];
    blocks.forEach((source, i) => {
      const own = new Set(
        (source.match(/[\p{L}][\p{L}\d]{3,}/gu) ?? []).filter((w) => !prose.has(w) && !KEYWORDS.has(w)),
      );
      const found = words.filter((w) => own.has(w.word) && !(w.opening && mapWords.has(w.word)));
      expect(found.length, names[i]).toBeGreaterThan(0);
      const small = Math.min(...found.map((w) => w.pt));
      measured.push(`${names[i]}: ${small.toFixed(1)} pt`);
      // 0.2 pt: the size is read back from word boxes (DejaVu's 1.164 em line), not from the font.
      if (small < 9 - 0.2)
        expect(
          warned.map((w) => w.name),
          `${names[i]} at ${small.toFixed(1)} pt`,
        ).toContain(names[i]);
    });
    // Each warning points at the diagram's fence line.
    for (const w of warned) expect(md.split('\n')[(w.line ?? 0) - 1], w.name).toBe('```mermaid');
    expect(measured).toHaveLength(3);
  });
});
