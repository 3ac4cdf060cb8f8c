// Diagram slides for an authored diagram shown in parts (src/pipeline/diagram-fit.ts chose them
// because the whole would be unreadable on one slide): a slide per part, titled by the part's
// own name (its subgraph or `%%` section) or the diagram's title, with "(i/n)"; the diagram's
// title stays as the kicker above, and the first part's notes carry the lead-in.
import { MIN_SLIDE_TEXT, partTitle, slideTextPx, svgMetrics } from '../diagram-fit.ts';
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

/**
 * The figure's box on a diagram slide with its title lines above it (kicker and lead-in title,
 * theme.css: 28 px kicker + 40 px title lines), and beside it in a side column (SIDE).
 */
const SIDE = { column: 340, gap: 40, height: FRAME.height - 44 - 56 };

/**
 * The figure of a diagram slide: the SVG at most LIMITS.diagramMaxScale × its natural size. A
 * diagram whose text stays under 14 px in the larger of its two boxes (under the title, beside
 * it) gets a "Full size" switch (`zoom`, the switch's id): templates/slides/_figure.hbs shows it
 * at its own size in a pane that pans; exports show the overview.
 */
export function diagramFigure(raw: string, name: string): NonNullable<Draft['figure']> {
  const size = svgMetrics(raw) ?? { w: FRAME.contentWidth, h: FRAME.bodyHeight };
  const text = Math.max(
    slideTextPx(raw),
    slideTextPx(raw, { w: FRAME.contentWidth - SIDE.column - SIDE.gap, h: SIDE.height }),
  );
  return {
    svg: sanitizeSvg(raw),
    name,
    maxWidth: Math.round(size.w * LIMITS.diagramMaxScale),
    maxHeight: Math.round(size.h * LIMITS.diagramMaxScale),
    ...(text < MIN_SLIDE_TEXT ? { zoom: `cm-zoom-${name.replace(/[^\w-]+/g, '-')}` } : {}),
  };
}
const TITLE_COLUMNS = 50;

/**
 * Where a diagram slide puts its title: above the figure (a wide diagram: a short strip), or in a
 * column beside it when the diagram is tall, so that it gets the slide's whole height (rule
 * "diagram-side"): when that draws it at least LIMITS.diagramSide × the size it has under the title.
 */
export function diagramLayout(raw: string, title: string, kicker: boolean): 'side' | undefined {
  const size = svgMetrics(raw);
  if (!size || size.w <= 0 || size.h <= 0) return undefined;
  const lines = Math.max(1, Math.ceil(title.length / TITLE_COLUMNS));
  const above = SIDE.height - (kicker ? 42 : 0) - lines * 45 - 16;
  const scale = (w: number, h: number) => Math.min(w / size.w, h / size.h, LIMITS.diagramMaxScale);
  const top = scale(FRAME.contentWidth, above);
  const side = scale(FRAME.contentWidth - SIDE.column - SIDE.gap, SIDE.height);
  return side >= top * LIMITS.diagramSide ? 'side' : undefined;
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
  return parts.map((p, i) => {
    const heading = partTitle(p, title, i, parts.length);
    const lead = Boolean(p.title && p.title !== title);
    const layout = diagramLayout(p.svg, heading, lead);
    return {
      ...base,
      kind: 'diagram',
      title: heading,
      // The whole diagram's title above a part's own (never the same words twice).
      ...(lead ? { leadHtml: escapeHtml(title) } : {}),
      ...(layout ? { layout } : {}),
      figure: diagramFigure(p.svg, p.name),
      notesHtml: `${i === 0 ? notesHtml : ''}<p>${escapeHtml(`Part ${i + 1} of ${parts.length}: ${p.name}.svg`)}</p>`,
      ...(source ? { source } : {}),
    };
  });
}
