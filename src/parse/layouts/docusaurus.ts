// Docusaurus docs: the folder tree is the sidebar. A folder's `_category_.json` / `_category_.yml`
// gives its `label` and `position`; a page's front matter gives `sidebar_position` (and `title`,
// which the model reads). Items are ordered by position, then by name (numbers in names compare
// as numbers). Top-level folders are parts. `sidebars.js` is code and is never evaluated: when it
// exists and no position is given, a message says the order is the name order.
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { parse as parseYaml } from 'yaml';
import {
  displayPath,
  isDirectory,
  isFile,
  readCourseFile,
  type FolderResult,
  type LoadOptions,
} from '../folder-files.ts';
import { createMessage } from '../normalize.ts';
import { dropDuplicates } from '../plain.ts';
import { partsOf, syntheticCourseFile, type Place } from './listing.ts';

const PAGES = new Set(['.md', '.mdx']);
const CONFIGS = ['docusaurus.config.js', 'docusaurus.config.ts', 'docusaurus.config.mjs', 'docusaurus.config.cjs'];
const SKIPPED = new Set(['node_modules', 'build', 'static', 'src', 'blog', 'i18n']);

interface Item {
  name: string;
  position: number | null;
  files: Array<{ file: VFile; level: number; part: string | null }>;
}

/** The docs folder of a Docusaurus site given as `root` (the site or its docs folder), or null. */
export async function findDocusaurusDocs(root: string): Promise<string | null> {
  for (const name of CONFIGS) {
    if (await isFile(join(root, name))) return (await isDirectory(join(root, 'docs'))) ? join(root, 'docs') : root;
    if (await isFile(join(dirname(root), name))) return root;
  }
  return (await hasCategory(root, 2)) ? root : null;
}

async function hasCategory(dir: string, depth: number): Promise<boolean> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  if (entries.some((e) => /^_category_\.(json|ya?ml)$/.test(e.name))) return true;
  if (depth === 0) return false;
  for (const e of entries)
    if (
      e.isDirectory() &&
      !e.name.startsWith('.') &&
      !SKIPPED.has(e.name) &&
      (await hasCategory(join(dir, e.name), depth - 1))
    )
      return true;
  return false;
}

export async function readDocusaurus(docs: string, options: LoadOptions): Promise<FolderResult> {
  const cwd = options.cwd ?? process.cwd();
  const messages: VFileMessage[] = [];
  const parts: Place[] = [];
  let positioned = 0;
  const walk = async (dir: string, level: number, part: string | null): Promise<Item[]> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    const items: Item[] = [];
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name.startsWith('_')) continue;
      const path = join(dir, e.name);
      if (e.isDirectory() && !SKIPPED.has(e.name) && level < 8) {
        const category = await readCategory(path);
        const label = category.label ?? e.name.replace(/^\d+[-_.\s]*/, '').replace(/[-_]+/g, ' ');
        if (category.position !== null) positioned++;
        const inPart = level === 0 ? label : part;
        if (level === 0) parts.push({ title: label, line: 1, column: 1 });
        const inner = await walk(path, level + 1, inPart);
        items.push({ name: e.name, position: category.position, files: inner.flatMap((i) => i.files) });
      } else if (e.isFile() && PAGES.has(extname(e.name).toLowerCase())) {
        const file = await readCourseFile(path, options);
        const position = frontMatterNumber(String(file.value), 'sidebar_position');
        if (position !== null) positioned++;
        // A category's own page (index, README, or named after its folder) comes first.
        const stem = basename(e.name, extname(e.name)).toLowerCase();
        const isIndex = level > 0 && (stem === 'index' || stem === 'readme' || stem === basename(dir).toLowerCase());
        items.push({ name: e.name, position: isIndex ? -Infinity : position, files: [{ file, level, part }] });
      }
    }
    return items.sort(byPosition);
  };
  const items = await walk(docs, 0, null);
  const kept = dropDuplicates(
    items.flatMap((i) => i.files),
    messages,
  );
  kept.forEach(({ file, level, part }, index) => {
    file.data.chapter = {
      order: index + 1,
      orderFrom: positioned > 0 ? 'position' : 'file-name',
      navTitle: null,
      navLevel: level,
      part,
    };
  });
  const chapterFiles = kept.map((k) => k.file);
  const shown = displayPath(docs, cwd);
  if (positioned === 0) messages.push(...(await sidebarNotRead(docs, cwd)));
  const meta = await siteMeta(dirname(docs));
  const courseFile = syntheticCourseFile(
    shown,
    'docusaurus',
    meta,
    partsOf(
      chapterFiles,
      parts.filter((p) => chapterFiles.some((f) => f.data.chapter?.part === p.title)),
    ),
    null,
  );
  if (chapterFiles.length === 0) {
    messages.push(
      createMessage(shown, {
        reason: 'No Markdown pages (.md, .mdx) in the docs folder',
        ruleId: 'no-markdown-files',
        fatal: true,
        note: 'Point coursemap at the site or at its docs folder.',
      }),
    );
  }
  return { layout: 'docusaurus', courseFile, chapterFiles, messages };
}

/** Without any position, the order is the name order: said when the site's sidebar is code (never run). */
async function sidebarNotRead(docs: string, cwd: string): Promise<VFileMessage[]> {
  const sidebars = ['sidebars.js', 'sidebars.ts'].map((n) => join(dirname(docs), n));
  const sidebar = (await Promise.all(sidebars.map(isFile))).findIndex(Boolean);
  if (sidebar === -1) return [];
  return [
    createMessage(displayPath(sidebars[sidebar]!, cwd), {
      reason: 'The sidebar is defined in code, which coursemap never runs: chapters are in file-name order',
      ruleId: 'sidebar-not-read',
      fatal: false,
      note: 'Give the pages `sidebar_position:` in their front matter, or the folders a `_category_.json` with `position`.',
    }),
  ];
}

const collator = new Intl.Collator('en', { numeric: true });

function byPosition(a: Item, b: Item): number {
  if (a.position !== null && b.position !== null && a.position !== b.position) return a.position - b.position;
  if ((a.position === null) !== (b.position === null)) return a.position === null ? 1 : -1;
  return collator.compare(a.name, b.name);
}

async function readCategory(dir: string): Promise<{ label: string | null; position: number | null }> {
  for (const name of ['_category_.json', '_category_.yml', '_category_.yaml']) {
    const text = await readFile(join(dir, name), 'utf8').catch(() => null);
    if (text === null) continue;
    let data: unknown;
    try {
      data = name.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
    } catch {
      return { label: null, position: null };
    }
    const record = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
    return {
      label: typeof record['label'] === 'string' ? record['label'] : null,
      position: typeof record['position'] === 'number' ? record['position'] : null,
    };
  }
  return { label: null, position: null };
}

function frontMatterNumber(text: string, key: string): number | null {
  const front = /^---\n([\s\S]*?)\n---/.exec(text)?.[1];
  const m = front ? new RegExp(`^${key}:[ \\t]*["']?(-?\\d+(?:\\.\\d+)?)["']?[ \\t]*$`, 'm').exec(front) : null;
  return m ? Number(m[1]) : null;
}

/** The site title from docusaurus.config.* without running it: the first `title: '…'`. */
async function siteMeta(site: string): Promise<Record<string, string>> {
  for (const name of CONFIGS) {
    const text = await readFile(join(site, name), 'utf8').catch(() => null);
    const title = text && /^\s*title:\s*(['"`])(.+?)\1/m.exec(text)?.[2];
    if (title) return { title };
  }
  return {};
}
