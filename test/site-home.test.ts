// The site's home page: each chapter's outputs (slides, PDF, PowerPoint, concept map) next to the
// chapter, and the remaining outputs with human titles and a file-type icon instead of an empty box.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { courseFromText } from '../src/load.ts';
import { sitePages } from '../src/generate/site/pages.ts';
import { templateSet } from '../src/generate/templates.ts';
import { humanTitle, outputSections } from '../src/pipeline/index-page.ts';

const text = readFileSync(fileURLToPath(new URL('./fixtures/study/course.md', import.meta.url)), 'utf8');

describe('site home', () => {
  const { course } = courseFromText(text, 'course.md');
  const one = course.chapters[0]!;
  const written = [
    `decks/${one.slug}.html`,
    `decks/${one.slug}.pdf`,
    `decks/${one.slug}.pptx`,
    `maps/${one.slug}.svg`,
    `maps/${one.slug}.mmd`,
    'maps/course-map.svg',
    'study-map.pdf',
    'companion.html',
    'flashcards/cards.csv',
    'manifest.json',
  ];

  it("puts each chapter's deck, PDF, PowerPoint and map on its card", () => {
    const home = sitePages(
      { course, theme: 'light', svg: () => null, written: new Set(written), cards: [], outputsHtml: '' },
      templateSet(),
    ).find((p) => p.path === 'index.html')!.html;
    const start = home.indexOf('<li class="chapter-card">');
    const card = home.slice(start, home.indexOf('</li>', start));
    expect(card).toContain(`chapters/${one.slug}.html`);
    expect([...card.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => `${m[2]} → ${m[1]}`)).toEqual([
      `Slides → decks/${one.slug}.html`,
      `PDF → decks/${one.slug}.pdf`,
      `PowerPoint → decks/${one.slug}.pptx`,
      `Concept map → maps/${one.slug}.svg`,
    ]);
  });

  it('titles the other outputs for people and gives files without a picture a type icon', () => {
    expect(['study-map.pdf', 'companion.html', 'flashcards/anki.txt', 'flashcards/cards.csv'].map(humanTitle)).toEqual([
      'Study map (PDF)',
      'Study companion (page)',
      'Flashcards for Anki (text)',
      'Flashcards (CSV)',
    ]);
    const html = outputSections({ course }, written.map((path) => ({ path, bytes: 1 })) as never);
    expect(html).toContain(`<span>${one.number}. ${one.title}</span>`); // the map, titled by its chapter
    expect(html).toContain('<span>Study map (PDF)</span>');
    expect(html).toContain('<span class="ext">PDF</span>');
    expect(html).not.toContain('<div class="noimg"></div>');
    expect(html).not.toContain('manifest.json');
    expect(html).toContain('>PowerPoint</a>');
  });

  it('titles a diagram by its chapter or the course, and its parts as parts', () => {
    const names = [`${one.slug}-2`, `${one.slug}-2-part-3`, `${one.slug}-1-flipped`, 'course-1', 'course-1-part-2'];
    const html = outputSections(
      { course },
      names.map((n) => ({ path: `diagrams/${n}.svg`, bytes: 1 })),
    );
    const titles = [...html.matchAll(/<span>([^<]+)<\/span>/g)].map((m) => m[1]);
    expect(titles).toEqual(
      expect.arrayContaining([
        `${one.number}. ${one.title} — 2`,
        `${one.number}. ${one.title} — 2, part 3`,
        `${one.number}. ${one.title} — 1, turned`,
        `${course.title} — 1`,
        `${course.title} — 1, part 2`,
      ]),
    );
  });
});
