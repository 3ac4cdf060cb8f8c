// Condensing prose into slide points: list items, bold lead phrases and first sentences, taken
// from the model; the whole prose goes to the speaker notes.
import type { PhrasingContent } from 'mdast';
import type { Block, Inline, Section } from '../../model/types.ts';
import { inlineHtml, mdastHtml } from './markdown.ts';
import type { Point } from './types.ts';

/** Longest lead-in kept as written; a longer one is condensed to its first sentence. */
const MAX_WORDS = 26;
/** Abbreviations whose dot ends no sentence (e.g., ej., z.B., p. ex.), in the strings-table languages. */
const ABBREV =
  /(?:\b(?:e\.g|i\.e|vs|etc|cf|approx|Dr|Mr|Mrs|Ms|St|No|Nr|ej|p\. ?ej|p\. ?ex|z\. ?B|bzw|usw|vgl|ca|ecc|Sr|Sra|Dra|pág|pp|vol|fig)|\d)\.$/iu;

/** True when a parenthesis or bracket opened in `text` is still open: a dot inside ends no sentence. */
const openBracket = (text: string) => (text.match(/[([]/g)?.length ?? 0) > (text.match(/[)\]]/g)?.length ?? 0);
const SENTENCE_END = /[.!?。！？](?=\s|$)/g;

/** The first sentence of a run of inline nodes (cut only in top-level text). */
export function firstSentence(nodes: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const n of nodes) {
    if (n.type === 'break' && out.length > 0) break;
    if (n.type !== 'text') {
      out.push(n);
      continue;
    }
    for (const m of n.value.matchAll(SENTENCE_END)) {
      const head = n.value.slice(0, m.index + 1);
      if (ABBREV.test(head) || openBracket(head)) continue;
      const before = out.reduce((k, x) => k + (x.type === 'text' ? x.value.trim().length : 1), 0);
      if (before + head.trim().length < 12) continue;
      out.push({ type: 'text', value: head });
      return out;
    }
    out.push(n);
  }
  return out;
}

/** The first sentence and the rest of a run of inline nodes. */
function splitSentence(nodes: readonly Inline[]): [Inline[], Inline[]] {
  const head = firstSentence(nodes);
  const last = head[head.length - 1];
  const i = head.length - 1;
  const source = nodes[i];
  if (head.length === 0 || !last || !source) return [head, []];
  if (source === last) return [head, nodes.slice(i + 1) as Inline[]];
  // The last head node is a cut of nodes[i] (a text node): the rest of it starts the remainder.
  const rest =
    source.type === 'text' ? source.value.slice(last.type === 'text' ? last.value.length : 0).trimStart() : '';
  return [head, [...(rest ? [{ type: 'text', value: rest } as Inline] : []), ...nodes.slice(i + 1)]];
}

/** Up to `max` sentences of a paragraph, at most `maxWords` words (for a section that is one paragraph). */
export function sentencesHtml(nodes: readonly Inline[], max: number, maxWords: number): string {
  let rest = trimLead(nodes);
  const out: Inline[] = [];
  for (let k = 0; k < max && rest.length > 0; k++) {
    const [head, tail] = splitSentence(rest);
    if (k > 0 && words(out) + words(head) > maxWords) break;
    if (k > 0) out.push({ type: 'text', value: ' ' });
    out.push(...head);
    rest = tail;
  }
  return inlineHtml(limitWords(out));
}

function words(nodes: readonly Inline[]): number {
  let k = 0;
  for (const n of nodes) {
    if (n.type === 'text' || n.type === 'inlineCode') k += n.value.split(/\s+/).filter(Boolean).length;
    else if ('children' in n) k += words(n.children);
  }
  return k;
}

/**
 * Inline content for a point, never cut inside a sentence (rule "whole-sentence"): a point is
 * whole sentences, however long; the fit pass continues or shrinks what does not fit, and the
 * notes keep the whole paragraph. An ellipsis on a slide is always the source's own.
 */
export function limitWords(nodes: readonly Inline[]): Inline[] {
  return [...nodes];
}

const condenseInline = (nodes: readonly Inline[]): string => inlineHtml(limitWords(firstSentence(trimLead(nodes))));

function trimLead(nodes: readonly Inline[]): Inline[] {
  const out = [...nodes];
  while (out[0]?.type === 'break') out.shift();
  return out;
}

function paragraphOf(blocks: readonly Block[]): Inline[] {
  const p = blocks.find((b) => b.type === 'paragraph');
  return p?.type === 'paragraph' ? p.children : [];
}

/** Points of a list block: each item's first sentence (bold lead kept), nested lists as sub-points. */
function listPoints(block: Extract<Block, { type: 'list' }>): Point[] {
  return block.items
    .map((item, i) => {
      const nested = item.children.find((c) => c.type === 'list');
      const sub =
        nested?.type === 'list' ? nested.items.map((x) => condenseInline(paragraphOf(x.children))).filter(Boolean) : [];
      const point: Point = { html: condenseInline(paragraphOf(item.children)), sub };
      if (block.ordered) point.n = (block.start ?? 1) + i;
      if (nested?.type === 'list' && nested.ordered && sub.length > 0) point.subStart = nested.start ?? 1;
      return point;
    })
    .filter((p) => p.html || p.sub.length > 0);
}

const plain = (nodes: readonly Inline[]): string =>
  nodes
    .map((n) => (n.type === 'text' || n.type === 'inlineCode' ? n.value : 'children' in n ? plain(n.children) : ''))
    .join('');
const endsWithColon = (nodes: readonly Inline[]): boolean => /:\s*$/.test(plain(nodes));

/** Points of a block run; a "Strategies:" paragraph followed by a list takes the list as its sub-points. */
export function blockPoints(blocks: readonly Block[], skip: (b: Block) => boolean): Point[] {
  const points: Point[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (skip(block)) continue;
    if (block.type === 'paragraph') {
      const next = blocks[i + 1];
      if (endsWithColon(block.children) && next?.type === 'list' && !skip(next)) {
        // A lead-in stays with its list, whatever its length (rule "lead-in").
        const lead: Point = {
          html: words(block.children) <= MAX_WORDS ? inlineHtml(block.children) : condenseInline(block.children),
          sub: listPoints(next).map((p) => p.html),
        };
        if (next.ordered) lead.subStart = next.start ?? 1; // "Two choices:" then 1. and 2.: the numbers stay
        points.push(lead);
        i++;
      } else if (
        endsWithColon(block.children) &&
        words(block.children) <= 6 &&
        next?.type === 'paragraph' &&
        !skip(next)
      ) {
        points.push({ html: `${inlineHtml(block.children)} ${condenseInline(next.children)}`, sub: [] });
        i++;
      } else {
        const html = condenseInline(block.children);
        if (html.trim()) points.push({ html, sub: [] });
      }
    } else if (block.type === 'list') points.push(...listPoints(block));
    else if (block.type === 'quote') {
      const html = condenseInline(paragraphOf(block.children));
      if (html.trim()) points.push({ html, sub: [] });
    }
  }
  return points;
}

/** A folded subsection: its title in bold with its first points as sub-points. */
export function foldedPoint(section: Section, skip: (b: Block) => boolean): Point {
  const title: PhrasingContent[] = [
    {
      type: 'strong',
      children: [{ type: 'text', value: `${section.icon ? `${section.icon} ` : ''}${section.title}` }],
    },
  ];
  const inner = [...blockPoints(section.blocks, skip), ...section.sections.map((s) => foldedPoint(s, skip))];
  return {
    html: mdastHtml([{ type: 'paragraph', children: title }]).replace(/^<p>|<\/p>$/g, ''),
    sub: inner.map((p) => p.html),
  };
}
