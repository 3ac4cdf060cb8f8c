// Model → study map data (one printed page) for templates/print/study-map.html.hbs.
// Pure: every string in the data is already HTML-escaped.
import type { Course } from '../../model/types.ts';
import { coreIdea } from '../concepts.ts';
import { capitalise, cut, esc, scalableSvg } from './html-text.ts';
import { MAP_LEVELS, PAPER_NAMES, type MapLevel, type PageBox } from './paper.ts';
import { bestAnalogy, chapterGroups, takeawayItems } from './select.ts';
import { countsLine, escapedStrings, fill, stringsFor, type UiStrings } from '../strings.ts';

/** Base text size in points at font scale 1 (A3; smaller paper scales it by its width). */
const BASE_PT = 9.5;
/** The widest a chapter card grows, in em of its text; fewer cards are centred rather than stretched. */
const MAX_CARD_EM = 34;
/** The narrowest a chapter card gets before the part wraps onto another row, millimetres. */
const MIN_CARD_MM = 52;
const MARGIN_MM = 9;

export interface MapCard {
  number: number;
  title: string;
  idea: string;
  takeaways: Array<{ term: string; text: string }>;
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
  map: { svg: string; layout: 'side' | 'top'; aspect: string; maxWidthPx: number } | null;
  /** One group is centred on the page; several start at the left edge, one under the other. */
  align: 'center' | 'start';
  parts: Array<{ heading: string; columns: number; maxWidthEm: number; cards: MapCard[] }>;
  footer: string;
}

/** Larger text tried first, so that a short course fills its page rather than a corner of it. */
const ROOMY_FONTS = [1.8, 1.55, 1.3, 1.15];

/** The study map's levels: the roomier levels for short courses, then the condensing rules. */
export const STUDY_MAP_LEVELS: readonly MapLevel[] = [...ROOMY_FONTS.map((font) => ({ ...MAP_LEVELS[0]!, font })), ...MAP_LEVELS];

/** Index in STUDY_MAP_LEVELS of the first level that may leave content out. */
export const FULL_LEVELS = ROOMY_FONTS.length + 1;

export function studyMapData(course: Course, box: PageBox, level: MapLevel, courseMapSvg: string | null, zoom = 1): StudyMapData {
  const contentMm = box.widthMm - 2 * MARGIN_MM;
  const fontPt = BASE_PT * Math.min(1, Math.max(box.widthMm, box.heightMm) / 420) ** 0.5 * level.font;
  const groups = chapterGroups(course);
  const perRow = Math.max(1, Math.floor(contentMm / MIN_CARD_MM));
  const parts = groups.map((g) => {
    const columns = Math.min(g.chapters.length, perRow);
    return {
      heading: esc(g.label),
      columns,
      maxWidthEm: columns * MAX_CARD_EM,
      cards: g.chapters.map((c) => card(c, level)),
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
    page: { widthMm: box.widthMm, heightMm: box.heightMm, marginMm: MARGIN_MM, label: esc(`${PAPER_NAMES[box.paper]} ${t[box.orientation]}`) },
    // A hair under the page height, so rounding in the print layout never starts a second page.
    sheet: { widthMm: round(box.widthMm / zoom), heightMm: round((box.heightMm - 0.5) / zoom) },
    fontPt: round(fontPt),
    zoom,
    map: mapBlock(courseMapSvg),
    align: parts.length > 1 ? 'start' : 'center',
    parts,
    footer: esc(fill(t.studyMapFooter, { title: course.title })),
  };
}

function card(c: Course['chapters'][number], level: MapLevel): MapCard {
  const analogy = level.analogy === 0 ? '' : bestAnalogy(c);
  return {
    number: c.number,
    title: esc(c.title),
    deckHref: `decks/${c.slug}.html`,
    mapHref: `chapters/${c.slug}.html#map`,
    idea: cut(coreIdea(c), level.idea),
    takeaways: takeawayItems(c).slice(0, level.takeaways).map((t) => {
      const room = Math.max(12, level.takeaway - t.term.length);
      return { term: cut(t.term, 40), text: cut(t.text, room) };
    }),
    analogy: analogy ? cut(capitalise(analogy), level.analogy) : '',
  };
}

/** Tall maps (most courses: parts → chapters read left to right) go in a side column, wide ones on top. */
function mapBlock(svg: string | null): StudyMapData['map'] {
  if (!svg) return null;
  const s = scalableSvg(svg);
  if (!s.svg || s.aspect <= 0) return null;
  return { svg: s.svg, layout: s.aspect < 1.6 ? 'side' : 'top', aspect: `${round(s.width)} / ${round(s.height)}`, maxWidthPx: Math.round(s.width * 1.6) };
}

const round = (x: number) => Math.round(x * 100) / 100;

/** What a level left out, compared with the full content, as phrases for the warning ([] = nothing). */
export function studyMapDropped(course: Course, level: MapLevel): string[] {
  const full = MAP_LEVELS[0]!;
  const out: string[] = [];
  const rows = course.chapters.map((c) => takeawayItems(c).length);
  const lost = rows.reduce((sum, r) => sum + Math.min(full.takeaways, r) - Math.min(level.takeaways, r), 0);
  if (lost > 0) out.push(`${lost} takeaway${lost === 1 ? '' : 's'} (${level.takeaways === 0 ? 'none' : `at most ${level.takeaways}`} per chapter)`);
  const analogies = course.chapters.map(bestAnalogy).filter(Boolean);
  if (level.analogy === 0 && analogies.length > 0) out.push(`all ${analogies.length} analogies`);
  else if (level.analogy !== null) countCut(out, analogies, level.analogy, 'analogies');
  if (level.idea !== null) countCut(out, course.chapters.map(coreIdea), level.idea, 'core ideas');
  if (level.font < 1) out.push(`text set at ${Math.round(level.font * 100)} % size`);
  return out;
}

function countCut(out: string[], texts: readonly string[], max: number, what: string): void {
  const n = texts.filter((t) => t.replace(/\s+/g, ' ').trim().length > max).length;
  if (n > 0) out.push(`the end of ${n} ${what} (cut to ${max} characters)`);
}
