// Chooses what a concept map shows. The rule, documented in the README and tested:
// - branches: the chapter's top-level sections in document order, without the takeaway and
//   final-insight sections; when there are more than MAX_BRANCHES - 1, the ones with the most
//   material are kept (still in document order); a "Key takeaways" branch is added when the
//   chapter has a takeaway table (its first column gives the leaves);
// - leaves (at most MAX_LEAVES a branch): numbered subsection titles, then definitions, then
//   bold terms of that section, then unnumbered subsection titles; duplicates and leaves equal
//   to their branch are dropped;
// - a chapter without sections gets its definitions, bold terms, key ideas and key phrases
//   (short bold or italic spans) as branches instead, a term's explanation as its leaf;
// - a label wraps onto more lines; past MAX_NODE_LABEL characters it is cut on a word boundary;
// - course map: chapter and part titles wrap, cut only past MAX_COURSE_TITLE characters; a
//   chapter's core idea keeps whole sentences (at least the first), never cut mid-sentence.
import { blocksText } from '../../model/enrich.ts';
import { FINAL_INSIGHT_TITLE, isLabelWord, TAKEAWAY_TITLE } from '../../model/recognisers/labels.ts';
import { flattenSections } from '../../model/sections.ts';
import { inlineText } from '../../model/text.ts';
import type { Block, Chapter, Course, Inline, Section } from '../../model/types.ts';
import { chooseLayout, rowsOf } from './course-layout.ts';
import { type CourseMapArrow, prerequisiteArrows } from './prerequisite-arrows.ts';
import { shorten } from '../mermaid/mermaid-label.ts';
import { wholeSentences } from '../sentences.ts';
import { EDGE_COLOUR, PALETTE, ROOT_COLOUR, splitSides } from './map-sides.ts';
import { isGenericTitle } from '../../model/recognisers/generic-titles.ts';
import { fill, stringsFor } from '../strings.ts';

export const MAX_BRANCHES = 7;
export const MAX_LEAVES = 5;
/** Short label length: links/targets.ts compares section titles cut to it with map labels. */
export const MAX_LABEL = 40;
/** Course-map chapter and part titles wrap onto more lines; only longer ones are cut, at a word. */
export const MAX_COURSE_TITLE = 100;
/** Course-map core ideas: whole sentences up to this many characters (the first sentence always). */
export const COURSE_IDEA = 140;
/** Chapter-map labels wrap onto up to three lines; only longer ones are cut, at a word. */
export const MAX_NODE_LABEL = 64;

export interface MapNode {
  id: string;
  label: string;
  children: MapNode[];
}

/** A branch as the template draws it: `colour` names its class (classDefs). */
export interface SideBranch extends MapNode {
  colour: string;
}

export interface ChapterMap {
  title: string;
  description: string;
  root: MapNode;
  /** The branches drawn right and left of the root (./map-sides.ts), in document order. */
  right: SideBranch[];
  left: SideBranch[];
  /** `classDef` lines' name and style: centre (the root), one per branch colour (kN) and its leaves (kNl). */
  classDefs: Array<{ name: string; style: string }>;
  /** Style of every edge (`linkStyle default`). */
  edgeStyle: string;
}

function leavesOf(chapter: Chapter, section: Section): string[] {
  const ids = new Set([section.id ?? section.slug, ...flattenSections(section.sections).map((s) => s.id ?? s.slug)]);
  const inSection = <T extends { sectionId: string | null }>(list: readonly T[]) =>
    list.filter((x) => x.sectionId !== null && ids.has(x.sectionId));
  const subs = flattenSections(section.sections);
  return [
    ...subs.filter((s) => s.id !== null).map((s) => s.title),
    ...inSection(chapter.definitions).map((d) => d.term),
    ...inSection(chapter.terms).map((t) => t.term),
    ...subs.filter((s) => s.id === null).map((s) => s.title),
  ];
}

function weight(chapter: Chapter, s: Section): number {
  return leavesOf(chapter, s).length * 10 + s.blocks.length + flattenSections(s.sections).length;
}

function unique(labels: readonly string[], exclude: string): string[] {
  const seen = new Set([exclude.toLowerCase()]);
  const out: string[] = [];
  for (const l of labels) {
    const label = shorten(l, MAX_NODE_LABEL);
    const key = label.toLowerCase();
    if (!label || seen.has(key)) continue;
    seen.add(key);
    out.push(label);
  }
  return out;
}

/**
 * A chapter without sections: its definitions, bold terms and key ideas, then the bold or italic
 * key phrases of its text, as branches; a term's explanation is its one leaf.
 */
function conceptBranches(chapter: Chapter, room: number, title: string): MapNode[] {
  const all = [...chapter.intro, ...flattenSections(chapter.sections).flatMap((s) => s.blocks)];
  const candidates: Array<{ label: string; leaf: string }> = [
    ...chapter.definitions.map((d) => ({ label: d.term, leaf: d.text })),
    ...chapter.terms.map((t) => ({ label: t.term, leaf: t.text })),
    ...chapter.keyIdeas.map((k) => ({ label: k.text, leaf: '' })),
    ...keyPhrases(all).map((p) => ({ label: p, leaf: '' })),
  ];
  const seen = new Set([title.toLowerCase()]);
  const out: MapNode[] = [];
  for (const c of candidates) {
    const label = shorten(c.label, MAX_NODE_LABEL);
    if (!label || seen.has(label.toLowerCase()) || out.length >= room) continue;
    seen.add(label.toLowerCase());
    const id = `b${out.length + 1}`;
    // "a cold cache is one that…" under "cold cache": the leaf says only what is new.
    const escaped = c.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const leaf = shorten(
      c.leaf.replace(new RegExp(`^(?:(?:an?|the)\\s+)?${escaped}\\s+(?:is|are|means)\\s+`, 'iu'), ''),
      MAX_NODE_LABEL,
    );
    out.push({
      id,
      label,
      children:
        leaf && leaf.toLowerCase() !== label.toLowerCase() ? [{ id: `${id}l1`, label: leaf, children: [] }] : [],
    });
  }
  return out;
}

/** Bold and italic phrases of a few words in paragraphs and list items, in order. */
function keyPhrases(blocks: readonly Block[]): string[] {
  const out: string[] = [];
  const visit = (inlines: readonly Inline[]) => {
    for (const n of inlines) {
      if (n.type === 'strong' || n.type === 'emphasis') {
        const text = inlineText(n.children)
          .replace(/[:：]\s*$/u, '')
          .trim();
        const words = text.split(/\s+/).length;
        if (text && words <= 6 && !/[.!?]$/.test(text) && !isLabelWord(text)) out.push(text);
      } else if ('children' in n) visit(n.children);
    }
  };
  for (const b of blocks) {
    if (b.type === 'paragraph') visit(b.children);
    else if (b.type === 'list') for (const item of b.items) keyPhrases(item.children).forEach((p) => out.push(p));
    else if (b.type === 'quote') keyPhrases(b.children).forEach((p) => out.push(p));
  }
  return out;
}

/** `takeaways` labels the takeaway branch in the course's language (src/generate/strings.ts). */
export function chapterMap(chapter: Chapter, takeaways = 'Key takeaways'): ChapterMap {
  const content = chapter.sections.filter((s) => !TAKEAWAY_TITLE.test(s.title) && !FINAL_INSIGHT_TITLE.test(s.title));
  const room = chapter.takeaways ? MAX_BRANCHES - 1 : MAX_BRANCHES;
  const keep = new Set([...content].sort((a, b) => weight(chapter, b) - weight(chapter, a)).slice(0, room));
  const rootLabel = shorten(chapter.title, MAX_NODE_LABEL);
  const branches: MapNode[] =
    content.length === 0
      ? conceptBranches(chapter, room, rootLabel)
      : content
          .filter((s) => keep.has(s))
          .map((s, i) => {
            const all = unique(leavesOf(chapter, s), shorten(s.title, MAX_NODE_LABEL));
            // "Examples", "Pros", "Challenges" say nothing on their own: folded into the branch's label.
            const generic = all.filter((l) => isGenericTitle(l));
            const label = shorten(
              generic.length > 0 ? `${s.title} · ${generic.map((g) => g.toLowerCase()).join(', ')}` : s.title,
              MAX_NODE_LABEL,
            );
            const leaves = all.filter((l) => !generic.includes(l)).slice(0, MAX_LEAVES);
            return {
              id: `b${i + 1}`,
              label,
              children: leaves.map((l, j) => ({ id: `b${i + 1}l${j + 1}`, label: l, children: [] })),
            };
          });
  if (chapter.takeaways) {
    const rows = unique(
      chapter.takeaways.rows.map((r) => r[0] ?? ''),
      takeaways,
    ).slice(0, MAX_LEAVES);
    branches.push({
      id: 'tk',
      label: takeaways,
      children: rows.map((l, j) => ({ id: `tk${j + 1}`, label: l, children: [] })),
    });
  }
  const coloured = branches.map((b, i) => ({ ...b, colour: `k${i % PALETTE.length}` }));
  const sides = splitSides(coloured);
  return {
    title: `Chapter ${chapter.number}: ${chapter.title}`,
    description: `Concept map of chapter ${chapter.number}, ${chapter.title}: ${branches.map((b) => b.label).join(', ')}.`,
    root: { id: 'root', label: rootLabel, children: branches },
    right: sides.right,
    left: sides.left,
    classDefs: [
      {
        name: 'centre',
        style: `fill:${ROOT_COLOUR.fill},stroke:${ROOT_COLOUR.stroke},color:${ROOT_COLOUR.text},stroke-width:2px,filter:none`,
      },
      ...PALETTE.flatMap((c, i) => [
        { name: `k${i}`, style: `fill:${c.fill},stroke:${c.stroke},color:${c.text},stroke-width:2px,filter:none` },
        { name: `k${i}l`, style: `fill:${c.leafFill},stroke:${c.stroke},color:${c.text},stroke-width:1px,filter:none` },
      ]),
    ],
    edgeStyle: `stroke:${EDGE_COLOUR},stroke-width:2px,fill:none`,
  };
}

/** The one idea a chapter stands for: final insight, else a key idea, summary or first takeaway. */
export function coreIdea(chapter: Chapter): string {
  const candidates = [
    chapter.finalInsight?.text,
    chapter.keyIdeas.find((k) => /grand|core|big|main|central/i.test(k.label))?.text,
    chapter.summary?.split(/(?<=[.!?])\s/)[0],
    chapter.keyIdeas[0]?.text,
    chapter.takeaways?.rows[0]?.slice(0, 2).join(': '),
    blocksText(chapter.intro).split(/(?<=[.!?])\s/)[0],
  ];
  return candidates.find((c) => c && c.trim().length > 0)?.trim() ?? '';
}

export interface CourseMapChapter {
  id: string;
  label: string;
  idea: string;
  /** What the chapter's box shows: its label (bold), then its core idea on the next line(s). */
  box: string;
}

export interface CourseMap {
  title: string;
  description: string;
  /** Most chapters in one row of a part (see ./course-layout.ts). */
  perRow: number;
  /** Line width of the chapter boxes, px (for the template's `label … wrap=`). */
  wrap: number;
  /** The map's width/height as the layout estimates it (./course-layout.ts). */
  aspect: number;
  /** Parts top to bottom; each part's chapters in rows (ids `p1r1`, …), left to right. */
  parts: Array<{
    id: string;
    label: string;
    chapters: CourseMapChapter[];
    rows: Array<{ id: string; chapters: CourseMapChapter[] }>;
  }>;
  /**
   * Dashed arrows drawn over the laid-out map (render/assets/arrows.js) from a chapter to one
   * whose text says it builds on it; none beside a sequence arrow (the chapter just before).
   */
  prerequisites: CourseMapArrow[];
}

export function courseMap(course: Course, ideaLength = COURSE_IDEA): CourseMap {
  const byNumber = new Map(course.chapters.map((c) => [c.number, c]));
  const t = stringsFor(course.language);
  const grouped =
    course.parts.length > 0
      ? course.parts.map((p) => ({
          label: fill(t.partTitle, { n: p.number, title: p.title }),
          chapters: p.chapters.flatMap((n) => byNumber.get(n) ?? []),
        }))
      : [];
  const inParts = new Set(course.parts.flatMap((p) => p.chapters));
  const loose = course.chapters.filter((c) => !inParts.has(c.number));
  if (loose.length > 0) grouped.push({ label: grouped.length > 0 ? t.otherChapters : t.chapters, chapters: loose });
  const parts = grouped.map((g, i) => ({
    id: `p${i + 1}`,
    label: shorten(g.label, MAX_COURSE_TITLE),
    chapters: g.chapters.map((c) => {
      const label = shorten(`${c.number}. ${c.title}`, MAX_COURSE_TITLE);
      const idea = wholeSentences(coreIdea(c), ideaLength, true);
      return { id: `c${c.number}`, label, idea, box: idea ? `${label}\n${idea}` : label };
    }),
  }));
  const { perRow, wrap, aspect } = chooseLayout(
    parts.map((p) => p.chapters.map((c) => ({ title: c.label, idea: c.idea }))),
  );
  const arrows = prerequisiteArrows(
    grouped.flatMap((g) => g.chapters),
    t.prerequisite,
  );
  // The arrows are drawn over the map, not by Mermaid: the accessible description names them.
  const named = arrows.map((a) => `${a.from.slice(1)} → ${a.to.slice(1)}`).join(', ');
  return {
    title: course.title,
    description: `Course map of ${course.title}: ${course.chapters.length} chapters in ${grouped.length} group(s).${named ? ` ${t.prerequisite}: ${named}.` : ''}`,
    perRow,
    wrap,
    aspect,
    parts: parts.map((p) => ({
      ...p,
      rows: rowsOf(p.chapters, perRow).map((chapters, r) => ({ id: `${p.id}r${r + 1}`, chapters })),
    })),
    prerequisites: arrows,
  };
}
