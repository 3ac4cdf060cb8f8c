// Code slides: a long block is split across continuation slides at blank lines or before a
// top-level statement, never inside one when that can be avoided, with line numbers that continue.
import { CODE } from './rules.ts';

export interface CodeChunk {
  /** First line number (1-based) of the chunk in the whole block. */
  start: number;
  lines: string[];
}

/** Rows a line takes on the slide once wrapped. */
const rows = (line: string): number => Math.max(1, Math.ceil(line.replace(/\t/g, '    ').length / CODE.columns));

/** Good places to start a new slide: after a blank line, or at a line with no indentation. */
function breakScore(lines: readonly string[], i: number): number {
  const line = lines[i] ?? '';
  if (!line.trim()) return 0; // never start a slide with a blank line
  if (!(lines[i - 1] ?? '').trim()) return /^\S/.test(line) ? 3 : 2;
  if (/^\S/.test(line) && !/^[)\]}]/.test(line)) return 1;
  return 0;
}

/** Splits code into chunks of at most CODE.rows wrapped rows, preferring the best break point. */
export function splitCode(code: string, reserve = 0): CodeChunk[] {
  const lines = code.replace(/\n+$/, '').split('\n');
  const chunks: CodeChunk[] = [];
  // Spread the rows evenly over the slides needed (40 lines → 14 + 13 + 13, not 14 + 14 + 12 + 2).
  const total = lines.reduce((k, l) => k + rows(l), reserve);
  const budget = Math.min(CODE.rows, Math.ceil(total / Math.ceil(total / CODE.rows)) + 2);
  let from = 0;
  while (from < lines.length) {
    let used = chunks.length === 0 ? reserve : 0;
    let end = from;
    while (end < lines.length && used + rows(lines[end]!) <= (end === from ? CODE.rows : budget))
      used += rows(lines[end++]!);
    if (end >= lines.length) {
      chunks.push({ start: from + 1, lines: lines.slice(from) });
      break;
    }
    end = Math.max(end, from + 1);
    // The best break in the second half of the chunk (a better kind of break, close to the end), else a hard cut.
    let best = end;
    let value = -Infinity;
    for (let i = end; i > from + Math.floor((end - from) / 2); i--) {
      const s = breakScore(lines, i);
      const v = s - (end - i) * 0.4;
      if (s > 0 && v > value) {
        value = v;
        best = i;
      }
    }
    let chunk = lines.slice(from, best);
    while (chunk.length > 1 && !chunk[chunk.length - 1]!.trim()) chunk = chunk.slice(0, -1);
    chunks.push({ start: from + 1, lines: chunk });
    from = best;
    while (from < lines.length && !lines[from]!.trim()) from++;
  }
  return chunks;
}
