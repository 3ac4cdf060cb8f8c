// Accessibility of the HTML outputs, measured with axe-core in Chromium: no serious or critical
// violation (WCAG 2.x A/AA and best practice) on any deck (every slide, laid out as for print),
// site page, study map or companion of DDIA and of the Chinese fixture; decks announce slide
// changes in a live region and give every slide a real heading; every map and diagram image
// carries an accessible name written from the model.
import { readdirSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, DEFAULT_BUILD } from '../src/pipeline/index.ts';
import { Renderer } from '../src/render/index.ts';
import { sharedBrowser } from './support/browser.ts';
import { ddiaFixture, ddiaOut, DDIA_TIMEOUT } from './support/ddia.ts';
import { onPage } from './support/page.ts';
import { runCache } from './support/run-cache.ts';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const cjk = fileURLToPath(new URL('./fixtures/cjk/chinese-course.md', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'coursemap-a11y-test-'));
/** The output folder of each course: DDIA is the run's shared build (test/support/ddia.ts). */
const outOf = (name: string) => (name === 'ddia' ? ddiaOut() : join(tmp, name));
let renderer: Renderer;

beforeAll(async () => {
  renderer = await Renderer.open({ ...sharedBrowser(), cache: false, poolSize: 1 });
  await ddiaFixture();
  // The test's own renderer builds too: no second browser for the build.
  await build(cjk, {
    ...DEFAULT_BUILD,
    renderer,
    outDir: outOf('cjk'),
    formats: ['svg', 'flashcards'],
    cacheDir: runCache(),
  });
}, DDIA_TIMEOUT);
afterAll(async () => {
  await renderer?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** A page offline at 1280 × 800, its fonts loaded. */
const open = <T>(url: string, fn: (page: Page) => Promise<T>): Promise<T> =>
  onPage(renderer, url, { width: 1280, height: 800, offline: true, ready: 'fonts' }, fn);

interface Finding {
  id: string;
  impact: string;
  nodes: string[];
}

/** Serious and critical axe violations of the loaded page. */
async function violations(page: Page): Promise<Finding[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            o: object,
          ): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: string[] }> }> }>;
        };
      }
    ).axe;
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact ?? '', nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
}

/** Every HTML output a reader opens: decks, site pages, study map, companion. */
function pages(name: string): string[] {
  const dir = outOf(name);
  const html = (sub: string) =>
    readdirSync(join(dir, sub))
      .filter((f) => f.endsWith('.html'))
      .map((f) => join(dir, sub, f));
  return [
    ...html('decks'),
    ...html('chapters'),
    join(dir, 'index.html'),
    join(dir, 'study-map.html'),
    join(dir, 'companion.html'),
  ];
}

describe.each(['ddia', 'cjk'])('%s', (name) => {
  it('has no serious or critical axe violation on any deck, site page, study map or companion', async () => {
    const found: string[] = [];
    const files = pages(name);
    expect(files.filter((f) => f.includes('/decks/')).length).toBeGreaterThan(1);
    for (const file of files) {
      // Decks twice: as presented (the first slide) and laid out for print (every slide visible).
      const urls = file.includes('/decks/')
        ? [pathToFileURL(file).href, `${pathToFileURL(file).href}?print-pdf`]
        : [pathToFileURL(file).href];
      for (const url of urls) {
        for (const v of await open(url, violations))
          found.push(`${url.slice(url.indexOf(name))}: ${v.id} (${v.impact}) ${v.nodes.join(', ')}`);
      }
    }
    expect(found).toEqual([]);
  }, 900_000);

  it('announces slide changes, gives every slide a heading and every figure a name from the model', async () => {
    const deck = readdirSync(join(outOf(name), 'decks'))
      .filter((f) => /^\d/.test(f) && f.endsWith('.html'))
      .sort()[0]!;
    await open(pathToFileURL(join(outOf(name), 'decks', deck)).href, async (page) => {
      await page.waitForFunction('document.documentElement.getAttribute("data-cm-ready") === "1"');
      const live = await page.$eval('[aria-live]', (el) => ({
        live: el.getAttribute('aria-live'),
        text: el.textContent ?? '',
      }));
      expect(live.live).toBe('polite');
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(
        (before: string) => (document.querySelector('[aria-live]')?.textContent ?? '') !== before,
        {},
        live.text,
      );
      // A heading per slide: h1/h2, the analogy slide's kicker (role heading, level 2), or one h3 per column of a shared slide.
      const slides = await page.$$eval('.reveal .slides > section', (ss) =>
        ss.map((s) => ({
          kind: (s as HTMLElement).dataset['kind'],
          heading:
            !!s.querySelector('h1, h2, [role="heading"]') ||
            (s.querySelectorAll('.cm-column').length > 0 &&
              s.querySelectorAll('.cm-column').length === s.querySelectorAll('.cm-column > h3').length),
          text: (s.textContent ?? '').trim().length,
        })),
      );
      expect(slides.filter((s) => s.text > 0 && !s.heading)).toEqual([]);
      // Maps and diagrams: inline SVGs named by their <title>/<desc> (the chapter and its branches).
      const figures = await page.$$eval('.reveal svg[aria-labelledby], .reveal svg[aria-label], .reveal img', (els) =>
        els.map((el) =>
          el.tagName === 'IMG'
            ? (el.getAttribute('alt') ?? '')
            : (el.getAttribute('aria-labelledby') ?? '')
                .split(' ')
                .map((id) => document.getElementById(id)?.textContent ?? '')
                .join(' ') ||
              (el.getAttribute('aria-label') ?? ''),
        ),
      );
      expect(figures.length).toBeGreaterThan(0);
      expect(figures.filter((f) => f.trim().length < 3)).toEqual([]);
    });
  }, 120_000);
});
