// Text → Course, with no file system: normalise, guard, parse (chunked), model, self-check.
import { VFile } from 'vfile';
import { buildCourse, type ParsedFile } from './model/course.ts';
import { diagnosticsFor, toModelMessages } from './model/messages.ts';
import type { Course } from './model/types.ts';
import { validateCourse } from './model/validate.ts';
import { guardNesting } from './parse/guard.ts';
import { parseMarkdown } from './parse/markdown.ts';
import { normalizeText } from './parse/normalize.ts';

export interface LoadResult {
  course: Course;
  /** Every file read, with its diagnostics attached (print them with vfile-reporter). */
  files: VFile[];
}

/** Guards against pathological nesting, then parses; guard warnings land on the file. */
export function parseFile(file: VFile): ParsedFile {
  const guarded = guardNesting(String(file.value), file.path);
  file.messages.push(...guarded.messages);
  return { file, tree: parseMarkdown(guarded.text) };
}

/** Reports broken model invariants as errors (they would be bugs; the property tests hunt them). */
export function checkInvariants(course: Course, file: VFile): void {
  for (const problem of validateCourse(course)) {
    diagnosticsFor(file).error({ line: 1, column: 1, offset: 0 }, `Internal model check failed: ${problem}`, 'model-invariant', 'Please report this with the input file.');
  }
}

/** Builds the model of Markdown text already in memory. Synchronous and pure. */
export function courseFromText(text: string, path = 'course.md'): LoadResult {
  const file = new VFile({ path, value: '' });
  file.value = normalizeText(text, file);
  const course = buildCourse({ form: 'tidy', courseFile: parseFile(file), chapterFiles: [] });
  checkInvariants(course, file);
  course.messages = toModelMessages([file]);
  return { course, files: [file] };
}
