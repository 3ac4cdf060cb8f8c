// Model → study map data (one printed page) for templates/print/study-map.html.hbs.
// Pure: every string in the data is already HTML-escaped.
import type { Course } from '../../model/types.ts';
import { coreIdea } from '../maps/concepts.ts';
import { isShortened, wholeSentences } from '../sentences.ts';
import { capitalise, esc } from './html-text.ts';
import { MAP_LEVELS, PAPER_NAMES, type MapLevel, type PageBox } from './paper.ts';
import { chapterGroups, keyAnalogies, keyTerms } from './select.ts';
import { countsLine, escapedStrings, fill, stringsFor, type UiStrings } from '../strings.ts';

/** Base text size in points at font scale 1 (A3; smaller paper scales it by its width). */
const BASE_PT = 9.5;
/** The widest a chapter card grows, in em of its text; fewer cards are centred rather than stretched. */
const MAX_CARD_EM = 48;
/** The narrowest a chapter card gets before the part wraps onto another row, millimetres. */
const MIN_CARD_MM = 52;
const MARGIN_MM = 9;

export interface MapCard {
  number: number;
  title: string;
  idea: string;
  /** Key terms, each with the whole sentences of its explanation that fit ('' = the term alone). */
  terms: Array<{ term: string; text: string; extra: boolean }>;
  analogy: string;
  /** Relative links from out/: the chapter's deck and its page with the concept map. */
  deckHref: string;
  mapHref: string;
}

export interface StudyMapData {
  title: string;
  author: string | null;
  /** `<html lang>` and the interface words (HTML-escaped) in the course's language. */
  lang: string;
  t: Record<keyof UiStrings, string>;
  subtitle: string;
  page: { widthMm: number; heightMm: number; marginMm: number; label: string };
  /** The sheet before zoom: the page size divided by `zoom`. */
  sheet: { widthMm: number; heightMm: number };
  fontPt: number;
  /** CSS zoom of the whole sheet: 1 unless even the last level did not fit. */
  zoom: number;
  /** The course's route: its parts in order with their chapter numbers (null with fewer than two groups). */
  route: Array<{ name: string; chapters: string }> | null;
  /** One group is centred on the page; several start at the left edge, one under the other. */
  align: 'center' | 'start';
  parts: Array<{ heading: string; columns: number; maxWidthEm: number; cards: MapCard[] }>;
  footer: string;
}

/** The study map's levels (./paper.ts); the first that fits is then grown up to MAX_MAP_FONT. */
export const STUDY_MAP_LEVELS: readonly MapLevel[] = MAP_LEVELS;

export interface StudyMapOptions {
  /** CSS zoom of the whole sheet (1 unless even the last level did not fit). */
  zoom?: number;
  /** Key terms shown per chapter number, in place of the level's count (the cards filled to their room). */
  termCounts?: ReadonlyMap<number, number>;
  /** Further key terms per card, marked `extra`, for the browser to keep as many as fit. */
  extraTerms?: number;
}

/** Base text size in points of a page at font scale `font`. */
export function studyMapFontPt(box: PageBox, font: number): number {
  return round(BASE_PT * Math.min(1, Math.max(box.widthMm, box.heightMm) / 420) ** 0.5 * font);
}

export function studyMapData(
  course: Course,
  box: PageBox,
  level: MapLevel,
  options: StudyMapOptions = {},
): StudyMapData {
  const zoom = options.zoom ?? 1;
  const contentMm = box.widthMm - 2 * MARGIN_MM;
  const fontPt = studyMapFontPt(box, level.font);
  const groups = chapterGroups(course);
  const perRow = Math.max(1, Math.floor(contentMm / MIN_CARD_MM));
  const parts = groups.map((g) => {
    const columns = Math.min(g.chapters.length, perRow);
    return {
      heading: esc(g.label),
      columns,
      maxWidthEm: columns * MAX_CARD_EM,
      cards: g.chapters.map((c) =>
        card(c, level, options.termCounts?.get(c.number) ?? level.terms, options.extraTerms ?? 0),
      ),
    };
  });
  const n = course.chapters.length;
  const t = stringsFor(course.language);
  return {
    title: esc(course.title),
    author: course.author ? esc(course.author) : null,
    lang: esc(course.language),
    t: escapedStrings(t),
    subtitle: esc(countsLine(t, t.studyMap, n, course.parts.length)),
    page: {
      widthMm: box.widthMm,
      heightMm: box.heightMm,
      marginMm: MARGIN_MM,
      label: esc(`${PAPER_NAMES[box.paper]} ${t[box.orientation]}`),
    },
    // A hair under the page height, so rounding in the print layout never starts a second page.
    sheet: { widthMm: round(box.widthMm / zoom), heightMm: round((box.heightMm - 0.5) / zoom) },
    fontPt: round(fontPt),
    zoom,
    route:
      groups.length > 1
        ? groups.map((g) => ({ name: esc(g.label), chapters: esc(numberRange(g.chapters.map((c) => c.number))) }))
        : null,
    align: parts.length > 1 ? 'start' : 'center',
    parts,
    footer: esc(fill(t.studyMapFooter, { title: course.title })),
  };
}

function card(c: Course['chapters'][number], level: MapLevel, terms: number, extra: number): MapCard {
  return {
    number: c.number,
    title: esc(c.title),
    deckHref: `decks/${c.slug}.html`,
    mapHref: `chapters/${c.slug}.html#map`,
    idea: esc(wholeSentences(coreIdea(c), level.idea, true)),
    terms: keyTerms(c)
      .slice(0, terms + extra)
      .map((t, i) => ({ term: esc(t.term), text: esc(wholeSentences(t.text, level.termText)), extra: i >= terms })),
    analogy: esc(capitalise(analogyFor(c, level.analogy))),
  };
}

/** The chapter's best analogy that fits in `max` characters as whole sentences ('' = none fits). */
function analogyFor(c: Course['chapters'][number], max: number | null): string {
  if (max === 0) return '';
  for (const a of keyAnalogies(c)) {
    const text = wholeSentences(a.text, max);
    if (text) return text;
  }
  return '';
}

/** "1–4" for consecutive chapter numbers, else "1, 3, 7". */
function numberRange(numbers: readonly number[]): string {
  const consecutive = numbers.every((n, i) => i === 0 || n === numbers[i - 1]! + 1);
  if (numbers.length > 1 && consecutive) return `${numbers[0]}–${numbers[numbers.length - 1]}`;
  return numbers.join(', ');
}

const round = (x: number) => Math.round(x * 100) / 100;

/** What a level left out, compared with the full content, as phrases for the warning ([] = nothing). */
export function studyMapDropped(course: Course, level: MapLevel, termCounts?: ReadonlyMap<number, number>): string[] {
  const full = MAP_LEVELS[0]!;
  const out: string[] = [];
  const shown = (c: Course['chapters'][number]) => termCounts?.get(c.number) ?? level.terms;
  const terms = course.chapters.map((c) => ({ all: keyTerms(c), shown: shown(c) }));
  const lost = terms.reduce(
    (sum, t) => sum + Math.max(0, Math.min(full.terms, t.all.length) - Math.min(t.shown, t.all.length)),
    0,
  );
  if (lost > 0) {
    const counts = terms.filter((t) => t.shown < Math.min(full.terms, t.all.length)).map((t) => t.shown);
    const fewest = Math.min(...counts);
    const most = Math.max(...counts);
    out.push(
      `${lost} key term${lost === 1 ? '' : 's'} (${most === 0 ? 'none' : fewest === most ? `${most}` : `${fewest}–${most}`} in the chapters that had more)`,
    );
  }
  const shortened = terms.reduce(
    (sum, t) =>
      sum + t.all.slice(0, t.shown).filter((x) => isShortened(x.text, wholeSentences(x.text, level.termText))).length,
    0,
  );
  if (shortened > 0)
    out.push(
      `the end of ${shortened} key-term explanation${shortened === 1 ? '' : 's'} (whole sentences up to ${level.termText} characters)`,
    );
  const analogies = course.chapters.filter((c) => keyAnalogies(c).length > 0);
  if (level.analogy === 0 && analogies.length > 0) out.push(`all ${analogies.length} analogies`);
  else if (level.analogy !== null) {
    const none = analogies.filter((c) => !analogyFor(c, level.analogy)).length;
    const other = analogies.filter(
      (c) => analogyFor(c, level.analogy) && analogyFor(c, level.analogy) !== analogyFor(c, null),
    ).length;
    if (none > 0)
      out.push(`the analogy of ${none} chapter${none === 1 ? '' : 's'} (none fits in ${level.analogy} characters)`);
    if (other > 0)
      out.push(
        `the best analogy of ${other} chapter${other === 1 ? '' : 's'} (a shorter one or its first sentences shown)`,
      );
  }
  if (level.idea !== null) {
    const n = course.chapters.filter((c) =>
      isShortened(coreIdea(c), wholeSentences(coreIdea(c), level.idea, true)),
    ).length;
    if (n > 0) out.push(`the last sentences of ${n} core idea${n === 1 ? '' : 's'} (cut to ${level.idea} characters)`);
  }
  if (level.font < 1) out.push(`text set at ${Math.round(level.font * 100)} % size`);
  return out;
}
