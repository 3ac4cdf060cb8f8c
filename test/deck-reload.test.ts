// One page per deck, loaded once: the deck after the fit is put in place of the draft
// (replaceDeck) and the PPTX pass puts the slides back as they were, instead of loading the page
// again after each. What the page then captures must be what a fresh load of the same deck
// captures, byte for byte — the PNGs of a build do not depend on how the page got there.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyFit } from '../src/generate/slides/fit.ts';
import { loadGrammars } from '../src/generate/slides/highlight.ts';
import { deckHtml } from '../src/generate/slides/html.ts';
import { slideTemplates } from '../src/generate/slides/partials.ts';
import { templateSet } from '../src/generate/templates.ts';
import { courseFromText } from '../src/index.ts';
import { codeLanguages, deckJobs, PNG_SCALE, type DeckJob } from '../src/pipeline/decks.ts';
import { extractDeck } from '../src/render/documents/deck-extract.ts';
import { DeckPages } from '../src/render/documents/deck-pages.ts';
import {
  deckPdf,
  deckPngs,
  measureFit,
  overflowing,
  replaceDeck,
  withDeckPage,
  type DeckPage,
} from '../src/render/documents/deck.ts';
import { embedPageFonts } from '../src/render/fonts/embed-fonts.ts';
import type { Renderer } from '../src/render/index.ts';
import { sharedRenderer } from './support/browser.ts';

const tmp = mkdtempSync(join(tmpdir(), 'coursemap-deck-reload-'));
const templates = slideTemplates(templateSet());
let renderer: Renderer;
let job: DeckJob;
let draft: string;
let fitted: string;
/** The fitted deck's slide count (the draft has fewer: the fit adds continuation slides). */
let slides: number;

beforeAll(async () => {
  renderer = await sharedRenderer({ cache: false, poolSize: 1 });
  const { course } = courseFromText(readFileSync(new URL('../content/course.md', import.meta.url), 'utf8'), 'c.md');
  await loadGrammars(codeLanguages(course));
  // The first chapter deck that the fit changes (a list split over continuation slides).
  for (const j of deckJobs({ course, theme: 'default', diagrams: new Map(), settings: {} })) {
    const html = await embedPageFonts(deckHtml(j.deck, templates));
    const file = join(tmp, 'draft.html');
    writeFileSync(file, html);
    const plan = await withDeckPage(renderer, options(file), async (page) => measureFit(page));
    if (!plan.some((p) => p.chunks.length > 1)) continue;
    const deck = applyFit(j.deck, new Map(plan.map((r) => [r.key, { chunks: r.chunks, shrink: r.shrink }])));
    [job, draft, fitted, slides] = [j, html, await embedPageFonts(deckHtml(deck, templates)), deck.slides.length];
    break;
  }
}, 240_000);
afterAll(async () => {
  await renderer?.close();
  rmSync(tmp, { recursive: true, force: true });
});

function options(file: string) {
  return { file, scale: PNG_SCALE, timeoutMs: 120_000, warnings: [] };
}

/** Every slide's PNG, captured in `page` as the decks stage does (one page). */
async function capture(page: DeckPage, file: string): Promise<Buffer[]> {
  const pngs: Buffer[] = [];
  const count = await deckPngs(renderer, page, options(file), 1, async (i, png) => {
    pngs[i] = Buffer.from(png);
  });
  expect(pngs.filter(Boolean)).toHaveLength(count);
  return pngs;
}

/** A fresh load of the fitted deck: what every other way of getting there must capture. */
async function fresh(extra?: string): Promise<{ pngs: Buffer[]; overflow: string[] }> {
  const file = join(tmp, 'fitted.html');
  writeFileSync(file, fitted);
  return withDeckPage(renderer, options(file), async (page) => {
    if (extra) await page.addStyleTag({ content: extra });
    return { overflow: await overflowing(page), pngs: await capture(page, file) };
  });
}

const same = (a: Buffer[], b: Buffer[]) => a.map((p, i) => p.equals(b[i]!));

describe('a deck page loaded once captures as a fresh load of the same deck', () => {
  it('the fitted deck put in place of the draft: the same slides, the same overflow, the same PNG bytes', async () => {
    expect(job, 'a sample chapter deck that the fit splits').toBeDefined();
    expect(fitted).not.toBe(draft);
    const reference = await fresh();
    expect(reference.pngs).toHaveLength(slides);
    const file = join(tmp, 'in-place.html');
    writeFileSync(file, draft);
    const inPlace = await withDeckPage(renderer, options(file), async (page) => {
      await replaceDeck(page, fitted, 120_000);
      const count = await page.evaluate(() => document.querySelectorAll('.reveal .slides > section').length);
      return { count, overflow: await overflowing(page), pngs: await capture(page, file) };
    });
    expect(inPlace.count).toBe(slides);
    expect(inPlace.overflow).toEqual(reference.overflow);
    expect(same(inPlace.pngs, reference.pngs)).toEqual(reference.pngs.map(() => true));
  }, 240_000);

  it('after the PPTX pass (export fonts, slides set smaller): the same PNG bytes as without it', async () => {
    // The third slide's list made too big for the slide, so that the PPTX pass sets it smaller.
    const big = '.reveal .slides > section:nth-child(3) li { font-size: 64px; }';
    const reference = await fresh(big);
    const file = join(tmp, 'fitted.html');
    const after = await withDeckPage(renderer, options(file), async (page) => {
      await page.addStyleTag({ content: big });
      const styles = () => page.evaluate(() => document.querySelectorAll('style').length);
      const before = await styles();
      const deck = await extractDeck(page, 2);
      return { deck, styles: [before, await styles()], pngs: await capture(page, file) };
    });
    expect(after.deck.slides).toHaveLength(slides);
    expect(after.deck.slides.filter((s) => s.scale < 1).length).toBeGreaterThan(0);
    const [before, left] = after.styles;
    expect(left).toBe(before); // the export fonts' stylesheet is gone
    expect(same(after.pngs, reference.pngs)).toEqual(reference.pngs.map(() => true));
  }, 240_000);
});

describe('deck pages kept open from one deck to the next (DeckPages)', () => {
  it('a page that exported a deck before (PPTX, PNG, PDF) measures, extracts and captures the next as a fresh page', async () => {
    const before = join(tmp, 'before.html');
    writeFileSync(before, draft);
    const file = join(tmp, 'next.html');
    writeFileSync(file, fitted);
    const read = async (page: DeckPage) => ({
      fit: await measureFit(page),
      pptx: JSON.stringify(await extractDeck(page, 2)),
      pngs: await capture(page, file),
    });
    const reference = await withDeckPage(renderer, options(file), read);
    const pages = new DeckPages(renderer, { dir: tmp, scale: PNG_SCALE, timeoutMs: 120_000 });
    try {
      const first = await pages.use(before, [], async (page) => {
        await extractDeck(page, 2);
        await capture(page, before);
        await deckPdf(page, before, false, 120_000);
        return page;
      });
      const next = await pages.use(file, [], async (page) => ({ page, ...(await read(page)) }));
      expect(next.page).toBe(first); // the same page, loaded again
      expect(next.fit).toEqual(reference.fit);
      expect(next.pptx).toBe(reference.pptx);
      expect(same(next.pngs, reference.pngs)).toEqual(reference.pngs.map(() => true));
    } finally {
      await pages.close();
    }
  }, 240_000);
});
