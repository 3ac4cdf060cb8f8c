// Reading a section's blocks for slides: where tables and code blocks cut the prose, which
// paragraph leads into them, and the measures the flow uses to decide what shares a slide.
import type { Block, Position, Section } from '../../model/types.ts';
import { inlineHtml } from './markdown.ts';
import { FRAME } from './rules.ts';
import type { Point } from './types.ts';

export type Special = Extract<Block, { type: 'table' | 'code' }>;
export type Segment = { run: Block[] } | { block: Special; lead: Block | null };

export const within = (p: Position, at: Position) =>
  at.start.offset >= p.start.offset && at.start.offset <= p.end.offset;
const plainText = (b: Block): string => (b.type === 'paragraph' ? inlineHtml(b.children).replace(/<[^>]+>/g, '') : '');
const isLead = (b: Block | undefined): b is Block => b?.type === 'paragraph' && /:\s*$/.test(plainText(b));
export const stripTags = (html: string) => html.replace(/<[^>]+>/g, '');

/** Splits blocks at every table and code block; a trailing lead-in paragraph goes with the block. */
export function segments(blocks: readonly Block[]): Segment[] {
  const out: Segment[] = [];
  let run: Block[] = [];
  for (const b of blocks) {
    if (b.type !== 'table' && b.type !== 'code') {
      run.push(b);
      continue;
    }
    const lead = isLead(run[run.length - 1]) ? run.pop()! : null;
    if (run.length) out.push({ run });
    out.push({ block: b, lead });
    run = [];
  }
  if (run.length) out.push({ run });
  return out;
}

/** Width and height of an SVG from its viewBox. */
export function svgSize(svg: string): { w: number; h: number } | null {
  const m = /viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"/.exec(svg);
  return m ? { w: Number(m[1]), h: Number(m[2]) } : null;
}

/** Estimated height (px) of a list of points at body size. */
export function pointsHeight(points: readonly Point[]): number {
  const lines = (html: string, cols: number) => Math.max(1, Math.ceil(stripTags(html).length / cols));
  return points.reduce(
    (h, p) => h + lines(p.html, 58) * FRAME.linePx + 15 + p.sub.reduce((k, s) => k + lines(s, 64) * 39, 0),
    0,
  );
}

/** A section's blocks and its subsections' blocks, in order. */
export const flat = (s: Section): Block[] => [...s.blocks, ...s.sections.flatMap(flat)];
