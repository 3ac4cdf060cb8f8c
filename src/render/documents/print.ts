// Browser work of the print outputs: measuring candidate layouts in Chromium's print layout,
// printing PDFs and taking the 300 dpi PNG, all in one sandboxed document page of the build's
// shared browser (withDocumentPage). PDFs are made deterministic by fixing their dates and ID.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer';
import { withDocumentPage } from './documents.ts';
import { stableNodeIds } from './pdf-node-ids.ts';
import type { Renderer } from '../renderer.ts';

export const PX_PER_MM = 96 / 25.4;

export interface PrintPageOptions {
  /** Viewport (the page box) in CSS pixels. */
  width: number;
  height: number;
  timeoutMs: number;
  warnings?: string[];
}

/** A print session: load candidate HTML documents one after the other and measure or print them. */
export interface PrintSession {
  page: Page;
  load(html: string): Promise<void>;
}

/** Opens one sandboxed page in print media emulation; candidate documents are written to a private temp folder. */
export async function withPrintPage<T>(
  renderer: Renderer,
  options: PrintPageOptions,
  fn: (session: PrintSession) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'coursemap-print-'));
  const first = join(dir, 'blank.html');
  await writeFile(first, '<!doctype html><meta charset="utf-8"><title>print</title>');
  let n = 0;
  try {
    return await withDocumentPage(
      renderer,
      {
        file: first,
        width: Math.ceil(options.width),
        height: Math.ceil(options.height),
        timeoutMs: options.timeoutMs,
        ...(options.warnings ? { warnings: options.warnings } : {}),
      },
      async (page) => {
        await page.emulateMediaType('print');
        const load = async (html: string) => {
          const file = join(dir, `candidate-${++n}.html`);
          await writeFile(file, html);
          await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: options.timeoutMs });
          // Again after each navigation: in a browser shared over its endpoint (puppeteer.connect)
          // the page came back in screen media, and the PNG showed the screen-only grey backdrop.
          await page.emulateMediaType('print');
          await page.waitForFunction('document.fonts.status === "loaded"', { timeout: options.timeoutMs });
        };
        return fn({ page, load });
      },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface Overflow {
  fits: boolean;
  /** How far the content reaches past its box (px, negative = room left), vertically and horizontally. */
  over: number;
  wide: number;
  /** Content height / box height: how much the sheet would have to shrink to fit. */
  ratio: number;
}

/**
 * Measures the loaded study map: every element matching `contentSelector` must end inside the
 * box of `boxSelector` (bottom and right), and no element inside may be wider than its box.
 */
export async function measureOverflow(page: Page, boxSelector: string, contentSelector: string): Promise<Overflow> {
  return page.evaluate(
    (boxSel: string, contentSel: string) => {
      const box = document.querySelector(boxSel);
      if (!box) return { fits: false, over: Infinity, wide: Infinity, ratio: 2 };
      const b = box.getBoundingClientRect();
      let bottom = b.top;
      let right = b.left;
      let top = b.bottom;
      for (const el of Array.from(box.querySelectorAll(contentSel))) {
        const r = el.getBoundingClientRect();
        bottom = Math.max(bottom, r.bottom);
        top = Math.min(top, r.top);
        right = Math.max(right, r.right);
      }
      let wide = right - b.right;
      for (const el of Array.from(box.querySelectorAll('*'))) {
        if (
          el instanceof HTMLElement &&
          el.scrollWidth > el.clientWidth + 1 &&
          getComputedStyle(el).overflowX === 'visible' &&
          el.clientWidth > 0
        ) {
          wide = Math.max(wide, el.scrollWidth - el.clientWidth);
        }
      }
      // Centred content overflows at both ends: count the part above the box too.
      const over = bottom - b.bottom + Math.max(0, b.top - top);
      return {
        fits: over <= 0.5 && wide <= 0.5,
        over,
        wide,
        ratio: (bottom - Math.min(top, b.top)) / Math.max(1, b.height),
      };
    },
    boxSelector,
    contentSelector,
  );
}

export interface PdfOptions {
  widthMm: number;
  heightMm: number;
  /** Running header and footer HTML (Chromium fills .pageNumber/.totalPages); none when absent. */
  header?: string;
  footer?: string;
  timeoutMs?: number;
}

/** Prints the loaded document (its @page rules decide the page box and margins); deterministic bytes. */
export async function printPdf(page: Page, options: PdfOptions): Promise<Uint8Array> {
  const headed = options.header !== undefined || options.footer !== undefined;
  const bytes = await page.pdf({
    width: `${options.widthMm}mm`,
    height: `${options.heightMm}mm`,
    printBackground: true,
    preferCSSPageSize: true,
    displayHeaderFooter: headed,
    ...(headed
      ? { headerTemplate: options.header ?? '<span></span>', footerTemplate: options.footer ?? '<span></span>' }
      : {}),
    // Bookmarks from the document's headings; tagged for screen readers (the language and title come from <html lang> and <title>).
    outline: true,
    tagged: true,
    timeout: options.timeoutMs ?? 60_000,
  });
  return deterministicPdf(bytes);
}

/** The page at `dpi` (print media, background included) as PNG. */
export async function printPng(page: Page, options: PdfOptions & { dpi: number }): Promise<Uint8Array> {
  const width = Math.round(options.widthMm * PX_PER_MM);
  const height = Math.round(options.heightMm * PX_PER_MM);
  await page.setViewport({ width, height, deviceScaleFactor: options.dpi / 96 });
  await page.emulateMediaType('print'); // a shared (connected) browser may lose it with the viewport change
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  // A large page at a new scale is rasterised in tiles over a few frames: take shots until two agree.
  let last: Uint8Array | null = null;
  for (let i = 0; i < STABLE_SHOTS; i++) {
    await page.evaluate(
      () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
    );
    const png = new Uint8Array(
      await page.screenshot({
        type: 'png',
        clip: { x: 0, y: 0, width, height },
        captureBeyondViewport: false,
        omitBackground: false,
      }),
    );
    if (last && Buffer.from(png).equals(Buffer.from(last))) return png;
    last = png;
  }
  return last ?? new Uint8Array();
}

/** Screenshots tried before the last one is taken as it is. */
const STABLE_SHOTS = 20; // two equal shots end it at once; a loaded machine may need more frames

const FIXED_DATE = 'D:20000101000000';

/**
 * Chromium writes the print time into /CreationDate and /ModDate and a time-based /ID.
 * Rewrites them in place, byte for byte the same length, so the cross-reference offsets stay
 * valid: dates become 2000-01-01 00:00:00, structure node ids are renumbered (pdf-node-ids.ts)
 * and the ID a hash of the rest of the file.
 */
export function deterministicPdf(input: Uint8Array): Uint8Array {
  const text = Buffer.from(input).toString('latin1');
  let out = stableNodeIds(text).replace(
    /\/(CreationDate|ModDate)\s*\(D:(\d{14})([^)]*)\)/g,
    (_m, key: string, _d: string, tz: string) => `/${key} (${FIXED_DATE}${fixedZone(tz)})`,
  );
  const idRe = /\/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]/g;
  const withoutIds = out.replace(idRe, '/ID');
  const hash = createHash('sha256').update(withoutIds, 'latin1').digest('hex');
  out = out.replace(idRe, (m, a: string, b: string) =>
    m
      .replace(a, hash.padEnd(a.length, '0').slice(0, a.length))
      .replace(b, hash.padEnd(b.length, '0').slice(0, b.length)),
  );
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

/** UTC in the same number of bytes as the zone Chromium wrote ("+01'00'" → "+00'00'"). */
function fixedZone(tz: string): string {
  if (tz.length === 7) return "+00'00'";
  if (tz.length === 1) return 'Z';
  return tz.replace(/\d/g, '0');
}

/** Page count: the page objects of the PDF (Chromium writes them uncompressed). */
export function pdfPageCount(bytes: Uint8Array): number {
  const text = Buffer.from(bytes).toString('latin1');
  let count = 0;
  for (const m of text.matchAll(/\/Type\s*\/Page\b(?!s)/g)) if (m) count++;
  return count;
}

/** Sets the loaded page's base text size (the study map's text scale search measures without reloading). */
export async function setBaseFontPt(page: Page, pt: number): Promise<void> {
  await page.evaluate((size: string) => {
    document.body.style.fontSize = size;
  }, `${pt}pt`);
  // A size can bring faces into use that were not yet loaded: measure with the real ones.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/**
 * Fills the room left in each card: cards (`cardSelector`, each with a `data-n`) carry optional
 * items (`extraSelector`) after their own; each card shows as many of them, in order, as fit
 * without making the card (and so its grid row) taller. Returns the items each card keeps, own
 * and optional, by `data-n`. Cards are filled one after the other; a row is as tall as its
 * tallest card, so filling one never changes the room of another.
 */
export async function fillCards(
  page: Page,
  cardSelector: string,
  itemSelector: string,
  extraSelector: string,
): Promise<Record<string, number>> {
  return page.evaluate(
    (cardSel: string, itemSel: string, extraSel: string) => {
      const cards = Array.from(document.querySelectorAll<HTMLElement>(cardSel));
      for (const card of cards)
        for (const e of Array.from(card.querySelectorAll<HTMLElement>(extraSel))) e.style.display = 'none';
      const counts: Record<string, number> = {};
      for (const card of cards) {
        let kept = card.querySelectorAll(itemSel).length - card.querySelectorAll(extraSel).length;
        for (const extra of Array.from(card.querySelectorAll<HTMLElement>(extraSel))) {
          const before = card.getBoundingClientRect().height;
          extra.style.display = '';
          if (card.getBoundingClientRect().height > before + 0.5) {
            extra.style.display = 'none';
            break;
          }
          kept++;
        }
        counts[card.dataset['n'] ?? ''] = kept;
      }
      return counts;
    },
    cardSelector,
    itemSelector,
    extraSelector,
  );
}
