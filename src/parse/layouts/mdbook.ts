// mdBook: `book.toml` (+ `<src>/SUMMARY.md`), or a SUMMARY.md without book.toml. Chapter order is
// the order of SUMMARY.md's links; `# Heading`s after the first are part titles; draft chapters
// (`[Title]()`) are named in a message. GitBook's SUMMARY.md (gitbook.ts) is read by the same parser.
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { VFileMessage } from 'vfile-message';
import {
  displayPath,
  isDirectory,
  isFile,
  loadMarkdownFile,
  MARKDOWN_EXT,
  type FolderResult,
  type LoadOptions,
} from '../folder-files.ts';
import { createMessage } from '../normalize.ts';
import { asPlainFolder, EXTERNAL, listedCourse, type Listed, type Place } from './listing.ts';

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
      for (const s of value.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g))
        items.push(s[1] !== undefined ? unescapeToml(s[1]) : s[2]!);
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
    const dir = (await isDirectory(srcDir)) ? srcDir : root;
    return asPlainFolder(dir, 'mdbook', displayPath(tomlPath, cwd), meta, options, messages);
  }
  return fromSummary(summaryPath, srcDir, displayPath(tomlPath, cwd), meta, options, messages);
}

/** An mdBook source folder without book.toml: its SUMMARY.md gives the order; the title comes from the folder's name. */
export async function readSummaryFolder(
  root: string,
  summaryPath: string,
  options: LoadOptions,
): Promise<FolderResult> {
  const named = /^(src|docs?|book)$/i.test(basename(root)) ? basename(dirname(root)) : basename(root);
  const title = named.replace(/[-_]+/g, ' ').trim();
  const shown = displayPath(summaryPath, options.cwd ?? process.cwd());
  return fromSummary(summaryPath, dirname(summaryPath), shown, title ? { title } : {}, options, []);
}

/** How a layout reads SUMMARY.md's entries beyond their order (GitBook: groups and the README). */
export type SummaryAdjust = (listed: Listed[], parts: Place[]) => void;

export async function fromSummary(
  summaryPath: string,
  srcDir: string,
  courseShown: string,
  meta: Record<string, string>,
  options: LoadOptions,
  messages: VFileMessage[],
  layout: 'mdbook' | 'gitbook' = 'mdbook',
  adjust?: SummaryAdjust,
): Promise<FolderResult> {
  const summary = await loadMarkdownFile(summaryPath, options);
  messages.push(...summary.messages);
  const { listed, parts, drafts } = parseSummary(String(summary.value), summary.path, srcDir);
  adjust?.(listed, parts);
  for (const d of drafts) {
    messages.push(
      createMessage(summary.path, {
        reason: `"${d.title}" is a draft chapter (no file yet), so the course leaves it out`,
        ruleId: 'chapter-draft',
        line: d.line,
        column: d.column,
        fatal: null,
        note: 'Link it to a file once it is written.',
      }),
    );
  }
  return listedCourse(
    {
      layout,
      orderFrom: 'summary',
      shown: courseShown,
      orderFile: summary.path,
      meta,
      listed,
      parts,
      fixHint: 'Fix the link in SUMMARY.md (paths are relative to the book’s src folder), or create the file.',
      empty: {
        when: 'nothing-listed',
        reason: 'SUMMARY.md lists no chapters',
        note: 'List the chapters as links: `- [Seeds](seeds.md)`.',
      },
    },
    options,
    messages,
  );
}

/** Links of an mdBook SUMMARY.md in order, with part titles. */
export function parseSummary(
  text: string,
  file: string,
  srcDir: string,
): { listed: Listed[]; parts: Place[]; drafts: Place[] } {
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
      if (!seenTitle && listed.length === 0)
        seenTitle = true; // "# Summary"
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
    if (target === '')
      drafts.push({ title: m[2]!.replace(/\\(.)/g, '$1'), line: index + 1, column: line.indexOf('[') + 1 });
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
