// How many slides a drafted slide becomes once the browser's fit pass has added its continuation
// slides (pure, before any browser). The lecture plan (lecture-plan.ts) needs this: it is made
// before the browser runs (the maps' links into lecture 2, 3… are drawn before the decks), so it
// cannot read the measured counts. The estimate reads text lengths against the frame and type of
// theme.css (FRAME in rules.ts) and errs on the side of more slides: a lecture planned on it stays
// within its target. test/lecture-estimate.test.ts holds it against the browser's counts.
import { FRAME } from './rules.ts';
import type { Point, Slide } from './types.ts';
import { escapeHtml } from '../escape.ts';

type Draft = Omit<Slide, 'key'>;

const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&[a-z#0-9]+;/gi, '&');
/** Wide characters (CJK, emoji) take about two columns of Latin text. */
const width = (s: string) =>
  [...s].reduce(
    (w, ch) =>
      w +
      (/[\u1100-\u11FF\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\u{1F000}-\u{1FAFF}]/u.test(ch)
        ? 2
        : 1),
    0,
  );
const lines = (html: string, columns: number) => Math.max(1, Math.ceil(width(text(html)) / columns));

/** Type metrics at the body size (34 px) and the sub-point size (30 px), in characters per line and px. */
const BODY = { columns: 64, line: FRAME.linePx, gap: 15 };
const SUB = { columns: 64, line: 39, gap: 5 };
/** Heading: 50 px type, 1.12 line height, 28 px below; room left for the "(2/3)" mark. */
const HEADING = { columns: 38, line: 56, gap: 28 };
const SLIDE_BODY = FRAME.height - 44 - 56;

/** Height of one point with its sub-points, at body size in a column `scale` of the content width. */
function pointHeight(p: Point, scale = 1): number {
  const body = lines(p.html, Math.floor(BODY.columns * scale)) * BODY.line + BODY.gap;
  return body + p.sub.reduce((h, s) => h + lines(s, Math.floor(SUB.columns * scale)) * SUB.line + SUB.gap, 0);
}

/** Greedy packing of unit heights into pages of `room` px (the browser's fit pass packs the same way). */
function pages(heights: readonly number[], room: number): number {
  let count = 1;
  let used = 0;
  for (const h of heights) {
    if (used > 0 && used + h > room) count++, (used = 0);
    used += h;
  }
  return count;
}

/** Kicker line (28 px) and an opening section's lead above the heading (30 px, 1.3 line height). */
const KICKER = 40;
const OPENING_LEAD = { columns: 66, line: 39, gap: 18 };

/** Height left under the heading of a slide titled `title` (label included), and under its kicker and lead. */
function room(d: Draft): number {
  const heading = `${d.label ? `${d.label} ` : ''}${d.title}`;
  // The lead-in, then a line or more for each item of its list.
  const parts = d.opens?.leadHtml?.split(/<li>/) ?? [];
  const lead = parts.length
    ? parts.reduce((n, part) => n + lines(part, OPENING_LEAD.columns), 0) * OPENING_LEAD.line + OPENING_LEAD.gap
    : 0;
  const kicker = d.opens || d.context ? KICKER : 0;
  return SLIDE_BODY - lines(escapeHtml(heading), HEADING.columns) * HEADING.line - HEADING.gap - kicker - lead;
}

/** Row heights of a table at 30 px type (columns share the width evenly, cell padding 24 px). */
function rowHeights(d: Draft): { header: number; rows: number[] } {
  const cols = Math.max(1, d.header?.length ?? d.rows?.[0]?.length ?? 1);
  const perCell = Math.max(8, Math.floor(70 / cols));
  const row = (cells: readonly string[]) => Math.max(1, ...cells.map((c) => lines(c, perCell))) * 37 + 26;
  return { header: d.header?.length ? row(d.header) : 0, rows: (d.rows ?? []).map(row) };
}

/** Estimated slides the draft becomes after fitting (1 for kinds that only shrink). */
export function estimateSlides(d: Draft): number {
  const free = room(d);
  // A link section is a line of the lecture's references slide: its share of that slide.
  if (d.references)
    return (d.points ?? []).reduce((h, p) => h + pointHeight(p), 0) / (SLIDE_BODY - HEADING.line * 2 - HEADING.gap);
  if (d.kind === 'table') {
    const { header, rows } = rowHeights(d);
    const lead = d.leadHtml ? lines(d.leadHtml, 62) * 39 + 16 : 0;
    return pages(rows, Math.max(120, free - header - lead));
  }
  if (d.figure || !d.points?.length) return 1;
  if (d.kind !== 'section' && d.kind !== 'agenda' && d.kind !== 'summary' && d.kind !== 'insight') return 1;
  const scale = d.asideHtml ? 0.55 : 1;
  const callout = d.bodyHtml
    ? lines(d.bodyHtml, d.kind === 'summary' ? 62 : 50) * (d.kind === 'summary' ? 40 : 50) + 90
    : 0;
  const heights = d.points.map((p) => pointHeight(p, scale));
  const normal = pages(heights, Math.max(120, free - callout));
  // A list takes a type step smaller (31 px) when that saves a slide (rule "split-parts"): its lines
  // at 0.94 of their height, no more words a line — on the long side of the browser's measure.
  const smaller = pages(
    heights.map((h) => h * SMALLER),
    Math.max(120, free - callout),
  );
  return Math.min(normal, smaller);
}

const SMALLER = 0.94;
