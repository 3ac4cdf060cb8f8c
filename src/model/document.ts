// One Markdown document → chapters, parts, extras: the heart of the model stage (pure).
import type { Root } from 'mdast';
import { pos } from './blocks.ts';
import type { Drop } from './coverage.ts';
import { diagramOf, extractTeaching } from './enrich.ts';
import { findPrerequisites } from './prerequisites.ts';
import type { Diagnostics } from './messages.ts';
import { reportUnsafeMarkup } from './recognisers/unsafe.ts';
import { authorLine, firstTitleHeading, readFrontMatter, recurringTitle } from './recognisers/meta.ts';
import { headingFallback, isChrome, wholeFile } from './chapter-fallbacks.ts';
import { prefaceOf, toExtras } from './extras.ts';
import { chooseOwners } from './owners.ts';
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
  const prerequisites = findPrerequisites({ number: n, intro: tree.intro, sections: tree.sections });
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
    ...(prerequisites.length > 0 ? { prerequisites } : {}),
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

function diagramsIn(blocks: readonly Block[], sections: readonly Section[]): Diagram[] {
  const all = [...blocks, ...flattenSections(sections).flatMap((s) => s.blocks)];
  return all.flatMap((b) => (b.type === 'code' && b.lang?.toLowerCase() === 'mermaid' ? [diagramOf(b, null)] : []));
}
