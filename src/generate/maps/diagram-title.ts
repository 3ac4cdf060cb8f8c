// A title for an authored diagram's slide when the course gives none (no lead-in, no extra
// section around it): the diagram's own front-matter `title:`, else its `accTitle`, else a
// `title` line (sequence, pie, gantt, xychart…), else its first subgraph's label. Null when the
// diagram names nothing; the caller then falls back to its generic word.
import type { Course, Diagram } from '../../model/types.ts';

/** Removes the quotes and Markdown-string backticks a Mermaid label may carry. */
function unquote(s: string): string {
  return s
    .trim()
    .replace(/^"(.*)"$/s, '$1')
    .replace(/^`(.*)`$/s, '$1')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function diagramTitle(source: string): string | null {
  const front = /^\s*---\r?\n([\s\S]*?)\r?\n---/.exec(source)?.[1];
  const fromFront = front ? /^title:\s*(.+)$/m.exec(front)?.[1] : undefined;
  const body = front ? source.slice(source.indexOf('---', 3) + 3) : source;
  const candidates = [
    fromFront,
    /^\s*accTitle\s*:\s*(.+)$/m.exec(body)?.[1],
    /^\s*title\s+(.+)$/m.exec(body)?.[1],
    // subgraph id[Label], subgraph id["Label"], subgraph "Label", subgraph Label
    /^\s*subgraph\s+\S+?\s*\[(.+?)\]\s*$/m.exec(body)?.[1],
    /^\s*subgraph\s+("[^"]+"|[^\s[]+)\s*$/m.exec(body)?.[1],
  ];
  for (const c of candidates) {
    const t = c ? unquote(c) : '';
    if (t) return t;
  }
  return null;
}

/**
 * The title of a course-level diagram (outside every chapter, as a closing systems map): the extra
 * section around it, the diagram's own title, else the last extra before it; null when none.
 */
export function courseDiagramTitle(
  course: Pick<Course, 'extras'>,
  d: Pick<Diagram, 'source' | 'position'>,
): string | null {
  const at = d.position.start.offset ?? 0;
  const around = course.extras.find((e) => (e.position.start.offset ?? 0) <= at && at <= (e.position.end.offset ?? 0));
  const before = course.extras.filter((e) => (e.position.start.offset ?? 0) <= at).at(-1);
  return around?.title ?? diagramTitle(d.source) ?? before?.title ?? null;
}
