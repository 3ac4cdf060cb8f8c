// Authored diagrams in the study companion are measured against its page (issue 27), as the book's
// are: labels under 9 pt in the row under a chapter's text → the text's full width → the slide
// fit's parts, each full width → else the larger and a `diagram-unreadable` warning at the fence.
// Pure choices on SVGs of known size, then a built companion (test/fixtures/print/
// companion-diagrams.md, in the project's words) measured in Chromium: each figure's smallest
// label in pt at the printed text width.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_PRINT_TEXT_PT } from '../src/generate/diagram-page.ts';
import { companionFigure } from '../src/generate/print/companion-figures.ts';
import { build, type BuildResult } from '../src/pipeline/index.ts';
import type { Renderer } from '../src/render/index.ts';
import { sharedBuild, sharedRenderer } from './support/browser.ts';

const svg = (w: number, h: number, label = 'x') =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}"><style>#d{font-size:16px;}</style><text>${label}</text></svg>`;
const TEXT_MM = 182;

describe('companionFigure', () => {
  const drawn: Record<string, string> = {
    small: svg(300, 120),
    chain: svg(744, 59),
    huge: svg(2400, 700),
    'huge-part-1': svg(600, 300, 'one'),
    'huge-part-2': svg(640, 320, 'two'),
    tall: svg(560, 1170),
    'tall-part-1': svg(560, 1100),
  };
  const from = {
    svg: (n: string) => drawn[n] ?? null,
    parts: (n: string) =>
      n === 'huge'
        ? [
            { name: 'huge-part-1', title: 'Front <end>' },
            { name: 'huge-part-2', title: null },
          ]
        : n === 'tall'
          ? [{ name: 'tall-part-1', title: null }]
          : undefined,
  };

  it('keeps a diagram that reads in the row, and gives the full width to one that reads only there', () => {
    const small = companionFigure('small', from, TEXT_MM, 2)!;
    expect(small.figures.map((f) => f.wide)).toEqual([false]);
    expect(small.pt).toBeGreaterThanOrEqual(MIN_PRINT_TEXT_PT);
    const chain = companionFigure('chain', from, TEXT_MM, 2)!;
    expect(chain.figures.map((f) => f.wide)).toEqual([true]);
    expect(chain.pt).toBeGreaterThanOrEqual(MIN_PRINT_TEXT_PT);
    // Alone in its row, the same chain is still too small at half the width (control).
    expect(companionFigure('chain', from, TEXT_MM / 2, 1)!.pt).toBeLessThan(MIN_PRINT_TEXT_PT);
  });

  it('draws the parts, full width and captioned, when they read and the whole does not', () => {
    const huge = companionFigure('huge', from, TEXT_MM, 1)!;
    expect(huge.figures.map((f) => [f.wide, f.caption])).toEqual([
      [true, 'Front &lt;end&gt; (1/2)'],
      [true, '(2/2)'],
    ]);
    expect(huge.figures[1]!.svg).toContain('two');
    expect(huge.pt).toBeGreaterThanOrEqual(MIN_PRINT_TEXT_PT);
  });

  it('keeps the whole, under 9 pt, when its parts read no better', () => {
    const tall = companionFigure('tall', from, TEXT_MM, 1)!;
    expect(tall.figures.map((f) => [f.wide, f.caption])).toEqual([[true, null]]);
    expect(tall.pt).toBeLessThan(MIN_PRINT_TEXT_PT);
    expect(companionFigure('missing', from, TEXT_MM, 1)).toBeNull();
  });
});

describe('the tea companion (Chromium)', () => {
  let tmp: string;
  let renderer: Renderer;
  let result: BuildResult;
  let figures: Array<{ wide: boolean; pt: number; width: number }>;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'coursemap-companion-'));
    renderer = await sharedRenderer({ cache: false, poolSize: 1 });
    result = await build(
      'test/fixtures/print/companion-diagrams.md',
      sharedBuild({ outDir: join(tmp, 'out'), formats: ['svg'], cacheDir: join(tmp, 'cache') }),
    );
    const { browser } = await renderer.sharedBrowser();
    const context = await browser.createBrowserContext();
    try {
      const page = await context.newPage();
      // The printed text width (A4 less the side margins), at 96 px per inch.
      await page.setViewport({ width: Math.round((TEXT_MM * 96) / 25.4), height: 1100 });
      await page.emulateMediaType('print');
      await page.goto(pathToFileURL(join(tmp, 'out', 'companion.html')).href, { waitUntil: 'load' });
      figures = await page.$$eval('.diagrams figure', (fs) =>
        fs.map((f) => {
          let min = Infinity;
          for (const t of f.querySelectorAll('svg text')) {
            const ctm = (t as SVGTextElement).getScreenCTM();
            if (!ctm || !(t.textContent ?? '').trim() || t.getBoundingClientRect().width === 0) continue;
            min = Math.min(min, parseFloat(getComputedStyle(t).fontSize) * Math.hypot(ctm.a, ctm.b));
          }
          return { wide: f.classList.contains('wide'), pt: min * 0.75, width: f.getBoundingClientRect().width };
        }),
      );
    } finally {
      await context.close();
    }
  }, 600_000);
  afterAll(async () => {
    await renderer?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('prints the short chain across the full width, its labels at least 9 pt', () => {
    expect(figures).toHaveLength(2);
    expect(figures[0]!.wide).toBe(true);
    expect(figures[0]!.width).toBeGreaterThan(600);
    expect(figures[0]!.pt).toBeGreaterThanOrEqual(MIN_PRINT_TEXT_PT);
  });

  it('warns at the fence of the tall state diagram that no width or split makes readable', () => {
    expect(figures[1]!.pt).toBeLessThan(MIN_PRINT_TEXT_PT);
    const warnings = result.files.flatMap((f) =>
      f.messages.filter((m) => m.ruleId === 'diagram-unreadable').map((m) => `${m.line}:${m.column} ${m.reason}`),
    );
    expect(warnings).toContainEqual(
      expect.stringMatching(
        /^21:1 diagrams\/1-from-leaf-to-cup-2: text would be \d\.\d pt in the study companion \(under 9 pt\), even at full width or split$/,
      ),
    );
    expect(warnings.filter((w) => w.includes('1-from-leaf-to-cup-1'))).toEqual([]);
  });
});
