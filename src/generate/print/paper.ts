// Paper sizes, the documented condensing rules of the print outputs, and the companion's page
// bounds. Everything here is data; the fit loop (src/render/print.ts) walks the rule lists in
// order and stops at the first level whose print layout fits.

export type Paper = 'a4' | 'letter' | 'a3';
export type Orientation = 'landscape' | 'portrait';

/** Portrait width × height in millimetres. */
const SIZES: Record<Paper, [number, number]> = { a4: [210, 297], letter: [215.9, 279.4], a3: [297, 420] };
export const PAPER_NAMES: Record<Paper, string> = { a4: 'A4', letter: 'Letter', a3: 'A3' };

export interface PageBox {
  paper: Paper;
  orientation: Orientation;
  widthMm: number;
  heightMm: number;
  /** "A3 landscape" for messages. */
  label: string;
}

export function pageBox(paper: Paper, orientation: Orientation): PageBox {
  const [w, h] = SIZES[paper];
  const [widthMm, heightMm] = orientation === 'landscape' ? [h, w] : [w, h];
  return { paper, orientation, widthMm, heightMm, label: `${PAPER_NAMES[paper]} ${orientation}` };
}

/**
 * Study map condensing rules, tried in order until the page fits (each step keeps the cuts of
 * the one before): full content (3 takeaways per chapter, whole core ideas and analogies) →
 * 2 takeaways → analogies cut to 110 characters → 1 takeaway → core ideas cut to 140 and
 * analogies to 80 characters → text at 92 % → 85 % → no takeaways, core ideas cut to 120 →
 * no analogy → core ideas cut to 100, text at 78 %. A takeaway is "concept — essence", cut to
 * 110, then 90, then 70 characters. Short courses first try larger text (see study-map.ts).
 * If even the last level does not fit, the whole sheet is scaled down until it does: the page
 * is condensed, never clipped.
 */
export interface MapLevel {
  takeaways: number;
  /** Longest analogy in characters; null = whole analogy, 0 = none. */
  analogy: number | null;
  idea: number | null;
  /** Longest takeaway text (concept + essence) in characters. */
  takeaway: number;
  /** Font scale, 1 = base size. */
  font: number;
}

export const MAP_LEVELS: readonly MapLevel[] = [
  { takeaways: 3, analogy: null, idea: null, takeaway: 110, font: 1 },
  { takeaways: 2, analogy: null, idea: null, takeaway: 110, font: 1 },
  { takeaways: 2, analogy: 110, idea: null, takeaway: 90, font: 1 },
  { takeaways: 1, analogy: 110, idea: null, takeaway: 90, font: 1 },
  { takeaways: 1, analogy: 80, idea: 140, takeaway: 70, font: 1 },
  { takeaways: 1, analogy: 80, idea: 140, takeaway: 70, font: 0.92 },
  { takeaways: 1, analogy: 80, idea: 140, takeaway: 70, font: 0.85 },
  { takeaways: 0, analogy: 80, idea: 120, takeaway: 70, font: 0.85 },
  { takeaways: 0, analogy: 0, idea: 120, takeaway: 70, font: 0.85 },
  { takeaways: 0, analogy: 0, idea: 100, takeaway: 70, font: 0.78 },
];

/**
 * Companion condensing rules, tried in order until the PDF has no more pages than the upper
 * bound: full content (3 analogies, whole summaries, up to 8 takeaway rows, chapter maps with
 * 7 branches of 5 leaves) → 3 leaves per map branch → 2 analogies → summaries cut to 420
 * characters, 6 branches → 6 takeaway rows, 2 leaves → 1 analogy, summaries cut to 280 → text
 * at 92 % → 4 takeaway rows of two columns, 5 branches → text at 85 %, summaries cut to 200,
 * 1 leaf. If even the last level is too long, it is used as it is and a warning says so.
 */
export interface CompanionLevel {
  analogies: number;
  /** Longest summary in characters; null = whole summary. */
  summary: number | null;
  rows: number;
  /** Takeaway table columns kept (the first ones). */
  columns: number;
  font: number;
  /** Chapter map: branches shown and leaves per branch. */
  branches: number;
  leaves: number;
  /** Authored diagrams per chapter, drawn where space allows (the first to go). */
  diagrams: number;
}

export const COMPANION_LEVELS: readonly CompanionLevel[] = [
  { analogies: 3, summary: null, rows: 8, columns: 3, font: 1, branches: 7, leaves: 5, diagrams: 2 },
  { analogies: 3, summary: null, rows: 8, columns: 3, font: 1, branches: 7, leaves: 3, diagrams: 1 },
  { analogies: 2, summary: null, rows: 8, columns: 3, font: 1, branches: 7, leaves: 3, diagrams: 0 },
  { analogies: 2, summary: 420, rows: 8, columns: 3, font: 1, branches: 6, leaves: 3, diagrams: 0 },
  { analogies: 2, summary: 420, rows: 6, columns: 3, font: 1, branches: 6, leaves: 2, diagrams: 0 },
  { analogies: 1, summary: 280, rows: 6, columns: 3, font: 1, branches: 6, leaves: 2, diagrams: 0 },
  { analogies: 1, summary: 280, rows: 6, columns: 3, font: 0.92, branches: 6, leaves: 2, diagrams: 0 },
  { analogies: 1, summary: 280, rows: 4, columns: 2, font: 0.92, branches: 5, leaves: 2, diagrams: 0 },
  { analogies: 1, summary: 200, rows: 4, columns: 2, font: 0.85, branches: 5, leaves: 1, diagrams: 0 },
];

/** Page bounds of the companion: 3–5 for a 12-chapter course, scaled with the chapter count. */
export function companionPageBounds(chapters: number): { min: number; max: number } {
  const min = Math.max(1, Math.floor(chapters / 4));
  const max = Math.max(min, Math.ceil((chapters * 5) / 12));
  return { min, max };
}
