// GitBook / HonKit: a SUMMARY.md at the book's root (or where `.gitbook.yaml` `root:` /
// `structure.summary`, or `book.json` `root`, put it), read by mdBook's parser: `## Part`
// headings are parts, the README.md is the introduction (preface). An entry with entries
// nested under it is a group: at the top level it is a part named by its link text, and its
// page is the part's page when it holds little besides its title (lists of links, at most one
// short paragraph); a page that teaches stays a chapter, the first of its part (see
// model/part-pages.ts).
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { parse as parseYaml } from 'yaml';
import { displayPath, isFile, type FolderResult, type LoadOptions } from '../folder-files.ts';
import { createMessage } from '../normalize.ts';
import { fromSummary } from './mdbook.ts';
import type { Listed, Place } from './listing.ts';

/** The SUMMARY.md of a GitBook rooted at `root`, or null when `root` is not one. */
export async function findGitBookSummary(root: string): Promise<string | null> {
  const gitbook = await readFile(join(root, '.gitbook.yaml'), 'utf8').catch(() => null);
  const book = await readFile(join(root, 'book.json'), 'utf8').catch(() => null);
  let base = root;
  let summary = 'SUMMARY.md';
  try {
    if (gitbook !== null) {
      const data = (parseYaml(gitbook) ?? {}) as { root?: unknown; structure?: { summary?: unknown } };
      if (typeof data.root === 'string') base = resolve(root, data.root);
      if (typeof data.structure?.summary === 'string') summary = data.structure.summary;
    } else if (book !== null) {
      const data = JSON.parse(book) as { root?: unknown };
      if (typeof data.root === 'string') base = resolve(root, data.root);
    }
  } catch {
    // An unreadable config: look for SUMMARY.md at the root.
  }
  const path = join(base, summary);
  if ((gitbook !== null || book !== null) && (await isFile(path))) return path;
  // Without a config: a root SUMMARY.md whose first entry is the README is GitBook's.
  const text = await readFile(join(root, 'SUMMARY.md'), 'utf8').catch(() => null);
  return text !== null && /\]\(\s*(\.\/)?README\.md\s*\)/i.test(text) ? join(root, 'SUMMARY.md') : null;
}

export async function readGitBook(root: string, summaryPath: string, options: LoadOptions): Promise<FolderResult> {
  const messages: VFileMessage[] = [];
  const meta = await bookMeta(root, messages, options.cwd ?? process.cwd());
  const shown = displayPath(summaryPath, options.cwd ?? process.cwd());
  return fromSummary(summaryPath, dirname(summaryPath), shown, meta, options, messages, 'gitbook', (listed, parts) =>
    groups(listed, parts, dirname(summaryPath)),
  );
}

/** The README is the introduction; a top-level entry with nested entries is a part (see above). */
function groups(listed: Listed[], parts: Place[], bookRoot: string): void {
  const declared = parts.length > 0;
  listed.forEach((item, k) => {
    if (
      k === 0 &&
      item.level === 0 &&
      basename(item.target).toLowerCase() === 'readme.md' &&
      dirname(item.target) === bookRoot
    )
      item.role = 'preface';
    const next = listed[k + 1];
    if (item.level !== 0 || !next || next.level <= item.level) return;
    item.role = 'group';
    if (declared || item.title === null) return; // `## Part` headings already make the parts
    parts.push({ title: item.title, line: item.line, column: item.column });
    for (let j = k; j < listed.length && (j === k || listed[j]!.level > 0); j++) listed[j]!.part = item.title;
  });
  parts.sort((a, b) => a.line - b.line);
}

/** Title and author from book.json, when there is one. */
async function bookMeta(root: string, messages: VFileMessage[], cwd: string): Promise<Record<string, string>> {
  const path = join(root, 'book.json');
  const text = await readFile(path, 'utf8').catch(() => null);
  if (text === null) return {};
  try {
    const data = JSON.parse(text) as Record<string, unknown>;
    const meta: Record<string, string> = {};
    for (const key of ['title', 'author', 'description', 'language'] as const)
      if (typeof data[key] === 'string') meta[key] = data[key];
    return meta;
  } catch (error) {
    messages.push(
      createMessage(displayPath(path, cwd), {
        reason: `Invalid JSON in book.json: ${(error as Error).message}`,
        ruleId: 'gitbook-config-invalid',
        fatal: false,
        note: 'The chapters still come from SUMMARY.md; fix book.json to get the title and author.',
      }),
    );
    return {};
  }
}
