// Parts of an authored diagram drawn for the book's page, not for a slide. The slide fit
// (./diagram-fit.ts) chose each part's direction for a wide 1280 × 720 slide; on a tall printed
// page the same part can be far smaller (the DDIA systems map's hubs, drawn top-down for the
// slide, printed at 2.8 pt). Here the diagram is split as the slide fit splits it, each part
// rendered in both directions and measured against the whole page (labels ≥ 9 pt,
// ../generate/diagram-page.ts), a part still too small cut in halves (at most twice); the book
// draws these parts when they read better than the slide's. Renders go through the render cache.
import { halves, splitVariant } from '../generate/diagram-fit.ts';
import type { DiagramPart } from '../generate/diagram-split.ts';
import { inDirection, MIN_PRINT_TEXT_PT, printTextPt } from '../generate/diagram-page.ts';
import { wordSafeSource } from '../generate/mermaid/mermaid-wrap.ts';
import type { PageBox } from '../generate/print/paper.ts';
import type { Diagram } from '../model/types.ts';
import { bookPageBox, unreadableInBook } from './book-figures.ts';
import { inertTags } from './diagrams.ts';
import type { StageContext } from './stages.ts';

export interface PagePart {
  title: string | null;
  svg: string;
  pt: number;
}

type Box = { wMm: number; hMm: number };

/** The diagram's parts drawn for a page `box` (each in its better direction), or null when it has no split or a part does not render. */
export async function pageParts(ctx: StageContext, name: string, d: Diagram, box: Box): Promise<PagePart[] | null> {
  // The source as rendered: an authored block's repaired text (the model's may not parse).
  const split = splitVariant(d.kind, ctx.diagrams.get(name)?.source ?? d.source);
  if (!split) return null;
  const measure = async (parts: DiagramPart[]): Promise<Array<PagePart | null>> => {
    const results = await ctx.renderer.render(
      parts.map((p, i) => ({ id: `${name}-page-${i}`, source: wordSafeSource(d.kind, inertTags(p.source)) })),
      { formats: ['svg'], theme: ctx.theme, background: ctx.background, timeoutMs: ctx.timeoutMs },
    );
    return parts.map((p, i) => {
      const svg = results[i]?.svg;
      return svg ? { title: p.title, svg, pt: printTextPt(svg, box) } : null;
    });
  };
  const best = async (part: DiagramPart, depth: number): Promise<Array<PagePart & { source: string }> | null> => {
    const ways = (['TD', 'LR'] as const)
      .map((dir) => inDirection(part.source, dir))
      .filter((s): s is string => s !== null);
    const sources = ways.length ? ways : [part.source];
    const drawn = await measure(sources.map((source) => ({ title: part.title, source })));
    let pick: (PagePart & { source: string }) | null = null;
    drawn.forEach((p, i) => {
      if (p && (!pick || p.pt > pick.pt)) pick = { ...p, source: sources[i]! };
    });
    if (!pick) return null;
    const chosen: PagePart & { source: string } = pick;
    const cut =
      chosen.pt < MIN_PRINT_TEXT_PT && depth < 2 ? halves({ title: part.title, source: chosen.source }) : null;
    if (!cut) return [chosen];
    const a = await best(cut[0], depth + 1);
    const b = await best(cut[1], depth + 1);
    if (!a || !b) return [chosen];
    const both = [...a, ...b];
    return Math.min(...both.map((p) => p.pt)) > chosen.pt ? both : [chosen];
  };
  const out: PagePart[] = [];
  for (const part of split.parts) {
    const parts = await best(part, 0);
    if (!parts) return null;
    out.push(...parts.map(({ title, svg, pt }) => ({ title, svg, pt })));
  }
  return out;
}

/** Page parts for every authored diagram the book could not print readably otherwise, by name. */
export async function bookPageParts(ctx: StageContext, box: PageBox): Promise<Map<string, PagePart[] | null>> {
  const all = [
    ...ctx.course.chapters.flatMap((c) => c.diagrams.map((d, i) => ({ name: `diagrams/${c.slug}-${i + 1}`, d }))),
    ...ctx.course.diagrams.map((d, i) => ({ name: `diagrams/course-${i + 1}`, d })),
  ];
  const out = new Map<string, PagePart[] | null>();
  for (const { name, d } of all)
    if (unreadableInBook(ctx, box, name)) out.set(name, await pageParts(ctx, name, d, bookPageBox(box)));
  return out;
}
