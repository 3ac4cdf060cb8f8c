// What every table-of-contents layout shares (mdbook.ts, mkdocs.ts, quarto.ts, jupyter-book.ts,
// gitbook.ts, docusaurus.ts sit above this module): the entries a table of contents lists, loading
// them in order (duplicates and missing files reported, the rest kept), parts, the course file,
// and the two ways a layout ends: its listed course (listedCourse) or, with nothing listed, its
// folder read as a plain folder (asPlainFolder).
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import {
  displayPath,
  isFile,
  readCourseFile,
  type ChapterData,
  type FolderLayout,
  type FolderResult,
  type LoadOptions,
  type PartInfo,
} from '../folder-files.ts';
import { createMessage } from '../normalize.ts';
import { dropDuplicates, readPlain } from '../plain.ts';

/** One chapter file a table of contents names. */
export interface Listed {
  target: string; // absolute path
  title: string | null;
  level: number;
  part: string | null;
  /** Place of the entry in the listing file (as shown in messages). */
  file: string;
  line: number;
  column: number;
  /** An item of SUMMARY.md's numbered list (not a prefix or suffix chapter). */
  numbered?: boolean;
  role?: ChapterData['role'];
}

export type Place = { title: string; line: number; column: number };

export const EXTERNAL = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Loads the listed files in order. A file listed twice is kept once and a missing one is a
 * warning with its path: the rest of the course still builds. Every file goes through
 * `readCourseFile`, the one place chapter files are read.
 */
export async function loadListed(
  orderFrom: ChapterData['orderFrom'],
  listed: Listed[],
  options: LoadOptions,
  messages: VFileMessage[],
  fixHint: string,
): Promise<VFile[]> {
  const cwd = options.cwd ?? process.cwd();
  const seen = new Set<string>();
  const unique: Listed[] = [];
  for (const item of listed) {
    if (seen.has(item.target)) {
      messages.push(
        createMessage(item.file, {
          reason: `\`${displayPath(item.target, cwd)}\` is listed twice; the second entry is ignored`,
          ruleId: 'chapter-listed-twice',
          line: item.line,
          column: item.column,
          note: 'Remove the duplicate entry.',
        }),
      );
      continue;
    }
    seen.add(item.target);
    unique.push(item);
  }
  const exists = await Promise.all(unique.map((item) => isFile(item.target)));
  const present: Listed[] = [];
  unique.forEach((item, k) => {
    if (exists[k]) present.push(item);
    else
      messages.push(
        createMessage(item.file, {
          reason: `Chapter file not found: \`${displayPath(item.target, cwd)}\`; the course is built without it`,
          ruleId: 'chapter-file-missing',
          line: item.line,
          column: item.column,
          fatal: false,
          note: fixHint,
        }),
      );
  });
  const loaded = await Promise.all(
    present.map(async (item) => ({ item, file: await readCourseFile(item.target, options) })),
  );
  const kept = dropDuplicates(loaded, messages);
  kept.forEach(({ file, item }, index) => {
    file.data.chapter = {
      order: index + 1,
      orderFrom,
      navTitle: item.title,
      navLevel: item.level,
      part: item.part,
      ...(item.role ? { role: item.role } : {}),
    };
  });
  return kept.map((k) => k.file);
}

export function partsOf(files: VFile[], places: readonly Place[]): PartInfo[] {
  return places.map((p) => ({
    title: p.title,
    chapters: files.flatMap((f, i) => (f.data.chapter?.part === p.title ? [i] : [])),
    line: p.line,
    column: p.column,
  }));
}

/** The course file of a listed layout: empty, carrying the metadata, the parts and the file that gave the order. */
export function syntheticCourseFile(
  path: string,
  layout: FolderLayout,
  meta: Record<string, string>,
  parts: PartInfo[],
  orderFile: string | null = path,
): VFile {
  const file = new VFile({ path, value: '' });
  file.data.meta = meta;
  file.data.course = { layout, synthetic: true, parts, orderFile };
  return file;
}

/** "No chapters listed": fatal, since nothing can be built. */
export function nothingListed(
  file: string,
  reason: string,
  note: string,
  at: { line: number; column: number } = { line: 1, column: 1 },
): VFileMessage {
  return createMessage(file, { reason, ruleId: 'no-markdown-files', fatal: true, ...at, note });
}

/** A page's title as a table of contents shows it: front matter `title:`, else its first `#` heading; null when neither. */
export async function pageTitle(abs: string, options: LoadOptions): Promise<string | null> {
  if (!(await isFile(abs))) return null;
  const text = String((await readCourseFile(abs, options)).value);
  const front = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
  const title = /^title:[ \t]*["']?(.*?)["']?[ \t]*$/m.exec(front)?.[1];
  return title || (/^#[ \t]+(.+?)[ \t#]*$/m.exec(text.slice(front.length))?.[1] ?? null);
}

/** How a listed layout ends: what it read from its table of contents and what to say when it lists nothing. */
export interface ListedCourse {
  layout: FolderLayout;
  orderFrom: ChapterData['orderFrom'];
  /** The course file's path as shown in messages (the layout's config). */
  shown: string;
  /** The file that gave the order, where "nothing listed" points (default: `shown`). */
  orderFile?: string;
  meta: Record<string, string>;
  listed: Listed[];
  parts: readonly Place[];
  /** The hint of a missing chapter's warning. */
  fixHint: string;
  /** The fatal message when no chapter is left: when nothing was listed, or nothing listed exists. */
  empty: {
    when: 'nothing-listed' | 'nothing-loaded';
    reason: string;
    note: string;
    at?: { line: number; column: number };
  };
}

/** Loads a layout's listed chapters in order and makes its course file; fatal when no chapter is left. */
export async function listedCourse(
  c: ListedCourse,
  options: LoadOptions,
  messages: VFileMessage[],
): Promise<FolderResult> {
  const chapterFiles = await loadListed(c.orderFrom, c.listed, options, messages, c.fixHint);
  const orderFile = c.orderFile ?? c.shown;
  const courseFile = syntheticCourseFile(c.shown, c.layout, c.meta, partsOf(chapterFiles, c.parts), orderFile);
  if ((c.empty.when === 'nothing-listed' ? c.listed : chapterFiles).length === 0)
    messages.push(nothingListed(orderFile, c.empty.reason, c.empty.note, c.empty.at));
  return { layout: c.layout, courseFile, chapterFiles, messages };
}

/**
 * A layout whose config lists no chapters: `dir` read as a plain folder, under the metadata the
 * config gave (the folder's own course file wins where both say something).
 */
export async function asPlainFolder(
  dir: string,
  layout: FolderLayout,
  shown: string,
  meta: Record<string, string>,
  options: LoadOptions,
  messages: VFileMessage[],
): Promise<FolderResult> {
  const plain = await readPlain(dir, options, layout);
  const courseFile = plain.courseFile ?? syntheticCourseFile(shown, layout, meta, [], null);
  courseFile.data.meta = { ...meta, ...courseFile.data.meta };
  return { ...plain, courseFile, messages: [...messages, ...plain.messages] };
}
