// Splits a paragraph into its source lines, keeping inline markup, so that recognisers
// can tell a chat line ("Perfect, Diego ⚙️") from content in the same paragraph.
import type { Paragraph, PhrasingContent } from 'mdast';
import { pos } from './blocks.ts';
import type { Position } from './types.ts';

export interface Line {
  nodes: PhrasingContent[];
  /** Plain text of the line (markup removed). */
  text: string;
  position: Position;
}

export function phrasingText(nodes: readonly PhrasingContent[]): string {
  let out = '';
  for (const n of nodes) {
    if (n.type === 'text' || n.type === 'inlineCode') out += n.value;
    else if (n.type === 'break') out += '\n';
    else if (n.type === 'image' || n.type === 'imageReference') out += n.alt ?? '';
    else if ('children' in n) out += phrasingText(n.children);
  }
  return out;
}

export function paragraphLines(p: Paragraph): Line[] {
  const base = pos(p);
  const lines: Line[] = [];
  let current: PhrasingContent[] = [];
  // Source offset where the next line starts, when a soft break inside a text node tells it
  // (split parts carry no position; offset 0 would put the line before everything else).
  let nextOffset: number | null = null;
  const flush = () => {
    const k = lines.length;
    const line = base.start.line + k;
    const first = current[0];
    const offset = k === 0 ? base.start.offset : (nextOffset ?? base.start.offset);
    const start =
      k === 0 || !first?.position ? { line, column: k === 0 ? base.start.column : 1, offset } : pos(first).start;
    nextOffset = null;
    lines.push({ nodes: current, text: phrasingText(current).trim(), position: { start, end: { ...start } } });
    current = [];
  };
  for (const n of p.children) {
    if (n.type === 'break') {
      flush();
      continue;
    }
    if (n.type !== 'text' || !n.value.includes('\n')) {
      current.push(n);
      continue;
    }
    const parts = n.value.split('\n');
    let at = n.position?.start.offset;
    parts.forEach((part, i) => {
      if (i > 0) {
        flush();
        // Approximate when the text has escapes: still within the paragraph and in order.
        if (at !== undefined) nextOffset = Math.min(at, base.end.offset);
      }
      if (part) current.push({ type: 'text', value: part });
      if (at !== undefined) at += part.length + 1;
    });
  }
  flush();
  return lines;
}

/** A paragraph made of some of another paragraph's lines (positions approximate to the first line). */
export function linesToParagraph(lines: readonly Line[], source: Paragraph): Paragraph {
  const children: PhrasingContent[] = [];
  lines.forEach((l, i) => {
    if (i > 0) children.push({ type: 'text', value: '\n' });
    children.push(...l.nodes);
  });
  // Positions run from the first kept line to the end of the source paragraph.
  const first = lines[0];
  const position =
    first && source.position ? { start: first.position.start, end: source.position.end } : source.position;
  return position ? { type: 'paragraph', children, position } : { type: 'paragraph', children };
}
