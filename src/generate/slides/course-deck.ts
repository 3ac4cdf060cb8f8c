// Model → the course deck (pure): title, agenda of parts and chapters with each chapter's summary,
// the course map linking to the chapter decks, and the authored diagrams outside the chapters.
import type { Chapter, Course } from '../../model/types.ts';
import { linkSvgNodes } from '../links/svg-links.ts';
import { courseMapLinks } from '../links/targets.ts';
import { courseDiagramTitle } from '../maps/diagram-title.ts';
import { fill, stringsFor, type UiStrings } from '../strings.ts';
import { compose } from './compose.ts';
import { blockPoints } from './condense.ts';
import { chapterLang, type DeckInput, finish, NONE, titled } from './deck.ts';
import { diagramFigure, partSlides } from './diagram-parts.ts';
import type { Draft } from './flow.ts';
import { blocksHtml, escapeHtml } from './markdown.ts';
import { chapterSummaryPoints } from './summary.ts';
import { sanitizeSvg } from './svg.ts';
import type { Deck, Point } from './types.ts';

/** Sentences of a plain-text summary as points. */
export function sentencePoints(text: string): Point[] {
  // Latin sentences end in . ! ? and a space before a capital; CJK ones in 。！？ with no space.
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z0-9"“(])|(?<=[。！？])/u)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => ({ html: escapeHtml(s), sub: [] }));
}

function chapterSummary(chapter: Chapter): Point[] {
  const summary = chapterSummaryPoints(chapter);
  if (summary.length > 0) return summary;
  if (chapter.summary) return sentencePoints(chapter.summary);
  const intro = blockPoints(chapter.intro, () => false);
  return intro.length ? intro : chapter.sections.map((s) => ({ html: escapeHtml(s.title), sub: [] }));
}

/** A chapter given as several lectures: the links to its decks (after its summary). */
function lectureList(c: Chapter, lectures: LectureLinks, t: UiStrings): Draft[] {
  const list = lectures.get(c.number) ?? [];
  return list.length < 2
    ? []
    : [
        {
          ...NONE,
          kind: 'agenda',
          title: `${c.title}: ${t.lectures}`,
          label: fill(t.chapter, { n: c.number }),
          points: list.map((l) => ({
            html: `<a href="${escapeHtml(encodeURI(`${l.slug}.html`))}">${escapeHtml(l.title)}</a>`,
            sub: [],
          })),
        },
      ];
}

/** Authored diagrams outside the chapters (a systems map) close the course deck, titled by their extra. */
function courseDiagrams(course: Course, input: DeckInput, t: UiStrings): Draft[] {
  const drafts: Draft[] = [];
  course.diagrams.forEach((d, i) => {
    const raw = input.svg(`diagrams/course-${i + 1}`);
    if (!raw) return;
    // Never a bare "Diagram": the extra around it, the diagram's own title, else the last extra before it.
    const title = courseDiagramTitle(course, d) ?? t.diagram;
    const parts = input.parts?.(`diagrams/course-${i + 1}`) ?? [];
    if (parts.length) drafts.push(...partSlides(NONE, title, parts, ''));
    else
      drafts.push({
        ...NONE,
        kind: 'diagram',
        title,
        figure: diagramFigure(raw, `diagrams/course-${i + 1}`),
      });
  });
  return drafts;
}

/** A split chapter's lectures, for the course deck's links: slug and title of each deck. */
export type LectureLinks = ReadonlyMap<number, ReadonlyArray<{ slug: string; title: string }>>;

export function courseDeck(course: Course, input: DeckInput, lectures: LectureLinks = new Map()): Deck {
  const t = stringsFor(course.language);
  const drafts: Draft[] = [
    {
      ...NONE,
      kind: 'title',
      title: course.title,
      subtitle: fill(t.chapterCount, { n: course.chapters.length }),
      ...(course.author ? { author: course.author } : {}),
    },
  ];
  // The notes hold the chapter's whole executive summary (the slide shows its sentences and items).
  const summary = (c: Chapter): Draft[] => [
    {
      ...NONE,
      kind: 'summary',
      title: c.title,
      label: fill(t.chapter, { n: c.number }),
      points: chapterSummary(c),
      ...(c.summaryBlocks.length ? { notesHtml: blocksHtml(c.summaryBlocks) } : {}),
    },
    ...lectureList(c, lectures, t),
  ];
  if (course.parts.length)
    drafts.push({
      ...NONE,
      kind: 'agenda',
      title: t.parts,
      points: course.parts.map((p) => ({
        html: escapeHtml(fill(t.partTitle, { n: p.number, title: p.title })),
        sub: [],
      })),
    });
  const seen = new Set<number>();
  for (const p of course.parts) {
    const chapters = course.chapters.filter((c) => p.chapters.includes(c.number));
    drafts.push({
      ...NONE,
      kind: 'section',
      title: p.title,
      label: fill(t.part, { n: p.number }),
      points: chapters.map((c) => ({ html: titled(`${c.number}.`, c.title), sub: [] })),
    });
    for (const c of chapters) seen.add(c.number);
    drafts.push(...chapters.flatMap(summary));
  }
  drafts.push(...course.chapters.filter((c) => !seen.has(c.number)).flatMap(summary));
  drafts.push(...courseDiagrams(course, input, t));
  const svg = input.svg('maps/course-map');
  if (svg)
    drafts.push({
      ...NONE,
      kind: 'map',
      title: t.courseMap,
      svg: sanitizeSvg(
        linkSvgNodes(
          svg,
          courseMapLinks(course, (c) => `${c.slug}.html`),
        ),
      ),
    });
  return {
    slug: 'course',
    title: course.title,
    courseTitle: course.title,
    author: course.author,
    lang: chapterLang(course),
    theme: input.theme,
    t,
    slides: finish(compose(drafts, t)),
  };
}
