// Emoji in captures: every face a slide needs (the emoji face included) is loaded and checked before
// its screenshot, so a cold build never draws a fallback glyph; a capture whose fonts are not ready
// fails instead of being written (and reused by the next build).
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, DEFAULT_BUILD } from '../src/pipeline/index.ts';
import { STAGES } from '../src/pipeline/stages.ts';
import { FONT_FAMILY, fontFaceCss, renderPageFontCss } from '../src/render/fonts/fonts.ts';
import { fontsReady, installFontsCheck, requireFonts, type FontsCheckWindow } from '../src/render/fonts-ready.ts';
import { deckJobs, PNG_SCALE } from '../src/pipeline/decks.ts';
import { deckHtml } from '../src/generate/slides/html.ts';
import { slideTemplates } from '../src/generate/slides/partials.ts';
import { templateSet } from '../src/generate/templates.ts';
import { loadCourse } from '../src/index.ts';
import { deckPngs, withDeckPage } from '../src/render/documents/deck.ts';
import { embedPageFonts } from '../src/render/fonts/embed-fonts.ts';
import { Renderer } from '../src/render/index.ts';
import { sharedBrowser } from './support/browser.ts';

const COURSE = fileURLToPath(new URL('./fixtures/cache/emoji.md', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'coursemap-emoji-test-'));
let renderer: Renderer;
beforeAll(async () => {
  renderer = await Renderer.open({ ...sharedBrowser(), cache: false, poolSize: 1 });
});
afterAll(async () => {
  await renderer?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Pixels of a colour: `test` on r, g, b. A fallback glyph is black or grey, the colour emoji are not. */
function pixels(file: string, test: (r: number, g: number, b: number) => boolean): number {
  const png = PNG.sync.read(readFileSync(file));
  let n = 0;
  for (let i = 0; i < png.data.length; i += 4) if (test(png.data[i]!, png.data[i + 1]!, png.data[i + 2]!)) n++;
  return n;
}
/** The lightning bolt's amber (Noto Color Emoji). */
const amber = (r: number, g: number, b: number) => r > 220 && g > 140 && g < 215 && b < 80;
/** The green of ✅, 🔋 and 🌱. */
const green = (r: number, g: number, b: number) => g > 140 && g - r > 40 && g - b > 40;

describe('fonts before a capture', () => {
  it('a hidden ⚡ has no emoji face yet; fontsReady loads it for the visible text', async () => {
    const { browser } = await renderer.sharedBrowser();
    const context = await browser.createBrowserContext();
    try {
      const page = await context.newPage();
      // From a file: the bundled faces are file:// URLs.
      const file = join(tmp, 'hidden.html');
      writeFileSync(
        file,
        `<!doctype html><meta charset="utf-8"><style>${renderPageFontCss()} body{font-family:"coursemap-emoji","DejaVu Sans"}</style><p id="t" style="display:none">Power ⚡ 🚀</p>`,
      );
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      // Nothing laid out needs the emoji face, so it is not loaded: the lazy load a capture can miss.
      expect(await page.evaluate(() => document.fonts.check('16px "coursemap-emoji"', 'Power ⚡ 🚀'))).toBe(false);
      await page.evaluate(() => (document.getElementById('t')!.style.display = ''));
      const r = await fontsReady(page, '#t');
      expect(r).toEqual({ missing: [], failed: [] });
      expect(await page.evaluate(() => document.fonts.check('16px "coursemap-emoji"', 'Power ⚡ 🚀'))).toBe(true);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('the per-slide re-check (cmMissingFaces) finds a face the shown text needs and nothing once it is loaded', async () => {
    const { browser } = await renderer.sharedBrowser();
    const context = await browser.createBrowserContext();
    try {
      const page = await context.newPage();
      const file = join(tmp, 'recheck.html');
      writeFileSync(
        file,
        `<!doctype html><meta charset="utf-8"><style>${renderPageFontCss()} body{font-family:"coursemap-emoji","DejaVu Sans"}</style><p id="a">Plain text</p><p id="t" style="display:none">Power ⚡ ⚡ ⚡ 🚀</p>`,
      );
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      // Loaded for the text the page showed first: the emoji face is not among them.
      await requireFonts(page, 'page', [], '#a');
      await installFontsCheck(page);
      const missing = () => page.evaluate(() => (window as unknown as FontsCheckWindow).cmMissingFaces('#t'));
      expect(await missing()).toEqual(['normal normal 16px "coursemap-emoji"']);
      await page.evaluate(() => (document.getElementById('t')!.style.display = ''));
      await requireFonts(page, 'slide', [], '#t');
      expect(await missing()).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('a face that never arrives: the capture is refused, not taken with a fallback glyph', async () => {
    const hang: Server = createServer(() => undefined); // accepts the font request, never answers
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', () => r()));
    const port = (hang.address() as { port: number }).port;
    const { browser } = await renderer.sharedBrowser();
    const context = await browser.createBrowserContext();
    try {
      const page = await context.newPage();
      await page.setContent(
        `<style>@font-face{font-family:"late-emoji";src:url(http://127.0.0.1:${port}/e.ttf);unicode-range:U+26A1}body{font-family:"late-emoji",sans-serif}</style><p>⚡</p>`,
        { waitUntil: 'domcontentloaded' },
      );
      const warnings: string[] = [];
      await expect(requireFonts(page, 'slide 1', warnings, null, 1500)).rejects.toThrow(
        /slide 1: fonts not ready for its text \(normal normal 16px "late-emoji"\); not captured/,
      );
    } finally {
      await context.close();
      hang.closeAllConnections();
      hang.close();
    }
  }, 60_000);
});

describe('the emoji face of an output: emoji-default characters in colour, text-default ones as text', () => {
  // What a deck or SVG embeds (fontFaceCss), in the font-family stack of every output.
  const chars = ['⚡', '🚀', '❤', '✔', '☺', '©', '™', '↔', '1', '#', '❤\ufe0f'];
  const colourful = (r: number, g: number, b: number) => Math.max(r, g, b) - Math.min(r, g, b) > 60;

  it('covers ⚡ and 🚀 only, and Chromium draws just them (and ❤ with U+FE0F) in colour', async () => {
    const css = await fontFaceCss(chars.join(' '));
    const emojiRange =
      /@font-face\{font-family:"coursemap-emoji";src:local\("Noto Color Emoji"\)[^}]*unicode-range:([^}]+)\}/.exec(css);
    expect(emojiRange?.[1]).toBe('U+26A1,U+1F680');
    const { browser } = await renderer.sharedBrowser();
    const context = await browser.createBrowserContext();
    try {
      const page = await context.newPage();
      const spans = chars.map((c, i) => `<span id="c${i}">${c}</span>`).join(' ');
      await page.setContent(
        `<!doctype html><meta charset="utf-8"><style>${css} body{font:48px ${FONT_FAMILY}} span{display:inline-block;padding:4px}</style><p>${spans}</p>`,
      );
      await fontsReady(page, 'p');
      const coloured: Record<string, number> = {};
      for (const [i, c] of chars.entries()) {
        const shot = Buffer.from(await (await page.$(`#c${i}`))!.screenshot());
        const file = join(tmp, `char-${i}.png`);
        writeFileSync(file, shot);
        coloured[c] = pixels(file, colourful);
      }
      // Measured: about 700 coloured pixels for ⚡, 1800 for ❤️ and 🚀; 0 for every text glyph.
      const drawnInColour = Object.entries(coloured).map(([c, n]) => [c, n > 200]);
      expect(Object.fromEntries(drawnInColour)).toEqual(
        Object.fromEntries(chars.map((c) => [c, /⚡|🚀|\ufe0f/u.test(c)])),
      );
    } finally {
      await context.close();
    }
  }, 60_000);
});

describe('a deck with ⚡ and other emoji, built cold', () => {
  const others = STAGES.slice();
  const out = join(tmp, 'out');
  beforeAll(async () => {
    STAGES.splice(0, STAGES.length, ...others.filter((s) => s.name === 'decks'));
    await build(COURSE, { ...DEFAULT_BUILD, ...sharedBrowser(), outDir: out, formats: ['png'], cacheDir: false });
  }, 300_000);
  afterAll(() => {
    STAGES.splice(0, STAGES.length, ...others);
  });

  /** The slide PNGs, and for each whether its section holds `char`. */
  const slides = () => {
    const deck = readdirSync(join(out, 'decks'), { withFileTypes: true }).find((d) => d.isDirectory())!;
    const dir = join(out, 'decks', deck.name);
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.png'))
      .sort()
      .map((f) => join(dir, f));
    const html = readFileSync(join(out, 'decks', `${deck.name}.html`), 'utf8');
    const sections = (html.match(/<section[\s\S]*?<\/section>/g) ?? []).filter((s) => !s.includes('<section', 8));
    expect(sections).toHaveLength(files.length);
    return { files, holds: (char: string) => sections.map((s) => s.includes(char)) };
  };

  it('draws ✅ 🔋 🌱 🚀 in colour in the slide that holds them, never a fallback glyph', () => {
    const { files, holds } = slides();
    expect(holds('✅').some(Boolean)).toBe(true);
    // Measured: about 4000 green pixels at scale 2 where the emoji are; none elsewhere.
    expect(files.map((f) => pixels(f, green) > 300)).toEqual(holds('✅'));
  }, 60_000);

  // ⚡ without U+FE0F was drawn in DejaVu's monochrome glyph while the emoji face was a WOFF2
  // subset: that subset had lost the colour bitmap tables, so Chromium fell through to the next font.
  it('draws ⚡ (no U+FE0F) in colour', () => {
    const { files, holds } = slides();
    expect(files.map((f) => pixels(f, amber) > 300)).toEqual(holds('⚡'));
  }, 60_000);
});

describe('slide capture is deterministic', () => {
  it('one page or two, run after run: the same PNG bytes for every slide', async () => {
    const { course } = await loadCourse(COURSE);
    const job = deckJobs({ course, theme: 'default', diagrams: new Map() })[0]!;
    const file = join(tmp, 'capture-deck.html');
    writeFileSync(file, await embedPageFonts(deckHtml(job.deck, slideTemplates(templateSet()))));
    const options = { file, scale: PNG_SCALE, timeoutMs: 60_000, warnings: [] };
    const capture = (pages: number) =>
      withDeckPage(renderer, options, async (page) => {
        const pngs: Buffer[] = [];
        const count = await deckPngs(renderer, page, options, pages, async (i, png) => {
          pngs[i] = Buffer.from(png);
        });
        expect(pngs.filter(Boolean)).toHaveLength(count);
        return pngs;
      });
    const first = await capture(1);
    expect(first.length).toBeGreaterThan(2);
    expect(first.map((p) => [p.readUInt32BE(16), p.readUInt32BE(20)])).toEqual(first.map(() => [1920, 1080]));
    for (const run of [await capture(2), await capture(1)])
      expect(run.map((p, i) => p.equals(first[i]!))).toEqual(first.map(() => true));
  }, 120_000);
});
