// Model → study companion data (a few printed pages) for templates/print/companion.html.hbs.
// Pure: every string in the data is already HTML-escaped.
import { inlineText } from '../../model/text.ts';
import type { Block, Chapter, Course } from '../../model/types.ts';
import { chapterMap, coreIdea, type MapNode } from '../maps/concepts.ts';
import { type CompanionFigure, companionFigure, type DiagramSource } from './companion-figures.ts';
import { capitalise, cssString, cut, esc, summaryHtml, withoutAnalogy } from './html-text.ts';
import { COMPANION_LEVELS, type CompanionLevel, type PageBox } from './paper.ts';
import { chapterGroups, keyAnalogies, takeawayItems } from './select.ts';
import { countsLine, escapedStrings, fill, stringsFor, type UiStrings } from '../strings.ts';

/** Base text size in points on A4/Letter at font scale 1; A3 scales it up. */
const BASE_PT = 8.8;
const MARGIN = { top: 15, side: 14, bottom: 14 };
/** Introduction paragraphs used as the summary when a chapter has no executive summary. */
const INTRO_PARAGRAPHS = 2;

export interface CompanionChapter {
  number: number;
  title: string;
  summary: string;
  analogies: string[];
  map: { root: string; branches: Array<{ name: string; leaves: string }> };
  table: { header: string[]; rows: string[][] } | null;
  /** The chapter's authored diagrams, drawn as ./companion-figures.ts chooses (a diagram's parts are figures of their own). */
  diagrams: CompanionFigure[];
}

export interface CompanionData {
  title: string;
  author: string | null;
  /** `<html lang>` and the interface words (HTML-escaped) in the course's language. */
  lang: string;
  t: Record<keyof UiStrings, string>;
  /** CSS `content` of the page footer: "Page 1 of 4". */
  pageCounter: string;
  subtitle: string;
  running: { title: string; label: string };
  page: { widthMm: number; heightMm: number; margin: typeof MARGIN };
  fontPt: number;
  ideasHeading: string;
  ideas: Array<{ number: number; title: string; idea: string }>;
  parts: Array<{ heading: string; chapters: CompanionChapter[] }>;
}

/**
 * `svg` finds a rendered diagram by output name ("diagrams/<chapter-slug>-<n>") and, given as a
 * DiagramSource, the parts the slide fit chose; without it no diagram is drawn.
 */
export function companionData(
  course: Course,
  box: PageBox,
  level: CompanionLevel,
  svg: ((name: string) => string | null) | DiagramSource = () => null,
): CompanionData {
  const from = typeof svg === 'function' ? { svg } : svg;
  const textMm = companionTextMm(box);
  const n = course.chapters.length;
  const parts = course.parts.length;
  const t = stringsFor(course.language);
  return {
    title: esc(course.title),
    author: course.author ? esc(course.author) : null,
    lang: esc(course.language),
    t: escapedStrings(t),
    pageCounter: `${t.page ? `${cssString(`${t.page} `)} ` : ''}counter(page) ${cssString(` ${t.of} `)} counter(pages)`,
    subtitle: esc(countsLine(t, t.studyCompanion, n, parts)),
    running: { title: cssString(course.title), label: cssString(t.studyCompanion) },
    page: { widthMm: box.widthMm, heightMm: box.heightMm, margin: MARGIN },
    fontPt: Math.round(BASE_PT * (box.paper === 'a3' ? 1.2 : 1) * level.font * 100) / 100,
    ideasHeading: esc(n === 1 ? t.oneIdea : fill(t.ideas, { n })),
    ideas: course.chapters.map((c) => ({
      number: c.number,
      title: esc(c.title),
      idea: cut(coreIdea(c), level.summary === null ? null : 160),
    })),
    parts: chapterGroups(course).map((g) => ({
      heading: esc(g.label),
      chapters: g.chapters.map((c) => chapterData(c, level, from, textMm)),
    })),
  };
}

function chapterData(c: Chapter, level: CompanionLevel, from: DiagramSource, textMm: number): CompanionChapter {
  const map = chapterMap(c);
  const table =
    c.takeaways && c.takeaways.rows.length > 0
      ? {
          header: c.takeaways.header.slice(0, level.columns).map(esc),
          rows: c.takeaways.rows
            .slice(0, level.rows)
            .map((r) => c.takeaways!.header.slice(0, level.columns).map((_h, i) => cut(r[i] ?? '', null))),
        }
      : null;
  return {
    number: c.number,
    title: esc(c.title),
    summary: summaryOf(c, level.summary),
    analogies: keyAnalogies(c)
      .slice(0, level.analogies)
      .map((a) => cut(capitalise(a.text), level.summary === null ? null : 200)),
    map: {
      root: esc(map.root.label),
      branches: mapBranches(c)
        .slice(0, level.branches)
        .map((b) => ({
          name: esc(b.label),
          leaves: b.children
            .slice(0, level.leaves)
            .map((l) => esc(l.label))
            .join(' · '),
        })),
    },
    table: table && table.header.length > 0 ? table : null,
    diagrams: companionDiagrams(c, level, from, textMm).flatMap((d) => d.figures),
  };
}

/** The chapter's diagrams the level shows (the first `level.diagrams` rendered), each with its figures and smallest label (pt). */
export function companionDiagrams(
  c: Chapter,
  level: CompanionLevel,
  from: DiagramSource,
  textMm: number,
): Array<{ index: number; figures: CompanionFigure[]; pt: number }> {
  const shown = c.diagrams
    .map((_, i) => i)
    .filter((i) => from.svg(`diagrams/${c.slug}-${i + 1}`) !== null)
    .slice(0, level.diagrams);
  return shown.map((i) => ({
    index: i,
    ...companionFigure(`diagrams/${c.slug}-${i + 1}`, from, textMm, shown.length)!,
  }));
}

/** The text width of the companion's page (mm). */
export const companionTextMm = (box: PageBox): number => box.widthMm - 2 * MARGIN.side;

/** The summary blocks: executive summary, else the introduction's first paragraphs. */
function summaryBlocks(c: Chapter): Block[] {
  if (c.summaryBlocks.length > 0) return c.summaryBlocks;
  return c.intro.filter((b) => b.type === 'paragraph').slice(0, INTRO_PARAGRAPHS);
}

function summaryOf(c: Chapter, max: number | null): string {
  const blocks = summaryBlocks(c);
  if (blocks.length === 0) return c.finalInsight ? `<p>${cut(c.finalInsight.text, max)}</p>` : '';
  if (max === null) return summaryHtml(blocks);
  return `<p>${cut(plainSummary(blocks), max)}</p>`;
}

/** Paragraphs and list items as one line of plain text (list items joined with semicolons). */
export function plainSummary(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.type === 'paragraph') out.push(inlineText(withoutAnalogy(b.children)).trim());
    else if (b.type === 'list') {
      const items = b.items.map((it) =>
        it.children
          .map((x) => (x.type === 'paragraph' ? inlineText(x.children).trim() : ''))
          .join(' ')
          .replace(/[\s.;,]+$/u, ''),
      );
      out.push(`${items.filter(Boolean).join('; ')}.`);
    }
  }
  return out.filter(Boolean).join(' ').replace(/\s+/g, ' ');
}

/** What a level left out, compared with the full content, as phrases for the warning ([] = nothing). */
export function companionDropped(course: Course, level: CompanionLevel): string[] {
  const full = COMPANION_LEVELS[0]!;
  const out: string[] = [];
  const sum = (f: (c: Chapter) => number) => course.chapters.reduce((s, c) => s + f(c), 0);
  const analogies = sum(
    (c) => Math.min(full.analogies, keyAnalogies(c).length) - Math.min(level.analogies, keyAnalogies(c).length),
  );
  if (analogies > 0) out.push(`${analogies} analogies (at most ${level.analogies} per chapter)`);
  const rows = sum((c) => Math.min(full.rows, takeawayItems(c).length) - Math.min(level.rows, takeawayItems(c).length));
  if (rows > 0) out.push(`${rows} takeaway rows (at most ${level.rows} per chapter)`);
  const columns = sum((c) => Math.max(0, Math.min(full.columns, c.takeaways?.header.length ?? 0) - level.columns));
  if (columns > 0) out.push(`${columns} takeaway columns`);
  if (level.summary !== null) {
    const cutCount = course.chapters.filter((c) => plainSummary(summaryBlocks(c)).length > level.summary!).length;
    if (cutCount > 0) out.push(`the end of ${cutCount} summaries (cut to ${level.summary} characters)`);
  }
  const leaves = sum((c) => mapSize(c, full) - mapSize(c, level));
  if (leaves > 0) out.push(`${leaves} chapter-map labels`);
  const diagrams = sum((c) => Math.min(full.diagrams, c.diagrams.length) - Math.min(level.diagrams, c.diagrams.length));
  if (diagrams > 0) out.push(`${diagrams} diagram${diagrams === 1 ? '' : 's'} (at most ${level.diagrams} per chapter)`);
  if (level.font < 1) out.push(`text set at ${Math.round(level.font * 100)} % size`);
  return out;
}

/** The chapter map's branches without "Key takeaways": the takeaway table is printed right below it. */
function mapBranches(c: Chapter): MapNode[] {
  return chapterMap(c).root.children.filter((b) => b.id !== 'tk');
}

function mapSize(c: Chapter, level: CompanionLevel): number {
  return mapBranches(c)
    .slice(0, level.branches)
    .reduce((s, b) => s + 1 + Math.min(level.leaves, b.children.length), 0);
}
