// coursemap's library API. The CLI is a thin shell over these functions.
import type { VFile } from 'vfile';
import { checkInvariants, type LoadResult } from './load.ts';
import { parseMarkdown } from './parse/markdown.ts';
import { buildCourse } from './model/course.ts';
import { toModelMessages } from './model/messages.ts';
import type { InputForm } from './model/types.ts';
import { readInput, type ReadOptions } from './parse/read.ts';

export type * from './model/types.ts';
export { courseFromText, type LoadResult } from './load.ts';
export { buildCourse } from './model/course.ts';
export { validateCourse } from './model/validate.ts';
export { parseMarkdown } from './parse/markdown.ts';

/** Reads a course file, a course folder, or Markdown text, and builds its model. Never throws for bad input. */
export async function loadCourse(pathOrText: string, options: ReadOptions = {}): Promise<LoadResult> {
  const input = await readInput(pathOrText, options);
  const usable = (f: { messages: Array<{ fatal?: boolean | null | undefined }> }) => !f.messages.some((m) => m.fatal === true);
  // readInput has already normalised and guarded every file.
  const parse = (file: VFile) => ({ file, tree: parseMarkdown(String(file.value)) });
  const courseFile = input.courseFile && usable(input.courseFile) ? parse(input.courseFile) : null;
  const chapterFiles = input.chapterFiles.filter(usable).map(parse);
  const form: InputForm = input.form === 'folder' ? 'folder' : 'tidy';
  const course = buildCourse({ form, courseFile, chapterFiles, meta: input.courseFile?.data.meta ?? {} });
  const files = [input.messages, ...(input.courseFile ? [input.courseFile] : []), ...input.chapterFiles];
  checkInvariants(course, files[files.length - 1] ?? input.messages);
  course.messages = toModelMessages(files);
  return { course, files: files.filter((f) => f.messages.length > 0 || f !== input.messages) };
}
