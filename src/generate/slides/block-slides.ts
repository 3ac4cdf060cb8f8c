// Slides for the blocks that are not prose: a table, a code block (split when long, highlighted),
// an authored mermaid diagram (beside the points before it when it keeps its size there, on its
// own slide, or a slide per part when too big to read whole).
import type { Block, Chapter, Position } from '../../model/types.ts';
import { MIN_SLIDE_TEXT, slideTextPx } from '../diagram-fit.ts';
import { fill, type UiStrings } from '../strings.ts';
import { splitCode } from './code.ts';
import { blockPoints } from './condense.ts';
import { diagramFigure, diagramLayout, partSlides, type DiagramPartSvg } from './diagram-parts.ts';
import type { Draft } from './flow.ts';
import { highlightLines, plainFallback } from './highlight.ts';
import { escapeHtml, inlineHtml } from './markdown.ts';
import { FRAME, LIMITS } from './rules.ts';
import type { Base } from './section-base.ts';
import { pointsHeight, type Special, stripTags, svgSize, within } from './segments.ts';

/** What the block slides need of the chapter's slide flow (ChapterSlides). */
export interface SlideFlow {
  readonly out: Draft[];
  readonly chapter: Chapter;
  readonly svg: (name: string) => string | null;
  readonly theme: 'light' | 'dark';
  readonly t: UiStrings;
  readonly parts: (name: string) => readonly DiagramPartSvg[];
  readonly counting: boolean;
  notes(blocks: readonly Block[], at: Position | undefined, extra?: string): string;
  source(at: Position | undefined): string;
}

export function blockSlides(f: SlideFlow, base: Base, b: Special, lead: Block | null): void {
  const leadHtml = lead?.type === 'paragraph' ? inlineHtml(lead.children) : undefined;
  const source = f.source(lead?.position ?? b.position);
  if (b.type === 'table') {
    const takeaways = f.chapter.takeaways && within(b.position, f.chapter.takeaways.position);
    f.out.push({
      ...base,
      kind: 'table',
      title: takeaways ? f.chapter.takeaways!.title : base.title,
      ...(leadHtml ? { leadHtml } : {}),
      header: b.header.map((h) => inlineHtml(h)),
      rows: b.rows.map((r) => r.map((cell) => inlineHtml(cell))),
      notesHtml: f.notes(lead ? [lead, b] : [b], b.position),
      source,
    });
  } else if (b.lang?.toLowerCase() === 'mermaid') diagramSlides(f, base, b, lead);
  else codeSlides(f, base, b, leadHtml, source);
}

function codeSlides(
  f: SlideFlow,
  base: Base,
  b: Extract<Block, { type: 'code' }>,
  leadHtml: string | undefined,
  source: string,
): void {
  const code = b.value.replace(/\n+$/, '');
  const html = f.counting ? code.split('\n') : highlightLines(code, b.lang, f.theme);
  const chunks = splitCode(code, leadHtml ? 2 : 0);
  // A language shiki has no grammar for is shown plain, and the slide says which one (never silently).
  const fallback = f.counting ? null : plainFallback(b.lang);
  const codeNote = fallback ? fill(f.t.codePlain, { lang: fallback }) : undefined;
  chunks.forEach((ch, i) => {
    f.out.push({
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
      notesHtml: `<p>${escapeHtml(`${fill(f.t.codeLines, { from: ch.start, to: ch.start + ch.lines.length - 1 })}${b.lang ? ` (${b.lang})` : ''}`)}</p>\n<p class="cm-source">${escapeHtml(source)}</p>`,
      source,
    });
  });
}

/** The authored diagram on the previous points slide when it keeps its size there, else on its own slide. */
function diagramSlides(f: SlideFlow, base: Base, b: Extract<Block, { type: 'code' }>, lead: Block | null): void {
  const index = f.chapter.diagrams.findIndex((d) => d.position.start.offset === b.position.start.offset);
  const name = `diagrams/${f.chapter.slug}-${index + 1}`;
  const raw = index >= 0 ? f.svg(name) : null;
  const prev = f.out[f.out.length - 1];
  const leadPoint = lead?.type === 'paragraph' ? blockPoints([lead], () => false) : [];
  if (!raw) {
    // Not rendered (an error was reported): the lead-in stays as a point, the source in the notes.
    if (leadPoint.length)
      f.out.push({
        ...base,
        kind: 'section',
        points: leadPoint,
        notesHtml: f.notes(lead ? [lead, b] : [b], b.position),
        source: f.source(b.position),
      });
    return;
  }
  const size = svgSize(raw) ?? { w: FRAME.contentWidth, h: FRAME.bodyHeight };
  const figure = diagramFigure(raw, name);
  const notesHtml = f.notes(
    lead ? [lead] : [],
    lead?.position ?? b.position,
    `<p>${escapeHtml(`Diagram ${name}.svg`)}</p>`,
  );
  const title = lead
    ? stripTags(inlineHtml(lead.type === 'paragraph' ? lead.children : [])).replace(/\s*:\s*$/, '')
    : base.title;
  const parts = f.parts(name);
  if (parts.length) {
    // Too big to read whole: a slide per part (rule "diagram-fit").
    f.out.push(...partSlides(base, title, parts, notesHtml, f.source(b.position)));
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
      f.out.push({
        ...base,
        kind: 'section',
        points: hostPoints,
        figure,
        notesHtml,
        source: f.source(b.position),
      });
    return;
  }
  const layout = diagramLayout(raw, title, Boolean(lead));
  f.out.push({
    ...base,
    kind: 'diagram',
    title,
    ...(lead ? { leadHtml: escapeHtml(base.title) } : {}),
    ...(layout ? { layout } : {}),
    figure,
    notesHtml,
    source: f.source(b.position),
  });
}
