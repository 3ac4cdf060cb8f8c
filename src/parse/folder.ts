// Folder courses: find the chapter files of a directory and their order.
//
// Three layouts are recognised, in this order:
//   - mdBook: `book.toml` (+ `<src>/SUMMARY.md`, src defaults to "src"), or without
//     book.toml a `SUMMARY.md` anywhere in the folder (the shallowest one). Chapter
//     order is the order of SUMMARY.md's links (prefix, numbered and suffix
//     chapters, nested ones included); `# Heading`s after the first one are part
//     titles; draft chapters (`[Title]()`) and external links are skipped.
//   - mkdocs: `mkdocs.yml`/`mkdocs.yaml`, in the folder or its parent, with `nav:` (order of the nav tree;
//     sections become parts) under `docs_dir` (default "docs"). Without `nav:`
//     the docs folder is read as a plain folder.
//   - plain: the `.md`/`.markdown` files of the folder and its subfolders, to
//     any depth (a folder per chapter: `07-loops/README.md`, see plain.ts).
//     `course.md`, `index.md` or `README.md` (first found, case-insensitive) at
//     the top is the course file, never a chapter. Order: `chapter:`/`order:`/
//     `number:` in YAML front matter, else the first number in the file or
//     folder name (`01-intro.md`, `chapter-3.md`), else alphabetical with a
//     `chapter-order-guessed` warning; ties and gaps are reported.
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
//     in SUMMARY.md / nav (null for plain folders); `navLevel` 0 for top level
//     (for plain folders: the folder depth).
// The shared pieces live in folder-files.ts, below this module, plain.ts and layouts/.
import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { isFile, type FolderResult, type LoadOptions } from './folder-files.ts';
import { readMdBook, readSummaryFolder } from './layouts/mdbook.ts';
import { readMkdocs } from './layouts/mkdocs.ts';
import { findQuartoConfig, readQuarto } from './layouts/quarto.ts';
import { findGitBookSummary, readGitBook } from './layouts/gitbook.ts';
import { findDocusaurusDocs, readDocusaurus } from './layouts/docusaurus.ts';
import { findJupyterBookConfig, readJupyterBook } from './layouts/jupyter-book.ts';
import { readPlain } from './plain.ts';

export {
  displayPath,
  readCourseFile,
  type FolderLayout,
  type FolderResult,
  type LoadOptions,
} from './folder-files.ts';
export { fileNameOrder, frontMatterOrder } from './plain.ts';

/** Find and order the chapter files of `dir` (absolute or relative to `options.cwd`). */
export async function readFolder(dir: string, options: LoadOptions = {}): Promise<FolderResult> {
  const cwd = options.cwd ?? process.cwd();
  const root = resolve(cwd, dir);
  if (await isFile(join(root, 'book.toml'))) return readMdBook(root, options);
  const quarto = await findQuartoConfig(root);
  if (quarto) return readQuarto(root, quarto, options);
  const toc = await findJupyterBookConfig(root);
  if (toc) return readJupyterBook(root, toc, options);
  for (const base of [root, dirname(root)]) {
    for (const name of ['mkdocs.yml', 'mkdocs.yaml']) {
      const config = join(base, name);
      // A parent's mkdocs.yml makes the parent the course root (its config is read from there).
      if ((await isFile(config)) && (base === root || (await docsDirOf(config)) === root))
        return readMkdocs(config, { ...options, roots: [...(options.roots ?? []), base] });
    }
  }
  const gitbook = await findGitBookSummary(root);
  if (gitbook) return readGitBook(root, gitbook, options);
  const docs = await findDocusaurusDocs(root);
  if (docs) return readDocusaurus(docs, options);
  const summary = await findSummary(root, 3);
  if (summary) return readSummaryFolder(root, summary, options);
  return readPlain(root, options);
}

/** The folder an mkdocs.yml reads its pages from (`docs_dir`, default "docs"): a parent's config applies only to it. */
async function docsDirOf(config: string): Promise<string> {
  const text = await readFile(config, 'utf8').catch(() => '');
  const m = /^docs_dir\s*:\s*["']?([^"'#\n]+?)["']?\s*(?:#.*)?$/m.exec(text);
  return resolve(dirname(config), m?.[1]?.trim() || 'docs');
}

/** The shallowest SUMMARY.md in `dir` (breadth-first, `depth` levels down), or null. */
async function findSummary(dir: string, depth: number): Promise<string | null> {
  let level = [dir];
  for (let d = 0; d <= depth && level.length > 0; d++) {
    const next: string[] = [];
    for (const folder of level) {
      let entries: Dirent[];
      try {
        entries = await readdir(folder, { withFileTypes: true });
      } catch {
        continue;
      }
      const found = entries.find((e) => e.name === 'SUMMARY.md' && !e.isDirectory());
      if (found) return join(folder, found.name);
      for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') next.push(join(folder, e.name));
      }
    }
    level = next;
  }
  return null;
}
