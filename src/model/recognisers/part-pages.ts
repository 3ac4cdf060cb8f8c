// Part pages of folder courses: a file that is a part, not a chapter. Either its front matter
// says `part:` (a number or a title), or its only content is a part title and a list of its
// chapters ("# Part II: Distributed Data" + "- [Replication](05-replication.md)"), or a part
// heading in any language of the strings table ("第一部分：…", "Teil 2 –", "Partie I :") over a
// short introduction (at most three paragraphs, no sections).
import type { List, Root, RootContent } from 'mdast';
import { pos } from '../blocks.ts';
import type { Drop } from '../coverage.ts';
import { phrasingText } from '../lines.ts';
import { matchPartHeading } from './markers.ts';
import type { Diagnostics } from '../messages.ts';
import { readFrontMatter } from './meta.ts';
import { cleanTitle, stripEmoji } from '../text.ts';
import type { Part } from '../types.ts';

export interface PartPage {
  /** From the front matter or the heading ("Part 2: …"); null to number it by its place. */
  number: number | null;
  title: string;
  position: Part['position'];
  /** Every line of the file is the part's (structure, not lost). */
  drop: Drop;
}

const quiet: Diagnostics = { warn() {}, error() {}, info() {} };

/**
 * `group`: the table of contents lists pages under this one (a GitBook group README, a Quarto
 * part page). Then the page is the part's page when it holds little besides its title: lists of
 * links and at most one short paragraph (under 300 characters); a page that teaches is a chapter.
 */
export function readPartPage(tree: Root, lines: number, group = false): PartPage | null {
  const nodes = tree.children.filter((n) => n.type !== 'thematicBreak' && n.type !== 'definition');
  const meta = readFrontMatter(tree.children, quiet);
  const heading = nodes.find((n): n is Extract<RootContent, { type: 'heading' }> => n.type === 'heading');
  const headingText = heading ? cleanTitle(stripEmoji(phrasingText(heading.children))) : '';
  const ref = matchPartHeading(headingText);
  const drop: Drop = { start: 1, end: Math.max(1, lines), use: 'structure', rule: 'part-page' };
  const position = pos(heading ?? nodes[0] ?? {});
  const declared = meta['part'];
  if (declared !== undefined && declared.trim() !== '') {
    const numeric = /^\s*\d+\s*$/.test(declared) ? Number(declared) : null;
    const title = numeric === null ? cleanTitle(declared) : ref?.title || headingText || `Part ${numeric}`;
    return {
      number: numeric ?? matchPartHeading(declared)?.number ?? ref?.number ?? null,
      title: matchPartHeading(title)?.title || title,
      position,
      drop,
    };
  }
  const body = nodes.filter((n) => n.type !== 'yaml');
  if (group && heading && body[0] === heading && holdsLittle(body.slice(1), 1, 300))
    return { number: ref?.number ?? null, title: ref?.title || headingText, position, drop };
  // "第一部分：数据系统基础" / "Part II: Distributed Data" and a short introduction, no sections: a part page.
  if (ref && heading && body[0] === heading && body.length > 1 && holdsLittle(body.slice(1), 3, 900))
    return { number: ref.number, title: ref.title || headingText, position, drop };
  if (!heading || body[0] !== heading || body.length < 2 || !body.slice(1).every((n) => n.type === 'list')) return null;
  const lists = body.slice(1) as List[];
  if (!ref && !lists.every(onlyLinks)) return null;
  return { number: ref?.number ?? null, title: ref?.title || headingText, position, drop };
}

/** Only paragraphs (at most `paragraphs`, under `chars` characters in all), link lists and HTML. */
function holdsLittle(nodes: RootContent[], paragraphs: number, chars: number): boolean {
  const texts = nodes.flatMap((n) => (n.type === 'paragraph' ? [phrasingText(n.children)] : []));
  return (
    nodes.every((n) => n.type === 'paragraph' || (n.type === 'list' && linkLed(n)) || n.type === 'html') &&
    texts.length <= paragraphs &&
    texts.join(' ').length < chars
  );
}

/** Every item opens with a link ("[Booting](boot.md) - how the machine starts"): a described contents list. */
function linkLed(list: List): boolean {
  return list.children.every((item) => {
    const first = item.children[0];
    return (
      first?.type === 'paragraph' &&
      first.children.find((c) => !(c.type === 'text' && c.value.trim() === ''))?.type === 'link'
    );
  });
}

/** Every item of the list is a link and nothing else (a table of contents). */
function onlyLinks(list: List): boolean {
  return list.children.every((item) => {
    const first = item.children[0];
    if (item.children.some((c) => c.type !== 'paragraph' && c.type !== 'list') || first?.type !== 'paragraph')
      return false;
    const parts = first.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
    return parts.length === 1 && parts[0]?.type === 'link';
  });
}

/** Parts from part pages: each holds the chapters that follow it, up to the next part page. */
export function partsFromPages(pages: ReadonlyArray<{ page: PartPage; chapters: number[] }>): Part[] {
  let next = 1;
  return pages.map(({ page, chapters }) => {
    const number = page.number ?? next;
    next = number + 1;
    return { number, title: page.title || `Part ${number}`, chapters, position: page.position };
  });
}
