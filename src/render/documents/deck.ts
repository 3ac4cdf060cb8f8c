// Browser work for slide decks, on one page of the build's shared browser per deck: measuring
// what fits a 1280×720 slide, a PNG per slide (Reveal.slide + screenshot on the same page) and
// the PDF (reveal's ?print-pdf mode, page.pdf) with fixed metadata dates.
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer';
import { PRESENT } from './deck-fit.ts';
import { withDocumentPage } from './documents.ts';
import { stableNodeIds } from './pdf-node-ids.ts';
import { installFontsCheck, requireFonts, type FontsCheckWindow } from '../fonts-ready.ts';
import type { Renderer } from '../renderer.ts';

/** A browser page showing a deck: an opaque handle the pipeline passes back to these functions. */
export type DeckPage = Page;

export const SLIDE_WIDTH = 1280;
export const SLIDE_HEIGHT = 720;
export const READY =
  'document.documentElement.getAttribute("data-cm-ready") === "1" && document.fonts.status === "loaded"';

export { measureFit, overflowing } from './deck-fit.ts';

/** Screenshots every slide of the loaded deck: 1280×720 CSS px at `scale` device pixels each. */
export async function slidePngs(
  page: Page,
  scale: number,
  onSlide: (index: number, png: Uint8Array) => Promise<void>,
  /** Capture only slides i with i % stride === offset (several pages share a deck's slides). */
  part: { offset: number; stride: number } = { offset: 0, stride: 1 },
  /** Fonts that could not be loaded at all (not installed) are said here. */
  warnings: string[] = [],
): Promise<number> {
  const count = await page.evaluate(() => {
    const R = (window as unknown as { Reveal: { configure(c: object): void } }).Reveal;
    R.configure({
      controls: false,
      progress: false,
      slideNumber: false,
      transition: 'none',
      backgroundTransition: 'none',
    });
    document.documentElement.classList.add('cm-export'); // hides on-screen links (theme.css)
    return document.querySelectorAll('.reveal .slides > section').length;
  });
  // Straight to CDP: puppeteer's screenshot() adds round trips we do not need for a fixed viewport.
  const client = await page.createCDPSession();
  try {
    // Device metrics are per CDP session: the capture session needs its own.
    await client.send('Emulation.setDeviceMetricsOverride', {
      width: SLIDE_WIDTH,
      height: SLIDE_HEIGHT,
      deviceScaleFactor: scale,
      mobile: false,
    });
    // The faces the whole deck's text needs (emoji included) are loaded once, before the first
    // capture; each slide then only re-checks its own text (synchronously, in the same call that
    // shows it) and waits for a load only when that check finds a face missing: never a capture
    // with fallback glyphs, without a font round per slide.
    await requireFonts(page, 'deck', warnings, '.reveal .slides');
    await installFontsCheck(page);
    for (let i = part.offset; i < count; i += part.stride) {
      // Reveal.slide updates the DOM synchronously; the capture renders a fresh frame.
      const missing = await page.evaluate(
        (n, selector) => {
          const w = window as unknown as FontsCheckWindow & { Reveal: { slide(h: number): void } };
          w.Reveal.slide(n);
          return w.cmMissingFaces(selector);
        },
        i,
        PRESENT,
      );
      if (missing.length > 0) await requireFonts(page, `slide ${i + 1}`, warnings, PRESENT);
      const { data } = await client.send('Page.captureScreenshot', {
        format: 'png',
        optimizeForSpeed: true,
        captureBeyondViewport: false,
      });
      await onSlide(i, new Uint8Array(Buffer.from(data, 'base64')));
    }
  } finally {
    await client.detach().catch(() => undefined);
  }
  return count;
}

/** Chromium writes the current time into the PDF; a fixed date keeps builds byte-identical. */
export function fixPdfDates(pdf: Uint8Array): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  const fixed = text.replace(/\/(CreationDate|ModDate) \(D:[^)]*\)/g, (m, k: string) => {
    const value = "D:20000101000000+00'00'";
    const body = `/${k} (${value}`;
    return (body + ' '.repeat(Math.max(0, m.length - body.length - 1)) + ')').slice(
      0,
      Math.max(m.length, body.length + 1),
    );
  });
  return Buffer.from(stableNodeIds(fixed), 'latin1');
}

/** Prints the deck at `file` (one slide a page, notes on their own page when asked) on `page`. */
export async function deckPdf(page: Page, file: string, notes: boolean, timeoutMs: number): Promise<Uint8Array> {
  const url = `${pathToFileURL(file).href}?print-pdf${notes ? '&notes' : ''}&export`;
  await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
  await page.waitForFunction(`${READY} && document.documentElement.getAttribute("data-cm-pdf") === "1"`, {
    timeout: timeoutMs,
  });
  // reveal.js hides the slides that are not current from assistive tech; on paper every slide is
  // shown, and only what is not hidden gets into the tagged structure and the bookmarks.
  await page.evaluate(() =>
    document.querySelectorAll('.reveal .slides section[aria-hidden]').forEach((s) => s.removeAttribute('aria-hidden')),
  );
  // A bookmark per slide from its heading, tagged; language and title from <html lang> and <title>.
  const pdf = await page.pdf({
    width: `${SLIDE_WIDTH}px`,
    height: `${SLIDE_HEIGHT}px`,
    printBackground: true,
    preferCSSPageSize: true,
    outline: true,
    tagged: true,
    timeout: timeoutMs,
  });
  return fixPdfDates(new Uint8Array(pdf));
}

export interface DeckPageOptions {
  file: string;
  scale: number;
  timeoutMs: number;
  warnings: string[];
}

/** Opens a deck in a sandboxed page of the shared browser, ready for measuring/exporting. */
export function withDeckPage<T>(renderer: Renderer, o: DeckPageOptions, fn: (page: Page) => Promise<T>): Promise<T> {
  return withDocumentPage(
    renderer,
    {
      file: o.file,
      width: SLIDE_WIDTH,
      height: SLIDE_HEIGHT,
      scale: o.scale,
      timeoutMs: o.timeoutMs,
      readyWhen: READY,
      warnings: o.warnings,
    },
    fn,
  );
}

/**
 * Screenshots every slide of the deck open in `page`, with `pages - 1` more pages of the same deck
 * capturing alongside (a screenshot keeps about one core busy). Slide i goes to page i % pages;
 * a slide's bytes do not depend on the page or the page count (test/emoji-capture.test.ts).
 * Returns the number of slides.
 */
export async function deckPngs(
  renderer: Renderer,
  page: Page,
  o: DeckPageOptions,
  pages: number,
  onSlide: (index: number, png: Uint8Array) => Promise<void>,
): Promise<number> {
  const stride = Math.max(1, pages);
  const helpers = Array.from({ length: stride - 1 }, (_, k) =>
    withDeckPage(renderer, o, (p) => slidePngs(p, o.scale, onSlide, { offset: k + 1, stride }, o.warnings)),
  );
  const [count] = await Promise.all([slidePngs(page, o.scale, onSlide, { offset: 0, stride }, o.warnings), ...helpers]);
  return count;
}

/**
 * Runs in the page: puts the slides and the stylesheets of `html` (the same deck generated again,
 * e.g. with the fit's continuation slides) in place of the loaded ones and has Reveal take them in,
 * as a fresh load of `html` would show them. Only the slides and styles change between the two
 * versions of a deck; the scripts (reveal.js, the init script) are the same and keep running.
 */
async function replaceDeckInPage(html: string): Promise<number> {
  const next = new DOMParser().parseFromString(html, 'text/html');
  const styles = Array.from(document.head.querySelectorAll('style'));
  const nextStyles = Array.from(next.head.querySelectorAll('style'));
  if (styles.length !== nextStyles.length) throw new Error('the deck to put in place has other stylesheets');
  nextStyles.forEach((s, i) => {
    if (styles[i]!.textContent !== s.textContent) styles[i]!.textContent = s.textContent;
  });
  const slides = document.querySelector('.reveal .slides');
  const nextSlides = next.querySelector('.reveal .slides');
  if (!slides || !nextSlides) throw new Error('no slides to put in place');
  slides.replaceChildren(...Array.from(nextSlides.children).map((c) => document.importNode(c, true)));
  const R = (window as unknown as { Reveal: { sync(): void; slide(h: number): void } }).Reveal;
  R.sync();
  R.slide(0);
  await document.fonts.ready;
  return slides.children.length;
}

/**
 * Shows another version of the open deck (the deck after the fit pass) in `page` without loading
 * the page again: a load parses and starts the whole deck, reveal.js and the fonts (about 0.2 s of
 * CPU); this swaps only the slides and the stylesheets. The captures match those of a fresh load
 * byte for byte (test/deck-reload.test.ts).
 */
export async function replaceDeck(page: Page, html: string, timeoutMs: number): Promise<void> {
  await page.evaluate(replaceDeckInPage, html);
  await page.waitForFunction(READY, { timeout: timeoutMs });
}

/** Loads another deck file into an open page (e.g. the final deck after the fit pass). */
export async function loadDeck(page: Page, file: string, timeoutMs: number): Promise<void> {
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: timeoutMs });
  await page.waitForFunction(READY, { timeout: timeoutMs });
}
