// One Markdown document → chapters, parts, extras: the heart of the model stage (pure).
import type { Root, RootContent } from 'mdast';
import { pos } from './blocks.ts';
import type { Drop } from './coverage.ts';
import { diagramOf, extractTeaching } from './enrich.ts';
import type { Diagnostics } from './messages.ts';
import { matchChapterHeading, matchPartHeading } from './recognisers/markers.ts';
import { reportUnsafeMarkup } from './recognisers/unsafe.ts';
import { authorLine, firstTitleHeading, readFrontMatter, recurringTitle } from './recognisers/meta.ts';
import { chooseOwners, type Owner } from './owners.ts';
import { promotePseudoHeadings } from './recognisers/pseudo.ts';
import { findParts, findSummaries, outlineTitles, type Summary } from './preamble.ts';
import { scanDocument, type Scan } from './scan.ts';
import { cutSegments, type Segment } from './segments.ts';
import { htmlHeading, isSequenceLabel, topicOf } from './recognisers/topic.ts';
import { buildSections, flattenSections } from './sections.ts';
import { cleanTitle, slugify, uniqueSlug } from './text.ts';
import type { Block, Chapter, Diagram, Extra, Part, Section } from './types.ts';

export interface DocumentModel {
  title: string | null;
  author: string | null;
  meta: Record<string, string>;
  transcript: boolean;
  /** Chapters were named in the text ("Chapter 3: …"), not inferred from headings or files. */
  explicit: boolean;
  parts: Part[];
  chapters: Chapter[];
  extras: Extra[];
  preface: Extra[];
  diagrams: Diagram[];
  /** Lines dropped on purpose (filler, outline, summary, titles, separators), for the coverage count. */
  drops: Drop[];
}

export interface AnalyseOptions {
  /** The document is one chapter of a folder course, with this number unless it names its own. */
  singleChapter?: number;
  /** Title to use when a chapter file has no heading (e.g. its SUMMARY.md link text). */
  fallbackTitle?: string;
  /** A folder's course file: read title, author, parts and preface only. */
  metadataOnly?: boolean;
  /** A page a table of contents lists (a published book's page): never read as a chat transcript. */
  published?: boolean;
  /** The chapter's topic as the course's contents table names it, for a heading that is only "Day 2". */
  topic?: string;
}

export function analyseDocument(
  tree: Root,
  file: string,
  diag: Diagnostics,
  slugs: Set<string>,
  options: AnalyseOptions = {},
): DocumentModel {
  const nodes = promotePseudoHeadings(tree.children, diag);
  const meta = readFrontMatter(nodes, diag);
  reportUnsafeMarkup(tree, diag);
  const scan = scanDocument(nodes, diag, options.published === true);
  // A page of a published book is one chapter: "## Part 1: Node coordinates" inside it is a section
  // (whole part pages are read before this, in part-pages.ts).
  if (options.published && options.singleChapter !== undefined) scan.partHeadings.clear();
  let owners = options.metadataOnly ? [] : chooseOwners(scan, diag);
  const explicit = owners.length > 0;
  // A chapter file is one chapter: nothing after its heading ends it (depth 0).
  const own = owners[0];
  if (options.singleChapter !== undefined && own)
    owners = [{ ...own, marker: own.marker && { ...own.marker, depth: 0 } }];
  if (owners.length === 0 && options.singleChapter !== undefined)
    owners = wholeFile(scan, options.singleChapter, meta['title'] ?? options.fallbackTitle);
  else if (owners.length === 0 && !options.metadataOnly) owners = headingFallback(scan, diag);
  const segments = cutSegments(scan, owners);
  const preambleEnd = owners[0]?.index ?? nodes.length;
  const summaries = findSummaries(scan, new Set(owners.map((o) => o.index)));
  const outline = outlineTitles(scan, preambleEnd);
  // A chapter file whose heading is only "Day 2": the topic from the contents table or an HTML heading.
  const html = htmlHeading(nodes);
  const topic = options.singleChapter === undefined ? undefined : (options.topic ?? (html ? topicOf(html) : undefined));
  const chapters = numberChapters(
    segments.map((s) => buildChapter(s, scan, summaries, outline, file, diag, slugs, topic)),
    diag,
    slugs,
  );
  const recurring = scan.transcript ? recurringTitle(nodes) : null;
  const preamble = nodes.slice(0, preambleEnd).filter((_, i) => !scan.filler.has(i));
  // Each run of material between chapters is an extra of its own, so none spans the chapters between them.
  const runs = segments.map((s) => s.after);
  if (owners.length === 0 && !options.metadataOnly) runs.push([...preamble]);
  const extras = runs.flatMap((run) => toExtras(run, scan, file, diag, slugs));
  const drops = [...structuralDrops(scan), ...segments.flatMap((s) => s.drops)];
  // A chapter file's banner and navigation links before its heading are page furniture.
  if (options.singleChapter !== undefined) {
    for (const node of nodes.slice(0, preambleEnd)) {
      if (node.type !== 'yaml' && isChrome(node) && node.position)
        drops.push({
          start: node.position.start.line,
          end: node.position.end.line,
          use: 'structure',
          rule: 'page-chrome',
        });
    }
  }
  const preface = owners.length > 0 || options.metadataOnly ? prefaceOf(preamble, scan, file, diag, slugs, drops) : [];
  return {
    title: courseTitle(meta['title'] ?? recurring?.title ?? firstTitleHeading(preamble) ?? null, html),
    author: meta['author'] ?? meta['authors'] ?? recurring?.author ?? authorLine(preamble) ?? null,
    meta,
    transcript: scan.transcript,
    explicit,
    parts: findParts(scan, new Set(owners.map((o) => o.index)), diag),
    chapters,
    extras: extras.filter((e) => e.sections.length > 0 || e.blocks.length > 0),
    preface,
    diagrams: extras.flatMap((e) => diagramsIn(e.blocks, e.sections)),
    drops,
  };
}

/** A course title that is only "Day 1" gives way to the page's HTML heading. */
function courseTitle(title: string | null, html: string | null): string | null {
  return html && (title === null || isSequenceLabel(title)) ? html : title;
}

function buildChapter(
  seg: Segment,
  scan: Scan,
  summaries: Map<number, Summary>,
  outline: Map<number, string>,
  file: string,
  diag: Diagnostics,
  slugs: Set<string>,
  topic?: string,
): Chapter {
  const n = seg.owner.number;
  const summary = summaries.get(n);
  const found = [
    seg.owner.marker?.title,
    summary?.title,
    outline.get(n),
    ...scan.markers.filter((m) => m.number === n).map((m) => m.title),
  ]
    .map((t) => cleanTitle(t ?? ''))
    .filter((t) => t !== '');
  // "Day 2" names the place, not the topic: the topic goes first, the label stays an alternative title.
  const titles = topic && (found.length === 0 || isSequenceLabel(found[0]!)) ? [cleanTitle(topic), ...found] : found;
  const title = titles[0] ?? `Chapter ${n}`;
  const start = seg.owner.marker?.position ?? pos(scan.nodes[seg.owner.index] ?? {});
  if (titles.length === 0)
    diag.warn(start.start, `Chapter ${n} has no title`, 'chapter-title-missing', `Write it as "Chapter ${n}: Title".`);
  const tree = buildSections(seg.body, n, diag);
  const teaching = extractTeaching(tree.intro, tree.sections, n);
  const lastNode = seg.body.findLast((node) => node.type !== 'thematicBreak');
  return {
    number: n,
    title,
    altTitles: [...new Set(titles.slice(1))].filter((t) => t !== title),
    // Duplicates (n < 0) get their slug once numbered, in numberChapters.
    slug: n < 0 ? `pending-${seg.owner.index}` : uniqueSlug(slugify(`${n}-${title}`, `chapter-${n}`), slugs),
    summary: summary?.text || null,
    summaryBlocks: summary?.blocks ?? [],
    intro: tree.intro,
    sections: tree.sections,
    ...teaching,
    analogies: [...(summary?.analogies ?? []), ...teaching.analogies],
    file,
    position: { start: start.start, end: lastNode?.position ? pos(lastNode).end : start.end },
  };
}

/** Chapters without a usable number (duplicates) are numbered after the last one, in order. */
function numberChapters(chapters: Chapter[], diag: Diagnostics, slugs: Set<string>): Chapter[] {
  let next = Math.max(0, ...chapters.map((c) => c.number)) + 1;
  for (const c of chapters) {
    if (c.number >= 0) continue;
    c.number = next++;
    slugs.delete(c.slug);
    c.slug = uniqueSlug(slugify(`${c.number}-${c.title}`, `chapter-${c.number}`), slugs);
    diag.info(c.position.start, `Numbered as chapter ${c.number}`, 'duplicate-chapter-number');
  }
  return chapters;
}

/** A chapter file without a "Chapter N" heading: the whole file is the chapter, titled by its first heading. */
function wholeFile(scan: Scan, number: number, fallbackTitle: string | undefined): Owner[] {
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

function isChrome(node: RootContent): boolean {
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
function headingFallback(scan: Scan, diag: Diagnostics): Owner[] {
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

function flattenTitle(h: Extract<RootContent, { type: 'heading' }>): string {
  return buildSections([h], null, { warn() {}, error() {}, info() {} }).sections[0]?.title ?? '';
}

function toExtras(
  nodes: readonly RootContent[],
  scan: Scan,
  file: string,
  diag: Diagnostics,
  slugs: Set<string>,
): Extra[] {
  const kept = nodes.filter(
    (n) => !(n.type === 'heading' && scan.partHeadings.has(scan.nodes.indexOf(n))) && !isFillerNode(n, scan),
  );
  const tree = buildSections(kept, null, silent(diag));
  // Text under a part heading (a module's introduction) is titled after the part.
  const part = nodes.find((n) => n.type === 'heading' && scan.partHeadings.has(scan.nodes.indexOf(n)));
  const intro = untitled(tree.intro, part?.type === 'heading' ? flattenTitle(part) || 'Notes' : 'Notes', file, slugs);
  return [
    ...(intro ? [intro] : []),
    ...tree.sections.map((s) => ({
      title: s.title,
      slug: uniqueSlug(slugify(s.title, 'extra'), slugs),
      icon: s.icon,
      blocks: s.blocks,
      sections: s.sections,
      file,
      position: s.position,
    })),
  ];
}

function isFillerNode(n: RootContent, scan: Scan): boolean {
  const i = scan.nodes.indexOf(n);
  return i >= 0 && scan.filler.has(i);
}

/** Filler nodes, front matter, separators and part headings: named, never lost. */
function structuralDrops(scan: Scan): Drop[] {
  const out: Drop[] = [];
  scan.nodes.forEach((n, i) => {
    const p = pos(n);
    const at = (use: Drop['use'], rule: string) => out.push({ start: p.start.line, end: p.end.line, use, rule });
    if (scan.filler.has(i)) at('filler', scan.fillerRule.get(i) ?? 'filler');
    else if (n.type === 'yaml') at('frontMatter', 'front-matter');
    else if (n.type === 'thematicBreak') at('blank', 'separator');
    else if (n.type === 'definition') at('structure', 'link-definition');
    else if (scan.partHeadings.has(i)) at('structure', 'part-heading');
  });
  return out;
}

const OUTLINE_TITLE = /outline|contents|syllabus|roadmap|overview|índice|temario|sommaire|inhalt|目录|大纲/iu;
const SUMMARY_TITLE = /summary|resumen|résumé|zusammenfassung|resumo|riassunto|摘要|总结/iu;

/** Headed material before the chapters that is not an outline, summary, part or chapter (those are recorded in drops). */
function prefaceOf(
  preamble: readonly RootContent[],
  scan: Scan,
  file: string,
  diag: Diagnostics,
  slugs: Set<string>,
  drops: Drop[],
): Extra[] {
  const tree = buildSections(preamble, null, silent(diag));
  const out: Extra[] = [];
  const partLines = new Set([...scan.partHeadings].map((i) => scan.nodes[i]?.position?.start.line));
  const record = (s: Section, use: Drop['use']) => {
    for (const p of [s.position, ...s.blocks.map((b) => b.position)])
      drops.push({ start: p.start.line, end: p.end.line, use, rule: use });
  };
  const kindOf = (s: Section) =>
    OUTLINE_TITLE.test(s.title)
      ? 'outline'
      : SUMMARY_TITLE.test(s.title)
        ? 'summary'
        : partLines.has(s.position.start.line) || matchPartHeading(s.title)
          ? 'structure'
          : matchChapterHeading(s.title)
            ? 'summary'
            : null;
  const extra = (s: Section, sections: Section[]): Extra => ({
    title: s.title,
    slug: uniqueSlug(slugify(s.title, 'preface'), slugs),
    icon: s.icon,
    blocks: s.blocks,
    sections,
    file,
    position: s.position,
  });
  /** Records outline/summary/part sections; returns the kept ones. Under a kept title only a list headed "Contents" is an outline. */
  const visit = (list: readonly Section[], within: Drop['use'] | null, nested = false): Section[] =>
    list.flatMap((s) => {
      const found = kindOf(s);
      const kind =
        nested &&
        found !== 'structure' &&
        !(found === 'outline' && s.blocks.length > 0 && s.blocks.every((b) => b.type === 'list'))
          ? null
          : found;
      if (kind === 'structure' && !within) {
        // A part heading: its line is structure; an introduction under it is kept.
        drops.push({ start: s.position.start.line, end: s.position.start.line, use: 'structure', rule: 'structure' });
        const sections = visit(s.sections, null, true);
        if (s.blocks.length > 0 || sections.length > 0) out.push(extra(s, sections));
        return [];
      }
      if (kind) {
        record(s, within ?? kind);
        // What an outline or summary holds under a title of its own ("Overall message") is kept.
        for (const kept of visit(s.sections, within ?? (kind === 'structure' ? null : kind)))
          out.push(extra(kept, kept.sections));
        return [];
      }
      const sections = visit(s.sections, null, true);
      if (s.blocks.length > 0 || sections.length > 0) return [{ ...s, sections }];
      drops.push({ start: s.position.start.line, end: s.position.end.line, use: 'structure', rule: 'title' });
      return [];
    });
  const intro = untitled(tree.intro, 'Introduction', file, slugs);
  // A transcript's opening lines are the assistant planning the course: named, not kept.
  if (intro && scan.transcript)
    for (const b of intro.blocks)
      drops.push({ start: b.position.start.line, end: b.position.end.line, use: 'filler', rule: 'course-plan' });
  else if (intro) out.push(intro);
  for (const s of tree.sections) {
    const kept = visit([s], null)[0];
    if (kept) out.push(extra(kept, kept.sections));
  }
  return out;
}

/** Blocks before the first heading, as an extra of their own (so they are never lost), or null. */
function untitled(blocks: readonly Block[], title: string, file: string, slugs: Set<string>): Extra | null {
  const first = blocks[0];
  const last = blocks[blocks.length - 1];
  if (!first || !last) return null;
  const position = { start: first.position.start, end: last.position.end };
  return {
    title,
    slug: uniqueSlug(slugify(title, 'extra'), slugs),
    icon: null,
    blocks: [...blocks],
    sections: [],
    file,
    position,
  };
}

function silent(diag: Diagnostics): Diagnostics {
  return { warn() {}, info() {}, error: diag.error };
}

function diagramsIn(blocks: readonly Block[], sections: readonly Section[]): Diagram[] {
  const all = [...blocks, ...flattenSections(sections).flatMap((s) => s.blocks)];
  return all.flatMap((b) => (b.type === 'code' && b.lang?.toLowerCase() === 'mermaid' ? [diagramOf(b, null)] : []));
}
