// Authored diagrams in the study companion, readable on paper (labels ≥ 9 pt, as in the book:
// ../diagram-page.ts). A chapter's diagrams share a row under its text, each at most ROW_MM high;
// a diagram whose labels would be under 9 pt there takes a row of its own, the text's full width
// and up to WIDE_MM high; when still too small, the parts the slide fit chose (the other
// direction, or its subgraphs / sections / classes), each a full-width figure captioned "(i/n)",
// when every part reads; else the larger of the two, reported as unreadable (the caller warns at
// the diagram's Markdown line).
import { MIN_PRINT_TEXT_PT, printTextPt } from '../diagram-page.ts';
import { sanitizeSvg } from '../slides/svg.ts';
import { esc } from './html-text.ts';

/** The height of a row of diagrams (templates/print/companion.html.hbs: `.diagrams svg`), mm. */
export const ROW_MM = 50;
/** The tallest a full-width companion figure may be (`figure.wide svg`), mm. */
export const WIDE_MM = 110;
/** Gap between the figures of a row, mm. */
const GAP_MM = 4;

export interface CompanionFigure {
  /** Sanitised SVG. */
  svg: string;
  /** A row of its own, the text's full width. */
  wide: boolean;
  /** HTML-escaped caption of a part: "Storage (2/3)". */
  caption: string | null;
}

export interface DiagramSource {
  svg: (name: string) => string | null;
  parts?: (name: string) => ReadonlyArray<{ name: string; title: string | null }> | undefined;
}

/** How diagram `name` is drawn in a row of `inRow` diagrams `widthMm` wide; `pt` its smallest label. */
export function companionFigure(
  name: string,
  from: DiagramSource,
  widthMm: number,
  inRow: number,
): { figures: CompanionFigure[]; pt: number } | null {
  const svg = from.svg(name);
  if (!svg) return null;
  const slot = { wMm: (widthMm - GAP_MM * (inRow - 1)) / Math.max(1, inRow), hMm: ROW_MM };
  const inSlot = printTextPt(svg, slot);
  if (inSlot >= MIN_PRINT_TEXT_PT)
    return { figures: [{ svg: sanitizeSvg(svg), wide: false, caption: null }], pt: inSlot };
  const wide = { wMm: widthMm, hMm: WIDE_MM };
  const whole = printTextPt(svg, wide);
  const whole1 = { figures: [{ svg: sanitizeSvg(svg), wide: true, caption: null }], pt: whole };
  if (whole >= MIN_PRINT_TEXT_PT) return whole1;
  const parts = (from.parts?.(name) ?? []).map((p) => ({ ...p, svg: from.svg(p.name) }));
  if (parts.length === 0 || parts.some((p) => !p.svg)) return whole1;
  const pt = Math.min(...parts.map((p) => printTextPt(p.svg!, wide)));
  if (pt <= whole) return whole1;
  return {
    pt,
    figures: parts.map((p, i) => ({
      svg: sanitizeSvg(p.svg!),
      wide: true,
      caption:
        esc(parts.length > 1 ? `${p.title ? `${p.title} ` : ''}(${i + 1}/${parts.length})` : (p.title ?? '')) || null,
    })),
  };
}
