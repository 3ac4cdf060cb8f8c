// Model → slide data: one deck per chapter and one for the course (pure).
import type { Block, Chapter, Course, Position, Section } from '../../model/types.ts';
import { blockPoints, foldedPoint } from './condense.ts';
import { blocksHtml, escapeHtml, inlineHtml } from './markdown.ts';
import { linkSvgNodes } from '../links/svg-links.ts';
import { chapterMapLinks, courseMapLinks, MAP_SLIDE_ID, slideId } from '../links/targets.ts';
import { courseRoot, sourceRef, sourceText } from '../source.ts';
import { sanitizeSvg } from './svg.ts';
import type { Deck, Point, Slide } from './types.ts';

export interface DeckInput {
  theme: 'light' | 'dark';
  /** Rendered SVG by diagram name ("maps/<chapter-slug>", "maps/course-map"). */
  svg: (name: string) => string | null;
}

type Draft = Omit<Slide, 'key'>;

const within = (p: Position, at: Position) => at.start.offset >= p.start.offset && at.start.offset <= p.end.offset;
const label = (s: Section) => s.id;

function chapterLang(course: Course): string {
  return course.meta['lang'] ?? course.meta['language'] ?? 'en';
}

/** Sentences of a plain-text summary as points. */
function sentencePoints(text: string): Point[] {
  return text.split(/(?<=[.!?])\s+(?=[A-Z0-9"“(])/u).map((s) => s.trim()).filter(Boolean).map((s) => ({ html: escapeHtml(s), sub: [] }));
}

/** A final insight: its first block in the callout, the rest as condensed points. */
function insightBody(blocks: readonly Block[]): Pick<Slide, 'bodyHtml' | 'points'> {
  const first = blocks.findIndex((b) => b.type === 'paragraph' || b.type === 'quote');
  if (first < 0) return { bodyHtml: '', points: blockPoints(blocks, () => false) };
  return { bodyHtml: blocksHtml([blocks[first]!]), points: blockPoints(blocks.slice(first + 1), () => false) };
}

class ChapterSlides {
  readonly out: Draft[] = [];
  private readonly chapter: Chapter;
  private readonly root: string;
  constructor(chapter: Chapter, root = '') {
    this.chapter = chapter;
    this.root = root;
  }

  readonly special = (b: Block): boolean =>
    b.type === 'table' || b.type === 'code' || this.chapter.analogies.some((a) => within(b.position, a.position)) || this.chapter.definitions.some((d) => within(b.position, d.position));

  /** A section at slide level (1 or 2): definition, points, analogies, tables, code; then its slide-level children. */
  section(s: Section): void {
    const c = this.chapter;
    const base = { title: s.title, label: label(s), icon: s.icon, section: s.id ?? s.slug };
    if (c.finalInsight && c.finalInsight.sectionId !== null && c.finalInsight.sectionId === s.id) {
      this.out.push({ ...base, kind: 'insight', ...insightBody(c.finalInsight.blocks.length ? c.finalInsight.blocks : s.blocks), notesHtml: blocksHtml(s.blocks) });
      return;
    }
    for (const d of c.definitions.filter((d) => s.blocks.some((b) => within(b.position, d.position)))) {
      this.out.push({ ...base, kind: 'definition', term: d.term, bodyHtml: escapeHtml(d.text) });
    }
    const fold = s.level >= 2;
    const own = blockPoints(s.blocks, this.special);
    const children = fold ? s.sections.map((x) => foldedPoint(x, this.special)) : [];
    let points = [...own, ...children];
    const extras = this.extras(s, base);
    if (points.length === 0 && !fold && s.sections.length > 0) points = s.sections.map((x) => ({ html: escapeHtml(`${x.id ? `${x.id} ` : ''}${x.title}`), sub: [] }));
    if (points.length > 0 || extras.length === 0) this.out.push({ ...base, kind: 'section', points, notesHtml: this.notes(s, fold) });
    this.out.push(...extras);
    if (!fold) for (const x of s.sections) this.section(x);
  }

  private extras(s: Section, base: Pick<Slide, 'title' | 'label' | 'icon' | 'section'>): Draft[] {
    const out: Draft[] = [];
    const all = (sec: Section, deep: boolean): Block[] => [...sec.blocks, ...(deep ? sec.sections.flatMap((x) => all(x, true)) : [])];
    const blocks = all(s, s.level >= 2);
    for (const a of this.chapter.analogies.filter((a) => blocks.some((b) => within(b.position, a.position)))) {
      out.push({ ...base, kind: 'analogy', bodyHtml: `<p>${escapeHtml(a.text)}</p>` });
    }
    for (const b of blocks) {
      if (b.type === 'table') {
        const takeaways = this.chapter.takeaways && within(b.position, this.chapter.takeaways.position);
        out.push({ ...base, kind: 'table', title: takeaways ? this.chapter.takeaways!.title : s.title, header: b.header.map((h) => inlineHtml(h)), rows: b.rows.map((r) => r.map((cell) => inlineHtml(cell))) });
      } else if (b.type === 'code' && b.lang !== 'mermaid') {
        out.push({ ...base, kind: 'code', code: b.value.replace(/\n+$/, ''), lang: b.lang });
      }
    }
    return out;
  }

  private notes(s: Section, deep: boolean): string {
    const parts = [`<p class="cm-source">${escapeHtml(sourceText(sourceRef(this.root, this.chapter.file, s.position)))}</p>`, blocksHtml(s.blocks)];
    if (deep) for (const x of s.sections) parts.push(`<h4>${escapeHtml(x.title)}</h4>`, this.notes(x, true));
    return parts.join('\n');
  }
}

/** Keys; a stable id on the first slide of each section and on the map slide; section slides link back to the map. */
function finish(drafts: Draft[]): Slide[] {
  const seen = new Set<string>();
  const hasMap = drafts.some((d) => d.kind === 'map');
  return drafts.map((d, i) => {
    const slide: Slide = { ...d, key: `s${i}` };
    if (d.section !== null && !seen.has(d.section)) {
      seen.add(d.section);
      slide.anchor = slideId(d.section);
    }
    if (d.kind === 'map') slide.anchor = MAP_SLIDE_ID;
    if (d.section !== null && hasMap) slide.mapHref = `#/${MAP_SLIDE_ID}`;
    return slide;
  });
}

const NONE = { label: null, icon: null, section: null };
const titled = (id: string | null, title: string) => escapeHtml(`${id ? `${id} ` : ''}${title}`);

/** Title, agenda, the introduction and its analogies. */
function opening(course: Course, chapter: Chapter, special: (b: Block) => boolean): Draft[] {
  const out: Draft[] = [
    { ...NONE, kind: 'title', title: chapter.title, subtitle: `Chapter ${chapter.number}`, ...(course.author ? { author: course.author } : {}) },
    { ...NONE, kind: 'agenda', title: 'Agenda', points: chapter.sections.map((s) => ({ html: titled(s.id, s.title), sub: [] })) },
  ];
  const intro = blockPoints(chapter.intro, special);
  if (intro.length > 0) out.push({ ...NONE, kind: 'section', title: 'Introduction', points: intro, notesHtml: blocksHtml(chapter.intro) });
  for (const a of chapter.analogies.filter((a) => a.sectionId !== 'summary' && chapter.intro.some((b) => within(b.position, a.position)))) {
    out.push({ ...NONE, kind: 'analogy', title: 'Introduction', bodyHtml: `<p>${escapeHtml(a.text)}</p>` });
  }
  return out;
}

/** The concept map, the final insight (when no section holds it) and the summary. */
function closing(chapter: Chapter, input: DeckInput, hasInsight: boolean): Draft[] {
  const out: Draft[] = [];
  const svg = input.svg(`maps/${chapter.slug}`);
  // Its nodes go to their sections' slides in this deck.
  if (svg) out.push({ ...NONE, kind: 'map', title: 'Concept map', svg: sanitizeSvg(linkSvgNodes(svg, chapterMapLinks(chapter, (id) => (id ? `#/${id}` : '')))) });
  if (chapter.finalInsight && !hasInsight) out.push({ ...NONE, kind: 'insight', title: 'Final insight', ...insightBody(chapter.finalInsight.blocks) });
  const summary = [...(chapter.summary ? sentencePoints(chapter.summary) : []), ...chapter.keyIdeas.map((k) => ({ html: escapeHtml(k.text), sub: [] }))];
  const analogy = chapter.analogies.find((a) => a.sectionId === 'summary');
  if (summary.length > 0) out.push({ ...NONE, kind: 'summary', title: 'Summary', points: summary, ...(analogy ? { bodyHtml: escapeHtml(analogy.text) } : {}) });
  return out;
}

export function chapterDeck(course: Course, chapter: Chapter, input: DeckInput): Deck {
  const builder = new ChapterSlides(chapter, courseRoot(course));
  for (const s of chapter.sections) builder.section(s);
  const drafts = [...opening(course, chapter, builder.special), ...builder.out, ...closing(chapter, input, builder.out.some((d) => d.kind === 'insight'))];
  return { slug: chapter.slug, title: `${chapter.number}. ${chapter.title}`, courseTitle: course.title, author: course.author, lang: chapterLang(course), theme: input.theme, slides: finish(drafts) };
}

function chapterSummary(chapter: Chapter): Point[] {
  if (chapter.summary) return sentencePoints(chapter.summary);
  const intro = blockPoints(chapter.intro, () => false);
  return intro.length ? intro : chapter.sections.map((s) => ({ html: escapeHtml(s.title), sub: [] }));
}

export function courseDeck(course: Course, input: DeckInput): Deck {
  const drafts: Draft[] = [{ ...NONE, kind: 'title', title: course.title, subtitle: `${course.chapters.length} chapters`, ...(course.author ? { author: course.author } : {}) }];
  const summary = (c: Chapter): Draft => ({ ...NONE, kind: 'summary', title: c.title, label: `Chapter ${c.number}`, points: chapterSummary(c) });
  if (course.parts.length) drafts.push({ ...NONE, kind: 'agenda', title: 'Parts', points: course.parts.map((p) => ({ html: escapeHtml(`Part ${p.number}: ${p.title}`), sub: [] })) });
  const seen = new Set<number>();
  for (const p of course.parts) {
    const chapters = course.chapters.filter((c) => p.chapters.includes(c.number));
    drafts.push({ ...NONE, kind: 'section', title: p.title, label: `Part ${p.number}`, points: chapters.map((c) => ({ html: titled(`${c.number}.`, c.title), sub: [] })) });
    for (const c of chapters) seen.add(c.number);
    drafts.push(...chapters.map(summary));
  }
  drafts.push(...course.chapters.filter((c) => !seen.has(c.number)).map(summary));
  const svg = input.svg('maps/course-map');
  if (svg) drafts.push({ ...NONE, kind: 'map', title: 'Course map', svg: sanitizeSvg(linkSvgNodes(svg, courseMapLinks(course, (c) => `${c.slug}.html`))) });
  return { slug: 'course', title: course.title, courseTitle: course.title, author: course.author, lang: chapterLang(course), theme: input.theme, slides: finish(drafts) };
}
