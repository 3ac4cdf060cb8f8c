// A section's blocks in reading order → slides: runs of prose become point slides, and every
// table, code block and authored mermaid diagram becomes a slide (or part of one) at the place it
// is written, keeping a lead-in paragraph ("…looks like this:") with what it introduces.
import { basename } from 'node:path';
import type { Block, Chapter, Position, QuizQuestion, Section } from '../../model/types.ts';
import { answersUsed, chapterQuiz } from '../../model/recognisers/quiz.ts';
import { isGenericTitle } from '../../model/recognisers/generic-titles.ts';
import type { UiStrings } from '../strings.ts';
import { blockSlides } from './block-slides.ts';
import { foldOpening, markLead } from './opening.ts';
import { blockPoints, foldedPoint, sentencesHtml } from './condense.ts';
import type { DiagramPartSvg } from './diagram-parts.ts';
import { blocksHtml, escapeHtml } from './markdown.ts';
import { quizSlides } from './quiz.ts';
import { linkList, referencePoint } from './references.ts';
import { LIMITS } from './rules.ts';
import { type Base, insightBody, slideBase } from './section-base.ts';
import { flat, segments, stripTags, within } from './segments.ts';
import type { Point, Slide } from './types.ts';

/**
 * A drafted slide; `opening`: it lists only its section's subsection titles ('titles'), or is a
 * short introduction to them ('lead'): see foldOpening.
 */
export type Draft = Omit<Slide, 'key'> & { opening?: 'titles' | 'lead' };

/** Slides whose heading partial shows a kicker (diagram and big-quote slides title themselves). */
const CONTEXT_KINDS: ReadonlySet<Draft['kind']> = new Set(['section', 'table', 'code', 'definition']);

export class ChapterSlides {
  readonly out: Draft[] = [];
  readonly chapter: Chapter;
  readonly svg: (name: string) => string | null;
  readonly theme: 'light' | 'dark';
  readonly t: UiStrings;
  private readonly quiz: QuizQuestion[];
  readonly parts: (name: string) => readonly DiagramPartSvg[];
  /** Only counting slides (the lecture plan): no speaker notes, no highlighting. */
  readonly counting: boolean;
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
  section(
    s: Section,
    context: string = this.chapter.title,
    parent: string | null = null,
    parentHeading = '',
    contextId: string | null = null,
  ): void {
    const base = slideBase(s, context, parent, contextId);
    const first = this.out.length;
    const deeper = this.sectionSlides(s, base);
    // Which section holds this one: group slides only combine siblings (rule "group").
    for (const d of this.out.slice(first)) d.parent ??= { key: parent, heading: parentHeading };
    // An unnumbered subsection ("Cost") says whose it is: its parent's heading as the kicker (rule "context-kicker").
    if (s.id === null && parent !== null && parentHeading && !base.role)
      for (const d of this.out.slice(first))
        if (d.section === base.section && CONTEXT_KINDS.has(d.kind) && !d.quiz) d.context = parentHeading;
    const generic = isGenericTitle(s.title);
    if (deeper && s.level < 2)
      for (const x of s.sections)
        this.section(
          x,
          generic ? context : s.title,
          base.section,
          `${s.id ? `${s.id} ` : ''}${s.title}`,
          generic ? contextId : s.id,
        );
    foldOpening(this.out, first, base);
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
        points: [referencePoint(base.role?.of ?? base.title, links)],
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
      else blockSlides(this, base, g.block, g.lead);
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
      // A section with only subsections introduces them (not when they are its Rationale, Example…);
      // foldOpening moves its heading onto its first subsection's slide when one follows.
      this.out.push(this.titlesDraft(s, base));
    } else if (!fold && !answered && questions.length === 0 && s.sections.length > 0)
      markLead(
        this.out,
        own.filter((b) => !this.special(b)),
        start,
      );
    this.analogies(base, s, fold, start);
    return true;
  }

  /** The slide listing a section's subsection titles (see foldOpening). */
  private titlesDraft(s: Section, base: Base): Draft {
    return {
      ...base,
      kind: 'section',
      points: s.sections.map((x) => ({ html: escapeHtml(`${x.id ? `${x.id} ` : ''}${x.title}`), sub: [] })),
      notesHtml: this.notes(s.blocks, s.position),
      source: this.source(s.position),
      opening: 'titles',
    };
  }

  /** Chapter introduction with tables, code or diagrams: the same flow under an "Introduction" title. */
  intro(blocks: readonly Block[], at: Position): Draft[] {
    const base: Base = { title: this.t.introduction, label: null, icon: null, section: null };
    const start = this.out.length;
    for (const g of segments(blocks)) {
      if ('run' in g) this.points(base, g.run, [], [], at);
      else blockSlides(this, base, g.block, g.lead);
    }
    return this.out.splice(start);
  }

  /** Tables, code and diagrams of folded subsections, in order. */
  private deepBlocks(base: Base, s: Section): void {
    for (const g of segments(s.blocks)) if (!('run' in g)) blockSlides(this, base, g.block, g.lead);
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
