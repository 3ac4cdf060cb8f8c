// A diagram that stays under 14 px on its slide (a tall state diagram: nothing re-flows or splits
// it) gets the site's overview + full-size view in the HTML deck (issue 27): a "Full size" switch
// reached with Tab and toggled with Space shows it at its own size in a pane that pans with the
// arrow keys (Reveal keeps the slide), with no request leaving the file; exports and print show
// the overview without the switch. A readable diagram has no switch. Measured in Chromium at
// 1280 × 720 (test/fixtures/fit/zoom.md, in the project's words).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_SLIDE_TEXT } from '../src/generate/diagram-fit.ts';
import { build, type BuildResult } from '../src/pipeline/index.ts';
import type { Renderer } from '../src/render/index.ts';
import { sharedBuild, sharedRenderer } from './support/browser.ts';
import { measureDiagramSlides } from './support/diagram-slides.ts';

let tmp: string;
let renderer: Renderer;
let result: BuildResult;
let page: Page;
let close: () => Promise<void>;
const requests: string[] = [];

const TALL = 'diagrams/1-a-parcel-s-life-1';

/** Smallest label of the tall diagram's slide, px on screen. */
const tallText = async () => (await page.evaluate(measureDiagramSlides)).find((s) => s.diagram === TALL)!.minText;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'coursemap-zoom-'));
  renderer = await sharedRenderer({ cache: false, poolSize: 1 });
  result = await build(
    'test/fixtures/fit/zoom.md',
    sharedBuild({ outDir: join(tmp, 'out'), formats: ['svg'], cacheDir: join(tmp, 'cache') }),
  );
  const { browser } = await renderer.sharedBrowser();
  const context = await browser.createBrowserContext();
  close = () => context.close();
  page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  await page.setViewport({ width: 1280, height: 720 });
  await page.goto(pathToFileURL(join(tmp, 'out', 'decks', '1-a-parcel-s-life.html')).href, { waitUntil: 'load' });
  await page.waitForFunction('document.documentElement.getAttribute("data-cm-ready") === "1"', { timeout: 60_000 });
}, 600_000);
afterAll(async () => {
  await close?.();
  await renderer?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('a diagram too small for its slide, in the HTML deck', () => {
  it('is warned about, and shown as an overview with a "Full size" switch; a readable one has none', async () => {
    expect(
      result.files.flatMap((f) =>
        f.messages
          .filter((m) => m.ruleId === 'diagram-unreadable' && m.reason.includes('on its slide'))
          .map((m) => m.line),
      ),
    ).toEqual([12]);
    const slides = await page.evaluate(measureDiagramSlides);
    expect(slides.map((s) => s.diagram)).toEqual([TALL, 'diagrams/1-a-parcel-s-life-2']);
    expect(slides[0]!.minText).toBeLessThan(MIN_SLIDE_TEXT);
    expect(slides[1]!.minText).toBeGreaterThanOrEqual(MIN_SLIDE_TEXT);
    const zooms = await page.$$eval('figure.cm-diagram', (fs) =>
      fs.map((f) => [f.getAttribute('data-diagram'), f.querySelector('.cm-zoom-label')?.textContent ?? null]),
    );
    expect(zooms).toEqual([
      [TALL, 'Full size'],
      ['diagrams/1-a-parcel-s-life-2', null],
    ]);
  });

  it('opens at full size (labels ≥ 14 px) from the keyboard, and pans with the arrow keys on the same slide', async () => {
    const index = (await page.evaluate(measureDiagramSlides)).find((s) => s.diagram === TALL)!.index;
    await page.evaluate((i) => (window as unknown as { Reveal: { slide(h: number): void } }).Reveal.slide(i), index);
    const focused = () => page.evaluate(() => document.activeElement?.className ?? '');
    for (let i = 0; i < 10 && (await focused()) !== 'cm-zoom-switch'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('cm-zoom-switch');
    const before = await tallText();
    await page.keyboard.press('Space');
    expect(await page.$eval('.cm-zoom-switch', (e) => (e as HTMLInputElement).checked)).toBe(true);
    const full = await tallText();
    expect(before).toBeLessThan(MIN_SLIDE_TEXT);
    expect(full).toBeGreaterThanOrEqual(MIN_SLIDE_TEXT);
    expect(full).toBeGreaterThan(before * 2);
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('cm-pan');
    const pane = () =>
      page.$eval('.cm-pan', (p) => ({ top: p.scrollTop, scroll: p.scrollHeight, client: p.clientHeight }));
    expect((await pane()).scroll).toBeGreaterThan((await pane()).client);
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => document.querySelector('.cm-pan')!.scrollTop > 0, { timeout: 5000 });
    expect((await pane()).top).toBeGreaterThan(0);
    const shown = await page.evaluate(
      () => (window as unknown as { Reveal: { getIndices(): { h: number } } }).Reveal.getIndices().h,
    );
    expect(shown).toBe(index);
    // Off again: the overview.
    await page.click('.cm-zoom-label');
    expect(await tallText()).toBeCloseTo(before, 1);
  }, 60_000);

  it('loads nothing from outside the file', () => {
    expect(requests.filter((u) => !/^(file|data|blob):/.test(u))).toEqual([]);
  });

  it('shows the overview without the switch in exports and print', async () => {
    await page.evaluate(() => document.documentElement.classList.add('cm-export'));
    expect(await page.$eval('.cm-zoom-label', (l) => getComputedStyle(l).display)).toBe('none');
    expect(await tallText()).toBeLessThan(MIN_SLIDE_TEXT);
    await page.evaluate(() => document.documentElement.classList.remove('cm-export'));
    await page.emulateMediaType('print');
    expect(await page.$eval('.cm-zoom-label', (l) => getComputedStyle(l).display)).toBe('none');
    await page.emulateMediaType('screen');
  });
});
