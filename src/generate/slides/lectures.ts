// Lecture-sized decks (pure). A deck is a lecture: a chapter whose deck would run past the target
// length becomes several decks, split where its top-level sections begin (inside a top-level
// section only when that one alone is too long for a lecture). The first lecture keeps the
// chapter's agenda, map and introduction; the last one its summary; each opens with a title slide
// "Chapter (k/n): first topic". The map's nodes link across lectures.
import type { Chapter, Course, Section } from '../../model/types.ts';
import { sectionKey, slideId } from '../links/targets.ts';
import { compose } from './compose.ts';
import { chapterDeck, closing, finish, mapDraft, NONE, opening, type DeckInput } from './deck.ts';
import { ChapterSlides, type Draft } from './flow.ts';
import { escapeHtml } from './markdown.ts';
import type { Deck } from './types.ts';
import { fill, stringsFor } from '../strings.ts';

/** Default longest deck, in slides (before the browser's continuation slides). */
export const DEFAULT_LECTURE_SLIDES = 45;
/** Slides a lecture spends on its own frame (title, agenda, map, summary), kept out of its budget. */
const FRAME_SLIDES = 4;

export interface LectureSplit {
  /** The chapter's decks: one (not split) or the lectures in order; the first keeps the chapter's slug. */
  decks: Deck[];
  /** Slides of the whole chapter in one deck, before any split. */
  slides: number;
  /** 'single': fits; 'split': several lectures; 'over': too long, but no section boundary to split at. */
  mode: 'single' | 'split' | 'over';
}

/** The slug of lecture k (1-based): the first keeps the chapter's, so links to the chapter still land. */
export const lectureSlug = (chapter: Chapter, k: number) => (k === 1 ? chapter.slug : `${chapter.slug}-lecture-${k}`);

/** Top-level section index and slide-level section key of every section key of the chapter. */
function owners(chapter: Chapter): Map<string, { top: number; unit: string }> {
  const map = new Map<string, { top: number; unit: string }>();
  const walk = (s: Section, top: number, unit: string) => {
    map.set(sectionKey(s), { top, unit });
    map.set(s.slug, { top, unit });
    for (const x of s.sections) walk(x, top, s.level <= 1 ? sectionKey(x) : unit);
  };
  chapter.sections.forEach((s, i) => walk(s, i, sectionKey(s)));
  return map;
}

/** Runs of consecutive drafts that share a key. */
function runs<T>(drafts: readonly Draft[], key: (d: Draft) => T): Draft[][] {
  const out: Draft[][] = [];
  let last: T | undefined;
  for (const d of drafts) {
    const k = key(d);
    if (out.length === 0 || k !== last) out.push([]);
    out[out.length - 1]!.push(d);
    last = k;
  }
  return out;
}

/**
 * Cuts the units into exactly `count` runs of at most `cap` slides each (a unit over `cap` alone
 * is allowed), as even as possible: least sum of squared distances from the mean (dynamic
 * programming over the cut points; units are sections, a few hundred at most).
 */
function balance(units: readonly Draft[][], count: number, cap: number): Draft[][] {
  const at = [0];
  for (const u of units) at.push(at[at.length - 1]! + u.length);
  const n = units.length;
  const mean = at[n]! / count;
  const cost = (i: number, j: number) => {
    const size = at[j]! - at[i]!;
    return size > cap && j - i > 1 ? Infinity : (size - mean) ** 2;
  };
  // best[k][j]: least cost of the first j units in k runs; from[k][j]: where the last run starts.
  const best = Array.from({ length: count + 1 }, () => new Array<number>(n + 1).fill(Infinity));
  const from = Array.from({ length: count + 1 }, () => new Array<number>(n + 1).fill(0));
  best[0]![0] = 0;
  for (let k = 1; k <= count; k++) {
    for (let j = k; j <= n; j++) {
      for (let i = k - 1; i < j; i++) {
        const c = best[k - 1]![i]! + cost(i, j);
        if (c < best[k]![j]!) (best[k]![j] = c), (from[k]![j] = i);
      }
    }
  }
  const cuts: number[] = [n];
  for (let k = count, j = n; k > 0; k--) cuts.unshift((j = from[k]![j]!));
  return cuts.slice(1).map((end, i) => units.slice(cuts[i]!, end).flat());
}

/**
 * Splits the body slides into lectures of at most `budget` slides: top-level sections stay whole
 * unless one alone is over budget, which is then cut between its subsections; as few lectures as
 * the budget allows, as even as possible.
 */
export function partition(drafts: readonly Draft[], chapter: Chapter, budget: number): Draft[][] {
  const own = owners(chapter);
  const top = (d: Draft) => own.get(d.section ?? '')?.top ?? -1;
  const unit = (d: Draft) => own.get(d.section ?? '')?.unit ?? '';
  const units = runs(drafts, top).flatMap((group) => (group.length <= budget ? [group] : runs(group, unit)));
  // Greedy packing gives the fewest runs under the budget; balancing keeps that number.
  let count = 0;
  let size = Infinity;
  for (const u of units) {
    if (size + u.length > budget) (count++, (size = 0));
    size += u.length;
  }
  return balance(units, Math.max(1, count), budget);
}

/** The top-level section a lecture starts in: its topic in the lecture's title. */
function topicOf(chapter: Chapter, body: readonly Draft[]): Section | undefined {
  const own = owners(chapter);
  const first = body.find((d) => d.section !== null);
  const i = own.get(first?.section ?? '')?.top;
  return i === undefined ? undefined : chapter.sections[i];
}

/** The chapter as one deck, or as lectures when its deck runs past `maxSlides` (0: never split). */
export function chapterLectures(course: Course, chapter: Chapter, input: DeckInput, maxSlides = DEFAULT_LECTURE_SLIDES): LectureSplit {
  const whole = chapterDeck(course, chapter, input);
  if (maxSlides <= 0 || whole.slides.length <= maxSlides) return { decks: [whole], slides: whole.slides.length, mode: 'single' };
  const t = stringsFor(course.language);
  const builder = new ChapterSlides(chapter, input.svg, input.theme, t, input.parts);
  for (const s of chapter.sections) builder.section(s);
  const parts = partition(builder.out, chapter, Math.max(1, maxSlides - FRAME_SLIDES));
  if (parts.length < 2) return { decks: [whole], slides: whole.slides.length, mode: 'over' };
  // Which lecture shows each slide id, so that the map's nodes reach slides in the other lectures.
  const home = new Map<string, string>();
  parts.forEach((p, i) => {
    for (const d of p) for (const s of [d.section, ...(d.columns ?? []).map((c) => c.section)]) if (s && !home.has(slideId(s))) home.set(slideId(s), lectureSlug(chapter, i + 1));
  });
  const map = mapDraft(chapter, input, t, (id) => (id === null ? '' : home.get(id) === chapter.slug || !home.has(id) ? `#/${id}` : `${home.get(id)}.html#/${id}`));
  const n = parts.length;
  const decks = parts.map((body, i): Deck => {
    const k = i + 1;
    const topic = topicOf(chapter, body)?.title ?? chapter.title;
    const label = fill(t.lecture, { k, n });
    let head: Draft[];
    if (k === 1) {
      head = opening(course, chapter, builder, map, t);
      head[0] = { ...head[0]!, title: `${chapter.title} (${k}/${n}): ${topic}`, subtitle: `${fill(t.chapter, { n: chapter.number })} · ${label}` };
    } else {
      head = [{ ...NONE, kind: 'title', title: `${chapter.title} (${k}/${n}): ${topic}`, subtitle: `${fill(t.chapter, { n: chapter.number })} · ${label}`, ...(course.author ? { author: course.author } : {}) }];
      const tops = [...new Set(body.map((d) => d.section).filter((s): s is string => s !== null))]
        .map((s) => chapter.sections.find((x) => sectionKey(x) === s || x.slug === s))
        .filter((s): s is Section => s !== undefined);
      if (tops.length >= 2) head.push({ ...NONE, kind: 'agenda', title: t.agenda, points: tops.map((s) => ({ html: escapeHtml(`${s.id ? `${s.id} ` : ''}${s.title}`), sub: [] })) });
    }
    const tail = k === n ? closing(chapter, builder, builder.out.some((d) => d.kind === 'insight'), null, 0, t) : [];
    const slides = finish(compose([...head, ...body, ...tail], t, `${chapter.title} (${k}/${n})`));
    return { ...whole, slug: lectureSlug(chapter, k), title: `${chapter.number}. ${chapter.title} (${k}/${n})`, slides };
  });
  return { decks, slides: whole.slides.length, mode: 'split' };
}
