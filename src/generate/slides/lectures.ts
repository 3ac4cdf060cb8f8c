// Lecture-sized decks (pure). A deck is a lecture: a chapter whose deck would run past the target
// length becomes several decks, split where its top-level sections begin (inside a top-level
// section only when that one alone is too long for a lecture). The first lecture keeps the
// chapter's agenda, map and introduction; the last one its summary; each opens with a title slide
// "Chapter (k/n): first topic". The map's nodes link across lectures.
import type { Chapter, Course, Section } from '../../model/types.ts';
import { sectionKey } from '../links/targets.ts';
import { DEFAULT_LECTURE_SLIDES, lectureOfDraft, lectureSlug, owners, planLectures } from './lecture-plan.ts';
import { compose } from './compose.ts';
import { chapterDeck, closing, finish, mapDraft, NONE, opening, type DeckInput } from './deck.ts';
import { ChapterSlides, type Draft } from './flow.ts';
import { escapeHtml } from './markdown.ts';
import type { Deck } from './types.ts';
import { fill, stringsFor } from '../strings.ts';

export interface LectureSplit {
  /** The chapter's decks: one (not split) or the lectures in order; the first keeps the chapter's slug. */
  decks: Deck[];
  /** Estimated slides of the whole chapter in one deck (continuation slides included), before any split. */
  slides: number;
  /** 'single': fits; 'split': several lectures; 'over': too long, but no section boundary to split at. */
  mode: 'single' | 'split' | 'over';
}

/** The top-level section a lecture starts in: its topic in the lecture's title. */
function topicOf(chapter: Chapter, body: readonly Draft[], own: ReturnType<typeof owners>): Section | undefined {
  const first = body.find((d) => d.section !== null);
  const i = own.get(first?.section ?? '')?.top;
  return i === undefined ? undefined : chapter.sections[i];
}

/**
 * The chapter as one deck, or as the lectures of its plan (lecture-plan.ts) when its deck runs past
 * `maxSlides` (0: never split). The plan, not this deck's own count, decides: it is what every link
 * into the chapter's lectures was drawn from.
 */
export function chapterLectures(
  course: Course,
  chapter: Chapter,
  input: DeckInput,
  maxSlides = DEFAULT_LECTURE_SLIDES,
  plan = planLectures(course, chapter, maxSlides),
): LectureSplit {
  const whole = chapterDeck(course, chapter, input);
  if (plan.mode !== 'split') return { decks: [whole], slides: plan.slides, mode: plan.mode };
  const t = stringsFor(course.language);
  const builder = new ChapterSlides(chapter, input.svg, input.theme, t, input.parts);
  for (const s of chapter.sections) builder.section(s);
  const own = owners(chapter);
  const parts: Draft[][] = Array.from({ length: plan.count }, () => []);
  let at = 0;
  for (const d of builder.out) {
    at = Math.max(at, lectureOfDraft(plan, own, chapter, d) ?? at); // lectures only move forward
    parts[at]!.push(d);
  }
  const home = plan.homes;
  const map = mapDraft(chapter, input, t, (id) =>
    id === null ? '' : home.get(id) === chapter.slug || !home.has(id) ? `#/${id}` : `${home.get(id)}.html#/${id}`,
  );
  const n = parts.length;
  const decks = parts.map((body, i): Deck => {
    const k = i + 1;
    const topic = topicOf(chapter, body, own)?.title ?? chapter.title;
    const label = fill(t.lecture, { k, n });
    let head: Draft[];
    if (k === 1) {
      head = opening(course, chapter, builder, map, t);
      head[0] = {
        ...head[0]!,
        title: `${chapter.title} (${k}/${n}): ${topic}`,
        subtitle: `${fill(t.chapter, { n: chapter.number })} · ${label}`,
      };
    } else {
      head = [
        {
          ...NONE,
          kind: 'title',
          title: `${chapter.title} (${k}/${n}): ${topic}`,
          subtitle: `${fill(t.chapter, { n: chapter.number })} · ${label}`,
          ...(course.author ? { author: course.author } : {}),
        },
      ];
      const tops = [...new Set(body.map((d) => d.section).filter((s): s is string => s !== null))]
        .map((s) => chapter.sections.find((x) => sectionKey(x) === s || x.slug === s))
        .filter((s): s is Section => s !== undefined);
      if (tops.length >= 2)
        head.push({
          ...NONE,
          kind: 'agenda',
          title: t.agenda,
          points: tops.map((s) => ({ html: escapeHtml(`${s.id ? `${s.id} ` : ''}${s.title}`), sub: [] })),
        });
    }
    const tail =
      k === n
        ? closing(
            chapter,
            builder,
            builder.out.some((d) => d.kind === 'insight'),
            null,
            0,
            t,
          )
        : [];
    const slides = finish(compose([...head, ...body, ...tail], t, `${chapter.title} (${k}/${n})`));
    return {
      ...whole,
      slug: lectureSlug(chapter, k),
      title: `${chapter.number}. ${chapter.title} (${k}/${n})`,
      slides,
    };
  });
  return { decks, slides: plan.slides, mode: 'split' };
}
