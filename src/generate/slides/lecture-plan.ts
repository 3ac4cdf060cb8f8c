// The lecture plan of a chapter (pure, from the model alone): whether its deck is split into
// lectures, where, and which lecture deck and slide shows each of its sections. It is made before
// any browser runs — the concept maps, the site and the search index link into lecture 2, 3… and
// are drawn before the decks — so it counts slides with the fit estimate (estimate.ts), which
// includes the continuation slides the browser will add, and never reads a rendered diagram (each
// diagram is planned as a slide of its own). The decks stage builds its lectures from this plan, so
// every link agrees with the decks.
import type { Chapter, Course, Section } from '../../model/types.ts';
import { sectionKey, slideId, slideIdFor, type LectureHomes } from '../links/targets.ts';
import { closing, opening, type DeckInput } from './deck.ts';
import { estimateSlides } from './estimate.ts';
import { ChapterSlides, type Draft } from './flow.ts';
import { stringsFor } from '../strings.ts';

/** Default longest deck, in slides (after the browser's continuation slides). */
export const DEFAULT_LECTURE_SLIDES = 45;

/** The slug of lecture k (1-based): the first keeps the chapter's, so links to the chapter still land. */
export const lectureSlug = (chapter: Pick<Chapter, 'slug'>, k: number) =>
  k === 1 ? chapter.slug : `${chapter.slug}-lecture-${k}`;

export interface LecturePlan {
  /** 'single': fits; 'split': several lectures; 'over': too long, but no section boundary to split at. */
  mode: 'single' | 'split' | 'over';
  /** Estimated slides of the whole chapter as one deck, continuation slides included. */
  slides: number;
  /** Number of decks (1 unless split). */
  count: number;
  /** Lecture index (0-based) of each slide-level unit: the key of a top-level section or of a subsection. */
  units: ReadonlyMap<string, number>;
  /** Deck slug of every slide id of the chapter's sections (for links). */
  homes: LectureHomes;
}

/** A diagram planned as its own slide: the plan never depends on how a diagram renders. */
const PLACEHOLDER = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 1000"></svg>';
const planInput = (theme: DeckInput['theme'] = 'light'): DeckInput => ({ theme, svg: () => PLACEHOLDER });
/** The map slide, counted as one slide. */
const MAP: Draft = { kind: 'map', title: '', label: null, icon: null, section: null, svg: PLACEHOLDER };

/** Top-level section index and slide-level unit key of every section key (and slug) of the chapter. */
export function owners(chapter: Chapter): Map<string, { top: number; unit: string }> {
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

const weight = (unit: readonly Draft[]) => unit.reduce((n, d) => n + estimateSlides(d), 0);

/**
 * Cuts the units into exactly `count` runs of at most `cap` slides each (a unit over `cap` alone
 * is allowed), as even as possible: least sum of squared distances from the mean (dynamic
 * programming over the cut points; units are sections, a few hundred at most).
 */
function balance(units: readonly Draft[][], count: number, cap: number): Draft[][] {
  const at = [0];
  for (const u of units) at.push(at[at.length - 1]! + weight(u));
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
 * Splits the body slides into lectures of at most `budget` estimated slides: top-level sections
 * stay whole unless one alone is over budget, which is then cut between its subsections; as few
 * lectures as the budget allows, as even as possible.
 */
export function partition(drafts: readonly Draft[], chapter: Chapter, budget: number): Draft[][] {
  const own = owners(chapter);
  const top = (d: Draft) => own.get(d.section ?? '')?.top ?? -1;
  const unit = (d: Draft) => own.get(d.section ?? '')?.unit ?? '';
  const units = runs(drafts, top).flatMap((group) => (weight(group) <= budget ? [group] : runs(group, unit)));
  // Greedy packing gives the fewest runs under the budget; balancing keeps that number.
  let count = 0;
  let size = Infinity;
  for (const u of units) {
    const w = weight(u);
    if (size + w > budget) count++, (size = 0);
    size += w;
  }
  return balance(units, Math.max(1, count), budget);
}

/** Slides a lecture spends around its body: title, agenda, references, and the first's opening, the last's closing. */
function frame(course: Course, chapter: Chapter, builder: ChapterSlides): number {
  const t = stringsFor(course.language);
  const head = opening(course, chapter, builder, null, t).reduce((n, d) => n + estimateSlides(d), 0) + 1; // + the map
  const tail =
    closing(
      chapter,
      builder,
      builder.out.some((d) => d.kind === 'insight'),
      null,
      0,
      t,
    ).reduce((n, d) => n + estimateSlides(d), 0) + 3;
  return Math.max(4, Math.ceil(head), Math.ceil(tail)) + 1; // + the references slide
}

/** Where each section of the chapter is shown: its slide id → the lecture deck that holds it. */
function homesOf(chapter: Chapter, units: ReadonlyMap<string, number>): Map<string, string> {
  const own = owners(chapter);
  const homes = new Map<string, string>();
  const walk = (list: readonly Section[]) => {
    for (const s of list) {
      const key = sectionKey(s);
      const k =
        units.get(own.get(key)?.unit ?? '') ??
        units.get(sectionKey(chapter.sections[own.get(key)?.top ?? -1] ?? s)) ??
        0;
      for (const id of [slideId(key), slideIdFor(chapter, key)])
        if (id && !homes.has(id)) homes.set(id, lectureSlug(chapter, k + 1));
      walk(s.sections);
    }
  };
  walk(chapter.sections);
  return homes;
}

// The maps, the site, the search index and the decks all ask for the same plans in one build.
const memo = new WeakMap<Chapter, Map<string, LecturePlan>>();

/** The chapter's lecture plan for a target of `maxSlides` slides a deck (0: never split). */
export function planLectures(course: Course, chapter: Chapter, maxSlides = DEFAULT_LECTURE_SLIDES): LecturePlan {
  const key = `${maxSlides}\0${course.language}\0${course.author ?? ''}`;
  const known = memo.get(chapter)?.get(key);
  if (known) return known;
  const plan = makePlan(course, chapter, maxSlides);
  memo.set(chapter, (memo.get(chapter) ?? new Map()).set(key, plan));
  return plan;
}

function makePlan(course: Course, chapter: Chapter, maxSlides: number): LecturePlan {
  if (maxSlides <= 0) return { mode: 'single', slides: 0, count: 1, units: new Map(), homes: new Map() };
  const t = stringsFor(course.language);
  const builder = new ChapterSlides(chapter, planInput().svg, 'light', t, () => [], true);
  for (const s of chapter.sections) builder.section(s);
  // The whole deck: opening (with the map), body, closing (with the map again when long). Grouping
  // short slides only makes it shorter, so counting the drafts errs on the long side.
  const head = opening(course, chapter, builder, MAP, t);
  const tail = closing(
    chapter,
    builder,
    builder.out.some((d) => d.kind === 'insight'),
    MAP,
    head.length + builder.out.length,
    t,
  );
  const slides = Math.ceil([...head, ...builder.out, ...tail].reduce((n, d) => n + estimateSlides(d), 0));
  const single: LecturePlan = { mode: 'single', slides, count: 1, units: new Map(), homes: new Map() };
  if (slides <= maxSlides) return single;
  const parts = partition(builder.out, chapter, Math.max(1, maxSlides - frame(course, chapter, builder)));
  if (parts.length < 2) return { ...single, mode: 'over' };
  const own = owners(chapter);
  const units = new Map<string, number>();
  parts.forEach((p, i) => {
    for (const d of p) {
      const o = own.get(d.section ?? '');
      if (!o) continue;
      if (!units.has(o.unit)) units.set(o.unit, i);
      const top = sectionKey(chapter.sections[o.top]!);
      if (!units.has(top)) units.set(top, i);
    }
  });
  return { mode: 'split', slides, count: parts.length, units, homes: homesOf(chapter, units) };
}

/** The lecture (0-based) a drafted slide belongs to under the plan: its unit's, else its top-level section's. */
export function lectureOfDraft(
  plan: LecturePlan,
  own: ReturnType<typeof owners>,
  chapter: Chapter,
  d: Draft,
): number | undefined {
  const o = own.get(d.section ?? '');
  if (!o) return undefined;
  return plan.units.get(o.unit) ?? plan.units.get(sectionKey(chapter.sections[o.top]!));
}

/** Every split chapter's homes, by chapter number (what the maps, site and search link through). */
export function courseHomes(course: Course, maxSlides = DEFAULT_LECTURE_SLIDES): Map<number, LectureHomes> {
  return new Map(course.chapters.map((c) => [c.number, planLectures(course, c, maxSlides).homes]));
}

/** The lecture target from build settings (setting lectureSlides; 0: never split). */
export const lectureTarget = (settings: Readonly<Record<string, unknown>> | undefined): number => {
  const setting = settings?.['lectureSlides'];
  return typeof setting === 'number' ? setting : DEFAULT_LECTURE_SLIDES;
};
