// A chapter with no sections still gets a useful concept map and no empty agenda slide.
import { describe, expect, it } from 'vitest';
import { chapterMap } from '../src/generate/maps/concepts.ts';
import { chapterDeck } from '../src/generate/slides/deck.ts';
import { courseFromText } from '../src/index.ts';

const text = `# Chapter 1: Caching

A cache keeps a copy of data close to where it is used, so that **hit rate** decides how much it helps.

- **Eviction:** choosing what to throw away when the cache is full.
- **Time to live:** how long an entry may be served before it is fetched again.

> **Definition:** a *cold cache* is one that has just started and holds nothing yet.

Caches trade *freshness* for speed.

# Chapter 2: Queues

## 2.1 Producers

Producers put work on the queue.

## 2.2 Consumers

Consumers take work off the queue.
`;

describe('a chapter without sections', () => {
  const { course } = courseFromText(text);
  const first = course.chapters[0]!;

  it('is such a chapter in the fixture', () => {
    expect(first.sections).toEqual([]);
  });

  it('gets its terms, definitions and key phrases as concept-map branches', () => {
    const map = chapterMap(first);
    expect(map.root.children.map((b) => b.label)).toEqual([
      'cold cache',
      'Eviction',
      'Time to live',
      'hit rate',
      'freshness',
    ]);
    expect(map.root.children.find((b) => b.label === 'Eviction')?.children.map((l) => l.label)).toEqual([
      'choosing what to throw away when the cache is full.',
    ]);
  });

  it('has no agenda slide; a chapter with sections keeps its agenda', () => {
    const input = { theme: 'light' as const, svg: () => null };
    expect(chapterDeck(course, first, input).slides.map((s) => s.kind)).not.toContain('agenda');
    const agenda = chapterDeck(course, course.chapters[1]!, input).slides.filter((s) => s.kind === 'agenda');
    expect(agenda.map((s) => s.points?.length)).toEqual([2]);
  });
});

describe('concept branches of a section-less chapter', () => {
  it('leave out of a leaf the term its branch already shows', () => {
    const { course } = courseFromText(
      '# Chapter 1: Caching\n\n> **Definition:** a *cold cache* is one that has just started.\n\nMore text.\n\n# Chapter 2: Other\n\nText.\n',
    );
    const branch = chapterMap(course.chapters[0]!).root.children[0]!;
    expect([branch.label, ...branch.children.map((l) => l.label)]).toEqual([
      'cold cache',
      'one that has just started.',
    ]);
  });
});
