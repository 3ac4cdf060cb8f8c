// Folder courses whose chapter order is listed in a file: mdBook (SUMMARY.md) and mkdocs (nav).
// See folder.ts for the layouts and the data put on the VFiles.
import { basename, dirname, extname, join, resolve } from 'node:path';
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import {
  displayPath, isDirectory, isFile, loadMarkdownFile, MARKDOWN_EXT,
  type FolderLayout, type FolderResult, type LoadOptions, type PartInfo,
} from './folder-files.ts';
import { createMessage } from './normalize.ts';
import { dropDuplicates, readPlain } from './plain.ts';

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
  /** An item of SUMMARY.md's numbered list (not a prefix or suffix chapter). */
  numbered?: boolean;
}

type Place = { title: string; line: number; column: number };

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
  const loaded = await Promise.all(present.map(async (item) => ({ item, file: await loadMarkdownFile(item.target, options) })));
  const kept = dropDuplicates(loaded, messages);
  const files = kept.map((k) => k.file);
  kept.forEach(({ file, item }, index) => {
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

export async function readMdBook(root: string, options: LoadOptions): Promise<FolderResult> {
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
  return fromSummary(summaryPath, srcDir, displayPath(tomlPath, cwd), meta, options, messages);
}

/** An mdBook source folder without book.toml: its SUMMARY.md gives the order; the title comes from the folder's name. */
export async function readSummaryFolder(root: string, summaryPath: string, options: LoadOptions): Promise<FolderResult> {
  const named = /^(src|docs?|book)$/i.test(basename(root)) ? basename(dirname(root)) : basename(root);
  const title = named.replace(/[-_]+/g, ' ').trim();
  const shown = displayPath(summaryPath, options.cwd ?? process.cwd());
  return fromSummary(summaryPath, dirname(summaryPath), shown, title ? { title } : {}, options, []);
}

async function fromSummary(summaryPath: string, srcDir: string, courseShown: string, meta: Record<string, string>, options: LoadOptions, messages: VFileMessage[]): Promise<FolderResult> {
  const summary = await loadMarkdownFile(summaryPath, options);
  messages.push(...summary.messages);
  const { listed, parts, drafts } = parseSummary(String(summary.value), summary.path, srcDir);
  for (const d of drafts) {
    messages.push(createMessage(summary.path, {
      reason: `"${d.title}" is a draft chapter (no file yet), so the course leaves it out`, ruleId: 'chapter-draft',
      line: d.line, column: d.column, fatal: null, note: 'Link it to a file once it is written.',
    }));
  }
  const chapterFiles = await loadListed('mdbook', listed, options, messages);
  const courseFile = syntheticCourseFile(courseShown, 'mdbook', meta, partsOf(chapterFiles, parts));
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
export function parseSummary(text: string, file: string, srcDir: string): { listed: Listed[]; parts: Place[]; drafts: Place[] } {
  const listed: Listed[] = [];
  const drafts: Place[] = [];
  const parts: Place[] = [];
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
    } else {
      indents.length = 0; // prefix / suffix chapters are plain links
      if (listed.some((l) => l.numbered)) part = null; // a suffix chapter belongs to no part
    }
    const targetStart = line.indexOf('](', m[1]!.length) + 2;
    const afterParen = line.slice(targetStart);
    const column = targetStart + (afterParen.length - afterParen.trimStart().length) + 1;
    const target = m[3]!;
    if (target === '') drafts.push({ title: m[2]!.replace(/\\(.)/g, '$1'), line: index + 1, column: line.indexOf('[') + 1 });
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
      numbered: isItem,
    });
  });
  return { listed, parts, drafts };
}

// ---- mkdocs ------------------------------------------------------------------

export async function readMkdocs(root: string, configPath: string, options: LoadOptions): Promise<FolderResult> {
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
