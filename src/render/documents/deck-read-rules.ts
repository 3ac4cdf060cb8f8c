// The pure rules of reading a slide back for the PowerPoint export: colours, CSS lengths, list
// numbering, white space and the drawn box of a figure. No DOM: unit-tested in Node, and sent
// into the deck page as source text with the other slide readers (deck-extract-page.ts).
import type { Box, NumberScheme, Paragraph, Run } from '../../generate/pptx/types.ts';

/** A computed CSS length ("12.5px") in px; 0 when it is not a number ("normal", ""). */
export function cssPx(v: string): number {
  return parseFloat(v) || 0;
}

/** A computed colour (rgb()/rgba()) as RRGGBB; null for a transparent or unreadable one. */
export function hexColour(c: string): string | null {
  const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,\s/]+([\d.]+%?))?\s*\)/.exec(c);
  if (!m) return null;
  if (m[4] !== undefined && parseFloat(m[4]) === 0) return null;
  return [m[1], m[2], m[3]]
    .map((v) => Math.round(Number(v)).toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
}

/** A computed text-align as the paragraph's alignment. */
export function alignOf(a: string): Paragraph['align'] {
  return a === 'center' ? 'center' : a === 'right' || a === 'end' ? 'right' : 'left';
}

/** The PowerPoint numbering of an ordered list's CSS list-style-type (decimal when unknown). */
export function numberScheme(type: string): NumberScheme {
  return type === 'lower-alpha' || type === 'lower-latin'
    ? 'alphaLcPeriod'
    : type === 'upper-alpha' || type === 'upper-latin'
      ? 'alphaUcPeriod'
      : type === 'lower-roman'
        ? 'romanLcPeriod'
        : type === 'upper-roman'
          ? 'romanUcPeriod'
          : 'arabicPeriod';
}

/** Collapses spaces across runs, as CSS does, and trims the paragraph's ends (in place). */
export function collapseSpaces(runs: Run[]): void {
  for (let i = 1; i < runs.length; i++)
    if (runs[i - 1]!.text.endsWith(' ') && runs[i]!.text.startsWith(' ')) runs[i]!.text = runs[i]!.text.slice(1);
  if (runs[0]) runs[0].text = runs[0].text.replace(/^ +/, '');
  const last = runs[runs.length - 1];
  if (last) last.text = last.text.replace(/ +$/, '');
}

/** A code block's runs cut at its newlines: one list of runs per line (empty lines empty). */
export function splitLines(runs: readonly Run[]): Run[][] {
  const lines: Run[][] = [[]];
  for (const run of runs) {
    run.text.split('\n').forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (part) lines[lines.length - 1]!.push({ ...run, text: part });
    });
  }
  return lines;
}

/**
 * The drawing as shown in its element's box `r` (preserveAspectRatio meet, centred) for a view box
 * of `vw`×`vh`: the box PowerPoint stretches the picture to.
 */
export function meetBox(r: { left: number; top: number; width: number; height: number }, vw: number, vh: number): Box {
  const k = Math.min(r.width / vw, r.height / vh);
  return { x: r.left + (r.width - vw * k) / 2, y: r.top + (r.height - vh * k) / 2, w: vw * k, h: vh * k };
}
