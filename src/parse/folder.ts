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
import { LineCounter, isMap, isScalar, isSeq, parse as parseYaml, parseDocument } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { guardNesting } from './guard.ts';
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

const MARKDOWN_EXT = new Set(['.md', '.markdown']);
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

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function isDirectory(path: string): Promise<boolean> {
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

async function readPlain(root: string, options: LoadOptions, layout: FolderLayout = 'plain'): Promise<FolderResult> {
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

// ---- listed chapters (mdBook, mkdocs) ----------------------------------------

interface Listed {
  target: string; // absolute path
  title: string | null;
  level: number;
  part: string | null;
  /** Place of the link in the listing file. */
  file: string;
  line: number;
  column: number;
}

const EXTERNAL = /^[a-z][a-z0-9+.-]*:/i;

async function loadListed(
  layout: FolderLayout,
  listed: Listed[],
  options: LoadOptions,
  messages: VFileMessage[],
): Promise<VFile[]> {
  const seen = new Set<string>();
  const unique: Listed[] = [];
  for (const item of listed) {
    if (seen.has(item.target)) {
      messages.push(
        createMessage(item.file, {
          reason: `\`${displayPath(item.target, options.cwd ?? process.cwd())}\` is listed twice; the second entry is ignored`,
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
          reason: `Chapter file not found: \`${displayPath(item.target, options.cwd ?? process.cwd())}\``,
          ruleId: 'chapter-file-missing',
          line: item.line,
          column: item.column,
          fatal: true,
          note: layout === 'mdbook' ? 'Fix the link in SUMMARY.md (paths are relative to the book’s src folder), or create the file.' : 'Fix the nav entry (paths are relative to docs_dir), or create the file.',
        }),
      );
  });
  const files = await Promise.all(present.map((item) => loadMarkdownFile(item.target, options)));
  files.forEach((file, index) => {
    const item = present[index]!;
    file.data.chapter = {
      order: index + 1,
      orderFrom: layout === 'mdbook' ? 'summary' : 'nav',
      navTitle: item.title,
      navLevel: item.level,
      part: item.part,
    };
  });
  return files;
}

function partsOf(files: VFile[], places: Array<{ title: string; line: number; column: number }>): PartInfo[] {
  return places.map((p) => ({
    title: p.title,
    chapters: files.flatMap((f, i) => (f.data.chapter?.part === p.title ? [i] : [])),
    line: p.line,
    column: p.column,
  }));
}

function syntheticCourseFile(path: string, layout: FolderLayout, meta: Record<string, string>, parts: PartInfo[]): VFile {
  const file = new VFile({ path, value: '' });
  file.data.meta = meta;
  file.data.course = { layout, synthetic: true, parts };
  return file;
}

// ---- mdBook ------------------------------------------------------------------

/** The string and string-array keys of one TOML table (enough for `[book]`). */
export function readTomlTable(text: string, table: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const lines = text.split('\n');
  let inTable = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.startsWith('[')) {
      inTable = line.replace(/\s+/g, '') === `[${table}]`;
      continue;
    }
    if (!inTable || line === '' || line.startsWith('#')) continue;
    const m = /^([A-Za-z0-9_-]+|"[^"]*")\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1]!.replace(/^"|"$/g, '');
    let value = m[2]!;
    if (value.startsWith('[')) {
      // Arrays may span lines: read until the closing bracket.
      while (!/\]\s*(#.*)?$/.test(value) && i + 1 < lines.length) value += ' ' + lines[++i]!.trim();
      const items: string[] = [];
      for (const s of value.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)) items.push(s[1] !== undefined ? unescapeToml(s[1]) : s[2]!);
      out[key] = items;
      continue;
    }
    const s = /^"((?:[^"\\]|\\.)*)"|^'([^']*)'/.exec(value);
    if (s) out[key] = s[1] !== undefined ? unescapeToml(s[1]) : s[2]!;
  }
  return out;
}

function unescapeToml(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, e: string) => {
    if (e[0] === 'u' || e[0] === 'U') return String.fromCodePoint(parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\' } as Record<string, string>)[e] ?? e;
  });
}

async function readMdBook(root: string, options: LoadOptions): Promise<FolderResult> {
  const cwd = options.cwd ?? process.cwd();
  const messages: VFileMessage[] = [];
  const tomlPath = join(root, 'book.toml');
  const toml = await loadMarkdownFile(tomlPath, options, false);
  messages.push(...toml.messages.filter((m) => m.ruleId !== 'empty-input'));
  const book = readTomlTable(String(toml.value), 'book');
  const meta: Record<string, string> = {};
  if (typeof book.title === 'string') meta.title = book.title;
  if (Array.isArray(book.authors) && book.authors.length > 0) meta.author = book.authors.join(', ');
  if (typeof book.description === 'string') meta.description = book.description;
  if (typeof book.language === 'string') meta.language = book.language;
  const srcDir = join(root, typeof book.src === 'string' ? book.src : 'src');
  const summaryPath = join(srcDir, 'SUMMARY.md');
  if (!(await isFile(summaryPath))) {
    messages.push(
      createMessage(displayPath(tomlPath, cwd), {
        reason: `mdBook without \`${displayPath(summaryPath, cwd)}\`: reading the source folder as a plain folder`,
        ruleId: 'mdbook-summary-missing',
        note: 'Add src/SUMMARY.md listing the chapters, or remove book.toml.',
      }),
    );
    const plain = await readPlain((await isDirectory(srcDir)) ? srcDir : root, options, 'mdbook');
    const courseFile = plain.courseFile ?? syntheticCourseFile(displayPath(tomlPath, cwd), 'mdbook', meta, []);
    courseFile.data.meta = { ...meta, ...courseFile.data.meta };
    return { ...plain, courseFile, messages: [...messages, ...plain.messages] };
  }
  const summary = await loadMarkdownFile(summaryPath, options);
  messages.push(...summary.messages);
  const { listed, parts } = parseSummary(String(summary.value), summary.path, srcDir);
  const chapterFiles = await loadListed('mdbook', listed, options, messages);
  const courseFile = syntheticCourseFile(displayPath(tomlPath, cwd), 'mdbook', meta, partsOf(chapterFiles, parts));
  if (chapterFiles.length === 0 && listed.length === 0) {
    messages.push(
      createMessage(summary.path, {
        reason: 'SUMMARY.md lists no chapters',
        ruleId: 'no-markdown-files',
        fatal: true,
        note: 'List the chapters as links: `- [Seeds](seeds.md)`.',
      }),
    );
  }
  return { layout: 'mdbook', courseFile, chapterFiles, messages };
}

/** Links of an mdBook SUMMARY.md in order, with part titles. */
export function parseSummary(text: string, file: string, srcDir: string): { listed: Listed[]; parts: Array<{ title: string; line: number; column: number }> } {
  const listed: Listed[] = [];
  const parts: Array<{ title: string; line: number; column: number }> = [];
  let part: string | null = null;
  let seenTitle = false;
  let inFence = false;
  const indents: number[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) return;
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      if (!seenTitle && listed.length === 0) seenTitle = true; // "# Summary"
      else {
        part = heading[2]!;
        parts.push({ title: part, line: index + 1, column: heading[1]!.length + 2 });
      }
      return;
    }
    const m = /^(\s*)(?:[-*+]\s+)?\[((?:[^\]\\]|\\.)*)\]\(\s*([^)\s]*)(?:\s+"[^"]*")?\s*\)/.exec(line);
    if (!m) return;
    const indent = m[1]!.replace(/\t/g, '    ').length;
    const isItem = /^\s*[-*+]\s/.test(line);
    let level = 0;
    if (isItem) {
      while (indents.length > 0 && indents[indents.length - 1]! > indent) indents.pop();
      if (indents.length === 0 || indents[indents.length - 1]! < indent) indents.push(indent);
      level = indents.length - 1;
    } else indents.length = 0; // prefix / suffix chapters are plain links
    const targetStart = line.indexOf('](', m[1]!.length) + 2;
    const afterParen = line.slice(targetStart);
    const column = targetStart + (afterParen.length - afterParen.trimStart().length) + 1;
    const target = m[3]!;
    if (target === '' || EXTERNAL.test(target)) return; // draft chapter or external link
    const path = decodeURIComponent(target.replace(/[#?].*$/, ''));
    if (!MARKDOWN_EXT.has(extname(path).toLowerCase())) return;
    listed.push({
      target: resolve(srcDir, path),
      title: m[2]!.replace(/\\(.)/g, '$1'),
      level,
      part,
      file,
      line: index + 1,
      column,
    });
  });
  return { listed, parts };
}

// ---- mkdocs ------------------------------------------------------------------

async function readMkdocs(root: string, configPath: string, options: LoadOptions): Promise<FolderResult> {
  const cwd = options.cwd ?? process.cwd();
  const messages: VFileMessage[] = [];
  const config = await loadMarkdownFile(configPath, options, false);
  const shown = config.path;
  messages.push(...config.messages.filter((m) => m.ruleId !== 'empty-input'));
  const lineCounter = new LineCounter();
  const doc = parseDocument(String(config.value), { lineCounter, prettyErrors: false, uniqueKeys: false });
  for (const error of doc.errors) {
    const at = lineCounter.linePos(error.pos[0]);
    messages.push(
      createMessage(shown, {
        reason: `Invalid YAML in ${basename(configPath)}: ${error.message.split('\n')[0]}`,
        ruleId: 'mkdocs-config-invalid',
        line: at.line,
        column: at.col,
        fatal: true,
        note: 'Fix the YAML syntax; coursemap reads site_name, site_author, docs_dir and nav.',
      }),
    );
  }
  const top = doc.contents;
  const get = (key: string): unknown => (isMap(top) ? top.get(key, true) : undefined);
  const str = (key: string): string | null => {
    const node = get(key);
    return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : null;
  };
  const meta: Record<string, string> = {};
  const siteName = str('site_name');
  if (siteName !== null) meta.title = siteName;
  const author = str('site_author');
  if (author !== null) meta.author = author;
  const description = str('site_description');
  if (description !== null) meta.description = description;
  const docsDir = resolve(dirname(configPath), str('docs_dir') ?? 'docs');
  const nav = get('nav');
  if (!isSeq(nav)) {
    const plain = await readPlain(docsDir, options, 'mkdocs');
    const courseFile = plain.courseFile ?? syntheticCourseFile(shown, 'mkdocs', meta, []);
    courseFile.data.meta = { ...meta, ...courseFile.data.meta };
    return { ...plain, courseFile, messages: [...messages, ...plain.messages] };
  }
  const listed: Listed[] = [];
  const parts: Array<{ title: string; line: number; column: number }> = [];
  const place = (node: YamlNode | null | undefined): { line: number; column: number } => {
    const at = node?.range ? lineCounter.linePos(node.range[0]) : { line: 1, col: 1 };
    return { line: at.line, column: at.col };
  };
  const walk = (seq: unknown, level: number, part: string | null): void => {
    if (!isSeq(seq)) return;
    for (const item of seq.items) {
      let title: string | null = null;
      let value: unknown = item;
      if (isMap(item)) {
        const pair = item.items[0];
        if (!pair) continue;
        title = isScalar(pair.key) ? String(pair.key.value) : null;
        value = pair.value;
        if (isSeq(value)) {
          // A section: top-level sections are parts.
          let sectionPart = part;
          if (level === 0 && title !== null) {
            sectionPart = title;
            parts.push({ title, ...place(pair.key as YamlNode) });
          }
          walk(value, level + 1, sectionPart);
          continue;
        }
      }
      if (!isScalar(value) || typeof value.value !== 'string') continue;
      const target = value.value;
      if (EXTERNAL.test(target) || !MARKDOWN_EXT.has(extname(target.replace(/[#?].*$/, '')).toLowerCase())) continue;
      listed.push({ target: resolve(docsDir, target.replace(/[#?].*$/, '')), title, level, part, file: shown, ...place(value) });
    }
  };
  walk(nav, 0, null);
  const chapterFiles = await loadListed('mkdocs', listed, options, messages);
  const courseFile = syntheticCourseFile(shown, 'mkdocs', meta, partsOf(chapterFiles, parts));
  if (listed.length === 0) {
    messages.push(
      createMessage(shown, {
        reason: '`nav:` lists no Markdown pages',
        ruleId: 'no-markdown-files',
        fatal: true,
        ...place(nav),
        note: 'List the chapters under nav, e.g. `- Seeds: seeds.md`.',
      }),
    );
  }
  return { layout: 'mkdocs', courseFile, chapterFiles, messages };
}
