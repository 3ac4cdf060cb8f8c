// Printable flashcards (pure): 8 cards per A4 page (2 × 4), fronts and backs on alternating
// pages. For double-sided printing flipped on the long edge, a back page mirrors its front page
// horizontally: the card printed top-left on a front page has its back top-right on the next
// page, so each back lands behind its front. Cut marks sit in the margin on every cut line.
// Templates: templates/flashcards/cards.html.hbs (the sheet) and card.hbs (one printed card).
import { createHash } from 'node:crypto';
import Handlebars from 'handlebars';
import type { TemplateSet } from '../templates.ts';
import { sourceText, type Card } from './cards.ts';
import { STRINGS, stringsFor, type UiStrings } from '../strings.ts';

export const SHEET = { widthMm: 210, heightMm: 297, cols: 2, rows: 4, cardWidthMm: 95, cardHeightMm: 65 } as const;
export const CARDS_PER_PAGE = SHEET.cols * SHEET.rows;
const LEFT = (SHEET.widthMm - SHEET.cols * SHEET.cardWidthMm) / 2;
const TOP = (SHEET.heightMm - SHEET.rows * SHEET.cardHeightMm) / 2;
/** Cut marks: length and the gap left between a mark and the card grid, mm. */
const MARK = { length: 6, gap: 2 };

/** The label printed on a card of each kind, in the course's language. */
export function kindLabel(kind: Card['kind'], t: UiStrings = STRINGS['en']!): string {
  const labels: Record<Card['kind'], string> = {
    definition: t.definition,
    takeaway: t.keyTakeaway,
    analogy: t.analogy,
    'analogy-reverse': t.whichIdea,
    insight: t.finalInsight,
    quiz: t.quizQuestion.replace(/\s*\{n\}\s*/, ' ').trim(),
    rule: t.ruleCard,
  };
  return labels[kind];
}

export interface SheetFace {
  /** Card number in the set (1-based): front and back carry the same one. */
  n: number;
  guid: string;
  side: 'front' | 'back';
  xMm: number;
  yMm: number;
  kind: string;
  chapter: string;
  /** Plain text (the template escapes it); for a cloze, before/answer/after. */
  text: string;
  cloze: { before: string; answer: string; after: string; blank: boolean } | null;
  source: string;
  /** Type size step: 0 by length, raised by the stage while a face overflows. */
  size: number;
}

export interface SheetPage {
  side: 'front' | 'back';
  faces: SheetFace[];
  /** Front pages: the PDF bookmark and the line in the top margin ("1–8 · 1. The Colony, 2. Agreement"). */
  heading: string | null;
}

export interface Mark {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface SheetData {
  title: string;
  /** `<html lang>` and the interface words in the course's language. */
  lang: string;
  t: UiStrings;
  sheet: typeof SHEET;
  pages: SheetPage[];
  marks: Mark[];
  /** Top and left margins of the card grid, in mm (the page heading sits in the top one). */
  top: number;
  left: number;
}

/** Starting type size step by text length (0 largest … 4 smallest). */
export function sizeFor(text: string): number {
  const n = text.length;
  return n < 50 ? 0 : n < 120 ? 1 : n < 220 ? 2 : n < 360 ? 3 : 4;
}
export const MAX_SIZE = 6;

function cutMarks(): Mark[] {
  const marks: Mark[] = [];
  const right = LEFT + SHEET.cols * SHEET.cardWidthMm;
  const bottom = TOP + SHEET.rows * SHEET.cardHeightMm;
  for (let c = 0; c <= SHEET.cols; c++) {
    const x = LEFT + c * SHEET.cardWidthMm;
    marks.push(
      { x1: x, y1: TOP - MARK.gap - MARK.length, x2: x, y2: TOP - MARK.gap },
      { x1: x, y1: bottom + MARK.gap, x2: x, y2: bottom + MARK.gap + MARK.length },
    );
  }
  for (let r = 0; r <= SHEET.rows; r++) {
    const y = TOP + r * SHEET.cardHeightMm;
    marks.push(
      { x1: LEFT - MARK.gap - MARK.length, y1: y, x2: LEFT - MARK.gap, y2: y },
      { x1: right + MARK.gap, y1: y, x2: right + MARK.gap + MARK.length, y2: y },
    );
  }
  return marks;
}

/** Where slot `i` (0–7, row by row) of a page sits; back pages mirror the columns. */
export function slotPosition(
  i: number,
  side: 'front' | 'back',
): { xMm: number; yMm: number; col: number; row: number } {
  const row = Math.floor(i / SHEET.cols);
  const frontCol = i % SHEET.cols;
  const col = side === 'front' ? frontCol : SHEET.cols - 1 - frontCol;
  return { xMm: LEFT + col * SHEET.cardWidthMm, yMm: TOP + row * SHEET.cardHeightMm, col, row };
}

function face(
  card: Card,
  n: number,
  slot: number,
  side: 'front' | 'back',
  sizes: ReadonlyMap<string, number>,
  t: UiStrings,
  sources: boolean,
): SheetFace {
  const { xMm, yMm } = slotPosition(slot, side);
  const text = side === 'front' ? card.front : card.back;
  const cloze = card.cloze ? { ...card.cloze, blank: side === 'front' } : null;
  const id = `${card.guid}:${side}`;
  return {
    n,
    guid: card.guid,
    side,
    xMm,
    yMm,
    kind: kindLabel(card.kind, t),
    chapter: `${card.chapter}. ${card.chapterTitle}`,
    text,
    cloze,
    // A student reads the card, not the course file: the file:line stays in the CSV and Anki fields.
    source: sources ? card.sources.map(sourceText).join(', ') : '',
    size: sizes.get(id) ?? sizeFor(text),
  };
}

/** Pages of the sheet: fronts of cards 1–8, their backs, fronts of 9–16, … */
export function sheetData(
  title: string,
  cards: readonly Card[],
  sizes: ReadonlyMap<string, number> = new Map(),
  language = 'en',
  sources = false,
): SheetData {
  const t = stringsFor(language);
  const pages: SheetPage[] = [];
  for (let start = 0; start < cards.length; start += CARDS_PER_PAGE) {
    const group = cards.slice(start, start + CARDS_PER_PAGE);
    const chapters = [...new Set(group.map((c) => `${c.chapter}. ${c.chapterTitle}`))].join(', ');
    const heading = `${start + 1}–${start + group.length} · ${chapters}`;
    for (const side of ['front', 'back'] as const)
      pages.push({
        side,
        faces: group.map((c, i) => face(c, start + i + 1, i, side, sizes, t, sources)),
        heading: side === 'front' ? heading : null,
      });
  }
  return { title, lang: language, t, sheet: SHEET, pages, marks: cutMarks(), top: TOP, left: LEFT };
}

export interface SheetTemplate {
  render(data: SheetData): string;
  fingerprint: string;
}

/** The sheet template with the card partial, HTML-escaping every value (user overrides apply). */
export function sheetTemplate(templates: Pick<TemplateSet, 'source'>): SheetTemplate {
  const hb = Handlebars.create();
  const card = templates.source('flashcards/card.hbs').text;
  const page = templates.source('flashcards/cards.html.hbs').text;
  hb.registerPartial('card', hb.compile(card, { strict: false }));
  const compiled = hb.compile(page, { strict: false });
  return {
    render: (data) => compiled(data, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false }),
    fingerprint: createHash('sha256').update(`${card}\0${page}`).digest('hex'),
  };
}
