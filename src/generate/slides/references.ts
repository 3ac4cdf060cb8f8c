// Reference lists (rule "references"): a section that is only links ("External resources",
// "Further reading", a bare list of URLs) teaches nothing on a slide of its own. Each such section
// becomes one line, "Rule title: link · link", and a deck's lines are gathered onto one
// references slide after its last content slide (the fit pass continues it if it is long).
import type { Block, Inline } from '../../model/types.ts';
import type { Draft } from './flow.ts';
import { escapeHtml, inlineHtml } from './markdown.ts';
import type { Point } from './types.ts';

/** True when inline content is links and nothing else but spaces, punctuation and separators. */
function onlyLinks(nodes: readonly Inline[]): boolean {
  let links = 0;
  for (const n of nodes) {
    if (n.type === 'link') links++;
    else if (n.type === 'text' && /^[\s\p{P}\p{S}]*$/u.test(n.value)) continue;
    else if (n.type === 'break') continue;
    else if ((n.type === 'strong' || n.type === 'emphasis') && onlyLinks(n.children)) links++;
    else return false;
  }
  return links > 0;
}

const linksOf = (nodes: readonly Inline[]): Inline[] =>
  nodes.flatMap((n) =>
    n.type === 'link' ? [n] : n.type === 'strong' || n.type === 'emphasis' ? linksOf(n.children) : [],
  );

/** The links of blocks that hold nothing but links (lists of links, paragraphs of links), else null. */
export function linkList(blocks: readonly Block[]): Inline[] | null {
  const out: Inline[] = [];
  const take = (b: Block): boolean => {
    if (b.type === 'paragraph' && onlyLinks(b.children)) return out.push(...linksOf(b.children)) > 0;
    if (b.type === 'list') return b.items.every((i) => i.children.length > 0 && i.children.every(take));
    return false;
  };
  return blocks.length > 0 && blocks.every(take) && out.length > 0 ? out : null;
}

/** The line of one link section on the references slide: its topic, then its links. */
export function referencePoint(topic: string, links: readonly Inline[]): Point {
  return { html: `<strong>${escapeHtml(topic)}</strong>: ${links.map((l) => inlineHtml([l])).join(' · ')}`, sub: [] };
}

/** Moves every references draft onto one slide placed after the last slide of a section. */
export function gatherReferences(drafts: readonly Draft[], title: string): Draft[] {
  const refs = drafts.filter((d) => d.references);
  if (refs.length === 0) return [...drafts];
  const rest = drafts.filter((d) => !d.references);
  let at = rest.length;
  while (at > 0 && rest[at - 1]!.section === null) at--;
  const slide: Draft = {
    kind: 'section',
    title,
    label: null,
    icon: null,
    section: null,
    points: refs.flatMap((d) => d.points ?? []),
    notesHtml: refs.map((d) => d.notesHtml ?? '').join('\n'),
    ...(refs[0]!.source ? { source: refs[0]!.source } : {}),
  };
  return [...rest.slice(0, at), slide, ...rest.slice(at)];
}
