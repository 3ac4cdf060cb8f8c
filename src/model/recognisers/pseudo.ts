// Pseudo-headings: notes often use a line that is only bold or only italic ("*Scalability*",
// "**Pause and reflect**") as a heading. Such a paragraph, short, on one line and followed by
// content, becomes an (unnumbered) heading one level below the heading it sits under.
import type { Heading, Paragraph, RootContent } from 'mdast';
import { pos } from '../blocks.ts';
import { phrasingText } from '../lines.ts';
import { matchChapterHeading, matchPartHeading, matchSectionId } from './markers.ts';
import type { Diagnostics } from '../messages.ts';
import { stripEmoji } from '../text.ts';

/** "**By Ada Example**" under a course title is a byline (meta.ts reads it), not a section. */
const BYLINE = /^(?:by|author|authors|autor|autora|auteur|autore|von|por|par|di|de)\b/iu;
/** Longer than this, a bold line is a sentence, not a title. */
const MAX_TITLE = 60;

export function promotePseudoHeadings(nodes: readonly RootContent[], diag: Diagnostics): RootContent[] {
  let depth = 0;
  // Depth of the last heading numbered with k parts ("3.2" → 2), so that "**3.3 …**" after "### 3.2" is its sibling.
  const numbered = new Map<number, number>();
  return nodes.map((node, i) => {
    if (node.type === 'heading') {
      depth = node.depth;
      const text = stripEmoji(phrasingText(node.children)).replace(/^[*_\s]+/, '');
      if (matchChapterHeading(text)) numbered.clear();
      const id = matchSectionId(text)?.id;
      if (id) numbered.set(id.split('.').length, node.depth);
    }
    if (depth === 0 || node.type !== 'paragraph' || isSubtitle(nodes, i)) return node;
    const title = pseudoTitle(node);
    if (title === null || !isContent(nodes[i + 1])) return node;
    diag.info(
      pos(node).start,
      `"${title}" is read as a section title (a short bold or italic line followed by content)`,
      'pseudo-heading',
      'Write it as a Markdown heading (##) to make this explicit, or end it with a full stop to keep it as text.',
    );
    const id = matchSectionId(title)?.id;
    const level = (id && numbered.get(id.split('.').length)) || Math.min(6, depth + 1);
    if (id) numbered.set(id.split('.').length, level);
    const heading: Heading = { type: 'heading', depth: level as Heading['depth'], children: node.children };
    if (node.position) heading.position = node.position;
    return heading;
  });
}

/** The text of a paragraph that is one bold or one italic span on one line, short and not a label or sentence. */
function pseudoTitle(p: Paragraph): string | null {
  const children = p.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  const only = children[0];
  if (children.length !== 1 || !only || (only.type !== 'strong' && only.type !== 'emphasis')) return null;
  if (only.children.some((c) => c.type === 'strong' || c.type === 'emphasis' || c.type === 'break')) return null;
  const text = phrasingText(only.children).trim();
  if (text === '' || text.includes('\n') || [...text].length > MAX_TITLE) return null;
  // "**Key ideas:**" is a label, "*It works.*" a sentence; chapters and parts have their own rules.
  if (/[:：.。!！,;]$/u.test(text) || BYLINE.test(text) || matchChapterHeading(text) || matchPartHeading(text))
    return null;
  return text;
}

/** The line right under the course title ("# Title" + "*Lecture notes, spring term*") is its subtitle. */
function isSubtitle(nodes: readonly RootContent[], i: number): boolean {
  const prev = nodes[i - 1];
  if (prev?.type !== 'heading' || prev.depth !== 1 || nodes.findIndex((n) => n.type === 'heading') !== i - 1)
    return false;
  const text = phrasingText(prev.children);
  return !matchChapterHeading(text) && !matchPartHeading(text);
}

function isContent(next: RootContent | undefined): boolean {
  if (!next || next.type === 'heading' || next.type === 'thematicBreak' || next.type === 'yaml') return false;
  return !(next.type === 'paragraph' && pseudoTitle(next) !== null);
}
