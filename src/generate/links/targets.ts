// Where the links between outputs point (pure). Every section that gets its own slides (levels 1
// and 2; deeper sections are folded into their parent's slide) has a stable slide id
// `sec-<section id or slug>` on its first slide; the map slide has the id `map`. A chapter map's
// nodes point at the slide of their section, the course map's chapters at their decks.
import { chapterMap, courseMap, MAX_LABEL } from '../maps/concepts.ts';
import { shorten } from '../mermaid/mermaid-label.ts';
import { flattenSections } from '../../model/sections.ts';
import type { Chapter, Course, Section } from '../../model/types.ts';
import { isGenericTitle } from '../../model/recognisers/generic-titles.ts';
import type { NodeLink } from './svg-links.ts';

/**
 * Which deck shows each slide id of a chapter split into lectures (slide id → deck slug, from the
 * lecture plan in src/generate/slides/lecture-plan.ts); an id it does not list is in the chapter's
 * first deck.
 */
export type LectureHomes = ReadonlyMap<string, string>;

/** Deepest section level that has slides of its own (see src/generate/slides/deck.ts). */
export const SLIDE_LEVEL = 2;
export const MAP_SLIDE_ID = 'map';

export const sectionKey = (s: Pick<Section, 'id' | 'slug'>) => s.id ?? s.slug;
/** The slide id of a section (reveal.js URL `#/<id>`): starts with a letter, then letters of any script, digits, _ . -. */
export const slideId = (key: string) => `sec-${key.replace(/[^\p{L}\p{N}\p{M}_.-]+/gu, '-')}`;

/** The chain of sections from the top down to the one with this id or slug. */
function pathTo(sections: readonly Section[], key: string): Section[] | null {
  for (const s of sections) {
    if (sectionKey(s) === key || s.slug === key) return [s];
    const inner = pathTo(s.sections, key);
    if (inner) return [s, ...inner];
  }
  return null;
}

/** The slide id showing section `key` (its own, or its slide-level ancestor's), or null. */
export function slideIdFor(chapter: Chapter, key: string | null): string | null {
  if (key === null) return null;
  const path = pathTo(chapter.sections, key);
  if (!path) return null;
  // An unnumbered section titled only by its role (Rationale, Example…) is shown on its parent's slides.
  const own = (s: Section, i: number) => s.level <= SLIDE_LEVEL && !(i > 0 && s.id === null && isGenericTitle(s.title));
  const shown = [...path].reverse().find((s) => own(s, path.indexOf(s))) ?? path[0]!;
  return slideId(sectionKey(shown));
}

const short = (s: string) => shorten(s, MAX_LABEL).toLowerCase();

/** True when a map branch labelled `label` is section `s`: its title, or its title with the generic sub-headings folded in ("Rule · rationale, example…"). */
function branchOf(s: Section, label: string): boolean {
  const want = label.toLowerCase();
  const title = s.title.toLowerCase();
  if (short(s.title) === want || want.startsWith(`${title} · `)) return true;
  // A long title cut with "…" before or inside its folded words.
  const cut = want.endsWith('…') ? want.slice(0, -1).trimEnd() : null;
  return cut !== null && cut.length >= 8 && (title.startsWith(cut) || cut.startsWith(`${title} · `));
}

/** The section (or a definition's or term's section) a map leaf under `branch` stands for. */
function leafSection(chapter: Chapter, branch: Section, label: string): string | null {
  const want = label.toLowerCase();
  const subs = flattenSections(branch.sections);
  const sub = subs.find((s) => short(s.title) === want);
  if (sub) return sectionKey(sub);
  const keys = new Set([sectionKey(branch), ...subs.map(sectionKey)]);
  const named = [...chapter.definitions, ...chapter.terms].find(
    (d) => d.sectionId !== null && keys.has(d.sectionId) && short(d.term) === want,
  );
  return named?.sectionId ?? sectionKey(branch);
}

/**
 * Links for the nodes of a chapter's map: root → the deck, a branch → its section's slide, a
 * leaf → the slide of the section it comes from, a takeaway → the takeaway slide.
 * `href(id)` makes the URL of slide `id` (null: the deck itself) for where the SVG is shown.
 */
export function chapterMapLinks(
  chapter: Chapter,
  href: (slide: string | null) => string,
  takeaways?: string,
): NodeLink[] {
  const map = chapterMap(chapter, takeaways);
  const links: NodeLink[] = [{ label: map.root.label, href: href(null) }];
  const used = new Set<Section>();
  for (const branch of map.root.children) {
    const takeaway = branch.id === 'tk';
    const section = takeaway ? null : (chapter.sections.find((s) => !used.has(s) && branchOf(s, branch.label)) ?? null);
    if (section) used.add(section);
    const branchSlide = takeaway
      ? slideIdFor(chapter, chapter.takeaways?.sectionId ?? null)
      : section
        ? slideIdFor(chapter, sectionKey(section))
        : null;
    links.push({ label: branch.label, href: href(branchSlide) });
    for (const leaf of branch.children) {
      const slide = section ? slideIdFor(chapter, leafSection(chapter, section, leaf.label)) : branchSlide;
      links.push({ label: leaf.label, href: href(slide ?? branchSlide) });
    }
  }
  return links;
}

/** Links for the course map: each chapter and its core idea → `href(chapter)`. */
export function courseMapLinks(course: Course, href: (chapter: Chapter) => string): NodeLink[] {
  const map = courseMap(course);
  const byNumber = new Map(course.chapters.map((c) => [c.number, c]));
  const links: NodeLink[] = [];
  for (const part of map.parts) {
    for (const c of part.chapters) {
      const chapter = byNumber.get(Number(c.id.slice(1)));
      if (!chapter) continue;
      // The built-in template shows title and core idea in one box; a custom one may show them apart.
      links.push({ label: c.box, href: href(chapter) });
      links.push({ label: c.label, href: href(chapter) });
      if (c.idea) links.push({ label: c.idea, href: href(chapter) });
    }
  }
  return links;
}

/** Relative URL of a chapter's deck slide from a folder beside decks/ (maps/, chapters/). */
export const deckHref = (
  chapter: Pick<Chapter, 'slug'>,
  slide: string | null,
  from: 'sibling' | 'root' | 'deck' = 'sibling',
  homes?: LectureHomes,
): string => {
  // A slide in lecture 2, 3… of a split chapter is in that lecture's file.
  const file = (slide && homes?.get(slide)) || chapter.slug;
  const base = from === 'deck' ? '' : `${from === 'root' ? '' : '../'}decks/${file}.html`;
  return `${base}${slide ? `#/${slide}` : from === 'deck' ? '#/0' : ''}`;
};
