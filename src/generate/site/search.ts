// The site's search index (pure): section titles, terms and definitions, analogies and takeaway
// rows, each pointing at the slide that shows it. Built with minisearch at build time and inlined
// into every page as JSON, so searching works from file:// with no server and no request.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { flattenSections } from '../../model/sections.ts';
import type { Chapter, Course } from '../../model/types.ts';
import { sectionKey, slideIdFor } from '../links/targets.ts';

export interface SearchDoc {
  id: number;
  kind: 'section' | 'term' | 'analogy' | 'takeaway';
  title: string;
  text: string;
  chapter: string;
  /** From out/: "decks/5-replication.html#/sec-5.4". */
  href: string;
}

/** Options shared by the build (indexing) and the page (loadJSON): they must be the same. */
export const SEARCH_OPTIONS = {
  fields: ['title', 'text'],
  storeFields: ['kind', 'title', 'text', 'chapter', 'href'],
} as const;

const SNIPPET = 160;
const cut = (s: string) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length <= SNIPPET ? t : `${t.slice(0, SNIPPET - 1).replace(/\s+\S*$/, '')}…`;
};

function chapterDocs(chapter: Chapter, add: (d: Omit<SearchDoc, 'id' | 'chapter'>) => void): void {
  const deck = `decks/${chapter.slug}.html`;
  const at = (key: string | null) => {
    const id = slideIdFor(chapter, key);
    return id ? `${deck}#/${id}` : deck;
  };
  for (const s of flattenSections(chapter.sections)) {
    add({ kind: 'section', title: `${s.id ? `${s.id} ` : ''}${s.title}`, text: '', href: at(sectionKey(s)) });
  }
  for (const d of [...chapter.definitions, ...chapter.terms]) add({ kind: 'term', title: d.term, text: cut(d.text), href: at(d.sectionId) });
  for (const a of chapter.analogies) add({ kind: 'analogy', title: 'Analogy', text: cut(a.text), href: at(a.sectionId === 'summary' ? null : a.sectionId) });
  const t = chapter.takeaways;
  if (t) for (const row of t.rows) add({ kind: 'takeaway', title: row[0] ?? '', text: cut(row.slice(1).join(' — ')), href: at(t.sectionId) });
}

export function searchDocs(course: Course): SearchDoc[] {
  const docs: SearchDoc[] = [];
  for (const chapter of course.chapters) {
    chapterDocs(chapter, (d) => {
      if (d.title.trim() || d.text.trim()) docs.push({ ...d, id: docs.length, chapter: `${chapter.number}. ${chapter.title}` });
    });
  }
  return docs;
}

/** The serialised index, safe to inline in a <script type="application/json">. */
export function searchIndexJson(course: Course): string {
  const index = new MiniSearch<SearchDoc>({ ...SEARCH_OPTIONS, fields: [...SEARCH_OPTIONS.fields], storeFields: [...SEARCH_OPTIONS.storeFields] });
  index.addAll(searchDocs(course));
  return JSON.stringify(index).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

let runtime: string | null = null;

/** minisearch's browser build (UMD, global MiniSearch), for inlining. */
export function minisearchRuntime(): string {
  if (runtime === null) runtime = readFileSync(fileURLToPath(new URL('../umd/index.js', import.meta.resolve('minisearch'))), 'utf8');
  return runtime;
}
