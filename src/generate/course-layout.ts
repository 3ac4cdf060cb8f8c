// The course map's grid: parts side by side, each part's chapters in columns of at most `rows`
// boxes. `rows` is chosen so that the whole map comes out as close to 16:9 as possible (and
// between 4:3 and 21:9 whenever some choice allows it), from the boxes' sizes measured with the
// diagram font (./wrap.ts), so it fills a 16:9 slide and the A3 study map instead of a tall column.
import { textWidth, wrapLines } from './wrap.ts';

/** Default line width of a chapter box (px); the template asks `{{label box wrap=@root.map.wrap}}`. */
export const BOX_WIDTH = 220;

export const TARGET_ASPECT = 16 / 9;
export const MIN_ASPECT = 4 / 3;
export const MAX_ASPECT = 21 / 9;

/** Mermaid flowchart geometry (defaults at 16 px): node padding, spacing, line height, subgraph title. */
const PAD_X = 30;
const PAD_Y = 30;
const GAP_X = 50;
const GAP_Y = 50;
const LINE = 17.6;
const PART_TITLE = 40;
const PART_PAD = 16;

export interface BoxSize {
  width: number;
  height: number;
}

/** Size of a flowchart box whose label is `text` (lines already broken by the generator). */
export function boxSize(text: string, wrap = BOX_WIDTH): BoxSize {
  const lines = text.split('\n').flatMap((l) => wrapLines(l, wrap));
  const width = Math.max(0, ...lines.map((l) => textWidth(l))) + PAD_X;
  return { width, height: lines.length * LINE + PAD_Y };
}

/** Splits `items` into columns of at most `rows`. */
export function columnsOf<T>(items: readonly T[], rows: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += rows) out.push(items.slice(i, i + rows));
  return out;
}

/** Estimated width/height of the map with parts of these box sizes laid out `rows` high. */
export function estimateAspect(parts: ReadonlyArray<readonly BoxSize[]>, rows: number): number {
  let width = 0;
  let height = 0;
  for (const boxes of parts) {
    const cols = columnsOf(boxes, rows);
    const w = cols.reduce((sum, col) => sum + Math.max(0, ...col.map((b) => b.width)), 0) + GAP_X * Math.max(0, cols.length - 1);
    const h = Math.max(0, ...cols.map((col) => col.reduce((s, b) => s + b.height, 0) + GAP_Y * Math.max(0, col.length - 1)));
    width += w + 2 * PART_PAD + (width > 0 ? GAP_X : 0);
    height = Math.max(height, h + PART_TITLE + 2 * PART_PAD);
  }
  return height > 0 ? width / height : 1;
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
 * Rows per column and box width whose estimated aspect is nearest 16:9 (on a log scale),
 * preferring layouts within 4:3–21:9 and then the middle box width.
 */
export function chooseLayout(texts: ReadonlyArray<readonly string[]>): Layout {
  const most = Math.max(1, ...texts.map((p) => p.length));
  let best: Layout = { rows: most, wrap: BOX_WIDTH, aspect: 1 };
  let bestScore = Infinity;
  for (const wrap of BOX_WIDTHS) {
    const parts = texts.map((p) => p.map((t) => boxSize(t, wrap)));
    for (let rows = 1; rows <= most; rows++) {
      const aspect = estimateAspect(parts, rows);
      const score = Math.abs(Math.log(aspect / TARGET_ASPECT)) + (aspect < MIN_ASPECT || aspect > MAX_ASPECT ? 1 : 0) + (wrap === BOX_WIDTH ? 0 : 0.1);
      if (score < bestScore) {
        best = { rows, wrap, aspect };
        bestScore = score;
      }
    }
  }
  return best;
}

export interface Grid {
  /** One chain of node ids per row, left to right (drawn as invisible links). */
  chains: string[][];
  /** Per part, the ids of invisible placeholder boxes that keep later columns in line. */
  gaps: string[][];
}

/**
 * The rows of the grid as chains of ids across every column of every part. In a left-to-right
 * flowchart a node's column is its position in its chain, so a row that is short in one column
 * gets a placeholder there.
 */
export function gridChains(parts: ReadonlyArray<{ chapters: ReadonlyArray<{ id: string }> }>, rows: number): Grid {
  const columns: Array<{ part: number; ids: string[] }> = [];
  for (const [p, part] of parts.entries()) for (const col of columnsOf(part.chapters.map((c) => c.id), rows)) columns.push({ part: p, ids: col });
  const gaps: string[][] = parts.map(() => []);
  const chains: string[][] = [];
  for (let r = 0; r < rows; r++) {
    // Every row runs through every column (placeholders where a column is short), so that rows
    // keep their order and every part box spans all rows.
    const chain: string[] = [];
    for (let i = 0; i < columns.length; i++) {
      const col = columns[i]!;
      const id = col.ids[r] ?? `gap${r + 1}x${i + 1}`;
      if (col.ids[r] === undefined) gaps[col.part]!.push(id);
      chain.push(id);
    }
    if (chain.length > 0) chains.push(chain);
  }
  return { chains, gaps };
}
