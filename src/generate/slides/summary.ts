// A chapter's executive summary as slide points. The summary is prose, lists and a labelled
// analogy written on the last line of a paragraph; the slide keeps every sentence and every list
// item (a "Models include:" lead-in holds its list as sub-points), and the analogy goes beside.
import { readLabel } from '../../model/recognisers/labels.ts';
import type { Block, Chapter, Inline } from '../../model/types.ts';
import { inlineLines } from '../text-units.ts';
import { blockPoints } from './condense.ts';
import { inlineHtml } from './markdown.ts';
import type { Point } from './types.ts';

// An analogy or definition line has a place of its own (beside the points, a card); a key idea stays a point.
const drawnBeside = (kind: string | undefined): boolean => kind === 'analogy' || kind === 'definition';

/** The blocks with their analogy and definition lines taken out of their paragraphs. */
export function unlabelled(blocks: readonly Block[]): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    if (b.type !== 'paragraph') {
      out.push(b);
      continue;
    }
    const lines = inlineLines(b.children).filter((l) => !drawnBeside(readLabel(l)?.kind));
    if (lines.length === 0) continue;
    const children = lines.flatMap((l, i) => (i > 0 ? [{ type: 'text', value: '\n' } as Inline, ...l] : l));
    out.push({ ...b, children });
  }
  return out;
}

// Latin sentences end in . ! ? before a space and a capital (or digit, quote, bracket); CJK ones in 。！？.
const BOUNDARY = /(?<=[.!?][”"’)]?)\s+(?=[\p{Lu}\d"“(])|(?<=[。！？])/u;
const ABBREV = /(?:\b(?:e\.g|i\.e|vs|etc|cf|approx|Dr|Mr|Ms|St|No)|\d)\.$/i;

/** Adjacent text nodes as one (a sentence boundary may fall between them). */
function mergeText(nodes: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const n of nodes) {
    const last = out[out.length - 1];
    if (n.type === 'text' && last?.type === 'text') out[out.length - 1] = { type: 'text', value: last.value + n.value };
    else out.push(n);
  }
  return out;
}

/** The sentences of inline content, markup kept; a boundary is cut only in top-level text. */
export function sentences(nodes: readonly Inline[]): Inline[][] {
  const out: Inline[][] = [[]];
  for (const n of mergeText(nodes)) {
    if (n.type !== 'text') {
      out[out.length - 1]!.push(n.type === 'break' ? { type: 'text', value: ' ' } : n);
      continue;
    }
    const value = n.value.replace(/\n/g, ' ');
    let start = 0;
    for (const m of value.matchAll(new RegExp(BOUNDARY.source, 'gu'))) {
      const head = value.slice(start, m.index);
      if (ABBREV.test(head)) continue;
      out[out.length - 1]!.push({ type: 'text', value: head });
      out.push([]);
      start = m.index + m[0].length;
    }
    out[out.length - 1]!.push({ type: 'text', value: value.slice(start) });
  }
  return out.filter(
    (s) =>
      inlineHtml(s)
        .replace(/<[^>]+>/g, '')
        .trim() !== '',
  );
}

const endsWithColon = (nodes: readonly Inline[]): boolean =>
  /[:：]\s*$/.test(inlineHtml(nodes).replace(/<[^>]+>/g, ''));

/** Points of summary blocks: every sentence of every paragraph, list items, a lead-in sentence holding its list. */
export function summaryPoints(blocks: readonly Block[]): Point[] {
  const prose = unlabelled(blocks);
  const points: Point[] = [];
  for (let i = 0; i < prose.length; i++) {
    const b = prose[i]!;
    if (b.type === 'paragraph') {
      const all = sentences(b.children);
      const next = prose[i + 1];
      const last = all[all.length - 1];
      const lead = last && endsWithColon(last) && next?.type === 'list' ? all.pop() : undefined;
      points.push(...all.map((s) => ({ html: inlineHtml(s).trim(), sub: [] })));
      if (lead && next) {
        points.push(...blockPoints([{ ...b, children: lead }, next], () => false));
        i++;
      }
    } else if (b.type === 'list' || b.type === 'quote') points.push(...blockPoints([b], () => false));
  }
  return points.filter((p) => p.html || p.sub.length > 0);
}

/** The chapter's summary points: its executive summary when the course has one. */
export function chapterSummaryPoints(chapter: Chapter): Point[] {
  return chapter.summaryBlocks.length > 0 ? summaryPoints(chapter.summaryBlocks) : [];
}
