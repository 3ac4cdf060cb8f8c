// Slide decks in a real Chromium: every DDIA deck fits its slides, opens offline from file://
// without a single request beyond the file itself, presents (keyboard, overview, slide numbers,
// speaker view); hostile input stays inert; PNG and PDF exports are complete and byte-identical
// across builds.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, DEFAULT_BUILD, type BuildOptions } from '../src/pipeline/index.ts';
import { Renderer } from '../src/render/index.ts';
import { sharedBrowser } from './support/browser.ts';
import { ddiaFixture, ddiaOut, DDIA_TIMEOUT } from './support/ddia.ts';
import { onPage, SLIDE } from './support/page.ts';

const xss = fileURLToPath(new URL('./fixtures/decks/xss.md', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'coursemap-decks-test-'));
const options = (out: string, formats: BuildOptions['formats']): BuildOptions => ({
  ...DEFAULT_BUILD,
  ...sharedBrowser(),
  outDir: join(tmp, out),
  formats,
  cacheDir: join(tmp, 'cache'),
});

let renderer: Renderer;
beforeAll(async () => {
  renderer = await Renderer.open({ ...sharedBrowser(), cache: false, poolSize: 1 });
  await ddiaFixture();
  await build(xss, options('xss', ['svg']));
}, DDIA_TIMEOUT);
afterAll(async () => {
  await renderer?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Opens a deck offline at slide size; `fn` gets the page and every URL it asked for (dialogs as `dialog:…`). */
async function openDeck<T>(file: string, fn: (page: Page, requests: string[]) => Promise<T>): Promise<T> {
  return onPage(renderer, file, { ...SLIDE, offline: true, ready: 'deck', readyTimeoutMs: 20_000 }, fn);
}

const overflowing = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.reveal .slides > section')).flatMap((el) => {
      el.style.display = 'flex';
      const over = el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;
      el.style.display = '';
      return over ? [el.dataset['key'] ?? '?'] : [];
    }),
  );

const onlySelf = (file: string, urls: string[]) =>
  urls.filter((u) => !u.startsWith('data:') && u.split('?')[0] !== pathToFileURL(file).href);

describe('DDIA decks in the browser', () => {
  const dir = join(ddiaOut(), 'decks');

  it('writes 12 chapter decks and the course deck', () => {
    const html = readdirSync(dir).filter((f) => f.endsWith('.html'));
    expect(html).toHaveLength(13);
    expect(html).toContain('course.html');
  });

  it('no slide of any deck overflows, and no deck makes a network request', async () => {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.html'))) {
      const file = join(dir, f);
      await openDeck(file, async (page, requests) => {
        expect(await overflowing(page), f).toEqual([]);
        expect(onlySelf(file, requests), f).toEqual([]);
        const resources = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
        expect(onlySelf(file, resources), f).toEqual([]);
      });
    }
  }, 120_000);

  it('presents: keyboard navigation, slide numbers, overview and speaker view work offline', async () => {
    const file = join(dir, '1-reliable-scalable-and-maintainable-applications.html');
    await openDeck(file, async (page, requests) => {
      type R = { getIndices(): { h: number }; isOverview(): boolean; getTotalSlides(): number };
      const reveal = () =>
        page.evaluate(() => {
          const r = (window as unknown as { Reveal: R }).Reveal;
          return {
            h: r.getIndices().h,
            overview: r.isOverview(),
            total: r.getTotalSlides(),
            number: document.querySelector('.slide-number')?.textContent ?? '',
          };
        });
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      const after = await reveal();
      expect(after.h).toBe(2);
      expect(after.number.replace(/\s/g, '')).toBe(`3/${after.total}`);
      await page.keyboard.press('o');
      expect((await reveal()).overview).toBe(true);
      await page.keyboard.press('Escape');
      expect((await reveal()).overview).toBe(false);
      const popup = new Promise<Page | null>((resolve) => page.once('popup', resolve));
      await page.keyboard.press('s');
      const notes = await popup;
      expect(notes).not.toBeNull();
      await notes!.waitForSelector('#speaker-controls', { timeout: 10_000 });
      await notes!.waitForFunction(() => document.querySelectorAll('iframe').length >= 2, { timeout: 10_000 });
      const frames = await notes!.evaluate(() => Array.from(document.querySelectorAll('iframe')).map((f) => f.src));
      expect(frames.length).toBeGreaterThan(0);
      expect(onlySelf(file, frames)).toEqual([]);
      expect(onlySelf(file, requests)).toEqual([]);
    });
  }, 60_000);
});

describe('hostile deck in the browser', () => {
  it('has no script or event handler other than reveal.js’s own, and runs none of the course’s', async () => {
    const dir = join(tmp, 'xss', 'decks');
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.html'))) {
      const file = join(dir, f);
      await openDeck(file, async (page, requests) => {
        const found = await page.evaluate(() => {
          const slides = document.querySelector('.reveal .slides')!;
          const handlers = Array.from(slides.querySelectorAll('*')).flatMap((el) =>
            Array.from(el.attributes)
              .filter((a) => /^on/i.test(a.name))
              .map((a) => `${el.tagName}[${a.name}]`),
          );
          const links = Array.from(slides.querySelectorAll('a[href]:not(.cm-maplink):not(.cm-link)'))
            .map((a) => a.getAttribute('href') ?? '')
            .filter((h) => !/^https?:/.test(h));
          // coursemap's own links (back to the map slide, map nodes to slides or chapter decks) stay inside out/.
          const own = Array.from(slides.querySelectorAll('a.cm-maplink, a.cm-link'))
            .map((a) => a.getAttribute('href') ?? '')
            .filter((h) => !/^(#\/[A-Za-z][\w.:-]*|[a-z0-9][a-z0-9-]*\.html)$/.test(h));
          return {
            scripts: document.scripts.length,
            inSlides: slides.querySelectorAll('script, iframe, img, image, foreignObject, object, embed').length,
            handlers,
            links,
            own,
          };
        });
        expect(found, f).toEqual({ scripts: 3, inSlides: 0, handlers: [], links: [], own: [] });
        expect(onlySelf(file, requests), f).toEqual([]);
      });
    }
  }, 60_000);
});

describe('exports', () => {
  let first: string;
  let second: string;
  beforeAll(async () => {
    first = join(tmp, 'export-1');
    second = join(tmp, 'export-2');
    for (const out of [first, second])
      await build(xss, { ...options(out.slice(tmp.length + 1), ['svg', 'png', 'pdf']), settings: { pdfNotes: true } });
  }, 120_000);

  it('writes a 1920×1080 PNG per slide and a PDF with one page per slide (notes pages added)', async () => {
    const slug = readdirSync(join(first, 'decks'))
      .find((f) => f.endsWith('.pdf') && f !== 'course.pdf')!
      .replace(/\.pdf$/, '');
    const html = readFileSync(join(first, 'decks', `${slug}.html`), 'utf8');
    const slides = (html.match(/<section class="cm-slide/g) ?? []).length;
    const pngs = readdirSync(join(first, 'decks', slug)).filter((f) => /^slide-\d\d\.png$/.test(f));
    expect(pngs).toHaveLength(slides);
    const png = readFileSync(join(first, 'decks', slug, pngs[0]!));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1920, 1080]);
    const pdf = await PDFDocument.load(readFileSync(join(first, 'decks', `${slug}.pdf`)));
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(slides);
  });

  it('is byte-identical across builds (HTML, PNG, PDF, index)', () => {
    const files = (root: string, rel = ''): string[] =>
      readdirSync(join(root, rel), { withFileTypes: true }).flatMap((d) =>
        d.isDirectory() ? files(root, join(rel, d.name)) : [join(rel, d.name)],
      );
    const list = files(first)
      .filter((f) => f.startsWith('decks') || f === 'index.html')
      .sort();
    expect(list.length).toBeGreaterThan(5);
    expect(
      files(second)
        .filter((f) => f.startsWith('decks') || f === 'index.html')
        .sort(),
    ).toEqual(list);
    for (const f of list) expect(readFileSync(join(second, f)).equals(readFileSync(join(first, f))), f).toBe(true);
  });
});
