// Speaker notes a presenter can speak from, on every slide of the DDIA decks: the prose a slide
// condenses, the analogy in full, a one-line cue on agenda and map slides, a transition to the
// next slide, and the source reference last.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../src/index.ts';
import { courseDeck } from '../src/generate/slides/course-deck.ts';
import { chapterDeck } from '../src/generate/slides/deck.ts';
import { STRINGS } from '../src/generate/strings.ts';

const ddia = fileURLToPath(new URL('../../shared/courses/ddia-course.md', import.meta.url));
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('speaker notes on the DDIA decks', async () => {
  const { course } = await loadCourse(ddia);
  const input = {
    theme: 'light' as const,
    svg: () => '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"></svg>',
  };
  const decks = [...course.chapters.map((c) => chapterDeck(course, c, input)), courseDeck(course, input)];
  const slides = decks.flatMap((d) => d.slides.map((s, i) => ({ deck: d, s, last: i === d.slides.length - 1 })));

  it('every slide has notes with more than a source reference (there were 51 without notes and 4 with only a source)', () => {
    // Every DDIA deck is here (13 decks, ~290 slides since short openings fold into their first subsection).
    expect(decks).toHaveLength(13);
    expect(slides.length).toBeGreaterThan(250);
    const bare = slides.filter(
      ({ s }) => text((s.notesHtml ?? '').replace(/<p class="cm-source">[^<]*<\/p>/g, '')) === '',
    );
    expect(bare.map(({ deck, s }) => `${deck.slug} ${s.kind} ${s.title}`)).toEqual([]);
  });

  it('ends each slide but the last with a transition to the next, then the source', () => {
    for (const d of decks) {
      d.slides.forEach((s, i) => {
        const next = d.slides[i + 1];
        const notes = s.notesHtml ?? '';
        if (!next) return expect(notes).not.toContain('cm-next');
        const transition = /<p class="cm-next">Next: ([^<]*)\.<\/p>/.exec(notes);
        expect(text(transition?.[1] ?? '').replace(/&amp;/g, '&'), `${d.slug} ${s.key}`).toContain(
          next.title.replace(/[.!?:]+$/, ''),
        );
        // Nothing but the source line comes after the transition.
        expect(notes.slice(notes.indexOf('<p class="cm-next">'))).toMatch(
          /^<p class="cm-next">[^<]*<\/p>(?:\n<p class="cm-source">[^<]*<\/p>)?$/,
        );
      });
    }
  });

  it('agenda and map slides get a one-line cue in the course language', () => {
    const en = STRINGS['en']!;
    for (const { s } of slides.filter(({ s }) => s.kind === 'agenda' || s.kind === 'map')) {
      const cue = s.kind === 'map' ? en.notesMap : en.notesAgenda.replace('{n}', String(s.points?.length ?? 0));
      expect(text(s.notesHtml ?? '')).toContain(cue);
    }
  });

  it('a slide with an analogy beside its points has the analogy in full in its notes', () => {
    const asides = slides.filter(({ s }) => s.asideHtml);
    expect(asides.length).toBeGreaterThan(0);
    for (const { s } of asides) expect(text(s.notesHtml ?? '')).toContain(text(s.asideHtml!));
  });
});
