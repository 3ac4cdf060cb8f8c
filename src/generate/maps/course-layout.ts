// The course map's grid: parts side by side, each part's chapters in a grid of at most `rows`
// rows, filled row by row (left to right, then the next row, like text) with an arrow from each
// chapter to the next one in its row, so the reading order is visible whatever the part's size.
// `rows` is chosen so that the whole map comes out as close to 16:9 as possible (and between
// 4:3 and 21:9 whenever some choice allows it), from the boxes' sizes measured with the diagram
// font (./wrap.ts: the bold title, then the core idea), so it fills a 16:9 slide and the A3
// study map instead of a tall column.
import { textWidth, wrapLines, FONT_SIZE } from './wrap.ts';

/** Default line width of a chapter box (px); the template asks `{{titled label idea wrap=@root.map.wrap}}`. */
export const BOX_WIDTH = 220;

export const TARGET_ASPECT = 16 / 9;
export const MIN_ASPECT = 4 / 3;
export const MAX_ASPECT = 21 / 9;

/**
 * Mermaid flowchart geometry at 16 px, as measured in Chromium (test/course-map-look.test.ts
 * checks the estimate against the rendered map): box padding, line height, the gaps between a
 * part's columns and rows and between parts, a part's padding (its title on top), the margin
 * and the diagram title above everything.
 */
const PAD_X = 30;
const PAD_Y = 25;
const LINE = 17.6;
const COL_GAP = 24;
const ROW_GAP = 50;
const PART_GAP = 62;
const PART_SIDE = 24;
const PART_TOP = 46;
const PART_BOTTOM = 24;
const MARGIN = 8;
const TITLE = 54;
/** The invisible dots that end the rows of a one-part map (gridChains): a 14 px circle, a rank away. */
const ANCHOR = 14 + 50;

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

/** Columns of a part of `count` chapters in a grid of at most `rows` rows (as few as possible). */
export const columnCount = (count: number, rows: number): number => Math.ceil(count / Math.max(1, rows));

/**
 * `items` laid out row by row in at most `rows` rows, returned as columns (top to bottom):
 * item i sits in row ⌊i / columns⌋, column i mod columns.
 */
export function columnsOf<T>(items: readonly T[], rows: number): T[][] {
  const n = columnCount(items.length, rows);
  const out: T[][] = Array.from({ length: n }, () => []);
  for (const [i, item] of items.entries()) out[i % n]!.push(item);
  return out;
}

/** Height of an invisible placeholder box (an empty label: one line and the padding). */
const GAP_HEIGHT = LINE + PAD_Y;

/**
 * Estimated width/height of the map with parts of these box sizes laid out `rows` high; its
 * tallest part sets the height. In a part, each row is one chain of links, so dagre centres the
 * row's boxes on one line; two rows lie as far apart as the tallest pair of neighbours in any
 * column needs (half of each box plus the gap): one tall box pushes its neighbour rows apart
 * rather than adding its whole height to its row.
 */
export function estimateAspect(parts: ReadonlyArray<readonly BoxSize[]>, rows: number): number {
  let width = 2 * MARGIN + PART_GAP * Math.max(0, parts.length - 1) + (parts.length === 1 ? ANCHOR : 0);
  let tallest = 0;
  for (const boxes of parts) {
    const cols = columnsOf(boxes, rows);
    width +=
      cols.reduce((sum, col) => sum + Math.max(0, ...col.map((b) => b.width)), 0) +
      COL_GAP * Math.max(0, cols.length - 1) +
      2 * PART_SIDE;
    tallest = Math.max(tallest, partHeight(cols.filter((c) => c.length > 0).map((c) => c.map((b) => b.height))));
  }
  return tallest > 0 ? width / (TITLE + MARGIN + PART_TOP + tallest + PART_BOTTOM + MARGIN) : 1;
}

/** Height of a part's grid, given each column's box heights by row (a short column ends in a placeholder). */
function partHeight(columns: number[][]): number {
  const used = Math.max(0, ...columns.map((c) => c.length));
  if (used === 0) return 0;
  const h = (col: number[], r: number) => col[r] ?? GAP_HEIGHT;
  let height = Math.max(...columns.map((c) => h(c, 0) / 2)) + Math.max(...columns.map((c) => h(c, used - 1) / 2));
  for (let r = 0; r + 1 < used; r++) height += Math.max(...columns.map((c) => (h(c, r) + h(c, r + 1)) / 2)) + ROW_GAP;
  return height;
}

/** Line widths (px) a chapter box may have; wider boxes make a flatter map. */
export const BOX_WIDTHS = [180, 220, 260] as const;

export interface Layout {
  rows: number;
  /** Line width of the chapter boxes, px. */
  wrap: number;
  aspect: number;
}

/**
 * Rows (at most, per part) and box width whose estimated aspect is nearest 16:9 (on a log scale),
 * preferring layouts within 4:3–21:9 and then the middle box width.
 */
export function chooseLayout(texts: ReadonlyArray<readonly BoxText[]>): Layout {
  const most = Math.max(1, ...texts.map((p) => p.length));
  let best: Layout = { rows: most, wrap: BOX_WIDTH, aspect: 1 };
  let bestScore = Infinity;
  for (const wrap of BOX_WIDTHS) {
    const parts = texts.map((p) => p.map((t) => boxSize(t, wrap)));
    for (let rows = 1; rows <= most; rows++) {
      const aspect = estimateAspect(parts, rows);
      const score =
        Math.abs(Math.log(aspect / TARGET_ASPECT)) +
        (aspect < MIN_ASPECT || aspect > MAX_ASPECT ? 1 : 0) +
        (wrap === BOX_WIDTH ? 0 : 0.1);
      if (score < bestScore) {
        best = { rows, wrap, aspect };
        bestScore = score;
      }
    }
  }
  return best;
}

/** A node of a row's chain and the link that leads to it from the previous one ('' for the first). */
export interface ChainLink {
  id: string;
  /** `-->` from a chapter to the next chapter of its part, else `~~~` (invisible). */
  link: '' | '-->' | '~~~';
}

export interface Grid {
  /** One chain per row, left to right: arrows between a part's chapters, else invisible links. */
  chains: ChainLink[][];
  /** Per part, the ids of invisible placeholder boxes that keep later columns in line. */
  gaps: string[][];
  /** Invisible dots outside every part that end each row when there is only one part. */
  anchors: string[];
}

/**
 * The rows of the grid as chains of ids across every column of every part. In a left-to-right
 * flowchart a node's column is its position in its chain, so a row that is short in one column
 * gets a placeholder there (row-major filling puts them only at the end of a part's last row).
 * Only rows some part uses are kept.
 */
export function gridChains(parts: ReadonlyArray<{ chapters: ReadonlyArray<{ id: string }> }>, rows: number): Grid {
  const columns: Array<{ part: number; ids: string[] }> = [];
  for (const [p, part] of parts.entries())
    for (const col of columnsOf(
      part.chapters.map((c) => c.id),
      rows,
    ))
      columns.push({ part: p, ids: col });
  const gaps: string[][] = parts.map(() => []);
  const chains: ChainLink[][] = [];
  const used = Math.max(0, ...columns.map((c) => c.ids.length));
  for (let r = 0; r < used; r++) {
    // Every row runs through every column (placeholders where a column is short), so that rows
    // keep their order and every part box spans all rows.
    const chain: ChainLink[] = [];
    for (let i = 0; i < columns.length; i++) {
      const col = columns[i]!;
      const id = col.ids[r];
      const prev = columns[i - 1];
      const arrow = id !== undefined && prev?.part === col.part && prev.ids[r] !== undefined;
      if (id === undefined) gaps[col.part]!.push(`gap${r + 1}x${i + 1}`);
      chain.push({ id: id ?? `gap${r + 1}x${i + 1}`, link: i === 0 ? '' : arrow ? '-->' : '~~~' });
    }
    // Dagre orders rows that never leave their subgraph as it likes (row 3 above row 1): with
    // one part, each row runs on to an invisible dot outside it, as rows between parts do.
    if (parts.length === 1) chain.push({ id: `end${r + 1}`, link: '~~~' });
    if (chain.length > 0) chains.push(chain);
  }
  return { chains, gaps, anchors: parts.length === 1 ? chains.map((_, r) => `end${r + 1}`) : [] };
}
