// The course map's layout: parts as rows, top to bottom, and in each part its chapters left to
// right, wrapping onto further rows of at most `perRow` chapters, like text. Arrows join each
// chapter to the next one in its row, each row to the next row of its part, and each part to the
// next part, so the whole course reads as one sequence and no arrow crosses a box. `perRow` is
// chosen so that the map comes out as close to 16:9 as possible (and between 4:3 and 21:9
// whenever some choice allows it), from the boxes' sizes measured with the diagram font
// (./wrap.ts: the bold title, then the core idea), so it fills a 16:9 slide and the A3 study map.
import { textWidth, wrapLines, FONT_SIZE } from './wrap.ts';

/** Default line width of a chapter box (px); the template asks `{{titled label idea wrap=@root.map.wrap}}`. */
export const BOX_WIDTH = 220;

export const TARGET_ASPECT = 16 / 9;
export const MIN_ASPECT = 4 / 3;
export const MAX_ASPECT = 21 / 9;

/**
 * Mermaid flowchart geometry at 16 px, as measured in Chromium (test/course-map-look.test.ts
 * checks the estimate against the rendered map): box padding and line height; in a row, the gap
 * between boxes and the row's padding; in a part, the gap between rows and the part's padding
 * (its title on top); the gap between parts, the margin and the diagram title above everything.
 */
const PAD_X = 30;
const PAD_Y = 25;
const LINE = 17.6;
const BOX_GAP = 24;
const ROW_SIDE = 24;
const ROW_TOP_BOTTOM = 24;
const ROW_GAP = 40;
const PART_SIDE = 24;
const PART_TOP = 46;
const PART_BOTTOM = 24;
const PART_GAP = 40;
const MARGIN = 8;
const TITLE = 54;

export interface BoxSize {
  width: number;
  height: number;
}

/** What a chapter box shows: its title (bold), then its core idea (regular), each wrapped. */
export interface BoxText {
  title: string;
  idea: string;
}

/** The rows of a box: the title's lines in bold, then the idea's, within `wrap` px each. */
export function boxLines(box: BoxText, wrap = BOX_WIDTH): Array<{ text: string; bold: boolean }> {
  return [
    ...wrapLines(box.title, wrap, 'bold').map((text) => ({ text, bold: true })),
    ...wrapLines(box.idea, wrap).map((text) => ({ text, bold: false })),
  ];
}

/** Size of a flowchart box showing `box` with lines of at most `wrap` px. */
export function boxSize(box: BoxText, wrap = BOX_WIDTH): BoxSize {
  const lines = boxLines(box, wrap);
  const width = Math.max(0, ...lines.map((l) => textWidth(l.text, FONT_SIZE, l.bold ? 'bold' : 'normal'))) + PAD_X;
  return { width, height: lines.length * LINE + PAD_Y };
}

/** `items` cut into rows of at most `perRow` (the last row may be shorter), in reading order. */
export function rowsOf<T>(items: readonly T[], perRow: number): T[][] {
  const n = Math.max(1, perRow);
  return Array.from({ length: Math.ceil(items.length / n) }, (_, r) => items.slice(r * n, (r + 1) * n));
}

/** Size of a part whose chapter boxes are laid out in rows of at most `perRow`. */
function partSize(boxes: readonly BoxSize[], perRow: number): BoxSize {
  const rows = rowsOf(boxes, perRow).map((row) => ({
    width: row.reduce((sum, b) => sum + b.width, 0) + BOX_GAP * (row.length - 1) + 2 * ROW_SIDE,
    height: Math.max(...row.map((b) => b.height)) + 2 * ROW_TOP_BOTTOM,
  }));
  return {
    width: Math.max(0, ...rows.map((r) => r.width)) + 2 * PART_SIDE,
    height:
      rows.reduce((sum, r) => sum + r.height, 0) + ROW_GAP * Math.max(0, rows.length - 1) + PART_TOP + PART_BOTTOM,
  };
}

/** Estimated width/height of the map: parts of these box sizes stacked, each in rows of at most `perRow`. */
export function estimateAspect(parts: ReadonlyArray<readonly BoxSize[]>, perRow: number): number {
  const sizes = parts.filter((p) => p.length > 0).map((p) => partSize(p, perRow));
  if (sizes.length === 0) return 1;
  const width = Math.max(...sizes.map((s) => s.width)) + 2 * MARGIN;
  const height = sizes.reduce((sum, s) => sum + s.height, 0) + PART_GAP * (sizes.length - 1) + TITLE + 2 * MARGIN;
  return width / height;
}

/** Line widths (px) a chapter box may have; wider boxes make a flatter map. */
export const BOX_WIDTHS = [180, 220, 260] as const;

export interface Layout {
  /** Most chapters in one row of a part. */
  perRow: number;
  /** Line width of the chapter boxes, px. */
  wrap: number;
  aspect: number;
}

/**
 * Chapters per row and box width whose estimated aspect is nearest 16:9 (on a log scale),
 * preferring layouts within 4:3–21:9 and then the middle box width.
 */
export function chooseLayout(texts: ReadonlyArray<readonly BoxText[]>): Layout {
  const most = Math.max(1, ...texts.map((p) => p.length));
  let best: Layout = { perRow: most, wrap: BOX_WIDTH, aspect: 1 };
  let bestScore = Infinity;
  for (const wrap of BOX_WIDTHS) {
    const parts = texts.map((p) => p.map((t) => boxSize(t, wrap)));
    for (let perRow = 1; perRow <= most; perRow++) {
      const aspect = estimateAspect(parts, perRow);
      const score =
        Math.abs(Math.log(aspect / TARGET_ASPECT)) +
        (aspect < MIN_ASPECT || aspect > MAX_ASPECT ? 1 : 0) +
        (wrap === BOX_WIDTH ? 0 : 0.1);
      if (score < bestScore) {
        best = { perRow, wrap, aspect };
        bestScore = score;
      }
    }
  }
  return best;
}
