// Paper sizes, the documented condensing rules of the print outputs, and the companion's page
// bounds. Everything here is data; the fit loop (src/render/documents/print.ts) walks the rule lists in
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
 * Study map condensing rules, tried in order until the page fits. Every cut keeps whole
 * sentences (src/generate/sentences.ts): a core idea keeps at least its first sentence; an
 * analogy is the chapter's best one that fits (else none); a key term keeps the sentences of
 * its explanation that fit, else stands alone. Full content (6 key terms per chapter, whole core
 * ideas and analogies) → 5 terms → 4 → 3 terms, analogies up to 160 characters, core ideas
 * 220 → explanations up to 70 → 2 terms, core ideas 160, analogies 130 → text at 92 % → 85 % →
 * 1 term → no analogy → no terms, text at 78 %. Characters count East Asian wide characters
 * twice. The first level that fits is then set in the largest text (up to 300 %) that still
 * fits, so that the cards fill the page (a short course gets poster-sized text); if even the last level does not fit, the whole sheet is
 * scaled down until it does: the page is condensed, never clipped.
 */
export interface MapLevel {
  /** Key terms per chapter. */
  terms: number;
  /** Longest analogy in characters; null = whole analogy, 0 = none. */
  analogy: number | null;
  /** Longest core idea in characters (its first sentence is always kept); null = whole. */
  idea: number | null;
  /** Longest explanation of a key term in characters. */
  termText: number;
  /** Font scale, 1 = base size. */
  font: number;
}

export const MAP_LEVELS: readonly MapLevel[] = [
  { terms: 6, analogy: null, idea: null, termText: 140, font: 1 },
  { terms: 5, analogy: null, idea: null, termText: 110, font: 1 },
  { terms: 4, analogy: null, idea: null, termText: 90, font: 1 },
  { terms: 3, analogy: 160, idea: 220, termText: 90, font: 1 },
  { terms: 3, analogy: 160, idea: 220, termText: 70, font: 1 },
  { terms: 2, analogy: 130, idea: 160, termText: 70, font: 1 },
  { terms: 2, analogy: 130, idea: 160, termText: 70, font: 0.92 },
  { terms: 2, analogy: 130, idea: 160, termText: 70, font: 0.85 },
  { terms: 1, analogy: 130, idea: 160, termText: 70, font: 0.85 },
  { terms: 1, analogy: 0, idea: 160, termText: 70, font: 0.85 },
  { terms: 0, analogy: 0, idea: 120, termText: 70, font: 0.78 },
];

/** Largest font scale tried when a level fits with room to spare. */
export const MAX_MAP_FONT = 3;

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
