// Derived-output coverage: every text unit of a chapter (paragraph, list item, table row, analogy,
// takeaway, definition, code block, authored diagram) is on one of its deck's slides or in that
// slide's notes, and on the site's chapter page. Checked on the real course, every fixture and
// generated courses; the summary slides keep their lists on the slide itself.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../src/index.ts';
import { courseFromText } from '../src/load.ts';
import { chapterDeck } from '../src/generate/slides/deck.ts';
import { sitePages } from '../src/generate/site/pages.ts';
import { templateSet } from '../src/generate/templates.ts';
import {
  chapterUnits,
  coverage,
  deckHaystack,
  haystack,
  holds,
  pageHaystack,
  percent,
  shownDiagram,
} from '../src/generate/text-units.ts';
import { reportCoverage } from '../src/pipeline/coverage.ts';
import { toModelMessages } from '../src/model/messages.ts';
import type { Course } from '../src/model/types.ts';
import { hostileCourse } from './support/arbitraries.ts';

const ddia = fileURLToPath(new URL('../../shared/courses/ddia-course.md', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
// Diagrams "render": a small SVG for every authored diagram, so that decks and pages draw them.
const svg = (name: string) =>
  name.startsWith('diagrams/')
    ? '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50"><text>d</text></svg>'
    : null;
const input = { theme: 'light' as const, svg };

function missing(course: Course): { deck: string[]; site: string[]; units: number } {
  const pages = sitePages(
    { course, theme: 'light', svg, written: new Set(), cards: [], outputsHtml: '' },
    templateSet(),
  );
  const deck: string[] = [];
  const site: string[] = [];
  let units = 0;
  for (const c of course.chapters) {
    const all = chapterUnits(c);
    units += all.length;
    const name = (u: (typeof all)[number]) => `${c.number}:${u.position.start.line} ${u.kind} ${u.text.slice(0, 50)}`;
    deck.push(...coverage(all, deckHaystack(chapterDeck(course, c, input))).missing.map(name));
    const page = pages.find((p) => p.path === `chapters/${c.slug}.html`)!;
    site.push(...coverage(all, pageHaystack(page.html)).missing.map(name));
  }
  return { deck, site, units };
}

/** The fixture courses that read as courses (files and folder courses). */
function fixtureCourses(): string[] {
  const out: string[] = [];
  for (const dir of ['forms', 'genres', 'cjk', 'slides', 'print', 'study', 'decks']) {
    const root = join(fixtures, dir);
    if (!existsSync(root)) continue;
    for (const f of readdirSync(root).sort()) {
      const p = join(root, f);
      if (f.endsWith('.md') || (statSync(p).isDirectory() && dir === 'genres')) out.push(p);
    }
  }
  return out;
}

describe('text units', () => {
  const { course } = courseFromText(
    [
      '# Chapter 1: Copies',
      '',
      '## 1.1 Models',
      '',
      'Copies come in kinds:',
      '',
      '- **One leader:** all writes go through one node.',
      '- **Many leaders:** several nodes accept writes.',
      '',
      '| Model | Cost |',
      '|---|---|',
      '| Leader | low |',
      '',
      '> **Analogy:** scribes copying a book.',
      '',
      '```js',
      'copy(a, b) // keep both',
      '```',
      '',
    ].join('\n'),
  );
  const c = course.chapters[0]!;

  it('names each kind of unit with its line', () => {
    expect(chapterUnits(c).map((u) => `${u.position.start.line} ${u.kind}: ${u.text.trim()}`)).toEqual([
      '5 paragraph: Copies come in kinds:',
      '7 list item: One leader: all writes go through one node.',
      '8 list item: Many leaders: several nodes accept writes.',
      '10 table row: Leader low',
      '16 code block: copy(a, b) // keep both',
      '14 analogy: scribes copying a book.',
    ]);
  });

  it('finds what an output leaves out, and warns at its line', () => {
    const text = haystack([
      'Copies come in kinds',
      'One leader: all writes go through one node.',
      'Leader | low',
      'copy(a, b) // keep both',
      'scribes copying a book',
    ]);
    const cov = coverage(chapterUnits(c), text);
    expect(cov.missing.map((u) => `${u.position.start.line} ${u.kind}`)).toEqual(['8 list item']);
    expect(percent({ total: cov.total, missing: cov.missing.length })).toBe(83.3);
    const lines: string[] = [];
    const { files } = courseFromText('# Chapter 1: Copies\n');
    reportCoverage({ files, phase: (p, d) => lines.push(`${p} ${d}`) }, 'decks', [
      { chapter: c, path: 'decks/1-copies.html', text },
    ]);
    expect(lines).toEqual([
      'cover  chapter decks (slides and notes) hold 5 of 6 text units (83.3 %)'.replace('  ', ' '),
    ]);
    expect(
      toModelMessages(files)
        .filter((m) => m.ruleId === 'deck-coverage')
        .map((m) => `${m.line}: ${m.message}`),
    ).toEqual(['8: decks/1-copies.html leaves out a list item: “Many leaders: several nodes accept writes.”']);
  });

  it('a partial sentence does not count as the unit', () => {
    expect(
      coverage(chapterUnits(c), haystack(['Many leaders: several nodes'])).missing.some((u) =>
        u.text.startsWith('Many'),
      ),
    ).toBe(true);
  });
});

describe('decks and site pages hold every text unit', () => {
  it('DDIA: 100 % on decks and site pages, and the summary slides keep their lists', { timeout: 120_000 }, async () => {
    const { course } = await loadCourse(ddia);
    const m = missing(course);
    expect(m.units).toBeGreaterThan(1000);
    expect(m.deck).toEqual([]);
    expect(m.site).toEqual([]);
    // The list items of the executive summaries are on the summary slide itself, not only in its notes.
    for (const n of [1, 3, 5, 6, 7]) {
      const c = course.chapters.find((x) => x.number === n)!;
      const lists = c.summaryBlocks.filter((b) => b.type === 'list');
      expect(lists.length, `chapter ${n}`).toBeGreaterThan(0);
      const slide = chapterDeck(course, c, input).slides.find((s) => s.kind === 'summary')!;
      const shown = haystack(
        (slide.points ?? []).flatMap((p) => [p.html, ...p.sub]).map((h) => h.replace(/<[^>]+>/g, '')),
      );
      const items = chapterUnits({
        ...c,
        intro: [],
        sections: [],
        analogies: [],
        definitions: [],
        summaryBlocks: lists,
      });
      expect(
        coverage(items, shown).missing.map((u) => u.text),
        `chapter ${n}`,
      ).toEqual([]);
    }
  });

  it('every fixture course', { timeout: 120_000 }, async () => {
    const paths = fixtureCourses();
    expect(paths.length).toBeGreaterThan(15);
    for (const p of paths) {
      const { course } = await loadCourse(p);
      const m = missing(course);
      expect({ p, deck: m.deck, site: m.site }).toEqual({ p, deck: [], site: [] });
    }
  });

  it('generated courses', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(hostileCourse, (text) => {
        const { course } = courseFromText(text);
        const m = missing(course);
        expect(m.deck).toEqual([]);
        expect(m.site).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});

describe('a diagram shown in parts or flipped counts as shown', () => {
  const unit = {
    kind: 'diagram' as const,
    text: 'graph TD\n  A --> B',
    position: { start: { line: 3, column: 1 }, end: { line: 5, column: 4 } },
    diagram: 'diagrams/2-storage-1',
  };
  it('holds the diagram when its parts or its flipped variant are drawn', () => {
    expect(holds(haystack([], ['diagrams/2-storage-1-part-1', 'diagrams/2-storage-1-part-2']), unit)).toBe(true);
    expect(holds(haystack([], ['diagrams/2-storage-1-flipped']), unit)).toBe(true);
    expect(shownDiagram('diagrams/2-storage-1-part-12')).toBe('diagrams/2-storage-1');
  });
  it('does not take another diagram for it', () => {
    expect(holds(haystack([], ['diagrams/2-storage-10', 'diagrams/2-storage-11-part-1']), unit)).toBe(false);
  });
});
