// The guard's inline pass (see ../guard.ts): emphasis, strikethrough, links and images in one
// paragraph-like run of lines. Code spans and escapes are skipped; "*", "_" and "~" runs open and
// close by CommonMark's flanking rules; matched delimiters deeper than `limit` are neutralised
// with their closers (./delimiters.ts). Pure.
//
// Density, not depth (the `density` pass, run once after the nesting passes): micromark is
// quadratic in the delimiter runs that can both open and close (`a***a`) and in the link brackets
// of one paragraph, even flat ones (`a***` × 30,000 took 68 s, `[a](<b` × 30,000 23 s). Past
// DENSITY_BUDGET intraword `*`/`~` runs, or DENSITY_BUDGET `]`, in one paragraph-like run of
// lines, every further one (and every further `[`) is neutralised (kept as text), so parsing stays
// linear. Flat `*a* ` runs, lone `[` and `_` (never intraword emphasis: snake_case) are not counted.
export const DENSITY_BUDGET = 500;

/** Is the run from `i` to `j` both left- and right-flanking (intraword, like `a***a`)? */
function bothFlanking(seg: string, i: number, j: number): boolean {
  const before = i > 0 ? seg[i - 1]! : ' ';
  const after = j < seg.length ? seg[j]! : ' ';
  return !WS.test(before) && !WS.test(after) && !PUNCT.test(before) && !PUNCT.test(after);
}
import { Delimiters } from './delimiters.ts';
import type { Mark, Position } from './markers.ts';

const PUNCT = /[\p{P}\p{S}]/u;
const WS = /\s/u;

/** Can the run of `c` from `i` to `j` open and/or close emphasis (CommonMark flanking rules)? */
function flanking(seg: string, c: string, i: number, j: number): { canOpen: boolean; canClose: boolean } {
  const before = i > 0 ? seg[i - 1]! : ' ';
  const after = j < seg.length ? seg[j]! : ' ';
  const wsB = WS.test(before);
  const wsA = WS.test(after);
  const pB = PUNCT.test(before);
  const pA = PUNCT.test(after);
  const left = !wsA && (!pA || wsB || pB);
  const right = !wsB && (!pB || wsA || pA);
  if (c === '_') return { canOpen: left && (!right || pB), canClose: right && (!left || pA) };
  if (c === '~' && j - i > 2) return { canOpen: false, canClose: false };
  return { canOpen: left, canClose: right };
}

/** Index just after a closing backtick run of exactly `run` characters, or null. */
function findBacktickClose(seg: string, from: number, run: number): number | null {
  let i = from;
  for (;;) {
    const k = seg.indexOf('`', i);
    if (k === -1) return null;
    let j = k;
    while (seg[j] === '`') j++;
    if (j - k === run) return j;
    i = j;
  }
}

/** The run of `c` at `i`: closes what it can, opens with the rest; returns the index after it. */
function delimiterRun(seg: string, i: number, c: string, d: Delimiters): number {
  let j = i;
  while (seg[j] === c) j++;
  const { canOpen, canClose } = flanking(seg, c, i, j);
  const remaining = canClose ? d.closeRun(c, j, j - i) : j - i;
  if (canOpen && remaining > 0) {
    const chars: number[] = [];
    for (let k = j - remaining; k < j; k++) chars.push(k);
    d.open(c, chars);
  }
  return j;
}

/** Scans lines `from`..`to` (their content, without container prefixes) as one paragraph. */
export function scanInline(
  lines: readonly string[],
  contentStart: Int32Array,
  from: number,
  to: number,
  limit: number,
  mark: Mark,
  density = false,
): { first: Position | null; max: number; dense: Position | null } {
  // Join the content of the run's lines into one string; `starts` maps offsets back to lines.
  const starts: number[] = [];
  const parts: string[] = [];
  let offset = 0;
  for (let l = from; l < to; l++) {
    const part = lines[l]!.slice(contentStart[l]!);
    starts.push(offset);
    parts.push(part);
    offset += part.length + 1;
  }
  const seg = parts.join('\n');
  const lineOf = (pos: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  let firstPos = -1;
  let densePos = -1;
  const markAt = (pos: number) => {
    const lo = lineOf(pos);
    mark(from + lo, contentStart[from + lo]! + pos - starts[lo]!);
  };
  const d = new Delimiters(limit, (pos) => {
    markAt(pos);
    if (firstPos === -1 || pos < firstPos) firstPos = pos;
  });
  let runs = 0;
  let brackets = 0;
  let lastOpen = -1;
  const tooDense = (pos: number, end: number) => {
    for (let k = pos; k < end; k++) markAt(k);
    if (densePos === -1) densePos = pos;
    return end;
  };
  const at = (pos: number): Position => {
    const lo = lineOf(pos);
    return { line: from + lo + 1, column: contentStart[from + lo]! + pos - starts[lo]! + 1 };
  };
  let i = 0;
  while (i < seg.length) {
    const c = seg[i]!;
    if (c === '\\') i += 2;
    else if (c === '`') {
      let j = i;
      while (seg[j] === '`') j++;
      i = findBacktickClose(seg, j, j - i) ?? j;
    } else if (density) {
      if (c === '[') {
        // Lone openers are cheap: only closers count. Past the budget, openers go too, and so
        // does the opener of the first cut closer (a dangling "[" costs as much as the rest).
        if (brackets > DENSITY_BUDGET) i = tooDense(i, i + 1);
        else {
          lastOpen = i;
          i++;
        }
      } else if (c === ']') {
        if (++brackets > DENSITY_BUDGET) {
          if (lastOpen >= 0) tooDense(lastOpen, lastOpen + 1);
          lastOpen = -1;
          i = tooDense(i, i + 1);
        } else i++;
      } else if (c === '*' || c === '~') {
        // Not "_": intraword underscores (snake_case) are common and never emphasis.
        let j = i;
        while (seg[j] === c) j++;
        i = bothFlanking(seg, i, j) && ++runs > DENSITY_BUDGET ? tooDense(i, j) : j;
      } else i++;
    } else if (c === '[') {
      d.open('[', [i]);
      i++;
    } else if (c === ']') {
      d.closeBracket(i);
      i++;
    } else if (c === '*' || c === '_' || c === '~') i = delimiterRun(seg, i, c, d);
    else i++;
  }
  const dense = densePos === -1 ? null : at(densePos);
  if (firstPos === -1) return { first: null, max: d.max, dense };
  return { first: at(firstPos), max: d.max, dense };
}
