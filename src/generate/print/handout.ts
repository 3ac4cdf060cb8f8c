// Handout pages (pure): a deck's slides 1, 2, 3 or 6 to a portrait A4/Letter page, each beside
// its speaker notes or, when asked, ruled lines for the student's own notes. The slides
// themselves are not in this HTML: each slot is an empty frame that the render stage fills with
// the slide's page of the deck PDF (vector, text kept), at the frame's measured position.
// Every page has the same fixed box, so a frame's position on its page is known from the layout.
import { esc } from './html-text.ts';
import { FIGURE_CSS, figureSheets, type HandoutFigure } from './handout-figures.ts';
import type { PageBox } from './paper.ts';

export type HandoutLayout = 1 | 2 | 3 | 6;

/** Page margins (mm): room for the running header and the page number. */
export const HANDOUT_MARGIN = { top: 16, right: 12, bottom: 14, left: 12 } as const;
/** Height of the band at the top of each page that holds the deck title on the first (mm). */
const BAND_MM = 9;

export interface HandoutSlide {
  /** 1-based slide number in the deck. */
  number: number;
  title: string;
  /** Speaker notes as plain text, paragraphs separated by blank lines. */
  notes: string;
}

export interface HandoutInput {
  lang: string;
  courseTitle: string;
  /** The deck's title (the chapter, or the course). */
  deckTitle: string;
  slides: readonly HandoutSlide[];
  layout: HandoutLayout;
  /** Ruled lines instead of the speaker notes. */
  lines: boolean;
  box: PageBox;
  /** Words: "Slide", "Notes". */
  words: { slide: string; notes: string };
  /** Diagram slides printed again on a page of their own, after the slides (./handout-figures.ts). */
  figures?: readonly HandoutFigure[];
}

/** The box a figure page's diagram may fill (mm): the content box under its band. */
export function figureBox(box: PageBox): { wMm: number; hMm: number } {
  const m = HANDOUT_MARGIN;
  return { wMm: box.widthMm - m.left - m.right, hMm: box.heightMm - m.top - m.bottom - BAND_MM };
}

const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .map((p) => `<p>${esc(p)}</p>`)
    .join('');

function slot(s: HandoutSlide, input: HandoutInput): string {
  const label = `${input.words.slide ? `${esc(input.words.slide)} ` : ''}${s.number}${s.title ? ` · ${esc(s.title)}` : ''}`;
  const body = input.lines
    ? '<div class="lines" aria-hidden="true"></div>'
    : `<div class="text">${paragraphs(s.notes)}</div>`;
  return `<div class="slot"><div class="frame" data-slide="${s.number}" role="img" aria-label="${label}"></div><div class="notes"><h2>${label}</h2>${body}</div></div>`;
}

function css(input: HandoutInput): string {
  const m = HANDOUT_MARGIN;
  const w = input.box.widthMm - m.left - m.right;
  const h = input.box.heightMm - m.top - m.bottom;
  const rows = input.layout === 6 ? 3 : input.layout;
  const grid = input.layout === 6 ? 'grid-template-columns: 1fr 1fr;' : 'grid-template-columns: 1fr;';
  // 1: slide on top, notes below; 2 and 3: slide left, notes right; 6: two columns of slide over notes.
  const slotDir = input.layout === 1 || input.layout === 6 ? 'flex-direction: column;' : 'flex-direction: row;';
  const frameW = input.layout === 2 ? '58%' : input.layout === 3 ? '52%' : '100%';
  const size = input.layout === 6 ? 7.5 : input.layout === 1 ? 10.5 : 9;
  return `@page { size: ${input.box.widthMm}mm ${input.box.heightMm}mm; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #1d2330; font-family: "DejaVu Sans", "Noto Sans CJK SC", "Noto Sans SC", sans-serif; }
.sheet { width: ${w}mm; height: ${h}mm; display: flex; flex-direction: column; break-after: page; overflow: hidden; }
.sheet:last-child { break-after: auto; }
.band { height: ${BAND_MM}mm; flex: none; }
h1 { font-size: 13pt; margin: 0; line-height: ${BAND_MM - 2}mm; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.grid { flex: 1; display: grid; ${grid} grid-template-rows: repeat(${rows}, minmax(0, 1fr)); gap: 5mm 6mm; min-height: 0; }
.slot { display: flex; ${slotDir} gap: 4mm; min-height: 0; min-width: 0; }
.frame { width: ${frameW}; flex: none; align-self: flex-start; aspect-ratio: 16 / 9; border: 0.3mm solid #9aa3b5; }
.notes { flex: 1; min-height: 0; min-width: 0; display: flex; flex-direction: column; }
h2 { font-size: ${size}pt; margin: 0 0 1mm; color: #41506b; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.text { flex: 1; min-height: 0; overflow: hidden; font-size: ${size}pt; line-height: 1.3; }
.text p { margin: 0 0 0.5em; }
.text.cut { position: relative; }
.text.cut::after { content: "…"; position: absolute; right: 0; bottom: 0; background: #fff; padding-left: 0.5em; }
.lines { flex: 1; background: repeating-linear-gradient(to bottom, transparent 0, transparent 7.5mm, #b8bfcc 7.5mm, #b8bfcc 7.8mm); }`;
}

export function handoutHtml(input: HandoutInput): string {
  const per = input.layout;
  const sheets: string[] = [];
  for (let i = 0; i < Math.max(1, input.slides.length); i += per) {
    const band = i === 0 ? `<h1>${esc(input.deckTitle)}</h1>` : '';
    const slots = input.slides
      .slice(i, i + per)
      .map((s) => slot(s, input))
      .join('');
    sheets.push(`<section class="sheet"><div class="band">${band}</div><div class="grid">${slots}</div></section>`);
  }
  const title = `${input.deckTitle} — ${input.words.notes}`;
  const figures = figureSheets(input.figures ?? [], figureBox(input.box));
  return `<!doctype html><html lang="${esc(input.lang)}"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${css(input)}
${FIGURE_CSS}</style></head><body>${sheets.join('')}${figures}</body></html>`;
}

/** Handout pages for `slides` slides and `figures` figure pages. */
export const handoutPages = (slides: number, layout: HandoutLayout, figures = 0) =>
  Math.max(1, Math.ceil(slides / layout)) + figures;
