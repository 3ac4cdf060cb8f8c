// Plain folder courses: chapter files found by walking the folder, nested to any depth.
//
//   course.md | index.md | README.md   at the top: the course file (title, author, parts)
//   01-intro.md                        a chapter file
//   07-type-conversion/README.md       a folder per chapter: its README.md or index.md,
//   08-loops/loops.md                  or the single .md file in it
//   part-2/README.md + part-2/09-…/    a folder's page first, then what the folder holds
//
// At every level, items are ordered by `chapter:`/`order:`/`number:` in front matter, else by
// the first number in the file or folder name, else alphabetically after the numbered ones
// (`chapter-order-guessed`). Two items with the same number are reported
// (`chapter-order-duplicate`), and so is a gap in the numbers (`chapter-number-gap`). A file
// whose text is identical to an earlier chapter file is reported (`chapter-file-duplicate`,
// with both paths) and kept once.
import { readdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { parse as parseYaml } from 'yaml';
import {
  COURSE_FILE_NAMES,
  displayPath,
  isFile,
  MARKDOWN_EXT,
  readCourseFile,
  type FolderLayout,
  type FolderResult,
  type LoadOptions,
} from './folder-files.ts';
import { createMessage, report } from './normalize.ts';

interface OrderKey {
  value: number;
  from: 'front-matter' | 'file-name';
  line: number;
  column: number;
}

/** A file or folder of one level, with its files (a folder's page first, then its items, in order). */
interface Item {
  name: string;
  key: OrderKey | null;
  files: Array<{ file: VFile; level: number; orderFrom: OrderKey['from'] | 'alphabetical' }>;
}

const MAX_DEPTH = 8;
const SKIPPED_DIRS = new Set(['node_modules', 'book', 'site', '_site', 'out', 'dist']);

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
    const value =
      typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : NaN;
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

async function listDir(dir: string): Promise<{ files: string[]; dirs: string[] }> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  const dirs: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) dirs.push(entry.name);
    } else if (
      MARKDOWN_EXT.has(extname(entry.name).toLowerCase()) &&
      (entry.isFile() || (entry.isSymbolicLink() && (await isFile(path))))
    ) {
      files.push(entry.name);
    }
  }
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return { files: files.sort(byName), dirs: dirs.sort(byName) };
}

const isPageName = (n: string) => COURSE_FILE_NAMES.includes(n.toLowerCase());

export async function readPlain(
  root: string,
  options: LoadOptions,
  layout: FolderLayout = 'plain',
): Promise<FolderResult> {
  const cwd = options.cwd ?? process.cwd();
  const messages: VFileMessage[] = [];
  let top: { files: string[]; dirs: string[] };
  try {
    top = await listDir(root);
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
  let courseName: string | null = null;
  for (const wanted of COURSE_FILE_NAMES) {
    courseName = top.files.find((n) => n.toLowerCase() === wanted) ?? null;
    if (courseName) break;
  }
  const courseFile = courseName ? await readCourseFile(join(root, courseName), options) : null;
  for (const n of top.files) {
    if (n === courseName || !isPageName(n)) continue;
    messages.push(
      createMessage(displayPath(join(root, n), cwd), {
        reason: `Ignored \`${n}\`: \`${courseName}\` is already the course file`,
        ruleId: 'course-file-ignored',
        note: 'Keep one of course.md, index.md or README.md for course metadata and parts, or rename this one to make it a chapter.',
      }),
    );
  }
  const items = await levelItems(
    root,
    top.files.filter((n) => !isPageName(n)),
    top.dirs,
    0,
    options,
  );
  const chapterFiles = dropDuplicates(
    items.flatMap((i) => i.files),
    messages,
  );
  chapterFiles.forEach((c, index) => {
    c.file.data.chapter = { order: index + 1, orderFrom: c.orderFrom, navTitle: null, navLevel: c.level, part: null };
  });
  if (courseFile) courseFile.data.course = { layout, synthetic: false, parts: [], orderFile: null };
  if (!courseFile && chapterFiles.length === 0) {
    messages.push(
      createMessage(displayPath(root, cwd), {
        reason: 'No Markdown files (.md, .markdown) in this folder or its subfolders',
        ruleId: 'no-markdown-files',
        fatal: true,
        note: 'Point coursemap at a Markdown file, or at a folder holding the chapter files or a folder per chapter.',
      }),
    );
  }
  return { layout, courseFile, chapterFiles: chapterFiles.map((c) => c.file), messages };
}

/** The ordered items of one folder level: its chapter files and its subfolders. */
async function levelItems(
  dir: string,
  files: string[],
  dirs: string[],
  level: number,
  options: LoadOptions,
): Promise<Item[]> {
  const fileItems = await Promise.all(
    files.map(async (name): Promise<Item> => {
      const file = await readCourseFile(join(dir, name), options);
      const key = orderKey(name, String(file.value));
      return { name, key, files: [{ file, level, orderFrom: key?.from ?? 'alphabetical' }] };
    }),
  );
  const dirItems =
    level >= MAX_DEPTH ? [] : await Promise.all(dirs.map((name) => folderItem(join(dir, name), level + 1, options)));
  return order([...fileItems, ...dirItems.filter((d): d is Item => d !== null && d.files.length > 0)]);
}

/** A subfolder: its page (README.md / index.md) or single file, then its own items. */
async function folderItem(dir: string, level: number, options: LoadOptions): Promise<Item | null> {
  let listing: { files: string[]; dirs: string[] };
  try {
    listing = await listDir(dir);
  } catch {
    return null; // an unreadable subfolder holds no chapters we could read
  }
  const page = listing.files.find(isPageName) ?? null;
  const rest = listing.files.filter((n) => !isPageName(n));
  const pageFile = page ? await readCourseFile(join(dir, page), options) : null;
  const items = await levelItems(dir, rest, listing.dirs, level, options);
  const files = [
    ...(pageFile ? [{ file: pageFile, level, orderFrom: 'file-name' as const }] : []),
    ...items.flatMap((i) => i.files),
  ];
  const name = basename(dir);
  const key = (pageFile && orderKey('', String(pageFile.value))) ?? orderKey(name, '');
  const orderFrom = key?.from ?? 'alphabetical';
  return { name: `${name}/`, key, files: files.map((f, k) => (k === 0 ? { ...f, orderFrom } : f)) };
}

function orderKey(name: string, text: string): OrderKey | null {
  const fm = frontMatterOrder(text);
  if (fm) return { ...fm, from: 'front-matter' };
  const fromName = fileNameOrder(name);
  return fromName === null ? null : { value: fromName, from: 'file-name', line: 1, column: 1 };
}

/** Numbered items by number (ties by name), then the others alphabetically; ties, gaps and guesses reported. */
function order(items: Item[]): Item[] {
  const keyed = items
    .filter((c) => c.key !== null)
    .sort((a, b) => a.key!.value - b.key!.value || (a.name < b.name ? -1 : 1));
  const unkeyed = items.filter((c) => c.key === null).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (let k = 1; k < keyed.length; k++) {
    const prev = keyed[k - 1]!;
    const cur = keyed[k]!;
    const first = cur.files[0]!.file;
    if (prev.key!.value === cur.key!.value) {
      report(first, {
        reason: `Chapter number ${cur.key!.value} is also used by \`${prev.name}\`; ordered by ${cur.name.endsWith('/') ? 'folder' : 'file'} name`,
        ruleId: 'chapter-order-duplicate',
        line: cur.key!.line,
        column: cur.key!.column,
        note: 'Give each chapter its own number (file name prefix like `03-…`, or `chapter: 3` in front matter).',
      });
    } else if (Number.isInteger(prev.key!.value) && cur.key!.value - prev.key!.value > 1) {
      const missing =
        cur.key!.value - prev.key!.value === 2
          ? `${prev.key!.value + 1}`
          : `${prev.key!.value + 1}–${cur.key!.value - 1}`;
      report(first, {
        reason: `No chapter numbered ${missing} between \`${prev.name}\` and \`${cur.name}\``,
        ruleId: 'chapter-number-gap',
        line: cur.key!.line,
        column: cur.key!.column,
        note: 'Renumber the files, or add the missing chapters.',
      });
    }
  }
  if (items.length > 1) {
    for (const c of unkeyed) {
      report(c.files[0]!.file, {
        reason: `No chapter number for \`${c.name}\`: ordered alphabetically${keyed.length > 0 ? ', after the numbered chapters' : ''}`,
        ruleId: 'chapter-order-guessed',
        note: 'Number the file (`01-intro.md`) or add `chapter: 1` to its YAML front matter.',
      });
    }
  }
  return [...keyed, ...unkeyed];
}

/** Chapter files whose text is identical to an earlier one are reported with both paths and kept once. */
export function dropDuplicates<T extends { file: VFile }>(files: readonly T[], messages: VFileMessage[]): T[] {
  const seen = new Map<string, string>();
  return files.filter(({ file }) => {
    const text = String(file.value);
    const earlier = seen.get(text);
    if (earlier === undefined || text.trim() === '') {
      seen.set(text, file.path);
      return true;
    }
    messages.push(
      createMessage(file.path, {
        reason: `\`${file.path}\` is identical to \`${earlier}\`; kept once`,
        ruleId: 'chapter-file-duplicate',
        note: 'Delete one of the two copies.',
      }),
    );
    return false;
  });
}
