// Deck density and fit measured in Chromium: for the DDIA decks, the bundled sample and the
// diagram fixture, no slide overflows, at most 8 % of slides use less than 35 % of the height
// (big-type title and quote slides excepted), text never goes below the readable minimum, agenda
// pages are balanced, no continuation slide holds a line or two, and every authored diagram is
// drawn on its slide at a readable size.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, DEFAULT_BUILD } from '../src/pipeline/index.ts';
import { isSparse, measureDensity } from '../src/render/documents/density.ts';
import { Renderer } from '../src/render/index.ts';
import { sharedBrowser } from './support/browser.ts';
import { ddiaFixture, ddiaOut, DDIA_TIMEOUT } from './support/ddia.ts';
import { fillInPage, isContinuation } from './support/slide-fill.ts';
import { onPage, SLIDE } from './support/page.ts';
import { runCache } from './support/run-cache.ts';

const sample = fileURLToPath(new URL('../content', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/slides/diagrams.md', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'coursemap-density-test-'));
const out = (name: string) => (name === 'ddia' ? ddiaOut() : join(tmp, name));
const messages: Record<string, string[]> = {};

let renderer: Renderer;
beforeAll(async () => {
  renderer = await Renderer.open({ ...sharedBrowser(), cache: false, poolSize: 1 });
  messages['ddia'] = (await ddiaFixture()).messages.map((m) => `${m.ruleId}: ${m.reason}`);
  for (const [name, input] of [
    ['sample', sample],
    ['fixture', fixture],
  ] as const) {
    const result = await build(input, {
      ...DEFAULT_BUILD,
      ...sharedBrowser(),
      outDir: out(name),
      formats: ['svg'],
      cacheDir: runCache(),
    });
    messages[name] = result.files.flatMap((x) => x.messages.map((m) => `${m.ruleId}: ${m.message}`));
  }
}, DDIA_TIMEOUT);
afterAll(async () => {
  await renderer?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** A deck at slide size, once its script and every font face are ready. */
const withDeck = <T>(file: string, fn: (page: Page) => Promise<T>): Promise<T> =>
  onPage(renderer, file, { ...SLIDE, ready: 'deck-fonts', readyTimeoutMs: 20_000 }, fn);

const decks = (name: string) =>
  readdirSync(join(out(name), 'decks'))
    .filter((f) => f.endsWith('.html'))
    .map((f) => join(out(name), 'decks', f));

describe('slide density', () => {
  it('DDIA decks: no overflow, at most 8 % sparse slides, text never below the readable minimum', async () => {
    let slides = 0;
    const sparse: string[] = [];
    for (const file of decks('ddia')) {
      const d = await withDeck(file, measureDensity);
      slides += d.length;
      sparse.push(
        ...d
          .filter((x) => isSparse(x))
          .map((x) => `${file.split('/').pop()} ${x.key} ${x.kind} ${(x.used * 100).toFixed(0)} %`),
      );
      expect(
        d.filter((x) => x.overflow).map((x) => x.key),
        file,
      ).toEqual([]);
      for (const x of d) {
        if (x.minTextPx) expect(x.minTextPx, `${file} ${x.key}`).toBeGreaterThanOrEqual(24);
        if (x.minProsePx) expect(x.minProsePx, `${file} ${x.key}`).toBeGreaterThanOrEqual(28);
      }
    }
    expect(slides).toBeGreaterThan(300);
    expect(sparse.length / slides, sparse.join('\n')).toBeLessThanOrEqual(0.08);
  }, 120_000);

  it('title and big-quote slides count as used because their type is at least 1.5× the body size', async () => {
    const d = await withDeck(decks('fixture').find((f) => f.includes('1-orders'))!, measureDensity);
    expect(d.find((x) => x.kind === 'title')!.typeRatio).toBeGreaterThanOrEqual(1.5);
    expect(d.find((x) => x.kind === 'analogy')!.typeRatio).toBeGreaterThanOrEqual(1.5);
  }, 60_000);

  it('no deck of the sample, DDIA or the fixture overflows or warns about overflow', async () => {
    for (const name of ['ddia', 'sample', 'fixture'])
      expect(
        messages[name]!.filter((m) => m.startsWith('deck-overflow')),
        name,
      ).toEqual([]);
    for (const file of [...decks('sample'), ...decks('fixture')]) {
      const d = await withDeck(file, measureDensity);
      expect(
        d.filter((x) => x.overflow).map((x) => x.key),
        file,
      ).toEqual([]);
      for (const x of d) if (x.minTextPx) expect(x.minTextPx, `${file} ${x.key}`).toBeGreaterThanOrEqual(24);
    }
  }, 60_000);

  // A continuation slide holds more than two lines of body text (one is 6 % of the height): never
  // the "Summary (cont., 2/2)" with the one line left over (rule "split-parts").
  it('leaves at least 15 % of the slide to every continuation slide (DDIA, sample, fixture)', async () => {
    const thin: string[] = [];
    let parts = 0;
    for (const file of [...decks('ddia'), ...decks('sample'), ...decks('fixture')]) {
      const fill = (await withDeck(file, (page) => page.evaluate(fillInPage))).filter((f) => isContinuation(f.key));
      parts += fill.length;
      thin.push(
        ...fill
          .filter((f) => f.share < 0.15)
          .map((f) => `${file.split('/').pop()} ${f.key} "${f.title}" ${(f.share * 100).toFixed(1)} %`),
      );
    }
    expect(parts).toBeGreaterThan(10);
    expect(thin).toEqual([]);
  }, 120_000);

  it('balances continuation pages of the agenda (never n + 1)', async () => {
    for (const file of decks('ddia')) {
      const pages = await withDeck(file, (page) =>
        page.evaluate(() =>
          Array.from(document.querySelectorAll('section.cm-agenda')).map(
            (s) => s.querySelectorAll('ul.cm-points > li').length,
          ),
        ),
      );
      if (pages.length > 1)
        expect(Math.max(...pages) - Math.min(...pages), `${file}: ${pages.join(' + ')}`).toBeLessThanOrEqual(1);
    }
  }, 60_000);
});

describe('authored diagrams in the browser', () => {
  it('draws every block as an inline SVG on a slide, in order, inside the slide and at a readable size', async () => {
    const file = decks('fixture').find((f) => f.includes('1-orders'))!;
    const figures = await withDeck(file, (page) =>
      page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('.reveal .slides > section')).flatMap((slide, index) => {
          slide.style.display = 'flex';
          const frame = slide.getBoundingClientRect();
          const found = Array.from(slide.querySelectorAll<SVGSVGElement>('figure.cm-diagram > svg')).map((svg) => {
            const r = svg.getBoundingClientRect();
            const text = svg.querySelector('text');
            const size = text ? text.getBoundingClientRect().height : 0;
            return {
              index,
              name: svg.parentElement!.dataset['diagram'],
              inside: r.top >= frame.top - 1 && r.bottom <= frame.bottom + 1 && r.width > 200,
              textPx: size,
              inNotes: Boolean(svg.closest('aside')),
            };
          });
          slide.style.display = '';
          return found;
        }),
      ),
    );
    expect(figures.map((f) => f.name)).toEqual([1, 2, 3].map((n) => `diagrams/1-orders-in-a-restaurant-kitchen-${n}`));
    expect(figures.map((f) => f.index)).toEqual([...figures.map((f) => f.index)].sort((a, b) => a - b));
    for (const f of figures) {
      expect(f.inside, f.name).toBe(true);
      expect(f.inNotes).toBe(false);
      expect(f.textPx, f.name).toBeGreaterThanOrEqual(10);
    }
  }, 60_000);

  it('shows code at 24 px or more, highlighted, with line numbers', async () => {
    const file = decks('fixture').find((f) => f.includes('1-orders'))!;
    const code = await withDeck(file, (page) =>
      page.evaluate(() => {
        const slides = Array.from(document.querySelectorAll<HTMLElement>('section.cm-code'));
        return slides.map((s) => {
          s.style.display = 'flex';
          const line = s.querySelector('.cm-line')!;
          const r = {
            px: parseFloat(getComputedStyle(line).fontSize),
            number: getComputedStyle(line, '::before').content,
            colours: new Set(Array.from(s.querySelectorAll('.cm-line span')).map((x) => getComputedStyle(x).color))
              .size,
          };
          s.style.display = '';
          return r;
        });
      }),
    );
    expect(code.length).toBeGreaterThan(1);
    for (const c of code) {
      expect(c.px).toBeGreaterThanOrEqual(24);
      expect(c.colours).toBeGreaterThan(2);
    }
  }, 60_000);
});
