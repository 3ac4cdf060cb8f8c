// Model → slide data: one deck per chapter and one for the course (pure).
import type { Chapter, Course } from '../../model/types.ts';
import { compose } from './compose.ts';
import { blockPoints } from './condense.ts';
import { ChapterSlides, type Draft } from './flow.ts';
import { insightBody } from './section-base.ts';
import { within } from './segments.ts';
import { escapeHtml } from './markdown.ts';
import { LIMITS } from './rules.ts';
import { linkSvgNodes } from '../links/svg-links.ts';
import { chapterMapLinks, MAP_SLIDE_ID, slideId } from '../links/targets.ts';
import { sanitizeSvg } from './svg.ts';
import { chapterSummaryPoints } from './summary.ts';
import type { Deck, Slide } from './types.ts';
import { fill, stringsFor, type UiStrings } from '../strings.ts';
import type { DiagramPartSvg } from './diagram-parts.ts';

export interface DeckInput {
  theme: 'light' | 'dark';
  /** Rendered SVG by diagram name ("maps/<chapter-slug>", "maps/course-map", "diagrams/<chapter-slug>-<n>"). */
  svg: (name: string) => string | null;
  /** The parts an authored diagram is shown in when it is too big for one slide (none: show it whole). */
  parts?: (name: string) => readonly DiagramPartSvg[];
}

export function chapterLang(course: Course): string {
  return course.language;
}

export function finish(drafts: Draft[]): Slide[] {
  const seen = new Set<string>();
  const hasMap = drafts.some((d) => d.kind === 'map');
  return drafts.map((d, i) => {
    const slide: Slide = { ...d, key: `s${i}` };
    if (d.section !== null && !seen.has(d.section)) {
      seen.add(d.section);
      slide.anchor = slideId(d.section);
    }
    // A group slide holds two sections: the second gets an anchor element inside the slide, which
    // reveal.js resolves to the slide that contains it, so its map node still lands here.
    const more = [...(d.columns ?? []).map((c) => c.section), d.opens?.section ?? null].filter(
      (s): s is string => s !== null && !seen.has(s),
    );
    for (const s of more) seen.add(s);
    if (more.length > 0) slide.moreAnchors = more.map(slideId);
    if (d.kind === 'map') slide.anchor = MAP_SLIDE_ID;
    if (d.section !== null && hasMap) slide.mapHref = `#/${MAP_SLIDE_ID}`;
    return slide;
  });
}

export const NONE = { label: null, icon: null, section: null };
export const titled = (id: string | null, title: string) => escapeHtml(`${id ? `${id} ` : ''}${title}`);

/** Title, agenda, the chapter map as overview, the introduction and its analogies. */
export function opening(course: Course, chapter: Chapter, b: ChapterSlides, map: Draft | null, t: UiStrings): Draft[] {
  const at = chapter.position;
  const out: Draft[] = [
    {
      ...NONE,
      kind: 'title',
      title: chapter.title,
      subtitle: fill(t.chapter, { n: chapter.number }),
      ...(course.author ? { author: course.author } : {}),
      notesHtml: `<p class="cm-source">${escapeHtml(b.source(at))}</p>`,
    },
  ];
  if (chapter.sections.length >= LIMITS.agendaMin)
    out.push({
      ...NONE,
      kind: 'agenda',
      title: t.agenda,
      points: chapter.sections.map((s) => ({ html: titled(s.id, s.title), sub: [] })),
    });
  if (map) out.push(map);
  // An introduction with tables, code or diagrams flows like a section; plain prose is condensed.
  const rich = chapter.intro.some((x) => x.type === 'code' || x.type === 'table');
  if (rich) out.push(...b.intro(chapter.intro, chapter.position));
  const intro = rich ? [] : blockPoints(chapter.intro, b.special);
  const first = chapter.intro[0]?.position;
  const introChars = intro.reduce((k, p) => k + p.html.replace(/<[^>]+>/g, '').length + p.sub.length * 1000, 0);
  if (intro.length === 1 && introChars <= LIMITS.intro.chars) {
    // A one-sentence introduction is the title slide's abstract (rule "intro").
    const title = out[0]!;
    title.bodyHtml = intro[0]!.html;
    title.notesHtml = `${title.notesHtml ?? ''}\n${b.notes(chapter.intro, first)}`;
  } else if (intro.length > 0)
    out.push({
      ...NONE,
      kind: 'section',
      title: t.introduction,
      points: intro,
      notesHtml: b.notes(chapter.intro, first),
      source: b.source(first),
    });
  // Definitions and analogies of the introduction get their own slides, as in a section.
  for (const d of chapter.definitions.filter((d) => chapter.intro.some((x) => within(x.position, d.position)))) {
    out.push({
      ...NONE,
      kind: 'definition',
      title: t.introduction,
      term: d.term,
      bodyHtml: escapeHtml(d.text),
      notesHtml: b.notes([], d.position, `<p>${escapeHtml(d.text)}</p>`),
      source: b.source(d.position),
    });
  }
  for (const a of chapter.analogies.filter(
    (a) => a.sectionId !== 'summary' && chapter.intro.some((x) => within(x.position, a.position)),
  )) {
    const body = `<p>${escapeHtml(a.text)}</p>`;
    out.push({
      ...NONE,
      kind: 'analogy',
      title: t.introduction,
      bodyHtml: body,
      notesHtml: b.notes([], a.position, body),
      source: b.source(a.position),
    });
  }
  return out;
}

/** The final insight (when no section holds it), the summary, and the map again for a long deck. */
export function closing(
  chapter: Chapter,
  b: ChapterSlides,
  hasInsight: boolean,
  map: Draft | null,
  count: number,
  t: UiStrings,
): Draft[] {
  const out: Draft[] = [];
  if (chapter.finalInsight && !hasInsight) {
    const fi = chapter.finalInsight;
    out.push({
      ...NONE,
      kind: 'insight',
      title: t.finalInsight,
      ...insightBody(fi.blocks),
      notesHtml: b.notes(fi.blocks, fi.position),
      source: b.source(fi.position),
    });
  }
  // Every sentence and list item of the executive summary (lists were lost when it was read as plain text).
  const own = chapterSummaryPoints(chapter);
  const shown = own.map((p) => p.html.replace(/<[^>]+>/g, '')).join(' ');
  const summary = [
    ...own,
    ...chapter.keyIdeas.filter((k) => !shown.includes(k.text)).map((k) => ({ html: escapeHtml(k.text), sub: [] })),
  ];
  const analogy = chapter.analogies.find((a) => a.sectionId === 'summary');
  if (summary.length > 0) {
    const at = chapter.summaryBlocks[0]?.position ?? chapter.position;
    out.push({
      ...NONE,
      kind: 'summary',
      title: t.summary,
      points: summary,
      ...(analogy ? { bodyHtml: escapeHtml(analogy.text) } : {}),
      notesHtml: b.notes(chapter.summaryBlocks, at),
      source: b.source(at),
    });
  }
  if (map && count + out.length > LIMITS.mapAgainAfter) out.push({ ...map, title: t.conceptMapRecap });
  return out;
}

/** The chapter map slide; its nodes link to their sections' slides through `href` (slide id → URL). */
export function mapDraft(
  chapter: Chapter,
  input: DeckInput,
  t: UiStrings,
  href: (id: string | null) => string,
): Draft | null {
  const svg = chapter.sections.length >= LIMITS.mapMinSections ? input.svg(`maps/${chapter.slug}`) : null;
  return svg
    ? {
        ...NONE,
        kind: 'map',
        title: t.conceptMap,
        svg: sanitizeSvg(linkSvgNodes(svg, chapterMapLinks(chapter, href, t.keyTakeaways))),
      }
    : null;
}

export function chapterDeck(course: Course, chapter: Chapter, input: DeckInput): Deck {
  const t = stringsFor(course.language);
  const builder = new ChapterSlides(chapter, input.svg, input.theme, t, input.parts);
  for (const s of chapter.sections) builder.section(s);
  const map = mapDraft(chapter, input, t, (id) => (id ? `#/${id}` : ''));
  const head = opening(course, chapter, builder, map, t);
  const tail = closing(
    chapter,
    builder,
    builder.out.some((d) => d.kind === 'insight'),
    map,
    head.length + builder.out.length,
    t,
  );
  const drafts = compose([...head, ...builder.out, ...tail], t);
  return {
    slug: chapter.slug,
    title: `${chapter.number}. ${chapter.title}`,
    courseTitle: course.title,
    author: course.author,
    lang: chapterLang(course),
    theme: input.theme,
    t,
    slides: finish(drafts),
  };
}
