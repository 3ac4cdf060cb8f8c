// Pre-parse guard against pathologically deep nesting (pure: no I/O).
//
// Measured with unified().use(remarkParse).use(remarkGfm).parse on Node 24
// (remark-parse 11 / micromark 4), one child process each, `timeout 60`:
//
//   input (n = nesting depth)                       n=100    n=1,000   n=10,000
//   ">>>>…> x" on one line                           8 ms     37 ms     crash: RangeError (call stack)
//   "> > > … x" on one line                          –        –         crash: RangeError (call stack)
//   "> - > - … x" (quote/list mix, one line)        18 ms    297 ms    n=5,000: 3.9 s, then RangeError
//   "- - - … x" (lists, one line)                    –        –         24 s, then RangeError
//   indented list, one item per line (2 sp/level)   59 ms    19 s      (100 MB of text; > size limit)
//   one quote level more per line (">"×i)           –        4 s/1 GB  n=3,000: > 60 s, 4.4 GB
//   "[[[[…x" / "****…x" (never closed)               5 ms     12 ms     79 ms / 15 ms  → harmless
//   "[[[…x]]]" (closed, no link)                     –        –         0.6 s
//   "[[[x](u)](u)…" (nested links)                   9 ms     54 ms     7.5 s
//   "![![…x](u)](u)…" (nested images)               24 ms    571 ms    n=3,000: 7 s; 10,000: > 60 s
//   "****x****" (closed emphasis)                    8 ms     58 ms     7.3 s, tree 5,000 deep
//   "*a *a … x b* b*" (nested emphasis)             18 ms    231 ms    n=3,000: 3.7 s; 10,000: > 60 s
//   "*a* " × 10,000 / "[a](u) " × 10,000 (flat)     –        –         0.7 s / 0.5 s  → linear, fine
//
// After this guard (limit 100), guard + parse, n = 10,000: one-line quotes
// 40 ms, one-line lists 90 ms, quote/list mix 110 ms, closed emphasis 50 ms,
// nested emphasis 0.2 s (over lines 0.9 s), nested links 0.4 s, nested images
// 1.9 s (the kept 100 levels around 40 KB of text: see the gfm note below);
// tree depth ≤ 2 × 100 + 2 for containers, ≤ 100 + 2 inline. Staircases
// stay as slow as their size: indented list n=1,000 (1 MB of indentation)
// 19 s → 2.4 s; ">"×i per line, n=6,000 (18 MB) ~1 s guard + 3.5 s parse.
//
// Not nesting, so not handled here (worth a separate limit): with remark-gfm a
// single link whose text is 60 KB of words takes 9 s (6 ms without gfm), and
// 10,000 unmatched closers ("b*") in one paragraph take 1.3 s.
//
// So both container nesting (block quotes, list items) and *matched* inline
// nesting (emphasis, strikethrough, links/images) need a bound; unmatched
// openers and flat content do not. Depth 100 costs milliseconds everywhere.
//
// What the guard does: it walks the text line by line with a small model of
// CommonMark containers (quote markers and list markers on a line, plus open
// list items carried across lines by indentation) and, on lines where a
// container would be opened deeper than `limit`, it replaces each excess
// marker character by a look-alike that Markdown does not interpret
// (">"→"›", "-"→"‐", "*"→"∗", "+"→"＋", "."→"．", ")"→"）"). It then
// scans inline content of each paragraph-like run of lines for matched
// delimiters and replaces openers deeper than `limit`, and the closers that
// would have paired with them, the same way ("*"→"∗", "_"→"＿", "~"→"∼",
// "["→"［", "]"→"］"). The closers matter too: micromark is quadratic in
// unmatched closers within one paragraph (10,000 lone "b*" take 1.3 s), so
// leaving them as delimiters would keep most of the cost. Cutting a pair can
// expose a pair it hid, so passes repeat until nothing changes (at most 4).
// Every replacement is one UTF-16 unit for one, so all lines, columns and offsets — including those on the
// rewritten lines — stay exactly as in the input; the excess markers simply
// show up as text. The model is deliberately approximate (it may miscount in
// odd documents) but it only ever acts beyond `limit`, which no real course
// reaches.
import type { VFileMessage } from 'vfile-message';
import { createMessage } from './normalize.ts';

export interface GuardResult {
  text: string;
  /** At most two `nesting-too-deep` warnings: one for containers, one for inline nesting. */
  messages: VFileMessage[];
}

/** Look-alikes that Markdown does not interpret; each one UTF-16 unit, like the original. */
export const LOOKALIKE: Readonly<Record<string, string>> = {
  '>': '\u203A',
  '-': '\u2010',
  '*': '\u2217',
  '+': '\uFF0B',
  '.': '\uFF0E',
  ')': '\uFF09',
  _: '\uFF3F',
  '~': '\u223C',
  '[': '\uFF3B',
  ']': '\uFF3D',
};

const PUNCT = /[\p{P}\p{S}]/u;
const WS = /\s/u;

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t';

/** End index of a list marker ("-", "*", "+", "1." or "1)") at `i` followed by space, tab or end of line; -1 if none. */
function listMarkerEnd(line: string, i: number): number {
  const c = line[i];
  let end = -1;
  if (c === '-' || c === '*' || c === '+') end = i + 1;
  else if (c !== undefined && c >= '0' && c <= '9') {
    let j = i;
    while (j - i < 9 && line[j] !== undefined && line[j]! >= '0' && line[j]! <= '9') j++;
    if (line[j] === '.' || line[j] === ')') end = j + 1;
  }
  if (end === -1) return -1;
  return end >= line.length || isSpace(line[end]) ? end : -1;
}

/**
 * For one line: does the rest of the line from `i` on form a thematic break
 * ("- - -", "***", "_ _ _")? Computed once per line, so a line of 10,000
 * markers stays linear.
 */
function thematicBreakTest(line: string): (i: number) => boolean {
  let start = line.length;
  let char = '';
  let count = 0;
  const suffixCount: number[] = [];
  for (let k = line.length - 1; k >= 0; k--) {
    const d = line[k]!;
    if (isSpace(d)) {
      start = k;
      continue;
    }
    if ((d === '-' || d === '*' || d === '_') && (char === '' || d === char)) {
      char = d;
      count++;
      start = k;
      suffixCount[k] = count;
      continue;
    }
    break;
  }
  return (i) => i >= start && line[i] === char && (suffixCount[i] ?? 0) >= 3;
}

interface Fence {
  close: RegExp;
  quotes: number;
  /** Indentation of the opening line when it is inside a list item, else 0. */
  indent: number;
}

/** Leading block-quote markers of a line (for fence tracking). */
function leadingQuotes(line: string): { quotes: number; restIndent: number; blank: boolean } {
  let i = 0;
  let quotes = 0;
  for (;;) {
    let j = i;
    while (isSpace(line[j])) j++;
    if (line[j] === '>') {
      quotes++;
      i = j + 1;
      if (line[i] === ' ') i++;
      continue;
    }
    return { quotes, restIndent: j - i, blank: j >= line.length };
  }
}

/**
 * Find lines whose container nesting, and paragraphs whose matched inline
 * nesting, exceed `limit`, and neutralise the excess markers (see the file
 * header). `text` should already be normalised (LF line endings). Pure.
 */
export function guardNesting(text: string, path: string, limit = 100): GuardResult {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`guardNesting: limit must be a positive integer, got ${limit}`);
  // Fast path: nesting beyond `limit` needs more than `limit` marker characters.
  if (!needsScan(text, limit)) return { text, messages: [] };
  // Cutting a pair can expose one that had been hidden by it (e.g. `_` pairs
  // inside a cut `*` pair), so repeat until nothing changes. Each pass is
  // linear; the cap keeps hostile input linear too (later passes are rare).
  let container: Finding | null = null;
  let inline: Finding | null = null;
  let current = text;
  for (let pass = 0; pass < 4; pass++) {
    const once = guardOnce(current, limit);
    container ??= once.container;
    inline ??= once.inline;
    if (once.text === current) break;
    current = once.text;
  }
  const messages: VFileMessage[] = [];
  if (container) {
    messages.push(
      createMessage(path, {
        reason: `Containers (block quotes, list items) nested ${container.depth} deep, more than the limit of ${limit}; markers beyond depth ${limit} are kept as plain text`,
        ruleId: 'nesting-too-deep',
        line: container.line,
        column: container.column,
        note: 'Flatten the nesting: Markdown this deep is usually generated or broken. The limit protects the parser, which slows down sharply and can crash past a few thousand levels.',
      }),
    );
  }
  if (inline) {
    messages.push(
      createMessage(path, {
        reason: `Emphasis, links or images nested ${inline.depth} deep, more than the limit of ${limit}; delimiters beyond depth ${limit} are kept as plain text`,
        ruleId: 'nesting-too-deep',
        line: inline.line,
        column: inline.column,
        note: 'Remove the runs of nested `*`, `_`, `~` or `[`: this much nesting is not meaningful Markdown and makes the parser very slow.',
      }),
    );
  }
  return { text: current, messages };
}

interface Finding {
  line: number;
  column: number;
  depth: number;
}

/** One pass of the guard: the text with excess markers neutralised, and what was found. */
function guardOnce(text: string, limit: number): { text: string; container: Finding | null; inline: Finding | null } {
  const lines = text.split('\n');
  const edits = new Map<number, number[]>(); // line → indices of characters to neutralise
  const mark = (line: number, index: number): void => {
    let list = edits.get(line);
    if (!list) edits.set(line, (list = []));
    list.push(index);
  };

  // ---- containers -------------------------------------------------------
  // Open list items, as the column where their content starts (tabs expanded).
  // Capped so memory stays bounded on hostile input; depth is then "at least".
  const stack: number[] = [];
  const stackCap = Math.max(limit * 10, 10_000);
  let previousBlank = true;
  let fence: Fence | null = null;
  let containerFirst: { line: number; column: number } | null = null;
  let containerMax = 0;
  const contentStart = new Int32Array(lines.length);
  const inFence = new Uint8Array(lines.length);

  for (let ln = 0; ln < lines.length; ln++) {
    const line = lines[ln]!;
    if (fence) {
      const q = leadingQuotes(line);
      if (q.quotes === fence.quotes && fence.close.test(line)) {
        fence = null;
        inFence[ln] = 1;
        previousBlank = false;
        continue;
      }
      // The fence also ends where its containers end: fewer quote markers (a blank
      // line without ">" closes a block quote), or a list item's content dedented.
      const ended = q.quotes < fence.quotes || (!q.blank && fence.indent > 0 && q.quotes === fence.quotes && q.restIndent < fence.indent);
      if (!ended) {
        inFence[ln] = 1;
        continue;
      }
      fence = null;
    }

    // Indentation before the first marker or content.
    let i = 0;
    let col = 0;
    while (isSpace(line[i])) {
      col = line[i] === '\t' ? col + 4 - (col % 4) : col + 1;
      i++;
    }
    if (i >= line.length) {
      contentStart[ln] = line.length;
      previousBlank = true;
      continue;
    }
    const indent = col;
    const isThematicBreakFrom = thematicBreakTest(line);
    let contentCol = stack.length > 0 ? stack[stack.length - 1]! : 0;
    const firstIsList = indent - contentCol < 4 && listMarkerEnd(line, i) !== -1 && !isThematicBreakFrom(i);
    const firstIsQuote = indent - contentCol < 4 && line[i] === '>';
    // Open list items survive a dedented line only as lazy paragraph continuation text.
    if (firstIsList || firstIsQuote || previousBlank) {
      while (stack.length > 0 && stack[stack.length - 1]! > indent) stack.pop();
      contentCol = stack.length > 0 ? stack[stack.length - 1]! : 0;
    }
    let depth = stack.length;
    let quotes = 0;
    let cut = false; // some marker on this line was neutralised: the rest is paragraph text
    // Walk the container markers of this line.
    for (;;) {
      if (i > 0) {
        while (isSpace(line[i])) {
          col = line[i] === '\t' ? col + 4 - (col % 4) : col + 1;
          i++;
        }
      }
      if (i >= line.length || col - contentCol >= 4) break; // end, or indented code / continuation text
      let markChar: number;
      let next: number;
      let nextCol: number;
      let isList = false;
      if (line[i] === '>') {
        markChar = i;
        next = i + 1;
        nextCol = col + 1;
        if (line[next] === ' ') {
          next++;
          nextCol++;
        }
        contentCol = nextCol;
        quotes++;
      } else {
        const end = listMarkerEnd(line, i);
        if (end === -1 || isThematicBreakFrom(i)) break;
        isList = true;
        markChar = end - 1; // the "-", "*", "+", "." or ")"
        const markerCol = col + (end - i);
        let j = end;
        let sp = 0;
        while (isSpace(line[j]) && sp < 5) {
          sp++;
          j++;
        }
        if (j >= line.length || sp >= 5) {
          // Empty item, or content that is indented code: content column is one past the marker.
          contentCol = markerCol + 1;
          next = end;
          nextCol = markerCol;
        } else {
          contentCol = markerCol + sp;
          next = j;
          nextCol = contentCol;
        }
      }
      depth++;
      if (depth > limit) {
        mark(ln, markChar);
        cut = true;
        if (!containerFirst) containerFirst = { line: ln + 1, column: markChar + 1 };
      }
      if (isList && stack.length < stackCap) stack.push(contentCol);
      const stop = isList && nextCol !== contentCol; // empty item / code content: nothing more to open
      i = next;
      col = nextCol;
      if (stop) break;
    }
    contentStart[ln] = i;
    if (depth > containerMax) containerMax = depth;
    previousBlank = false;
    // A fence opens only where content starts (not after cut markers, not in indented code).
    const open: RegExpExecArray | null = cut || col - contentCol >= 4 ? null : /^(`{3,}|~{3,})(.*)$/.exec(line.slice(i));
    if (open && !(open[1]![0] === '`' && open[2]!.includes('`'))) {
      const ch: string = open[1]![0] === '`' ? '`' : '~';
      fence = {
        close: new RegExp(`^(?:[ \\t]*>[ ]?)*[ \\t]*\\${ch}{${open[1]!.length},}[ \\t]*$`),
        quotes,
        indent: stack.length > 0 ? indent : 0,
      };
    }
  }
  // ---- inline -----------------------------------------------------------
  // Runs of consecutive non-blank, non-fenced lines are scanned as one unit, since
  // emphasis and links can span the lines of a paragraph.
  let inlineFirst: { line: number; column: number } | null = null;
  let inlineMax = 0;
  const blankContent = (l: number): boolean => lines[l]!.slice(contentStart[l]!).trim() === '';
  for (let ln = 0; ln < lines.length; ) {
    if (inFence[ln] || blankContent(ln)) {
      ln++;
      continue;
    }
    let end = ln;
    while (end < lines.length && !inFence[end] && !blankContent(end)) end++;
    const result = scanInline(lines, contentStart, ln, end, limit, mark);
    if (result.first && !inlineFirst) inlineFirst = result.first;
    if (result.max > inlineMax) inlineMax = result.max;
    ln = end;
  }
  const container = containerFirst ? { ...containerFirst, depth: containerMax } : null;
  const inline = inlineFirst ? { ...inlineFirst, depth: inlineMax } : null;
  if (edits.size === 0) return { text, container, inline };
  for (const [l, indices] of edits) {
    const line = lines[l]!;
    indices.sort((a, b) => a - b);
    const parts: string[] = [];
    let last = 0;
    for (const index of indices) {
      if (index < last) continue; // duplicate
      parts.push(line.slice(last, index), LOOKALIKE[line[index]!] ?? line[index]!);
      last = index + 1;
    }
    parts.push(line.slice(last));
    lines[l] = parts.join('');
  }
  return { text: lines.join('\n'), container, inline };
}

/** Cheap check: is there any chance of nesting deeper than `limit`? */
function needsScan(text: string, limit: number): boolean {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // > - * + . ) [ _ ~ — list items nested by indentation need one marker per level too.
    if (c === 62 || c === 45 || c === 42 || c === 43 || c === 46 || c === 41 || c === 91 || c === 95 || c === 126) {
      if (++count > limit) return true;
    }
  }
  return false;
}

interface Opener {
  /** Push order, to discard openers pushed after a matched one. */
  index: number;
  /** Positions (in the joined run) of the still-unconsumed delimiter characters, outermost first. */
  chars: number[];
  /** Delimiter units open below this opener. */
  depthBefore: number;
  /** Once found too deep: characters from this index on are neutralised ("ghosts"). */
  keep: number;
}

function scanInline(
  lines: string[],
  contentStart: Int32Array,
  from: number,
  to: number,
  limit: number,
  mark: (line: number, index: number) => void,
): { first: { line: number; column: number } | null; max: number } {
  // Join the content of the run's lines (without container prefixes) into one string.
  const starts: number[] = []; // offset in `seg` where each line's content begins
  const parts: string[] = [];
  let offset = 0;
  for (let l = from; l < to; l++) {
    const part = lines[l]!.slice(contentStart[l]!);
    starts.push(offset);
    parts.push(part);
    offset += part.length + 1;
  }
  const seg = parts.join('\n');
  let firstPos = -1;
  const neutralise = (pos: number): void => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    mark(from + lo, contentStart[from + lo]! + pos - starts[lo]!);
    if (firstPos === -1 || pos < firstPos) firstPos = pos;
  };

  const stacks = new Map<string, Opener[]>();
  let total = 0; // delimiter units currently open
  let order = 0;
  let max = 0;
  const stackOf = (k: string): Opener[] => {
    let s = stacks.get(k);
    if (!s) stacks.set(k, (s = []));
    return s;
  };
  const discardAbove = (index: number): void => {
    for (const s of stacks.values()) {
      while (s.length > 0 && s[s.length - 1]!.index > index) total -= s.pop()!.chars.length;
    }
  };
  /**
   * A closer takes up to `units` innermost characters of opener `o`. Returns how
   * many it took and how many of those were neutralised (the closer's matching
   * characters must then be neutralised too).
   */
  const take = (o: Opener, units: number): { taken: number; ghosts: number } => {
    const depth = o.depthBefore + o.chars.length;
    if (depth > max) max = depth;
    if (depth > limit && o.keep === Infinity) {
      o.keep = Math.max(0, limit - o.depthBefore);
      for (let k = o.keep; k < o.chars.length; k++) neutralise(o.chars[k]!);
    }
    const taken = Math.min(units, o.chars.length);
    const ghosts = Math.max(0, Math.min(taken, o.chars.length - o.keep));
    o.chars.length -= taken;
    total -= taken;
    return { taken, ghosts };
  };

  let i = 0;
  while (i < seg.length) {
    const c = seg[i]!;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '`') {
      let j = i;
      while (seg[j] === '`') j++;
      i = findBacktickClose(seg, j, j - i) ?? j;
      continue;
    }
    if (c === '[') {
      stackOf('[').push({ index: order++, chars: [i], depthBefore: total, keep: Infinity });
      total++;
      i++;
      continue;
    }
    if (c === ']') {
      const s = stackOf('[');
      const o = s[s.length - 1];
      if (o) {
        discardAbove(o.index);
        if (take(o, 1).ghosts > 0) neutralise(i);
        s.pop();
      }
      i++;
      continue;
    }
    if (c === '*' || c === '_' || c === '~') {
      let j = i;
      while (seg[j] === c) j++;
      const run = j - i;
      const before = i > 0 ? seg[i - 1]! : ' ';
      const after = j < seg.length ? seg[j]! : ' ';
      const wsB = WS.test(before);
      const wsA = WS.test(after);
      const pB = PUNCT.test(before);
      const pA = PUNCT.test(after);
      const left = !wsA && (!pA || wsB || pB);
      const right = !wsB && (!pB || wsA || pA);
      let canOpen = left;
      let canClose = right;
      if (c === '_') {
        canOpen = left && (!right || pB);
        canClose = right && (!left || pA);
      } else if (c === '~' && run > 2) {
        canOpen = false;
        canClose = false;
      }
      let remaining = run;
      if (canClose) {
        const s = stackOf(c);
        // Emphasis does not pair across an open "[": inside link text only the text's own delimiters count.
        const brackets = stackOf('[');
        const barrier = brackets.length > 0 ? brackets[brackets.length - 1]!.index : -1;
        while (remaining > 0 && s.length > 0 && s[s.length - 1]!.index > barrier) {
          const o = s[s.length - 1]!;
          discardAbove(o.index);
          const { taken, ghosts } = take(o, remaining);
          // The first closer characters pair with the opener's innermost (neutralised) ones.
          for (let k = 0; k < ghosts; k++) neutralise(j - remaining + k);
          remaining -= taken;
          if (o.chars.length === 0) s.pop();
        }
      }
      if (canOpen && remaining > 0) {
        const chars: number[] = [];
        for (let k = j - remaining; k < j; k++) chars.push(k);
        stackOf(c).push({ index: order++, chars, depthBefore: total, keep: Infinity });
        total += remaining;
      }
      i = j;
      continue;
    }
    i++;
  }
  if (firstPos === -1) return { first: null, max };
  let lo = 0;
  while (lo + 1 < starts.length && starts[lo + 1]! <= firstPos) lo++;
  return { first: { line: from + lo + 1, column: contentStart[from + lo]! + firstPos - starts[lo]! + 1 }, max };
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
