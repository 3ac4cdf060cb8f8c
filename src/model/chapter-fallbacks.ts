// Chapters when the document names none: a chapter file is one chapter (past its page chrome),
// and a document without chapter words takes its top-level headings as chapters, and says so.
import type { RootContent } from 'mdast';
import { pos } from './blocks.ts';
import type { Diagnostics } from './messages.ts';
import type { Owner } from './owners.ts';
import type { Scan } from './scan.ts';
import { buildSections } from './sections.ts';
import { cleanTitle } from './text.ts';

/** A chapter file without a "Chapter N" heading: the whole file is the chapter, titled by its first heading. */
export function wholeFile(scan: Scan, number: number, fallbackTitle: string | undefined): Owner[] {
  // Page chrome before the first heading (an HTML banner, "<< Day 1 | Day 3 >>" links, a link
  // list of the page's own sections) does not hide that heading.
  const firstHeading = scan.nodes.findIndex((n) => n.type === 'heading');
  const chrome = firstHeading > 0 && scan.nodes.slice(0, firstHeading).every(isChrome);
  const index = chrome ? firstHeading : scan.nodes.findIndex((n) => n.type !== 'yaml');
  const first = scan.nodes[index];
  if (!first) return [];
  const heading = first.type === 'heading' ? first : null;
  const title = fallbackTitle ?? (heading ? flattenTitle(heading) : '');
  // Depth 0: no heading inside the file ends this chapter.
  const marker = { number, title, index, kind: 'heading' as const, depth: 0, line: 0, position: pos(first) };
  if (!heading) return [{ number, marker: { ...marker, kind: 'announcement', depth: 7, line: -1 }, index: index - 1 }];
  scan.markers.push(marker);
  return [{ number, marker, index }];
}

export function isChrome(node: RootContent): boolean {
  if (node.type === 'yaml' || node.type === 'html' || node.type === 'thematicBreak' || node.type === 'definition')
    return true;
  const onlyLinks = (children: readonly RootContent[]): boolean =>
    children.every(
      (c) =>
        c.type === 'link' ||
        c.type === 'image' ||
        c.type === 'break' ||
        (c.type === 'text' && /^[\s|·•\-–—<>«»]*$/u.test(c.value)),
    );
  // An author line inside a banner (`<sub>Author: <a …>Name</a></sub>`): inline HTML and a few words.
  const byline = (children: readonly RootContent[]) =>
    children.some((c) => c.type === 'html') &&
    children.every((c) => c.type === 'html' || c.type === 'link' || c.type === 'break' || c.type === 'text') &&
    children.reduce((n, c) => n + (c.type === 'text' ? c.value.trim().length : 0), 0) <= 60;
  if (node.type === 'paragraph') return onlyLinks(node.children) || byline(node.children);
  if (node.type === 'list')
    return node.children.every((item) =>
      item.children.every((c) => (c.type === 'paragraph' && onlyLinks(c.children)) || isChrome(c)),
    );
  return false;
}

/** No chapter words anywhere: take the top-level headings as chapters, and say so. */
export function headingFallback(scan: Scan, diag: Diagnostics): Owner[] {
  const headings = scan.nodes.flatMap((n, i) => (n.type === 'heading' ? [{ n, i }] : []));
  const h1 = headings.filter((h) => h.n.depth === 1);
  const titleOnly = h1.length === 1 && h1[0]?.i === headings[0]?.i;
  const candidates = titleOnly ? headings.slice(1) : headings;
  if (candidates.length === 0) return [];
  const depth = Math.min(...candidates.map((h) => h.n.depth));
  const top = candidates.filter((h) => h.n.depth === depth && !scan.partHeadings.has(h.i));
  const first = top[0];
  if (!first) return [];
  diag.warn(
    pos(first.n).start,
    `No "Chapter N" headings or announcements found; using the ${top.length} level-${depth} headings as chapters`,
    'chapters-from-headings',
    'Name chapters explicitly, e.g. "## Chapter 1: Title", to silence this.',
  );
  return top.map((h, k) => {
    const title = cleanTitle(scan.nodes[h.i]?.type === 'heading' ? flattenTitle(h.n) : '');
    const marker = {
      number: k + 1,
      title,
      index: h.i,
      kind: 'heading' as const,
      depth: h.n.depth,
      line: 0,
      position: pos(h.n),
    };
    scan.markers.push(marker);
    return { number: k + 1, marker, index: h.i };
  });
}

export function flattenTitle(h: Extract<RootContent, { type: 'heading' }>): string {
  return buildSections([h], null, { warn() {}, error() {}, info() {} }).sections[0]?.title ?? '';
}
