// The guard's container pass (see ../guard.ts): block quotes and list items. It walks the text
// line by line with a small model of CommonMark containers — the quote and list markers of a
// line, plus open list items carried across lines by indentation — and marks every marker that
// would open a container deeper than `limit`. Pure.
import { fenceStep, openFence, type Fence } from './fences.ts';
import { isSpace, listMarkerEnd, thematicBreakTest, type Mark, type Position } from './markers.ts';

export interface ContainerPass {
  /** Per line: the index where its content starts (after its container markers). */
  contentStart: Int32Array;
  /** Per line: 1 when the line is inside (or closes) a fenced code block. */
  inFence: Uint8Array;
  first: Position | null;
  /** Deepest nesting seen (at least; the open-item stack is capped). */
  max: number;
}

interface State {
  /** Open list items, as the column where their content starts (tabs expanded). */
  stack: number[];
  /** Capped so memory stays bounded on hostile input; depth is then "at least". */
  stackCap: number;
  previousBlank: boolean;
  fence: Fence | null;
  first: Position | null;
  max: number;
}

/** One container marker at `i` (column `col`): where it is, and where the line goes on after it. */
interface Marker {
  markChar: number;
  next: number;
  nextCol: number;
  contentCol: number;
  isList: boolean;
}

const advanceCol = (c: string | undefined, col: number): number => (c === '\t' ? col + 4 - (col % 4) : col + 1);

function markerAt(line: string, i: number, col: number, isThematicBreakFrom: (i: number) => boolean): Marker | null {
  if (line[i] === '>') {
    let next = i + 1;
    let nextCol = col + 1;
    if (line[next] === ' ') {
      next++;
      nextCol++;
    }
    return { markChar: i, next, nextCol, contentCol: nextCol, isList: false };
  }
  const end = listMarkerEnd(line, i);
  if (end === -1 || isThematicBreakFrom(i)) return null;
  const markChar = end - 1; // the "-", "*", "+", "." or ")"
  const markerCol = col + (end - i);
  let j = end;
  let sp = 0;
  while (isSpace(line[j]) && sp < 5) {
    sp++;
    j++;
  }
  // Empty item, or content that is indented code: content column is one past the marker.
  if (j >= line.length || sp >= 5)
    return { markChar, next: end, nextCol: markerCol, contentCol: markerCol + 1, isList: true };
  return { markChar, next: j, nextCol: markerCol + sp, contentCol: markerCol + sp, isList: true };
}

/** Walks one non-blank, non-fenced line's container markers; returns where its content starts. */
function containerLine(s: State, line: string, ln: number, limit: number, mark: Mark): number {
  // Indentation before the first marker or content.
  let i = 0;
  let col = 0;
  while (isSpace(line[i])) col = advanceCol(line[i++], col);
  const indent = col;
  const isThematicBreakFrom = thematicBreakTest(line);
  let contentCol = s.stack.length > 0 ? s.stack[s.stack.length - 1]! : 0;
  const firstIsList = indent - contentCol < 4 && listMarkerEnd(line, i) !== -1 && !isThematicBreakFrom(i);
  const firstIsQuote = indent - contentCol < 4 && line[i] === '>';
  // Open list items survive a dedented line only as lazy paragraph continuation text.
  if (firstIsList || firstIsQuote || s.previousBlank) {
    while (s.stack.length > 0 && s.stack[s.stack.length - 1]! > indent) s.stack.pop();
    contentCol = s.stack.length > 0 ? s.stack[s.stack.length - 1]! : 0;
  }
  let depth = s.stack.length;
  let quotes = 0;
  let cut = false; // some marker on this line was neutralised: the rest is paragraph text
  for (;;) {
    if (i > 0) while (isSpace(line[i])) col = advanceCol(line[i++], col);
    if (i >= line.length || col - contentCol >= 4) break; // end, or indented code / continuation text
    const m = markerAt(line, i, col, isThematicBreakFrom);
    if (!m) break;
    contentCol = m.contentCol;
    if (!m.isList) quotes++;
    depth++;
    if (depth > limit) {
      mark(ln, m.markChar);
      cut = true;
      s.first ??= { line: ln + 1, column: m.markChar + 1 };
    }
    if (m.isList && s.stack.length < s.stackCap) s.stack.push(contentCol);
    i = m.next;
    col = m.nextCol;
    if (m.isList && m.nextCol !== contentCol) break; // empty item / code content: nothing more to open
  }
  if (depth > s.max) s.max = depth;
  s.previousBlank = false;
  // A fence opens only where content starts (not after cut markers, not in indented code).
  // Inside a list item the fence lasts while lines reach the item's content column (the fence may
  // open on the marker's own line: "* ~~~"), so that is the indent it ends below.
  const itemCol = s.stack.length > 0 ? s.stack[s.stack.length - 1]! : 0;
  if (!cut && col - contentCol < 4) s.fence = openFence(line.slice(i), quotes, itemCol);
  return i;
}

/** The container pass over all lines (see the file header). */
export function scanContainers(lines: readonly string[], limit: number, mark: Mark): ContainerPass {
  const s: State = {
    stack: [],
    stackCap: Math.max(limit * 10, 10_000),
    previousBlank: true,
    fence: null,
    first: null,
    max: 0,
  };
  const contentStart = new Int32Array(lines.length);
  const inFence = new Uint8Array(lines.length);
  for (let ln = 0; ln < lines.length; ln++) {
    const line = lines[ln]!;
    if (s.fence) {
      const step = fenceStep(s.fence, line);
      if (step !== 'ended') {
        inFence[ln] = 1;
        if (step === 'close') {
          s.fence = null;
          s.previousBlank = false;
        }
        continue;
      }
      s.fence = null;
    }
    if (/^[ \t]*$/.test(line)) {
      contentStart[ln] = line.length;
      s.previousBlank = true;
      continue;
    }
    contentStart[ln] = containerLine(s, line, ln, limit, mark);
  }
  return { contentStart, inFence, first: s.first, max: s.max };
}
