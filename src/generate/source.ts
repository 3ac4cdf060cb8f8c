// Source references for outputs: "file:line" with the file relative to the course's folder, so
// outputs are the same wherever the course is built.
import { dirname, relative, sep } from 'node:path';
import type { Course, Position } from '../model/types.ts';

export interface SourceRef {
  /** Course file, relative to the course's folder ("ddia-course.md", "src/03-storage.md"). */
  file: string;
  line: number;
}

/** The folder the course's files are relative to: the deepest folder holding all of them. */
export function courseRoot(course: Pick<Course, 'files'>): string {
  const dirs = course.files.map((f) => dirname(f));
  if (dirs.length === 0) return '';
  let root = dirs[0]!;
  while (!dirs.every((d) => d === root || d.startsWith(root.endsWith(sep) ? root : `${root}${sep}`))) {
    const up = dirname(root);
    if (up === root) break;
    root = up;
  }
  return root;
}

export function sourceRef(root: string, file: string, p: Position): SourceRef {
  const rel = root ? relative(root, file) : file;
  return { file: (rel || file).split(sep).join('/'), line: p.start.line };
}

export const sourceText = (s: SourceRef) => `${s.file}:${s.line}`;
