// A section's slide heading and label, and a final insight's slide body.
import type { Block, Section } from '../../model/types.ts';
import { isGenericTitle } from '../../model/recognisers/generic-titles.ts';
import { blockPoints } from './condense.ts';
import { blocksHtml } from './markdown.ts';
import type { Slide } from './types.ts';

export type Base = Pick<Slide, 'title' | 'label' | 'icon' | 'section'>;

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

/** A final insight: its first block in the callout, the rest as condensed points. */
export function insightBody(blocks: readonly Block[]): Pick<Slide, 'bodyHtml' | 'points'> {
  const first = blocks.findIndex((b) => b.type === 'paragraph' || b.type === 'quote');
  if (first < 0) return { bodyHtml: '', points: blockPoints(blocks, () => false) };
  return { bodyHtml: blocksHtml([blocks[first]!]), points: blockPoints(blocks.slice(first + 1), () => false) };
}
