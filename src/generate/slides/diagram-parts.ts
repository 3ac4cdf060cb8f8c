// Diagram slides for an authored diagram shown in parts (src/pipeline/diagram-fit.ts chose them
// because the whole would be unreadable on one slide): a slide per part, titled by the part's
// own name (its subgraph or `%%` section) or the diagram's title, with "(i/n)"; the diagram's
// title stays as the kicker above, and the first part's notes carry the lead-in.
import { partTitle, svgMetrics } from '../diagram-fit.ts';
import type { Draft } from './flow.ts';
import { escapeHtml } from './markdown.ts';
import { FRAME, LIMITS } from './rules.ts';
import { sanitizeSvg } from './svg.ts';

/** A part to show: its output name, its own title (null: none) and its rendered SVG. */
export interface DiagramPartSvg {
  name: string;
  title: string | null;
  svg: string;
}

/** The figure of a diagram slide: the SVG at most LIMITS.diagramMaxScale × its natural size. */
export function diagramFigure(raw: string, name: string): NonNullable<Draft['figure']> {
  const size = svgMetrics(raw) ?? { w: FRAME.contentWidth, h: FRAME.bodyHeight };
  return {
    svg: sanitizeSvg(raw),
    name,
    maxWidth: Math.round(size.w * LIMITS.diagramMaxScale),
    maxHeight: Math.round(size.h * LIMITS.diagramMaxScale),
  };
}

type Base = Pick<Draft, 'label' | 'icon' | 'section'>;

/** One diagram slide per part. `title`: the whole diagram's (lead-in, section or own title). */
export function partSlides(
  base: Base,
  title: string,
  parts: readonly DiagramPartSvg[],
  notesHtml: string,
  source?: string,
): Draft[] {
  return parts.map((p, i) => ({
    ...base,
    kind: 'diagram',
    title: partTitle(p, title, i, parts.length),
    // The whole diagram's title above a part's own (never the same words twice).
    ...(p.title && p.title !== title ? { leadHtml: escapeHtml(title) } : {}),
    figure: diagramFigure(p.svg, p.name),
    notesHtml: `${i === 0 ? notesHtml : ''}<p>${escapeHtml(`Part ${i + 1} of ${parts.length}: ${p.name}.svg`)}</p>`,
    ...(source ? { source } : {}),
  }));
}
