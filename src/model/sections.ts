// Builds a chapter's section tree from its top-level mdast nodes, by heading depth.
import type { Heading, RootContent } from 'mdast';
import { pos, toBlock, toInlines } from './blocks.ts';
import { matchSectionId, stripEnumerator } from './recognisers/markers.ts';
import type { Diagnostics } from './messages.ts';
import { cleanTitle, inlineText, slugify, splitLeadingEmoji, uniqueSlug } from './text.ts';
import type { Block, Section } from './types.ts';

export interface SectionTree {
  intro: Block[];
  sections: Section[];
}

export interface HeadingInfo {
  id: string | null;
  title: string;
  icon: string | null;
}

/** "## 🧩 1.1 What Are Data-Intensive Applications?" → id 1.1, icon 🧩, clean title. */
export function readHeading(h: Heading): HeadingInfo {
  const raw = inlineText(toInlines(h.children));
  const { icon, rest } = splitLeadingEmoji(raw);
  const numbered = matchSectionId(rest.replace(/^[*_\s]+/, ''));
  const title =
    cleanTitle(numbered ? numbered.title : stripEnumerator(rest)) || cleanTitle(raw) || (numbered?.id ?? '');
  return { id: numbered?.id ?? null, title, icon };
}

export function buildSections(
  nodes: readonly RootContent[],
  chapter: number | null,
  diag: Diagnostics,
  taken: Set<string> = new Set(),
): SectionTree {
  const tree: SectionTree = { intro: [], sections: [] };
  const stack: Section[] = [];
  for (const node of nodes) {
    if (node.type === 'heading') {
      while (stack.length > 0 && (stack[stack.length - 1]?.depth ?? 0) >= node.depth) stack.pop();
      const section = newSection(node, stack.length + 1, taken, chapter);
      checkNumbering(section, stack[stack.length - 1] ?? null, chapter, diag);
      const parent = stack[stack.length - 1];
      (parent ? parent.sections : tree.sections).push(section);
      stack.push(section);
      continue;
    }
    if (node.type === 'thematicBreak' || node.type === 'definition' || node.type === 'yaml') continue;
    const block = toBlock(node);
    if (!block) continue;
    const current = stack[stack.length - 1];
    (current ? current.blocks : tree.intro).push(block);
  }
  return tree;
}

function newSection(h: Heading, level: number, taken: Set<string>, chapter: number | null): Section {
  const info = readHeading(h);
  // Unnumbered sections take the chapter number so that slugs stay unique across the course.
  const prefix = info.id ?? (chapter !== null ? String(chapter) : '');
  const base = slugify(`${prefix} ${info.title}`, 'section');
  return {
    id: info.id,
    title: info.title,
    icon: info.icon,
    level,
    depth: h.depth,
    slug: uniqueSlug(base, taken),
    position: pos(h),
    blocks: [],
    sections: [],
  };
}

function checkNumbering(section: Section, parent: Section | null, chapter: number | null, diag: Diagnostics): void {
  if (!section.id) return;
  const at = section.position.start;
  const head = Number(section.id.split('.')[0]);
  if (chapter !== null && head !== chapter) {
    diag.warn(
      at,
      `Section ${section.id} is numbered for chapter ${head} but sits in chapter ${chapter}`,
      'section-number-mismatch',
      'Renumber the heading or move it into its chapter.',
    );
  }
  const depthOfId = section.id.split('.').length;
  if (parent?.id && depthOfId <= parent.id.split('.').length) {
    diag.warn(
      at,
      `Section ${section.id} is a level-${section.depth} heading under ${parent.id}, so it is treated as a subsection of ${parent.id}`,
      'section-nesting',
      `Use the same heading level as ${parent.id} to make it a section of its own.`,
    );
  }
}

/** Every section of a tree, depth-first, in document order. */
export function flattenSections(sections: readonly Section[]): Section[] {
  const out: Section[] = [];
  const walk = (list: readonly Section[]) => {
    for (const s of list) {
      out.push(s);
      walk(s.sections);
    }
  };
  walk(sections);
  return out;
}
