// Material outside the chapters as extras: the preface before them (outlines, summaries and part
// headings recorded as drops, the rest kept) and the runs of nodes no chapter owns.
import type { RootContent } from 'mdast';
import { flattenTitle } from './chapter-fallbacks.ts';
import type { Drop } from './coverage.ts';
import type { Diagnostics } from './messages.ts';
import { matchChapterHeading, matchPartHeading } from './recognisers/markers.ts';
import type { Scan } from './scan.ts';
import { buildSections } from './sections.ts';
import { slugify, uniqueSlug } from './text.ts';
import type { Block, Extra, Section } from './types.ts';

export function toExtras(
  nodes: readonly RootContent[],
  scan: Scan,
  file: string,
  diag: Diagnostics,
  slugs: Set<string>,
): Extra[] {
  const kept = nodes.filter(
    (n) => !(n.type === 'heading' && scan.partHeadings.has(scan.nodes.indexOf(n))) && !isFillerNode(n, scan),
  );
  const tree = buildSections(kept, null, silent(diag));
  // Text under a part heading (a module's introduction) is titled after the part.
  const part = nodes.find((n) => n.type === 'heading' && scan.partHeadings.has(scan.nodes.indexOf(n)));
  const intro = untitled(tree.intro, part?.type === 'heading' ? flattenTitle(part) || 'Notes' : 'Notes', file, slugs);
  return [
    ...(intro ? [intro] : []),
    ...tree.sections.map((s) => ({
      title: s.title,
      slug: uniqueSlug(slugify(s.title, 'extra'), slugs),
      icon: s.icon,
      blocks: s.blocks,
      sections: s.sections,
      file,
      position: s.position,
    })),
  ];
}

function isFillerNode(n: RootContent, scan: Scan): boolean {
  const i = scan.nodes.indexOf(n);
  return i >= 0 && scan.filler.has(i);
}

const OUTLINE_TITLE = /outline|contents|syllabus|roadmap|overview|índice|temario|sommaire|inhalt|目录|大纲/iu;
const SUMMARY_TITLE = /summary|resumen|résumé|zusammenfassung|resumo|riassunto|摘要|总结/iu;

/** Headed material before the chapters that is not an outline, summary, part or chapter (those are recorded in drops). */
export function prefaceOf(
  preamble: readonly RootContent[],
  scan: Scan,
  file: string,
  diag: Diagnostics,
  slugs: Set<string>,
  drops: Drop[],
): Extra[] {
  const tree = buildSections(preamble, null, silent(diag));
  const out: Extra[] = [];
  const partLines = new Set([...scan.partHeadings].map((i) => scan.nodes[i]?.position?.start.line));
  const record = (s: Section, use: Drop['use']) => {
    for (const p of [s.position, ...s.blocks.map((b) => b.position)])
      drops.push({ start: p.start.line, end: p.end.line, use, rule: use });
  };
  const kindOf = (s: Section) =>
    OUTLINE_TITLE.test(s.title)
      ? 'outline'
      : SUMMARY_TITLE.test(s.title)
        ? 'summary'
        : partLines.has(s.position.start.line) || matchPartHeading(s.title)
          ? 'structure'
          : matchChapterHeading(s.title)
            ? 'summary'
            : null;
  const extra = (s: Section, sections: Section[]): Extra => ({
    title: s.title,
    slug: uniqueSlug(slugify(s.title, 'preface'), slugs),
    icon: s.icon,
    blocks: s.blocks,
    sections,
    file,
    position: s.position,
  });
  /** Records outline/summary/part sections; returns the kept ones. Under a kept title only a list headed "Contents" is an outline. */
  const visit = (list: readonly Section[], within: Drop['use'] | null, nested = false): Section[] =>
    list.flatMap((s) => {
      const found = kindOf(s);
      const kind =
        nested &&
        found !== 'structure' &&
        !(found === 'outline' && s.blocks.length > 0 && s.blocks.every((b) => b.type === 'list'))
          ? null
          : found;
      if (kind === 'structure' && !within) {
        // A part heading: its line is structure; an introduction under it is kept.
        drops.push({ start: s.position.start.line, end: s.position.start.line, use: 'structure', rule: 'structure' });
        const sections = visit(s.sections, null, true);
        if (s.blocks.length > 0 || sections.length > 0) out.push(extra(s, sections));
        return [];
      }
      if (kind) {
        record(s, within ?? kind);
        // What an outline or summary holds under a title of its own ("Overall message") is kept.
        for (const kept of visit(s.sections, within ?? (kind === 'structure' ? null : kind)))
          out.push(extra(kept, kept.sections));
        return [];
      }
      const sections = visit(s.sections, null, true);
      if (s.blocks.length > 0 || sections.length > 0) return [{ ...s, sections }];
      drops.push({ start: s.position.start.line, end: s.position.end.line, use: 'structure', rule: 'title' });
      return [];
    });
  const intro = untitled(tree.intro, 'Introduction', file, slugs);
  // A transcript's opening lines are the assistant planning the course: named, not kept.
  if (intro && scan.transcript)
    for (const b of intro.blocks)
      drops.push({ start: b.position.start.line, end: b.position.end.line, use: 'filler', rule: 'course-plan' });
  else if (intro) out.push(intro);
  for (const s of tree.sections) {
    const kept = visit([s], null)[0];
    if (kept) out.push(extra(kept, kept.sections));
  }
  return out;
}

/** Blocks before the first heading, as an extra of their own (so they are never lost), or null. */
function untitled(blocks: readonly Block[], title: string, file: string, slugs: Set<string>): Extra | null {
  const first = blocks[0];
  const last = blocks[blocks.length - 1];
  if (!first || !last) return null;
  const position = { start: first.position.start, end: last.position.end };
  return {
    title,
    slug: uniqueSlug(slugify(title, 'extra'), slugs),
    icon: null,
    blocks: [...blocks],
    sections: [],
    file,
    position,
  };
}

function silent(diag: Diagnostics): Diagnostics {
  return { warn() {}, info() {}, error: diag.error };
}
