// A section's blocks in reading order → slides: runs of prose become point slides, and every
// table, code block and authored mermaid diagram becomes a slide (or part of one) at the place it
// is written, keeping a lead-in paragraph ("…looks like this:") with what it introduces.
import { basename } from 'node:path';
import type { Block, Chapter, Position, QuizQuestion, Section } from '../../model/types.ts';
import { answersUsed, chapterQuiz } from '../../model/recognisers/quiz.ts';
import { quizSlides } from './quiz.ts';
import { splitCode } from './code.ts';
import { blockPoints, foldedPoint, sentencesHtml } from './condense.ts';
import { highlightLines, plainFallback } from './highlight.ts';
import { blocksHtml, escapeHtml, inlineHtml } from './markdown.ts';
import { FRAME, LIMITS } from './rules.ts';
import { diagramFigure, partSlides, type DiagramPartSvg } from './diagram-parts.ts';
import { MIN_SLIDE_TEXT, slideTextPx } from '../diagram-fit.ts';
import type { Point, Slide } from './types.ts';
import { fill, type UiStrings } from '../strings.ts';
import { isGenericTitle } from '../../model/recognisers/generic-titles.ts';
import { linkList, referencePoint } from './references.ts';

export type Draft = Omit<Slide, 'key'>;
type Base = Pick<Slide, 'title' | 'label' | 'icon' | 'section'>;
type Special = Extract<Block, { type: 'table' | 'code' }>;
type Segment = { run: Block[] } | { block: Special; lead: Block | null };

export const within = (p: Position, at: Position) =>
  at.start.offset >= p.start.offset && at.start.offset <= p.end.offset;
const plainText = (b: Block): string => (b.type === 'paragraph' ? inlineHtml(b.children).replace(/<[^>]+>/g, '') : '');
const isLead = (b: Block | undefined): b is Block => b?.type === 'paragraph' && /:\s*$/.test(plainText(b));
const stripTags = (html: string) => html.replace(/<[^>]+>/g, '');

/** Splits blocks at every table and code block; a trailing lead-in paragraph goes with the block. */
function segments(blocks: readonly Block[]): Segment[] {
  const out: Segment[] = [];
  let run: Block[] = [];
  for (const b of blocks) {
    if (b.type !== 'table' && b.type !== 'code') {
      run.push(b);
      continue;
    }
    const lead = isLead(run[run.length - 1]) ? run.pop()! : null;
    if (run.length) out.push({ run });
    out.push({ block: b, lead });
    run = [];
  }
  if (run.length) out.push({ run });
  return out;
}

/** Width and height of an SVG from its viewBox. */
export function svgSize(svg: string): { w: number; h: number } | null {
  const m = /viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"/.exec(svg);
  return m ? { w: Number(m[1]), h: Number(m[2]) } : null;
}

/** Estimated height (px) of a list of points at body size. */
function pointsHeight(points: readonly Point[]): number {
  const lines = (html: string, cols: number) => Math.max(1, Math.ceil(stripTags(html).length / cols));
  return points.reduce(
    (h, p) => h + lines(p.html, 58) * FRAME.linePx + 15 + p.sub.reduce((k, s) => k + lines(s, 64) * 39, 0),
    0,
  );
}

export class ChapterSlides {
  readonly out: Draft[] = [];
  private readonly chapter: Chapter;
  private readonly svg: (name: string) => string | null;
  private readonly theme: 'light' | 'dark';
  private readonly t: UiStrings;
  private readonly quiz: QuizQuestion[];
  private readonly parts: (name: string) => readonly DiagramPartSvg[];
  /** Only counting slides (the lecture plan): no speaker notes, no highlighting. */
  private readonly counting: boolean;
  constructor(
    chapter: Chapter,
    svg: (name: string) => string | null,
    theme: 'light' | 'dark',
    t: UiStrings,
    parts: (name: string) => readonly DiagramPartSvg[] = () => [],
    counting = false,
  ) {
    this.chapter = chapter;
    this.parts = parts;
    this.counting = counting;
    this.quiz = chapterQuiz(chapter);
    this.t = t;
    this.svg = svg;
    this.theme = theme;
  }

  readonly special = (b: Block): boolean =>
    b.type === 'table' ||
    b.type === 'code' ||
    this.chapter.analogies.some((a) => within(b.position, a.position)) ||
    this.chapter.definitions.some((d) => within(b.position, d.position));

  source(at: Position | undefined): string {
    return `${basename(this.chapter.file || 'course.md')}:${at?.start.line ?? this.chapter.position.start.line}`;
  }

  notes(blocks: readonly Block[], at: Position | undefined, extra = ''): string {
    if (this.counting) return '';
    return `${blocksHtml(blocks)}${extra}\n<p class="cm-source">${escapeHtml(this.source(at))}</p>`;
  }

  /** A section at slide level (1 or 2): definitions, its flow of points and blocks, analogies; then its slide-level children. */
  section(s: Section, context: string = this.chapter.title, parent: string | null = null, parentHeading = ''): void {
    const base = slideBase(s, context, parent);
    const first = this.out.length;
    const deeper = this.sectionSlides(s, base);
    // Which section holds this one: group slides only combine siblings (rule "group").
    for (const d of this.out.slice(first)) d.parent ??= { key: parent, heading: parentHeading };
    if (deeper && s.level < 2)
      for (const x of s.sections)
        this.section(
          x,
          isGenericTitle(s.title) ? context : s.title,
          base.section,
          `${s.id ? `${s.id} ` : ''}${s.title}`,
        );
  }

  /** The section's own slides; false when its subsections have no slides of their own (a final insight). */
  private sectionSlides(s: Section, base: Base): boolean {
    const c = this.chapter;
    const source = this.source(s.position);
    if (c.finalInsight && c.finalInsight.sectionId !== null && c.finalInsight.sectionId === s.id) {
      this.out.push({
        ...base,
        kind: 'insight',
        ...insightBody(c.finalInsight.blocks.length ? c.finalInsight.blocks : s.blocks),
        notesHtml: this.notes(s.blocks, s.position),
        source,
      });
      return false;
    }
    const links = s.sections.length === 0 ? linkList(s.blocks) : null;
    if (links) {
      // A list of links only: a line on the lecture's references slide (rule "references").
      this.out.push({
        ...base,
        kind: 'section',
        references: true,
        points: [referencePoint(base.title, links)],
        notesHtml: this.notes(s.blocks, s.position),
        source,
      });
      return true;
    }
    // Quiz questions get question and answer slides; an answers section all used by them, none.
    const questions = this.quiz.filter((q) => s.blocks.some((b) => within(q.position, b.position)));
    const answered = answersUsed(s, this.quiz);
    const own = answered ? [] : s.blocks.filter((b) => !questions.some((q) => within(q.position, b.position)));
    for (const d of c.definitions.filter((d) => s.blocks.some((b) => within(b.position, d.position)))) {
      this.out.push({
        ...base,
        kind: 'definition',
        term: d.term,
        bodyHtml: escapeHtml(d.text),
        notesHtml: this.notes([], d.position, `<p>${escapeHtml(d.text)}</p>`),
        source: this.source(d.position),
      });
    }
    const fold = s.level >= 2;
    const start = this.out.length;
    const segs = segments(own);
    const children = fold ? s.sections.map((x) => foldedPoint(x, this.special)) : [];
    const last = segs[segs.length - 1];
    if (children.length && !(last && 'run' in last)) segs.push({ run: [] });
    const alone = segs.length === 1 && children.length === 0 && questions.length === 0;
    segs.forEach((g, i) => {
      if ('run' in g)
        this.points(
          base,
          g.run,
          i === segs.length - 1 ? children : [],
          i === segs.length - 1 && fold ? s.sections : [],
          s.position,
          alone,
        );
      else this.block(base, g.block, g.lead);
    });
    if (fold) for (const x of s.sections) this.deepBlocks(base, x);
    for (const q of questions) this.out.push(...quizSlides(q, base, this.t, this.source(q.position)));
    if (
      !fold &&
      !answered &&
      s.sections.length > 0 &&
      this.out.length === start &&
      !s.sections.every((x) => isGenericTitle(x.title))
    ) {
      // A section with only subsections introduces them (not when they are its Rationale, Example…).
      this.out.push({
        ...base,
        kind: 'section',
        points: s.sections.map((x) => ({ html: escapeHtml(`${x.id ? `${x.id} ` : ''}${x.title}`), sub: [] })),
        notesHtml: this.notes(s.blocks, s.position),
        source,
      });
    }
    this.analogies(base, s, fold, start);
    return true;
  }

  /** Chapter introduction with tables, code or diagrams: the same flow under an "Introduction" title. */
  intro(blocks: readonly Block[], at: Position): Draft[] {
    const base: Base = { title: this.t.introduction, label: null, icon: null, section: null };
    const start = this.out.length;
    for (const g of segments(blocks)) {
      if ('run' in g) this.points(base, g.run, [], [], at);
      else this.block(base, g.block, g.lead);
    }
    return this.out.splice(start);
  }

  /** Tables, code and diagrams of folded subsections, in order. */
  private deepBlocks(base: Base, s: Section): void {
    for (const g of segments(s.blocks)) if (!('run' in g)) this.block(base, g.block, g.lead);
    for (const x of s.sections) this.deepBlocks(base, x);
  }

  private points(
    base: Base,
    run: Block[],
    children: Point[],
    folded: readonly Section[],
    at: Position,
    alone = false,
  ): void {
    // A quote of one paragraph that is not an analogy or definition (a rule's "> rationale") reads as its paragraph.
    // Analogies and definitions get their own place (aside, callout): the prose is what is left.
    const prose = run.filter((b) => !this.special(b));
    const only =
      prose.length === 1 && prose[0]!.type === 'quote' && prose[0]!.children.length === 1
        ? prose[0]!.children[0]
        : prose.length === 1
          ? prose[0]
          : undefined;
    const lone = only?.type === 'paragraph' && children.length === 0 ? only : null;
    // A section that is a single paragraph keeps up to three sentences (rule "lone-paragraph").
    // A paragraph that is the whole section fills its slide (rule "fill") rather than leave one line on it.
    const limit = alone ? LIMITS.fill : LIMITS.lone;
    const points =
      lone?.type === 'paragraph'
        ? [{ html: sentencesHtml(lone.children, limit.sentences, limit.words), sub: [] }]
        : [...blockPoints(run, this.special), ...children];
    if (points.length === 0 || !points[0]!.html.trim()) return;
    const extra = folded.map((x) => `<h4>${escapeHtml(x.title)}</h4>${blocksHtml(flat(x))}`).join('\n');
    const prev = this.out[this.out.length - 1];
    const chars = points.reduce(
      (k, p) => k + stripTags(p.html).length + p.sub.reduce((n, x) => n + stripTags(x).length, 0),
      0,
    );
    const under =
      prev?.kind === 'table' || (prev?.kind === 'code' && (prev.codeLines?.length ?? 0) <= LIMITS.tail.codeLines);
    if (
      prev &&
      under &&
      prev.section === base.section &&
      !prev.tailPoints &&
      points.length <= LIMITS.tail.points &&
      chars <= LIMITS.tail.chars
    ) {
      // A short remark after a table or code stays under it rather than on a slide of its own (rule "tail").
      prev.tailPoints = points;
      prev.notesHtml = `${prev.notesHtml ?? ''}\n${this.notes(run, run[0]?.position ?? at, extra)}`;
      return;
    }
    this.out.push({
      ...base,
      kind: 'section',
      points,
      notesHtml: this.notes(run, run[0]?.position ?? at, extra),
      source: this.source(run[0]?.position ?? at),
    });
  }

  private block(base: Base, b: Special, lead: Block | null): void {
    const leadHtml = lead?.type === 'paragraph' ? inlineHtml(lead.children) : undefined;
    const source = this.source(lead?.position ?? b.position);
    if (b.type === 'table') {
      const takeaways = this.chapter.takeaways && within(b.position, this.chapter.takeaways.position);
      this.out.push({
        ...base,
        kind: 'table',
        title: takeaways ? this.chapter.takeaways!.title : base.title,
        ...(leadHtml ? { leadHtml } : {}),
        header: b.header.map((h) => inlineHtml(h)),
        rows: b.rows.map((r) => r.map((cell) => inlineHtml(cell))),
        notesHtml: this.notes(lead ? [lead, b] : [b], b.position),
        source,
      });
    } else if (b.lang?.toLowerCase() === 'mermaid') this.diagram(base, b, lead);
    else this.code(base, b, leadHtml, source);
  }

  private code(base: Base, b: Extract<Block, { type: 'code' }>, leadHtml: string | undefined, source: string): void {
    const code = b.value.replace(/\n+$/, '');
    const html = this.counting ? code.split('\n') : highlightLines(code, b.lang, this.theme);
    const chunks = splitCode(code, leadHtml ? 2 : 0);
    // A language shiki has no grammar for is shown plain, and the slide says which one (never silently).
    const fallback = this.counting ? null : plainFallback(b.lang);
    const codeNote = fallback ? fill(this.t.codePlain, { lang: fallback }) : undefined;
    chunks.forEach((ch, i) => {
      this.out.push({
        ...base,
        kind: 'code',
        code: ch.lines.join('\n'),
        lang: b.lang,
        codeLines: html.slice(ch.start - 1, ch.start - 1 + ch.lines.length),
        startLine: ch.start,
        lineBase: ch.start - 1,
        ...(i === 0 && leadHtml ? { leadHtml } : {}),
        ...(codeNote ? { codeNote } : {}),
        ...(chunks.length > 1 ? { part: { n: i + 1, of: chunks.length, ...(i > 0 ? { continued: true } : {}) } } : {}),
        notesHtml: `<p>${escapeHtml(`${fill(this.t.codeLines, { from: ch.start, to: ch.start + ch.lines.length - 1 })}${b.lang ? ` (${b.lang})` : ''}`)}</p>\n<p class="cm-source">${escapeHtml(source)}</p>`,
        source,
      });
    });
  }

  /** The authored diagram on the previous points slide when it keeps its size there, else on its own slide. */
  private diagram(base: Base, b: Extract<Block, { type: 'code' }>, lead: Block | null): void {
    const index = this.chapter.diagrams.findIndex((d) => d.position.start.offset === b.position.start.offset);
    const name = `diagrams/${this.chapter.slug}-${index + 1}`;
    const raw = index >= 0 ? this.svg(name) : null;
    const prev = this.out[this.out.length - 1];
    const leadPoint = lead?.type === 'paragraph' ? blockPoints([lead], () => false) : [];
    if (!raw) {
      // Not rendered (an error was reported): the lead-in stays as a point, the source in the notes.
      if (leadPoint.length)
        this.out.push({
          ...base,
          kind: 'section',
          points: leadPoint,
          notesHtml: this.notes(lead ? [lead, b] : [b], b.position),
          source: this.source(b.position),
        });
      return;
    }
    const size = svgSize(raw) ?? { w: FRAME.contentWidth, h: FRAME.bodyHeight };
    const figure = diagramFigure(raw, name);
    const notesHtml = this.notes(
      lead ? [lead] : [],
      lead?.position ?? b.position,
      `<p>${escapeHtml(`Diagram ${name}.svg`)}</p>`,
    );
    const title = lead
      ? stripTags(inlineHtml(lead.type === 'paragraph' ? lead.children : [])).replace(/\s*:\s*$/, '')
      : base.title;
    const parts = this.parts(name);
    if (parts.length) {
      // Too big to read whole: a slide per part (rule "diagram-fit").
      this.out.push(...partSlides(base, title, parts, notesHtml, this.source(b.position)));
      return;
    }
    const scale = (free: number) => Math.min(FRAME.contentWidth / size.w, Math.max(0, free) / size.h);
    const own = scale(FRAME.bodyHeight - (lead ? 40 : 0));
    const host =
      prev && prev.kind === 'section' && prev.section === base.section && !prev.figure && !prev.asideHtml ? prev : null;
    const hostPoints = host ? [...(host.points ?? []), ...leadPoint] : leadPoint;
    const shared = scale(FRAME.bodyHeight - 24 - pointsHeight(hostPoints));
    // A diagram whose text would be small even alone never shares its slide (rule "diagram-fit").
    const readable = slideTextPx(raw) >= MIN_SLIDE_TEXT;
    if (readable && hostPoints.length > 0 && (shared >= own * LIMITS.diagramKeep || shared >= LIMITS.diagramMinScale)) {
      if (host) Object.assign(host, { points: hostPoints, figure, notesHtml: `${host.notesHtml ?? ''}\n${notesHtml}` });
      else
        this.out.push({
          ...base,
          kind: 'section',
          points: hostPoints,
          figure,
          notesHtml,
          source: this.source(b.position),
        });
      return;
    }
    this.out.push({
      ...base,
      kind: 'diagram',
      title,
      ...(lead ? { leadHtml: escapeHtml(base.title) } : {}),
      figure,
      notesHtml,
      source: this.source(b.position),
    });
  }

  /** Analogies of the section: beside its first point slide when both are short, else a big quote slide. */
  private analogies(base: Base, s: Section, deep: boolean, start: number): void {
    const blocks = deep ? flat(s) : s.blocks;
    const host = this.out.slice(start).find((d) => d.kind === 'section' && d.section === base.section && !d.figure);
    for (const a of this.chapter.analogies.filter((a) => blocks.some((b) => within(b.position, a.position)))) {
      const words = a.text.split(/\s+/).length;
      const chars = (host?.points ?? []).reduce(
        (k, p) => k + stripTags(p.html).length + p.sub.reduce((n, x) => n + stripTags(x).length, 0),
        0,
      );
      const body = `<p>${escapeHtml(a.text)}</p>`;
      if (
        host &&
        !host.asideHtml &&
        words <= LIMITS.aside.words &&
        (host.points?.length ?? 0) <= LIMITS.aside.points &&
        chars <= LIMITS.aside.chars
      ) {
        host.asideHtml = body;
        host.notesHtml = `${host.notesHtml ?? ''}\n<p><strong>${escapeHtml(this.t.analogy)}:</strong> ${escapeHtml(a.text)}</p>`;
      } else
        this.out.push({
          ...base,
          kind: 'analogy',
          bodyHtml: body,
          notesHtml: this.notes([], a.position, body),
          source: this.source(a.position),
        });
    }
  }
}

/**
 * A slide's heading for a section. A title that only names a role ("Rationale", "Example",
 * "Pregunta 3") says nothing on its own: the slide takes the title of the nearest section above
 * that names a topic (`context`), and the role word becomes its label, so a rule's Rationale and
 * Example slides read as that rule's, and are that rule's slides (`parent`: its section key).
 */
export function slideBase(s: Section, context: string, parent: string | null = null): Base {
  const own = s.id ?? s.slug;
  if (!isGenericTitle(s.title) || !context.trim()) return { title: s.title, label: s.id, icon: s.icon, section: own };
  // An unnumbered role section's slides are its parent's (their anchor and map links land there).
  return {
    title: context,
    label: s.id ? `${s.id} ${s.title}` : s.title,
    icon: s.icon,
    section: s.id === null && parent !== null ? parent : own,
  };
}

const flat = (s: Section): Block[] => [...s.blocks, ...s.sections.flatMap(flat)];

/** A final insight: its first block in the callout, the rest as condensed points. */
export function insightBody(blocks: readonly Block[]): Pick<Slide, 'bodyHtml' | 'points'> {
  const first = blocks.findIndex((b) => b.type === 'paragraph' || b.type === 'quote');
  if (first < 0) return { bodyHtml: '', points: blockPoints(blocks, () => false) };
  return { bodyHtml: blocksHtml([blocks[first]!]), points: blockPoints(blocks.slice(first + 1), () => false) };
}
