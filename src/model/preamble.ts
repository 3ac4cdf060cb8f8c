// What a course says before and around its chapters: title and author, parts, the
// executive summary of each chapter, and outline entries.
import type { List, RootContent } from 'mdast';
import { pos, toBlocks } from './blocks.ts';
import { inlineLines } from './enrich.ts';
import { readLabel } from './recognisers/labels.ts';
import { phrasingText } from './lines.ts';
import { matchPartHeading } from './recognisers/markers.ts';
import type { Diagnostics } from './messages.ts';
import { isChatLine, type Scan } from './scan.ts';
import { cleanTitle, collapse, inlineText } from './text.ts';
import type { Analogy, Block, Part } from './types.ts';

export interface Summary {
  number: number;
  title: string;
  text: string;
  blocks: Block[];
  analogies: Analogy[];
}

/** Nodes a heading at `index` governs: until the next heading of the same or higher rank. */
export function scopeOf(nodes: readonly RootContent[], index: number): number {
  const h = nodes[index];
  const depth = h?.type === 'heading' ? h.depth : 7;
  let i = index + 1;
  while (i < nodes.length) {
    const n = nodes[i];
    if (n?.type === 'heading' && n.depth <= depth) break;
    i++;
  }
  return i;
}

/** Executive-summary entries: chapter headings that are not the chapter proper. */
export function findSummaries(scan: Scan, ownerIndices: ReadonlySet<number>): Map<number, Summary> {
  const out = new Map<number, Summary>();
  for (const m of scan.markers) {
    if (m.kind !== 'heading' || ownerIndices.has(m.index) || out.has(m.number)) continue;
    const end = Math.min(scopeOf(scan.nodes, m.index), nextOwner(ownerIndices, m.index));
    const nodes = scan.nodes.slice(m.index + 1, end).filter((_, k) => !scan.filler.has(m.index + 1 + k));
    const blocks = toBlocks(nodes).filter((b) => b.type !== 'thematicBreak');
    if (blocks.length === 0) continue;
    out.set(m.number, { number: m.number, title: m.title, ...summaryParts(blocks) });
  }
  return out;
}

/** The first chapter start after `index`: nothing before a chapter reaches into it. */
function nextOwner(ownerIndices: ReadonlySet<number>, index: number): number {
  let next = Number.POSITIVE_INFINITY;
  for (const o of ownerIndices) if (o > index && o < next) next = o;
  return next;
}

/** Summary text is the prose paragraphs without their labelled lines (analogies become analogies). */
function summaryParts(blocks: Block[]): { text: string; blocks: Block[]; analogies: Analogy[] } {
  const texts: string[] = [];
  const analogies: Analogy[] = [];
  for (const b of blocks) {
    if (b.type !== 'paragraph') continue;
    for (const line of inlineLines(b.children)) {
      const label = readLabel(line);
      if (label?.kind === 'analogy') {
        analogies.push({
          text: collapse(inlineText(label.rest)),
          sectionId: 'summary',
          blocks: [b],
          position: b.position,
        });
      } else if (!label && !isChatLine(inlineText(line))) texts.push(collapse(inlineText(line)));
    }
  }
  return { text: collapse(texts.join(' ')), blocks, analogies };
}

/** Parts from "Part I – Title" headings, each with the chapters named in its scope. */
export function findParts(scan: Scan, ownerIndices: ReadonlySet<number>, diag: Diagnostics): Part[] {
  const parts = new Map<number, Part>();
  for (const i of [...scan.partHeadings].sort((a, b) => a - b)) {
    const h = scan.nodes[i];
    if (h?.type !== 'heading') continue;
    const ref = scan.partRefs.get(i) ?? matchPartHeading(phrasingText(h.children));
    if (!ref) continue;
    // A part heading in an outline or summary does not reach into the chapters after it.
    const first = Math.min(...ownerIndices);
    const end = i < first ? Math.min(scopeOf(scan.nodes, i), first) : scopeOf(scan.nodes, i);
    const chapters = chaptersInScope(scan, i, end);
    const part = parts.get(ref.number);
    if (!part)
      parts.set(ref.number, {
        number: ref.number,
        title: ref.title || `Part ${ref.number}`,
        chapters,
        position: pos(h),
      });
    else part.chapters = [...new Set([...part.chapters, ...chapters])].sort((a, b) => a - b);
  }
  const list = [...parts.values()];
  const seen = new Map<number, number>();
  for (const p of list) {
    for (const c of p.chapters) {
      const other = seen.get(c);
      if (other !== undefined && other !== p.number) {
        diag.warn(
          p.position.start,
          `Chapter ${c} is listed in part ${other} and part ${p.number}`,
          'part-overlap',
          'List each chapter under one part.',
        );
      }
      seen.set(c, p.number);
    }
  }
  return list;
}

function chaptersInScope(scan: Scan, from: number, to: number): number[] {
  const found = new Set<number>();
  for (const m of scan.markers) if (m.index > from && m.index < to && !scan.filler.has(m.index)) found.add(m.number);
  // Headed course: the part's chapters run until the next part heading.
  if (found.size === 0) {
    for (let i = from + 1; i < scan.nodes.length && !scan.partHeadings.has(i); i++) {
      for (const m of scan.markers) if (m.index === i && m.kind === 'heading') found.add(m.number);
    }
  }
  if (found.size === 0) {
    for (let i = from + 1; i < to; i++) {
      const n = scan.nodes[i];
      if (n?.type === 'list' && n.ordered) for (const e of outlineEntries(n)) found.add(e.number);
    }
  }
  return [...found].sort((a, b) => a - b);
}

/** "3. **Storage and Retrieval**" items of an ordered outline list. */
export function outlineEntries(list: List): Array<{ number: number; title: string }> {
  const start = list.start ?? 1;
  return list.children.map((item, k) => {
    const first = item.children[0];
    const strong = first?.type === 'paragraph' ? first.children.find((c) => c.type === 'strong') : undefined;
    const title = strong && 'children' in strong ? cleanTitle(phrasingText(strong.children)) : '';
    return { number: start + k, title };
  });
}

/** Outline titles: ordered lists in the scope of an "Outline"/"Contents" heading or of part headings. */
export function outlineTitles(scan: Scan, before: number): Map<number, string> {
  const out = new Map<number, string>();
  for (let i = 0; i < before; i++) {
    const n = scan.nodes[i];
    if (n?.type !== 'list' || !n.ordered || scan.filler.has(i)) continue;
    for (const e of outlineEntries(n)) if (e.title && !out.has(e.number)) out.set(e.number, e.title);
  }
  return out;
}
