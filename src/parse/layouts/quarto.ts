// Quarto: `_quarto.yml` (or `_quarto.yaml`). A book lists its chapters under `book.chapters`
// (plain paths, and `part:` entries whose title is a string or a page, holding `chapters:`)
// and `book.appendices`; a website lists them under `website.sidebar.contents` (paths,
// `href:`/`text:` entries, `section:` groups with `contents:`). index.qmd is the preface.
import { dirname, extname, join, resolve } from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { isFile, type FolderResult, type LoadOptions } from '../folder-files.ts';
import { asPlainFolder, EXTERNAL, listedCourse, pageTitle, type Listed, type Place } from './listing.ts';
import { isMap, readYamlConfig, type YamlConfig, yget, yitems, ystr } from './yaml-config.ts';

const READABLE = new Set(['.qmd', '.md', '.markdown', '.ipynb']);

export async function findQuartoConfig(root: string): Promise<string | null> {
  for (const name of ['_quarto.yml', '_quarto.yaml']) if (await isFile(join(root, name))) return join(root, name);
  return null;
}

export async function readQuarto(root: string, configPath: string, options: LoadOptions): Promise<FolderResult> {
  const messages: VFileMessage[] = [];
  const config = await readYamlConfig(
    configPath,
    options,
    messages,
    'quarto-config-invalid',
    'Fix the YAML syntax; coursemap reads book.title, book.author, book.chapters, book.appendices and website.sidebar.contents.',
  );
  const book = yget(config.root, 'book');
  const meta = quartoMeta(config);
  const listed: Listed[] = [];
  const parts: Place[] = [];
  const base = dirname(configPath);
  const entry = (
    node: unknown,
    part: string | null,
    level: number,
    title: string | null = null,
    role?: Listed['role'],
  ): void => {
    const href = ystr(node) ?? ystr(yget(node, 'href')) ?? ystr(yget(node, 'file'));
    if (!href || EXTERNAL.test(href) || !READABLE.has(extname(href).toLowerCase())) return;
    const target = resolve(base, href);
    const isIndex = /^index\.(qmd|md|ipynb)$/i.test(href.replace(/^\.\//, ''));
    const r = role ?? (isIndex && level === 0 && part === null ? 'preface' : undefined);
    listed.push({
      target,
      title: title ?? ystr(yget(node, 'text')),
      level,
      part,
      file: config.shown,
      ...config.place(node),
      ...(r ? { role: r } : {}),
    });
  };
  const walk = async (items: unknown[], part: string | null, level: number): Promise<void> => {
    for (const item of items) {
      const partNode = yget(item, 'part') ?? yget(item, 'section');
      if (isMap(item) && partNode !== undefined) {
        const named = ystr(partNode) ?? '';
        const isPage = READABLE.has(extname(named).toLowerCase());
        // A part given as a page: the page opens the part, and its title names it.
        const partTitle = isPage ? ((await pageTitle(resolve(base, named), options)) ?? named) : named;
        const inPart = level === 0 ? partTitle : part;
        if (level === 0) parts.push({ title: partTitle, ...config.place(partNode) });
        if (isPage) entry(partNode, inPart, level, null, 'group');
        await walk(yitems(yget(item, 'chapters') ?? yget(item, 'contents')), inPart, level + 1);
        continue;
      }
      entry(item, part, level);
    }
  };
  await walk(chapterNodes(config), null, 0);
  for (const item of yitems(yget(book, 'appendices'))) entry(item, null, 0, null, 'appendix');
  // A Quarto project without a chapter list: its pages in name order.
  if (listed.length === 0) return asPlainFolder(root, 'quarto', config.shown, meta, options, messages);
  return listedCourse(
    {
      layout: 'quarto',
      orderFrom: 'toc',
      shown: config.shown,
      meta,
      listed,
      parts,
      fixHint: 'Fix the path in _quarto.yml (paths are relative to it), or create the file.',
      empty: {
        when: 'nothing-loaded',
        reason: 'None of the chapters _quarto.yml lists exists',
        note: 'Check the paths under book.chapters.',
      },
    },
    options,
    messages,
  );
}

/** A book's `book.chapters`, else a website's sidebar contents (of its first sidebar when there are several). */
function chapterNodes(config: YamlConfig): unknown[] {
  const chapters = yitems(yget(config.root, 'book', 'chapters'));
  const sidebar = yget(config.root, 'website', 'sidebar');
  return chapters.length > 0 ? chapters : yitems(yget(sidebar, 'contents') ?? yget(yitems(sidebar)[0], 'contents'));
}

/** Title, author(s) and language of a Quarto book or website. */
function quartoMeta(config: YamlConfig): Record<string, string> {
  const book = yget(config.root, 'book');
  const meta: Record<string, string> = {};
  const title = ystr(yget(book, 'title')) ?? ystr(yget(config.root, 'website', 'title'));
  if (title) meta.title = title;
  const authors = yitems(yget(book, 'author'))
    .map((a) => ystr(a) ?? ystr(yget(a, 'name')))
    .filter((a): a is string => !!a);
  const author = ystr(yget(book, 'author')) ?? (authors.length > 0 ? authors.join(', ') : null);
  if (author) meta.author = author;
  const lang = ystr(yget(config.root, 'lang'));
  if (lang) meta.language = lang;
  return meta;
}
