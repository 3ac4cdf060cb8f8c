// A section's slide heading and label, and a final insight's slide body.
import type { Block, Section } from '../../model/types.ts';
import { isGenericTitle } from '../../model/recognisers/generic-titles.ts';
import { blockPoints } from './condense.ts';
import { blocksHtml } from './markdown.ts';
import type { Slide } from './types.ts';

export type Base = Pick<Slide, 'title' | 'label' | 'icon' | 'section' | 'role'>;

const WIDE = /[\u3000-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7A3\uFF00-\uFF60]/u;

/**
 * A topic and the role a section plays in it, as one title: "Single-Leader Replication: The Setup".
 * The word keeps the author's case (German nouns stay capitalised); Chinese and Japanese take the
 * full-width colon; a topic that has a colon already, or ends in "?" / "!", takes a dash instead.
 */
export function roleTitle(topic: string, word: string): string {
  const t = topic.trim();
  const w = word.trim().replace(/[\s:：.。]+$/u, '');
  if (WIDE.test(t) || WIDE.test(w)) return `${t.replace(/[：:]$/u, '')}：${w}`;
  if (/[:?!？！]/u.test(t)) return `${t} — ${w}`;
  return `${t}: ${w}`;
}

/**
 * A slide's heading for a section. A title that only names a role ("Rationale", "Example",
 * "The Setup") says nothing on its own, and put after the topic as a label it reads as one phrase
 * ("The Setup Single-Leader Replication"): the slide is titled by the nearest section above that
 * names a topic (`context`, numbered `contextId`) joined with the role word, so a rule's Rationale
 * and Example slides read as that rule's, and are that rule's slides (`parent`: its section key).
 * A numbered role section keeps its number; an unnumbered one shows its topic's.
 */
export function slideBase(
  s: Section,
  context: string,
  parent: string | null = null,
  contextId: string | null = null,
): Base {
  const own = s.id ?? s.slug;
  if (!isGenericTitle(s.title) || !context.trim()) return { title: s.title, label: s.id, icon: s.icon, section: own };
  // An unnumbered role section's slides are its parent's (their anchor and map links land there).
  return {
    title: roleTitle(context, s.title),
    label: s.id ?? contextId,
    icon: s.icon,
    section: s.id === null && parent !== null ? parent : own,
    role: { word: s.title.trim().replace(/[\s:：]+$/u, ''), of: context.trim(), label: s.id },
  };
}

/** A final insight: its first block in the callout, the rest as condensed points. */
export function insightBody(blocks: readonly Block[]): Pick<Slide, 'bodyHtml' | 'points'> {
  const first = blocks.findIndex((b) => b.type === 'paragraph' || b.type === 'quote');
  if (first < 0) return { bodyHtml: '', points: blockPoints(blocks, () => false) };
  return { bodyHtml: blocksHtml([blocks[first]!]), points: blockPoints(blocks.slice(first + 1), () => false) };
}
