// The guard's line-level recognisers (see ../guard.ts): list markers, thematic breaks and the
// block-quote prefix of a line, plus the types its passes share. Pure.

/** Records that character `index` of line `line` (0-based) must be replaced by its look-alike. */
export type Mark = (line: number, index: number) => void;

/** 1-based position of the first neutralised marker of a pass. */
export interface Position {
  line: number;
  column: number;
}

export const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t';

/** End index of a list marker ("-", "*", "+", "1." or "1)") at `i` followed by space, tab or end of line; -1 if none. */
export function listMarkerEnd(line: string, i: number): number {
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
export function thematicBreakTest(line: string): (i: number) => boolean {
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

/** Leading block-quote markers of a line (for fence tracking). */
export function leadingQuotes(line: string): { quotes: number; restIndent: number; blank: boolean } {
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
