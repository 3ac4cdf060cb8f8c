// Text → Course, with no file system: normalise, guard, parse (chunked), model, self-check.
import { VFile } from 'vfile';
import { buildCourse, type ParsedFile } from './model/course.ts';
import { diagnosticsFor, toModelMessages } from './model/messages.ts';
import type { Course } from './model/types.ts';
import { validateCourse } from './model/validate.ts';
import { guardNesting } from './parse/guard.ts';
import { parseMarkdown } from './parse/markdown.ts';
import { normalizeText } from './parse/normalize.ts';
import { inputFiles, type InputSet } from './parse/read.ts';
import type { InputForm } from './model/types.ts';

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
    diagnosticsFor(file).error(
      { line: 1, column: 1, offset: 0 },
      `Internal model check failed: ${problem}`,
      'model-invariant',
      'Please report this with the input file.',
    );
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

/** Parses and models what readInput read (files with fatal read errors, and files refused as outside the course, are left out); messages land on the files. */
export function modelOfInput(input: InputSet): Course {
  const usable = (f: VFile) => f.data.refused !== true && !f.messages.some((m) => m.fatal === true);
  // readInput has already normalised and guarded every file.
  const parse = (file: VFile) => ({ file, tree: parseMarkdown(String(file.value)) });
  const courseFile = input.courseFile && usable(input.courseFile) ? parse(input.courseFile) : null;
  const chapterFiles = input.chapterFiles.filter(usable).map(parse);
  const form: InputForm = input.form === 'folder' ? 'folder' : 'tidy';
  const layout = input.layout
    ? { name: input.layout, orderFile: input.courseFile?.data.course?.orderFile ?? null }
    : undefined;
  const course = buildCourse({
    form,
    courseFile,
    chapterFiles,
    meta: input.courseFile?.data.meta ?? {},
    ...(layout ? { layout } : {}),
  });
  const files = inputFiles(input);
  checkInvariants(course, files[files.length - 1] ?? input.messages);
  return course;
}
