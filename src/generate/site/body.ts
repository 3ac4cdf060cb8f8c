// The chapter page's reading text (pure): the introduction and every section with all its
// blocks — prose, lists, tables, code, analogies — as sanitised HTML, authored diagrams drawn
// from their rendered SVG. A chapter page is where a student reads the whole chapter; the decks
// condense, the page does not. Sections carry ids (`sec-<id>`) so that search results and map
// nodes can point into the page.
import type { Block, Chapter, Section } from '../../model/types.ts';
import { slideId, sectionKey } from '../links/targets.ts';
import { blocksHtml, escapeHtml } from '../slides/markdown.ts';
import { diagramFigure, type FigureSource } from './figures.ts';

/** The section's anchor on the chapter page (the same id as its slide in the deck). */
export const sectionAnchor = (s: Section): string => slideId(sectionKey(s));

function blocksWithFigures(chapter: Chapter, blocks: readonly Block[], svg: FigureSource): string {
  const out: string[] = [];
  let run: Block[] = [];
  const flush = () => {
    if (run.length) out.push(blocksHtml(run));
    run = [];
  };
  for (const b of blocks) {
    const i =
      b.type === 'code' ? chapter.diagrams.findIndex((d) => d.position.start.offset === b.position.start.offset) : -1;
    const figure = i >= 0 ? diagramFigure(`diagrams/${chapter.slug}-${i + 1}`, svg) : null;
    if (!figure) {
      run.push(b);
      continue;
    }
    flush();
    out.push(figure);
  }
  flush();
  return out.join('\n');
}

function sectionHtml(chapter: Chapter, s: Section, svg: FigureSource): string {
  const depth = Math.min(6, s.level + 2);
  const title = `${s.icon ? `${s.icon} ` : ''}${s.id ? `${s.id} ` : ''}${s.title}`;
  return [
    `<section class="text-section" id="${escapeHtml(sectionAnchor(s))}">`,
    `<h${depth}>${escapeHtml(title)}</h${depth}>`,
    blocksWithFigures(chapter, s.blocks, svg),
    ...s.sections.map((x) => sectionHtml(chapter, x, svg)),
    '</section>',
  ].join('\n');
}

/** The whole chapter as HTML: introduction, then each section in order, diagrams as ./figures.ts draws them. */
export function chapterBodyHtml(chapter: Chapter, svg: FigureSource): string {
  return [blocksWithFigures(chapter, chapter.intro, svg), ...chapter.sections.map((s) => sectionHtml(chapter, s, svg))]
    .filter(Boolean)
    .join('\n');
}

/** The executive summary as HTML, lists and analogy included (null when the course has none). */
export function summaryBodyHtml(chapter: Chapter): string | null {
  return chapter.summaryBlocks.length > 0 ? blocksHtml(chapter.summaryBlocks) : null;
}
