// Site search over the real course: the index holds the full text of every section, and the
// query the pages run (templates/site/search-query.js, evaluated here as it is in the browser)
// ranks exact and prefix matches above fuzzy ones, is fuzzy only for long words, shows the
// passage that matched and never lists a result twice.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../src/index.ts';
import { flattenSections } from '../src/model/sections.ts';
import {
  blocksText,
  SEARCH_OPTIONS,
  searchDocs,
  searchIndexJson,
  type SearchDoc,
} from '../src/generate/site/search.ts';

const ddia = fileURLToPath(new URL('../../shared/courses/ddia-course.md', import.meta.url));
const queryJs = readFileSync(fileURLToPath(new URL('../templates/site/search-query.js', import.meta.url)), 'utf8');

interface Result {
  kind: string;
  title: string;
  href: string;
  fuzzy: boolean;
  passage: { before: string; match: string; after: string } | null;
}
type Search = (index: MiniSearch<SearchDoc>, q: string, max?: number) => Result[];
const cmSearch = new Function(`${queryJs}\nreturn cmSearch;`)() as Search;

describe('site search on DDIA', async () => {
  const { course } = await loadCourse(ddia);
  const docs = searchDocs(course);
  const json = searchIndexJson(course).replace(/\\u003c/g, '<');
  const index = MiniSearch.loadJSON<SearchDoc>(json, {
    ...SEARCH_OPTIONS,
    fields: [...SEARCH_OPTIONS.fields],
    storeFields: [...SEARCH_OPTIONS.storeFields],
  });
  const search = (q: string, max = 50) => cmSearch(index, q, max);

  it('"Kafka" finds every section that names it, each with its passage', () => {
    const naming = course.chapters.flatMap((c) =>
      flattenSections(c.sections)
        .filter((s) => /kafka/i.test(blocksText(s.blocks)))
        .map((s) => `${s.id ? `${s.id} ` : ''}${s.title}`),
    );
    expect(naming.length).toBeGreaterThanOrEqual(5);
    const results = search('Kafka');
    const titles = results.map((r) => r.title);
    for (const t of naming) expect(titles, t).toContain(t);
    for (const r of results.filter((x) => naming.includes(x.title)))
      expect(r.passage?.match.toLowerCase()).toBe('kafka');
    expect(results.filter((r) => r.fuzzy)).toEqual([]);
  });

  it('finds "leader election" and "vector clock" in the body text, the phrase first', () => {
    for (const q of ['leader election', 'vector clock']) {
      const results = search(q);
      expect(results.length, q).toBeGreaterThan(0);
      expect(results[0]!.passage?.match.toLowerCase(), q).toBe(q);
      expect(
        `${results[0]!.passage!.before}${results[0]!.passage!.match}${results[0]!.passage!.after}`.length,
      ).toBeLessThan(200);
    }
  });

  it('"CAP" gives no fuzzy match (no "Map", no unrelated analogy) and the CAP theorem first', () => {
    const results = search('CAP');
    expect(results.length).toBeGreaterThan(0);
    expect(results.filter((r) => r.fuzzy)).toEqual([]);
    expect(
      results.filter((r) => /\bmaps?\b/i.test(r.title) && !/\bcap\b/i.test(`${r.title} ${r.passage?.match}`)),
    ).toEqual([]);
    expect(results[0]!.passage?.match).toBe('CAP');
  });

  it('ranks exact and prefix matches above fuzzy ones; fuzzy only for words of 5 letters or more', () => {
    const results = search('replicaton'); // a typo: only fuzzy can find it
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => r.fuzzy)).toBe(true);
    expect(search('lede')).toEqual([]); // 4 letters: no fuzzy "lead", "leader"
    const mixed = search('partition', 200);
    const firstFuzzy = mixed.findIndex((r) => r.fuzzy);
    if (firstFuzzy >= 0) expect(mixed.slice(firstFuzzy).every((r) => r.fuzzy)).toBe(true);
  });

  it('never lists a result twice', () => {
    for (const q of ['Kafka', 'CAP', 'leader', 'replication lag', 'B-tree', 'quorum']) {
      const keys = search(q, 200).map((r) => `${r.href} ${r.title}`);
      expect(new Set(keys).size, q).toBe(keys.length);
    }
    expect(new Set(docs.map((d) => `${d.kind} ${d.title} ${d.href}`)).size).toBe(docs.length);
  });

  it('indexes lists, tables, analogies and code comments of a section', () => {
    const text = docs.map((d) => d.text).join('\n');
    expect(text).toMatch(/Single-leader: all writes go through one node/); // a summary list item
    expect(docs.some((d) => d.kind === 'section' && /Analogy/.test(d.text))).toBe(true);
  });
});
