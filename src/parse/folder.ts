// Folder courses: find the chapter files of a directory and their order.
//
// Three layouts are recognised, in this order:
//   - mdBook: `book.toml` (+ `<src>/SUMMARY.md`, src defaults to "src"). Chapter
//     order is the order of SUMMARY.md's links (prefix, numbered and suffix
//     chapters, nested ones included); `# Heading`s after the first one are part
//     titles; draft chapters (`[Title]()`) and external links are skipped.
//   - mkdocs: `mkdocs.yml`/`mkdocs.yaml` with `nav:` (order of the nav tree;
//     sections become parts) under `docs_dir` (default "docs"). Without `nav:`
//     the docs folder is read as a plain folder.
//   - plain: the `.md`/`.markdown` files directly in the folder. `course.md`,
//     `index.md` or `README.md` (first found, case-insensitive) is the course
//     file, never a chapter. Order: `chapter:`/`order:`/`number:` in YAML front
//     matter, else the first number in the file name (`01-intro.md`,
//     `chapter-3.md`), else alphabetical with a `chapter-order-guessed` warning.
// Other files are ignored. For mdBook and mkdocs the listing is authoritative,
// so a listed index.md/README.md is a chapter like any other page.
//
// Data put on the VFiles (see the DataMap augmentation below):
//   courseFile.data.meta: Record<string, string> — metadata found outside
//     Markdown: `title`, `author` (authors joined with ", "), `description`,
//     `language` (book.toml [book]; mkdocs site_name, site_author,
//     site_description). Absent for plain folders.
//   courseFile.data.course: { layout, synthetic, parts } — `synthetic: true`
//     when no Markdown course file exists (then value is "" and path is the
//     config file, book.toml or mkdocs.yml); `parts` lists part titles with the
//     0-based indices (into chapterFiles) of their chapters and the place of
//     the title in SUMMARY.md / mkdocs.yml.
//   chapterFile.data.chapter: { order, orderFrom, navTitle, navLevel, part } —
//     `order` is the 1-based position in chapterFiles; `navTitle` the link text
//     in SUMMARY.md / nav (null for plain folders); `navLevel` 0 for top level.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { parse as parseYaml } from 'yaml';
import { guardNesting } from './guard.ts';
import { readMdBook, readMkdocs } from './listed.ts';
import { DEFAULT_MAX_BYTES, createMessage, decodeSource, report, tooLargeFile } from './normalize.ts';

export type FolderLayout = 'plain' | 'mdbook' | 'mkdocs';

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
}

export interface ChapterData {
  /** 1-based position in `chapterFiles`. */
  order: number;
  orderFrom: 'summary' | 'nav' | 'front-matter' | 'file-name' | 'alphabetical';
  navTitle: string | null;
  navLevel: number;
  part: string | null;
}

declare module 'vfile' {
  interface DataMap {
    meta: Record<string, string>;
    course: CourseData;
    chapter: ChapterData;
  }
}

export interface LoadOptions {
  maxBytes?: number;
  cwd?: string;
  /** Nesting limit for `guardNesting` (default 100). */
  nestingLimit?: number;
}

export interface FolderResult {
  layout: FolderLayout;
  courseFile: VFile | null;
  chapterFiles: VFile[];
  /** Messages about the folder and its listing (config files, missing chapters…). */
  messages: VFileMessage[];
}

export const MARKDOWN_EXT = new Set(['.md', '.markdown']);
const COURSE_FILE_NAMES = ['course.md', 'index.md', 'readme.md'];

/** `abs` relative to `cwd` when inside it, else absolute: the path shown in messages. */
export function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  if (rel === '') return '.';
  if (rel.startsWith('..') || isAbsolute(rel)) return abs;
  return rel.split(sep).join('/');
}

/**
 * Read, decode, normalise and (unless `guard` is false, as for config files)
 * nesting-guard one file. Never throws for bad input.
 */
export async function loadMarkdownFile(abs: string, options: LoadOptions = {}, guard = true): Promise<VFile> {
  const cwd = options.cwd ?? process.cwd();
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const shown = displayPath(abs, cwd);
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

/** Find and order the chapter files of `dir` (absolute or relative to `options.cwd`). */
export async function readFolder(dir: string, options: LoadOptions = {}): Promise<FolderResult> {
  const cwd = options.cwd ?? process.cwd();
  const root = resolve(cwd, dir);
  if (await isFile(join(root, 'book.toml'))) return readMdBook(root, options);
  for (const name of ['mkdocs.yml', 'mkdocs.yaml']) {
    if (await isFile(join(root, name))) return readMkdocs(root, join(root, name), options);
  }
  return readPlain(root, options);
}

// ---- plain folders --------------------------------------------------------

interface OrderKey {
  value: number;
  from: 'front-matter' | 'file-name';
  line: number;
  column: number;
}

/** `chapter:`/`order:`/`number:` from YAML front matter, with the line of the key. */
export function frontMatterOrder(text: string): { value: number; line: number; column: number } | null {
  if (!text.startsWith('---\n')) return null;
  const end = text.indexOf('\n---', 3);
  if (end === -1) return null;
  const yamlText = text.slice(4, end + 1);
  let data: unknown;
  try {
    data = parseYaml(yamlText);
  } catch {
    return null; // reported by the front-matter stage, not here
  }
  if (typeof data !== 'object' || data === null) return null;
  const record = data as Record<string, unknown>;
  for (const key of ['chapter', 'order', 'number']) {
    const raw = record[key];
    const value = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isFinite(value)) continue;
    const lines = yamlText.split('\n');
    const index = lines.findIndex((l) => new RegExp(`^${key}\\s*:`).test(l));
    return { value, line: index === -1 ? 1 : index + 2, column: 1 };
  }
  return null;
}

/** First number in a file name: `01-intro.md` → 1, `chapter-3.md` → 3. */
export function fileNameOrder(name: string): number | null {
  const m = /\d+/.exec(name);
  return m ? Number(m[0]) : null;
}

export async function readPlain(root: string, options: LoadOptions, layout: FolderLayout = 'plain'): Promise<FolderResult> {
  const cwd = options.cwd ?? process.cwd();
  const messages: VFileMessage[] = [];
  let names: string[];
  try {
    const entries = await readdir(root, { withFileTypes: true });
    names = [];
    for (const entry of entries) {
      if (!MARKDOWN_EXT.has(extname(entry.name).toLowerCase())) continue;
      if (entry.isFile() || (entry.isSymbolicLink() && (await isFile(join(root, entry.name))))) names.push(entry.name);
    }
  } catch (error) {
    messages.push(
      createMessage(displayPath(root, cwd), {
        reason: `Cannot read folder: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
        ruleId: 'input-unreadable',
        fatal: true,
        note: 'Check that the folder exists and that you may read it.',
      }),
    );
    return { layout, courseFile: null, chapterFiles: [], messages };
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  let courseName: string | null = null;
  for (const wanted of COURSE_FILE_NAMES) {
    courseName = names.find((n) => n.toLowerCase() === wanted) ?? null;
    if (courseName) break;
  }
  const courseFile = courseName ? await loadMarkdownFile(join(root, courseName), options) : null;
  const chapterNames = names.filter((n) => n !== courseName && !COURSE_FILE_NAMES.includes(n.toLowerCase()));
  for (const n of names) {
    if (n !== courseName && COURSE_FILE_NAMES.includes(n.toLowerCase())) {
      messages.push(
        createMessage(displayPath(join(root, n), cwd), {
          reason: `Ignored \`${n}\`: \`${courseName}\` is already the course file`,
          ruleId: 'course-file-ignored',
          note: 'Keep one of course.md, index.md or README.md for course metadata and parts, or rename this one to make it a chapter.',
        }),
      );
    }
  }

  const loaded = await Promise.all(
    chapterNames.map(async (name) => {
      const file = await loadMarkdownFile(join(root, name), options);
      const fm = frontMatterOrder(String(file.value));
      const fromName = fileNameOrder(name);
      const key: OrderKey | null = fm
        ? { ...fm, from: 'front-matter' }
        : fromName !== null
          ? { value: fromName, from: 'file-name', line: 1, column: 1 }
          : null;
      return { name, file, key };
    }),
  );
  const keyed = loaded.filter((c) => c.key !== null).sort((a, b) => a.key!.value - b.key!.value || (a.name < b.name ? -1 : 1));
  const unkeyed = loaded.filter((c) => c.key === null);
  for (let k = 1; k < keyed.length; k++) {
    const prev = keyed[k - 1]!;
    const cur = keyed[k]!;
    if (prev.key!.value === cur.key!.value) {
      report(cur.file, {
        reason: `Chapter number ${cur.key!.value} is also used by \`${prev.name}\`; ordered by file name`,
        ruleId: 'chapter-order-duplicate',
        line: cur.key!.line,
        column: cur.key!.column,
        note: 'Give each chapter its own number (file name prefix like `03-…`, or `chapter: 3` in front matter).',
      });
    }
  }
  if (loaded.length > 1) {
    for (const c of unkeyed) {
      report(c.file, {
        reason: `No chapter number for \`${c.name}\`: ordered alphabetically${keyed.length > 0 ? ', after the numbered chapters' : ''}`,
        ruleId: 'chapter-order-guessed',
        note: 'Number the file (`01-intro.md`) or add `chapter: 1` to its YAML front matter.',
      });
    }
  }
  const ordered = [...keyed, ...unkeyed];
  const chapterFiles = ordered.map((c, index) => {
    c.file.data.chapter = {
      order: index + 1,
      orderFrom: c.key ? c.key.from : 'alphabetical',
      navTitle: null,
      navLevel: 0,
      part: null,
    };
    return c.file;
  });
  if (courseFile) courseFile.data.course = { layout, synthetic: false, parts: [] };
  if (!courseFile && chapterFiles.length === 0) {
    messages.push(
      createMessage(displayPath(root, cwd), {
        reason: 'No Markdown files (.md, .markdown) in this folder',
        ruleId: 'no-markdown-files',
        fatal: true,
        note: 'Point coursemap at a Markdown file, or at a folder holding the chapter files (subfolders are not searched).',
      }),
    );
  }
  return { layout, courseFile, chapterFiles, messages };
}
