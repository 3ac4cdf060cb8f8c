// Authored mermaid blocks: validate each with mermaid's parser, map errors to the Markdown
// file's line and column, and repair the usual assistant mistakes when that makes them parse.
import type { Course, Diagram } from '../../model/types.ts';
import { fixMermaid, type MermaidChange } from './mermaid-fix.ts';
import { validateMermaid } from './mermaid-validate.ts';

export interface AuthoredDiagram {
  /** Output name without extension: "diagrams/3-storage-and-retrieval-1", "diagrams/course-1". */
  name: string;
  diagram: Diagram;
  file: string;
  /** The source to render: the authored one, or its repair; null when it cannot be rendered. */
  render: string | null;
  /** The first syntax error as written, at Markdown file coordinates. */
  error: { line: number; column: number; message: string } | null;
  /** What the repair changed, at Markdown file coordinates. */
  changes: MermaidChange[];
}

/** Markdown line of a diagram source line: the fence opens on position.start.line. */
export function fileLine(diagram: Diagram, sourceLine: number): number {
  return diagram.position.start.line + sourceLine;
}

/** Source column → file column: the fence's indentation comes first. */
function fileColumn(diagram: Diagram, sourceColumn: number): number {
  return diagram.position.start.column - 1 + sourceColumn;
}

export function authoredDiagrams(course: Course): Array<{ name: string; diagram: Diagram; file: string }> {
  const out: Array<{ name: string; diagram: Diagram; file: string }> = [];
  for (const chapter of course.chapters) {
    chapter.diagrams.forEach((diagram, i) =>
      out.push({ name: `diagrams/${chapter.slug}-${i + 1}`, diagram, file: chapter.file }),
    );
  }
  course.diagrams.forEach((diagram, i) =>
    out.push({ name: `diagrams/course-${i + 1}`, diagram, file: course.files[0] ?? '' }),
  );
  return out;
}

export async function checkAuthored(course: Course): Promise<AuthoredDiagram[]> {
  const out: AuthoredDiagram[] = [];
  for (const { name, diagram, file } of authoredDiagrams(course)) {
    const result = await validateMermaid(diagram.source);
    if (result.ok) {
      out.push({ name, diagram, file, render: diagram.source, error: null, changes: [] });
      continue;
    }
    const error = {
      line: fileLine(diagram, result.line),
      column: fileColumn(diagram, result.column),
      message: result.message,
    };
    const fix = fixMermaid(diagram.source);
    const repaired = fix.changes.length > 0 && (await validateMermaid(fix.source)).ok;
    const changes = fix.changes.map((c) => ({
      ...c,
      line: fileLine(diagram, c.line),
      column: fileColumn(diagram, c.column),
    }));
    out.push({ name, diagram, file, render: repaired ? fix.source : null, error, changes: repaired ? changes : [] });
  }
  return out;
}

const TOKENS: Record<string, string> = {
  PS: '"("',
  PE: '")"',
  SQS: '"["',
  SQE: '"]"',
  DIAMOND_START: '"{"',
  DIAMOND_STOP: '"}"',
  PIPE: '"|"',
  STR: 'a quoted string',
  NEWLINE: 'end of line',
  EOF: 'end of diagram',
  TAGEND: '">"',
  MINUS: '"-"',
  AMP: '"&"',
};

/** One readable line from mermaid's message: "unexpected "(" in a label" rather than the token dump. */
export function shortMessage(message: string): string {
  const got = /got '([A-Z_]+)'/.exec(message)?.[1];
  if (got) return `unexpected ${TOKENS[got] ?? got}${got === 'PS' || got === 'SQS' ? ' inside an unquoted label' : ''}`;
  const first =
    message.split('\n').find((l) => l.trim() && !/^Parse error on line/i.test(l)) ?? message.split('\n')[0] ?? '';
  return first.trim() || 'syntax error';
}
