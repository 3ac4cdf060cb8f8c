// The slide counter never overlaps the navigation arrows or the map link: on every slide of a
// built deck, at 1280 × 720, the counter's box and the box of every visible control are measured
// in Chromium and must not intersect. A control proves the measure can fail: with reveal's own
// counter position (bottom right, under the arrows) they do overlap.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, DEFAULT_BUILD } from '../src/pipeline/index.ts';
import { withDocumentPage, withRenderer } from '../src/render/index.ts';
import { sharedBrowser } from './support/browser.ts';
import { runCache } from './support/run-cache.ts';

interface Clash {
  slide: number;
  counter: string;
  control: string;
}

/** Runs in the page: on every slide, the counter's box against every visible control's box. */
async function clashes(): Promise<{ slides: number; clashes: Clash[] }> {
  type Reveal = {
    configure(o: unknown): void;
    getSlides(): Element[];
    getIndices(e: Element): { h: number; v?: number };
    slide(h: number, v?: number): void;
  };
  const reveal = (window as unknown as { Reveal: Reveal }).Reveal;
  reveal.configure({ transition: 'none' });
  const out: Clash[] = [];
  const slides = reveal.getSlides();
  for (const [n, s] of slides.entries()) {
    const i = reveal.getIndices(s);
    reveal.slide(i.h, i.v);
    await new Promise((res) => setTimeout(res, 100));
    const counter = document.querySelector('.reveal .slide-number');
    const c = counter?.getBoundingClientRect();
    if (!c || c.width === 0) continue;
    const controls = [
      ...document.querySelectorAll(
        '.reveal .controls button.enabled, .reveal .controls button, .reveal section.present .cm-maplink',
      ),
    ].filter((e) => getComputedStyle(e).display !== 'none' && getComputedStyle(e).visibility !== 'hidden');
    for (const e of controls) {
      const r = e.getBoundingClientRect();
      if (r.width > 0 && c.x < r.right && r.x < c.right && c.y < r.bottom && r.y < c.bottom)
        out.push({ slide: n + 1, counter: counter!.textContent ?? '', control: e.className });
    }
  }
  return { slides: slides.length, clashes: out };
}

describe('slide counter and controls (measured in Chromium)', () => {
  let dir: string;
  let result: { slides: number; clashes: Clash[] };
  let control: { slides: number; clashes: Clash[] };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'coursemap-controls-'));
    // Only the decks are read: no site, print or cards.
    await build('content', {
      ...DEFAULT_BUILD,
      ...sharedBrowser(),
      formats: ['svg'],
      outDir: dir,
      cacheDir: runCache(),
      stages: ['decks'],
    });
    const deck = join(dir, 'decks', readdirSync(join(dir, 'decks')).find((f) => /^1-.*\.html$/.test(f))!);
    [result, control] = await withRenderer({ ...sharedBrowser(), cache: false, poolSize: 1 }, async (r) => [
      await withDocumentPage(r, { file: deck, width: 1280, height: 720 }, (page) => page.evaluate(clashes)),
      await withDocumentPage(r, { file: deck, width: 1280, height: 720 }, async (page) => {
        await page.addStyleTag({
          content: '.reveal .slide-number { left: auto !important; right: 8px !important; bottom: 8px !important; }',
        });
        return page.evaluate(clashes);
      }),
    ]);
  }, 600_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('on every slide the counter overlaps no arrow and no map link', () => {
    expect(result.slides).toBeGreaterThan(5);
    expect(result.clashes).toEqual([]);
  });

  it("the measure can fail: at reveal's default place the counter sits under the arrows", () => {
    expect(control.clashes.length).toBeGreaterThan(0);
  });
});
