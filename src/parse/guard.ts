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
//
// One module per construct, under ./guard/: markers.ts (list markers, thematic
// breaks, quote prefixes), fences.ts (fenced code), containers.ts (block quotes
// and list items), inline.ts and delimiters.ts (emphasis, strikethrough, links).
import type { VFileMessage } from 'vfile-message';
import { scanContainers } from './guard/containers.ts';
import { DENSITY_BUDGET, scanInline } from './guard/inline.ts';
import type { Position } from './guard/markers.ts';
import { createMessage } from './normalize.ts';

export interface GuardResult {
  text: string;
  /**
   * At most two `nesting-too-deep` warnings (one for containers, one for inline nesting) and one
   * `inline-too-dense` warning (too many intraword delimiters or link brackets in one paragraph).
   */
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

/**
 * Find lines whose container nesting, and paragraphs whose matched inline
 * nesting, exceed `limit`, and neutralise the excess markers (see the file
 * header). `text` should already be normalised (LF line endings). Pure.
 */
export function guardNesting(text: string, path: string, limit = 100): GuardResult {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`guardNesting: limit must be a positive integer, got ${limit}`);
  // Fast path: nesting beyond `limit` needs more than `limit` marker characters.
  if (!needsScan(text, limit)) return { text, messages: [] };
  // Cutting a pair can expose one that had been hidden by it (e.g. `_` pairs
  // inside a cut `*` pair), so repeat until nothing changes. Each pass is
  // linear; the cap keeps hostile input linear too (later passes are rare).
  let container: Finding | null = null;
  let inline: Finding | null = null;
  let dense: Position | null = null;
  let current = text;
  for (let pass = 0; pass < 4; pass++) {
    const once = guardOnce(current, limit);
    container ??= once.container;
    inline ??= once.inline;
    if (once.text === current) break;
    current = once.text;
  }
  // Then one density pass over what the nesting passes left (see guard/inline.ts).
  const thinned = guardOnce(current, limit, true);
  dense = thinned.dense;
  current = thinned.text;
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
  if (dense) {
    messages.push(
      createMessage(path, {
        reason: `More than ${DENSITY_BUDGET} intraword emphasis delimiters or link brackets in one paragraph; the rest are kept as plain text`,
        ruleId: 'inline-too-dense',
        line: dense.line,
        column: dense.column,
        note: 'Split the paragraph, or remove the runs of `*`, `~`, `[` or `]`: no real paragraph needs this many, and the parser slows down with the square of their number.',
      }),
    );
  }
  return { text: current, messages };
}

interface Finding extends Position {
  depth: number;
}

/** One pass of the guard: the text with excess markers neutralised, and what was found. */
function guardOnce(
  text: string,
  limit: number,
  density = false,
): { text: string; container: Finding | null; inline: Finding | null; dense: Position | null } {
  const lines = text.split('\n');
  const edits = new Map<number, number[]>(); // line → indices of characters to neutralise
  const mark = (line: number, index: number): void => {
    let list = edits.get(line);
    if (!list) edits.set(line, (list = []));
    list.push(index);
  };
  const containers = scanContainers(lines, limit, density ? () => undefined : mark);
  const { contentStart, inFence } = containers;
  // Runs of consecutive non-blank, non-fenced lines are scanned as one unit, since
  // emphasis and links can span the lines of a paragraph.
  let inlineFirst: Position | null = null;
  let inlineMax = 0;
  let dense: Position | null = null;
  const blankContent = (l: number): boolean => lines[l]!.slice(contentStart[l]!).trim() === '';
  for (let ln = 0; ln < lines.length; ) {
    if (inFence[ln] || blankContent(ln)) {
      ln++;
      continue;
    }
    let end = ln;
    while (end < lines.length && !inFence[end] && !blankContent(end)) end++;
    const result = scanInline(lines, contentStart, ln, end, limit, mark, density);
    if (result.first && !inlineFirst) inlineFirst = result.first;
    if (result.max > inlineMax) inlineMax = result.max;
    dense ??= result.dense;
    ln = end;
  }
  const container = containers.first ? { ...containers.first, depth: containers.max } : null;
  const inline = inlineFirst ? { ...inlineFirst, depth: inlineMax } : null;
  return { text: edits.size === 0 ? text : applyEdits(lines, edits), container, inline, dense };
}

/** Replaces each marked character by its look-alike (one UTF-16 unit for one: positions stay). */
function applyEdits(lines: string[], edits: ReadonlyMap<number, number[]>): string {
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
  return lines.join('\n');
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
