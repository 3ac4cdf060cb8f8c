// The site's search index (pure): the full text of every section (its prose, list items, table
// rows — takeaways included —, analogies and code comments), each chapter's introduction and
// summary, and terms with their definitions. Each document points at its passage on the chapter page (which
// holds the whole text) and at the slide that shows it. Built with minisearch at build time and
// inlined into every page as JSON, so searching works from file:// with no server and no
// request. The query (templates/site/search-query.js) ranks exact and prefix matches above fuzzy
// ones, is fuzzy only for words of 5 letters or more, and gives each result its passage.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { flattenSections } from '../../model/sections.ts';
import { inlineText } from '../../model/text.ts';
import type { Block, Chapter, Course } from '../../model/types.ts';
import { sectionKey, slideId, slideIdFor, type LectureHomes } from '../links/targets.ts';

export interface SearchDoc {
  id: number;
  kind: 'section' | 'term';
  title: string;
  /** The whole text of the passage (the result shows the part around the match). */
  text: string;
  chapter: string;
  /** From out/: the passage on the chapter page, "chapters/5-replication.html#sec-5.4". */
  href: string;
  /** From out/: the slide that shows it, "decks/5-replication.html#/sec-5.4". */
  slides: string;
}

/** Options shared by the build (indexing) and the page (loadJSON): they must be the same. */
export const SEARCH_OPTIONS = {
  fields: ['title', 'text'],
  storeFields: ['kind', 'title', 'text', 'chapter', 'href', 'slides'],
} as const;

// Code comments: a line that starts with a comment marker, or the comment after code.
const COMMENT = /(?:^|\s)(?:\/\/|#|--|;;|\/\*|\*)\s?(.*?)(?:\*\/)?$/;

/** Plain text of blocks: paragraphs, list items, table rows, quotes and the comments of code. */
export function blocksText(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.type === 'paragraph') out.push(inlineText(b.children));
    // Items and rows keep a visible separator: a passage shown from the middle of a list still reads.
    else if (b.type === 'list')
      out.push(
        b.items
          .map((item) => blocksText(item.children))
          .filter(Boolean)
          .join(' · '),
      );
    else if (b.type === 'quote') out.push(blocksText(b.children));
    else if (b.type === 'table')
      out.push([b.header, ...b.rows].map((r) => r.map((c) => inlineText(c)).join(' · ')).join(' · '));
    else if (b.type === 'code' && b.lang?.toLowerCase() !== 'mermaid') {
      for (const line of b.value.split('\n')) {
        const m = COMMENT.exec(line);
        if (m?.[1]?.trim()) out.push(m[1].trim());
      }
    }
  }
  return out
    .join('\n')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

function chapterDocs(
  chapter: Chapter,
  add: (d: Omit<SearchDoc, 'id' | 'chapter'>) => void,
  homes?: LectureHomes,
): void {
  const page = `chapters/${chapter.slug}.html`;
  const deck = `decks/${chapter.slug}.html`;
  // A section in lecture 2, 3… of a split chapter is in that lecture's deck.
  const slides = (key: string | null) => {
    const id = slideIdFor(chapter, key);
    return id ? `decks/${homes?.get(id) ?? chapter.slug}.html#/${id}` : deck;
  };
  const passage = (key: string | null) => (key === null ? page : `${page}#${slideId(key)}`);
  const opening = blocksText([...chapter.intro, ...chapter.summaryBlocks]);
  if (opening)
    add({ kind: 'section', title: `${chapter.number}. ${chapter.title}`, text: opening, href: page, slides: deck });
  for (const s of flattenSections(chapter.sections)) {
    const key = sectionKey(s);
    add({
      kind: 'section',
      title: `${s.id ? `${s.id} ` : ''}${s.title}`,
      text: blocksText(s.blocks),
      href: passage(key),
      slides: slides(key),
    });
  }
  for (const d of [...chapter.definitions, ...chapter.terms]) {
    const key =
      d.sectionId !== null && flattenSections(chapter.sections).some((s) => sectionKey(s) === d.sectionId)
        ? d.sectionId
        : null;
    add({ kind: 'term', title: d.term, text: d.text, href: passage(key), slides: slides(key) });
  }
  // Takeaway rows are in their section's text (a row of its own would be the same passage twice).
}

/**
 * Every document, once: a term defined twice in one section is one result. `lectures`: the decks
 * of chapters split into lectures (chapter number → slide id → deck slug).
 */
export function searchDocs(course: Course, lectures?: ReadonlyMap<number, LectureHomes>): SearchDoc[] {
  const docs: SearchDoc[] = [];
  const seen = new Set<string>();
  for (const chapter of course.chapters) {
    chapterDocs(
      chapter,
      (d) => {
        const key = `${d.kind}\0${d.title}\0${d.href}`;
        if (!(d.title.trim() || d.text.trim()) || seen.has(key)) return;
        seen.add(key);
        docs.push({ ...d, id: docs.length, chapter: `${chapter.number}. ${chapter.title}` });
      },
      lectures?.get(chapter.number),
    );
  }
  return docs;
}

/** The serialised index, safe to inline in a <script type="application/json">. */
export function searchIndexJson(course: Course, lectures?: ReadonlyMap<number, LectureHomes>): string {
  const index = new MiniSearch<SearchDoc>({
    ...SEARCH_OPTIONS,
    fields: [...SEARCH_OPTIONS.fields],
    storeFields: [...SEARCH_OPTIONS.storeFields],
  });
  index.addAll(searchDocs(course, lectures));
  return JSON.stringify(index)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

let runtime: string | null = null;

/** minisearch's browser build (UMD, global MiniSearch), for inlining. */
export function minisearchRuntime(): string {
  if (runtime === null)
    runtime = readFileSync(fileURLToPath(new URL('../umd/index.js', import.meta.resolve('minisearch'))), 'utf8');
  return runtime;
}
