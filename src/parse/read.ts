// The input stage: a path (file or folder) or Markdown text → normalised,
// nesting-guarded VFiles ready for the Markdown parser.
//
//   readInput('course.md')      → form 'file',   courseFile = that file
//   readInput('course/')        → form 'folder', chapterFiles in order (see folder.ts)
//   readInput('# Title\n…')     → form 'text' when the argument has a newline and
//                                 is not an existing path; path `<stdin>` (or `textPath`)
//
// Every file's `value` is a string (normalised: no BOM, LF line endings, no NUL;
// see normalize.ts), with excess nesting neutralised (guard.ts). Problems with a
// file's content (invalid UTF-8, too large, NUL, nesting) are on that file's
// `messages`; problems with the input as a whole (not found, no Markdown files,
// listing errors) are on `InputSet.messages`, a VFile whose path is the input.
// Use `inputMessages(set)` to get all of them and `hasFatal(set)` to decide
// whether to stop. Nothing here throws for bad input or calls process.exit.
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { realPathOf } from './confine.ts';
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { displayPath, readCourseFile, readFolder } from './folder.ts';
import type { FolderLayout } from './folder.ts';
import { guardNesting } from './guard.ts';
import { DEFAULT_MAX_BYTES, decodeSource, report } from './normalize.ts';

export type { FolderLayout } from './folder.ts';

export interface ReadOptions {
  /** Per-file size limit in bytes; default 20 MB. */
  maxBytes?: number;
  /** Base for relative paths, and what message paths are relative to; default process.cwd(). */
  cwd?: string;
  /** Container / inline nesting limit of the pre-parse guard; default 100. */
  nestingLimit?: number;
  /** Path given to text input; default `<stdin>`. */
  textPath?: string;
  /**
   * Extra folders course files may resolve into (besides the course folder, or the folder of a
   * single course file); see confine.ts. Relative to `cwd`.
   */
  roots?: string[];
}

export interface InputSet {
  form: 'file' | 'folder' | 'text';
  /** For folders: which layout was recognised; null otherwise. */
  layout: FolderLayout | null;
  /**
   * The course-level file (metadata, parts) when there is one: single-file or
   * text input, or course.md/index.md/README.md in a folder; for mdBook and
   * mkdocs a synthetic empty file carrying `data.meta` (title, author…).
   */
  courseFile: VFile | null;
  /** Chapter files of a folder course, in chapter order. Empty for single-file input. */
  chapterFiles: VFile[];
  /** Messages about the input itself (not found, no Markdown files, listing errors). */
  messages: VFile;
}

/** The files of an input set in course order: input-level messages first, then the course file, then chapters. */
export function inputFiles(set: InputSet): VFile[] {
  return [set.messages, ...(set.courseFile ? [set.courseFile] : []), ...set.chapterFiles];
}

/** All messages of an input set: input-level first, then per file in course order. */
export function inputMessages(set: InputSet): VFileMessage[] {
  return inputFiles(set).flatMap((f) => f.messages);
}

/** Whether any message is an error (`fatal: true`). */
export function hasFatal(set: InputSet): boolean {
  return inputMessages(set).some((m) => m.fatal === true);
}

/** Markdown given as text: normalised and guarded like a file. */
export function readText(text: string, options: ReadOptions = {}): VFile {
  const path = options.textPath ?? '<stdin>';
  const file = decodeSource(new TextEncoder().encode(text), path, options.maxBytes ?? DEFAULT_MAX_BYTES);
  const guarded = guardNesting(String(file.value), path, options.nestingLimit ?? 100);
  file.value = guarded.text;
  file.messages.push(...guarded.messages);
  return file;
}

async function kindOf(path: string): Promise<'file' | 'directory' | 'other' | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other';
  } catch {
    return null;
  }
}

/** Read a course from a file path, a folder path, or Markdown text. */
export async function readInput(input: string, options: ReadOptions = {}): Promise<InputSet> {
  if (typeof input !== 'string') throw new TypeError('readInput: input must be a string');
  const cwd = resolve(options.cwd ?? process.cwd());
  const userRoots = (options.roots ?? []).map((r) => resolve(cwd, r));
  const opts = { ...options, cwd, roots: userRoots };
  const looksLikeText = input.includes('\n');
  const abs = looksLikeText && input.length > 4096 ? null : resolve(cwd, input);
  const kind = abs === null || input === '' ? null : await kindOf(abs);

  if (kind === null && looksLikeText) {
    const file = readText(input, opts);
    return {
      form: 'text',
      layout: null,
      courseFile: file,
      chapterFiles: [],
      messages: new VFile({ path: file.path, value: '' }),
    };
  }

  const shown = abs === null ? input : displayPath(abs, cwd);
  const messages = new VFile({ path: shown || '<input>', value: '' });
  if (kind === null || abs === null) {
    report(messages, {
      reason: input === '' ? 'No input given' : `Input not found: \`${input}\``,
      ruleId: 'input-not-found',
      fatal: true,
      note: `Give the path of a Markdown file or of a folder of chapters (relative paths start at ${cwd}); to pass Markdown text itself, it must contain a newline.`,
    });
    return { form: 'file', layout: null, courseFile: null, chapterFiles: [], messages };
  }
  if (kind === 'other') {
    report(messages, {
      reason: `Not a file or folder: \`${input}\``,
      ruleId: 'input-not-found',
      fatal: true,
      note: 'Give the path of a Markdown file or of a folder of chapters.',
    });
    return { form: 'file', layout: null, courseFile: null, chapterFiles: [], messages };
  }
  if (kind === 'file') {
    // The file named on the command line is read wherever it lives (never under /proc, /sys, /dev).
    const file = await readCourseFile(abs, { ...opts, roots: [dirname(await realPathOf(abs)), ...userRoots] });
    return { form: 'file', layout: null, courseFile: file, chapterFiles: [], messages };
  }
  const folder = await readFolder(abs, { ...opts, roots: [abs, ...userRoots] });
  messages.messages.push(...folder.messages);
  return {
    form: 'folder',
    layout: folder.layout,
    courseFile: folder.courseFile,
    chapterFiles: folder.chapterFiles,
    messages,
  };
}
