// Long paged PDFs (handouts, the book): printed tagged, with an outline (bookmarks) made from
// the document's headings, a running header and page numbers (Chromium's header/footer
// templates), then post-processed with pdf-lib: slide pages of a deck PDF placed into the
// handout's frames, and the outline read back (the book's contents get their page numbers from
// it). Dates and IDs are fixed as for every PDF (deterministicPdf).
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';
import type { Page } from 'puppeteer';
import { deterministicPdf, printPdf } from './print.ts';

export interface PagedOptions {
  widthMm: number;
  heightMm: number;
  /** HTML of the running header and footer (escaped by the caller); Chromium fills .pageNumber/.totalPages. */
  header: string;
  footer: string;
  timeoutMs: number;
}

/** The loaded document as a tagged PDF with bookmarks from its headings (h1–h6), header and footer on every page. */
export function pagedPdf(page: Page, o: PagedOptions): Promise<Uint8Array> {
  return printPdf(page, o);
}

/** A running header/footer line for Chromium's templates (their own tiny default font size otherwise). */
export function marginLine(left: string, right: string, marginMm: number): string {
  return `<div style="font-size:8px;font-family:'DejaVu Sans','Noto Sans CJK SC',sans-serif;color:#5b6478;width:100%;padding:0 ${marginMm}mm;display:flex;justify-content:space-between;gap:8mm"><span style="white-space:nowrap;overflow:hidden;text-overflow:ellipsis">${left}</span><span style="white-space:nowrap">${right}</span></div>`;
}

export interface Frame {
  /** 1-based slide number (page `slide - 1` of the deck PDF). */
  slide: number;
  /** 0-based page of the handout. */
  page: number;
  /** Millimetres from the top-left corner of the page's content box. */
  x: number;
  y: number;
  w: number;
  h: number;
}

const PT_PER_MM = 72 / 25.4;

/**
 * Draws page `slide - 1` of `deck` into each frame of `target` (vector: the slide keeps its text
 * and fonts). `margin` is the page margin (mm) that the frames' coordinates start from.
 */
export async function placePages(
  target: Uint8Array,
  deck: Uint8Array,
  frames: readonly Frame[],
  margin: { top: number; left: number },
): Promise<Uint8Array> {
  const doc = await PDFDocument.load(target, { updateMetadata: false });
  const source = await PDFDocument.load(deck, { updateMetadata: false });
  const wanted = [...new Set(frames.map((f) => f.slide - 1))]
    .filter((i) => i >= 0 && i < source.getPageCount())
    .sort((a, b) => a - b);
  const embedded = await doc.embedPdf(source, wanted);
  const bySlide = new Map(wanted.map((i, k) => [i + 1, embedded[k]!]));
  const pages = doc.getPages();
  for (const f of frames) {
    const page = pages[f.page];
    const slide = bySlide.get(f.slide);
    if (!page || !slide) continue;
    const { height } = page.getSize();
    page.drawPage(slide, {
      x: (margin.left + f.x) * PT_PER_MM,
      y: height - (margin.top + f.y + f.h) * PT_PER_MM,
      width: f.w * PT_PER_MM,
      height: f.h * PT_PER_MM,
    });
  }
  return deterministicPdf(
    await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false }),
  );
}

export interface OutlineEntry {
  title: string;
  /** 0-based page the bookmark points to (-1: unknown). */
  page: number;
  depth: number;
}

const text = (o: unknown) => (o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : '');

/** The PDF's bookmarks in order, with their depth and target page. */
export async function pdfOutline(pdf: Uint8Array): Promise<OutlineEntry[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const refs = doc.getPages().map((p) => p.ref.toString());
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const out: OutlineEntry[] = [];
  const pageOf = (item: PDFDict): number => {
    let dest = item.lookup(PDFName.of('Dest'));
    const action = item.lookupMaybe(PDFName.of('A'), PDFDict);
    if (!dest && action) dest = action.lookup(PDFName.of('D'));
    if (dest instanceof PDFArray) {
      const target = dest.get(0);
      if (target instanceof PDFRef) return refs.indexOf(target.toString());
    }
    return -1;
  };
  const walk = (first: PDFDict | undefined, depth: number) => {
    for (let item = first; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      out.push({ title: text(item.lookup(PDFName.of('Title'))), page: pageOf(item), depth });
      walk(item.lookupMaybe(PDFName.of('First'), PDFDict), depth + 1);
    }
  };
  walk(outlines?.lookupMaybe(PDFName.of('First'), PDFDict), 0);
  return out;
}

/**
 * Chromium drops the space where a heading wraps ("Data Systems" → "DataSystems" in the
 * bookmark). Puts back the exact titles, in document order, wherever a bookmark matches its
 * heading but for whitespace; returns the PDF unchanged when nothing needs it.
 */
export async function retitleOutline(pdf: Uint8Array, titles: readonly string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const items: PDFDict[] = [];
  const walk = (first: PDFDict | undefined) => {
    for (let item = first; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict))
      items.push(item), walk(item.lookupMaybe(PDFName.of('First'), PDFDict));
  };
  walk(outlines?.lookupMaybe(PDFName.of('First'), PDFDict));
  const bare = (s: string) => s.replace(/\s+/g, '');
  let changed = 0;
  items.forEach((item, i) => {
    const want = titles[i];
    const have = text(item.lookup(PDFName.of('Title')));
    if (want !== undefined && have !== want && bare(have) === bare(want)) {
      item.set(PDFName.of('Title'), PDFHexString.fromText(want));
      changed++;
    }
  });
  if (changed === 0) return pdf;
  return deterministicPdf(
    await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false }),
  );
}
