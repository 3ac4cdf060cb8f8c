// The pieces every folder layout shares (plain.ts, layouts/, folder.ts sit above this module):
// the data put on the VFiles, loading one course file, paths as shown in messages.
import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, sep } from 'node:path';
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { toCommonMark } from './dialects.ts';
import { confine } from './confine.ts';
import { guardNesting } from './guard.ts';
import { DEFAULT_MAX_BYTES, decodeSource, report, tooLargeFile } from './normalize.ts';

export type FolderLayout = 'plain' | 'mdbook' | 'mkdocs' | 'quarto' | 'jupyter-book' | 'docusaurus' | 'gitbook';

export interface PartInfo {
  title: string;
  /** 0-based indices into `chapterFiles`. */
  chapters: number[];
  line: number;
  column: number;
}

export interface CourseData {
  layout: FolderLayout;
  synthetic: boolean;
  parts: PartInfo[];
  /** The file that gave the chapter order (as shown in messages), or null when names and front matter did. */
  orderFile: string | null;
}

export interface ChapterData {
  /** 1-based position in `chapterFiles`. */
  order: number;
  orderFrom: 'summary' | 'nav' | 'toc' | 'position' | 'front-matter' | 'file-name' | 'alphabetical';
  navTitle: string | null;
  navLevel: number;
  part: string | null;
  /**
   * What the table of contents says the page is, when it says: the book's preface (Quarto's
   * index.qmd, a Jupyter Book root), an appendix, or the page of a group of pages (GitBook).
   */
  role?: 'preface' | 'appendix' | 'group';
}

declare module 'vfile' {
  interface DataMap {
    meta: Record<string, string>;
    course: CourseData;
    chapter: ChapterData;
    /** Set when the file was not read because it resolves outside the course (confine.ts). */
    refused: true;
  }
}

export interface LoadOptions {
  maxBytes?: number;
  cwd?: string;
  /** Nesting limit for `guardNesting` (default 100). */
  nestingLimit?: number;
  /**
   * Folders course files must resolve inside (symlinks followed); a file outside them is not
   * read (warning `input-outside-root`). Empty or absent: anywhere but /proc, /sys and /dev.
   */
  roots?: string[];
}

export interface FolderResult {
  layout: FolderLayout;
  courseFile: VFile | null;
  chapterFiles: VFile[];
  /** Messages about the folder and its listing (config files, missing chapters…). */
  messages: VFileMessage[];
}

export const MARKDOWN_EXT = new Set(['.md', '.markdown', '.qmd', '.ipynb', '.mdx']);
export const COURSE_FILE_NAMES = ['course.md', 'index.md', 'readme.md', 'index.qmd'];

/** `abs` relative to `cwd` when inside it, else absolute: the path shown in messages. */
export function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  if (rel === '') return '.';
  if (rel.startsWith('..') || isAbsolute(rel)) return abs;
  return rel.split(sep).join('/');
}

/**
 * The one place a course's own files (chapters, course pages, every file a table of contents names)
 * are read: `loadMarkdownFile`, then Quarto, MyST and notebook syntax turned into the Markdown the
 * parser reads (dialects.ts), with what is dropped counted on the file.
 */
export async function readCourseFile(abs: string, options: LoadOptions = {}): Promise<VFile> {
  const file = await loadMarkdownFile(abs, options, false);
  if (file.messages.some((m) => m.fatal === true)) return file;
  toCommonMark(file, extname(abs).toLowerCase());
  const guarded = guardNesting(String(file.value), file.path, options.nestingLimit ?? 100);
  file.value = guarded.text;
  file.messages.push(...guarded.messages);
  return file;
}

/**
 * Read, decode, normalise and (unless `guard` is false, as for config files)
 * nesting-guard one file. Never throws for bad input.
 */
export async function loadMarkdownFile(abs: string, options: LoadOptions = {}, guard = true): Promise<VFile> {
  const cwd = options.cwd ?? process.cwd();
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const shown = displayPath(abs, cwd);
  const confined = await confine(abs, options.roots ?? []);
  if (!confined.ok) return refusedFile(shown, confined.real, confined.reason);
  let bytes: Uint8Array;
  try {
    const info = await stat(abs);
    // Check the size before reading, so a huge file is never loaded.
    if (info.size > maxBytes) return tooLargeFile(shown, info.size, maxBytes);
    bytes = await readFile(abs);
  } catch (error) {
    const file = new VFile({ path: shown, value: '' });
    report(file, {
      reason: `Cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      ruleId: 'input-unreadable',
      fatal: true,
      note: 'Check that the file exists and that you may read it.',
    });
    return file;
  }
  const file = decodeSource(bytes, shown, maxBytes);
  if (!guard) return file;
  const guarded = guardNesting(String(file.value), shown, options.nestingLimit ?? 100);
  file.value = guarded.text;
  file.messages.push(...guarded.messages);
  return file;
}

const systemRoot = (real: string) =>
  ['/proc', '/sys', '/dev'].find((r) => real === r || real.startsWith(`${r}/`)) ?? 'a system folder';

/** An empty file with the warning saying why it was not read; the model leaves it out. */
function refusedFile(shown: string, real: string, reason: 'system' | 'outside'): VFile {
  const file = new VFile({ path: shown, value: '' });
  file.data.refused = true;
  report(file, {
    reason:
      reason === 'system'
        ? `Not read: \`${shown}\` leads into ${systemRoot(real)}, a system folder`
        : `Not read: \`${shown}\` resolves to \`${real}\`, outside the course folder`,
    ruleId: 'input-outside-root',
    note:
      reason === 'system'
        ? 'Files under /proc, /sys and /dev are never course material.'
        : 'A symlink or a table-of-contents entry leads out of the course; copy the file into the course, or name its folder with --root <dir> if you trust it.',
  });
  return file;
}

export async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
