// Does an authored diagram read on its page, not only on its slide? The same measure as
// ./diagram-fit.ts (the label font size × the scale the drawing gets in its box), for the page
// media: the site's chapter column on a 1280 px screen and the book's printed page.
//
// Thresholds: on screen 12 px (a reader sits close to a page, unlike a room before a slide at
// 14 px; 12 px is the smallest size browsers' and WCAG's guidance treat as body text), in print
// 9 pt = 12 CSS px (the smallest text of printed figure captions and footnotes). A page never
// scales a diagram up: CSS `max-width: 100%` only shrinks it, so its text is at most its own 16 px.
import { svgMetrics } from './diagram-fit.ts';

/** Smallest label text (CSS px) a diagram may show on the site's chapter page. */
export const MIN_SCREEN_TEXT = 12;
/** Smallest label text (pt) a diagram may show in the book. */
export const MIN_PRINT_TEXT_PT = 9;
/** CSS px per pt (1 pt = 1/72 in, 1 px = 1/96 in). */
const PX_PER_PT = 96 / 72;
const PX_PER_MM = 96 / 25.4;

/**
 * The chapter page's text column at a 1280 px wide screen (templates/site/site.css): the window
 * less the 17rem contents column, the 2rem gap and 1.5rem padding each side.
 */
export const SITE_COLUMN_PX = 1280 - 17 * 16 - 2 * 16 - 2 * 1.5 * 16;

/** The label size (px) of a rendered diagram shown in `box` (px), never scaled up. */
export function textPxIn(svg: string, box: { w: number; h: number }): number {
  const m = svgMetrics(svg);
  if (!m || m.w <= 0 || m.h <= 0) return m?.font ?? 16;
  return m.font * Math.min(box.w / m.w, box.h / m.h, 1);
}

/** Label size (px) on the site's chapter page at 1280 px: the column's width (the page scrolls). */
export function screenTextPx(svg: string): number {
  return textPxIn(svg, { w: SITE_COLUMN_PX, h: Number.POSITIVE_INFINITY });
}

/** Label size (pt) of a diagram printed in a box `wMm` × `hMm`. */
export function printTextPt(svg: string, box: { wMm: number; hMm: number }): number {
  return textPxIn(svg, { w: box.wMm * PX_PER_MM, h: box.hMm * PX_PER_MM }) / PX_PER_PT;
}

/**
 * A diagram source drawn in `dir` (TD: top-down, LR: left-right): a flowchart's header rewritten,
 * a state or class diagram's top-level `direction` set (added after the header when absent).
 * Null for a type without a direction (sequence, mindmap…) or a source without its header.
 */
export function inDirection(source: string, dir: 'TD' | 'LR'): string | null {
  const lines = source.split('\n');
  const flow = lines.findIndex((l) => /^\s*(flowchart|graph)\b/i.test(l));
  if (flow >= 0) {
    const header = /^(\s*(?:flowchart|graph))(?:\s+(?:TB|TD|BT|RL|LR))?\s*;?\s*$/i.exec(lines[flow]!);
    if (!header) return null;
    lines[flow] = `${header[1]} ${dir}`;
    return lines.join('\n');
  }
  const head = lines.findIndex((l) => /^\s*(stateDiagram(-v2)?|classDiagram(-v2)?)\s*$/.test(l));
  if (head < 0) return null;
  const firstBlock = lines.findIndex((l, i) => i > head && l.includes('{'));
  const at = lines.findIndex(
    (l, i) => i > head && (firstBlock < 0 || i < firstBlock) && /^\s*direction\s+(TB|TD|BT|LR|RL)\s*$/.test(l),
  );
  const line = `  direction ${dir === 'TD' ? 'TB' : 'LR'}`;
  if (at >= 0) lines[at] = line;
  else lines.splice(head + 1, 0, line);
  return lines.join('\n');
}
