// Jupyter Book / MyST: `_toc.yml` (jb-book: `root`, `parts` with a `caption` and `chapters`, or
// `chapters`; each entry a `file` — extension optional — with nested `sections`; jb-article:
// `root` + `sections`) with the title and author in `_config.yml`; or `myst.yml` with
// `project.toc` (`file` entries, `title` groups with `children`). The root page is the preface.
// Without captions, a chapter with sections is a group: a part named by its page (see gitbook.ts).
import { extname, dirname, join, resolve } from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { isFile, type FolderResult, type LoadOptions } from '../folder-files.ts';
import { EXTERNAL, listedCourse, pageTitle, type Listed, type Place } from './listing.ts';
import { readYamlConfig, yget, yitems, ystr, type YamlConfig } from './yaml-config.ts';

const EXTENSIONS = ['.md', '.ipynb', '.qmd', '.markdown'];

export async function findJupyterBookConfig(root: string): Promise<string | null> {
  for (const name of ['_toc.yml', '_toc.yaml', 'myst.yml', 'myst.yaml'])
    if (await isFile(join(root, name))) return join(root, name);
  return null;
}

/** `intro` → intro.md (or .ipynb…, the first that exists); a path with a known extension stays. */
async function pagePath(base: string, file: string): Promise<string> {
  const path = resolve(base, file);
  if (EXTENSIONS.includes(extname(file).toLowerCase())) return path;
  for (const ext of EXTENSIONS) if (await isFile(path + ext)) return path + ext;
  return path + '.md';
}

export async function readJupyterBook(root: string, configPath: string, options: LoadOptions): Promise<FolderResult> {
  const messages: VFileMessage[] = [];
  const config = await readYamlConfig(
    configPath,
    options,
    messages,
    'toc-config-invalid',
    'Fix the YAML syntax of the table of contents.',
  );
  const myst = /myst\.ya?ml$/.test(configPath);
  const meta = myst ? projectMeta(config) : await configMeta(root, options, messages);
  const base = dirname(configPath);
  const listed: Listed[] = [];
  const parts: Place[] = [];
  const entry = async (node: unknown, part: string | null, level: number, role?: Listed['role']): Promise<void> => {
    const file = ystr(yget(node, 'file')) ?? (typeof node === 'string' ? node : null);
    if (file && !EXTERNAL.test(file)) {
      const title = ystr(yget(node, 'title'));
      listed.push({
        target: await pagePath(base, file),
        title,
        level,
        part,
        file: config.shown,
        ...config.place(yget(node, 'file')),
        ...(role ? { role } : {}),
      });
    }
    for (const child of [
      ...yitems(yget(node, 'sections')),
      ...yitems(yget(node, 'chapters')),
      ...(myst ? yitems(yget(node, 'children')) : []),
    ]) {
      await group(child, part, level + 1);
    }
  };
  // A MyST group without a file (`title` + `children`) at the top is a part.
  const group = async (node: unknown, part: string | null, level: number): Promise<void> => {
    const title = ystr(yget(node, 'title'));
    if (myst && !yget(node, 'file') && title && yget(node, 'children')) {
      const inPart = level === 0 ? title : part;
      if (level === 0) parts.push({ title, ...config.place(yget(node, 'title')) });
      for (const child of yitems(yget(node, 'children'))) await group(child, inPart, level + 1);
      return;
    }
    await entry(node, part, level);
  };
  if (myst) {
    const toc = yitems(yget(config.root, 'project', 'toc'));
    for (const [k, node] of toc.entries())
      await (k === 0 && yget(node, 'file') ? entry(node, null, 0, 'preface') : group(node, null, 0));
  } else await readToc({ config, base, options, listed, parts }, entry);
  return listedCourse(
    {
      layout: 'jupyter-book',
      orderFrom: 'toc',
      shown: config.shown,
      meta,
      listed,
      parts,
      fixHint: `Fix the entry in ${config.shown.split('/').pop()} (paths are relative to it, the extension may be left out), or create the file.`,
      empty: {
        when: 'nothing-loaded',
        reason: 'The table of contents lists no page that exists',
        note: 'List the pages as `- file: intro`.',
      },
    },
    options,
    messages,
  );
}

/** Where `_toc.yml`'s entries go, and what they are read against. */
interface TocContext {
  config: YamlConfig;
  base: string;
  options: LoadOptions;
  listed: Listed[];
  parts: Place[];
}

type Entry = (node: unknown, part: string | null, level: number, role?: Listed['role']) => Promise<void>;

/** `_toc.yml` (jb-book, jb-article): the root page, captioned parts, then the chapters or sections. */
async function readToc(c: TocContext, entry: Entry): Promise<void> {
  const groups: Place[] = [];
  const rootFile = yget(c.config.root, 'root');
  if (ystr(rootFile))
    c.listed.push({
      target: await pagePath(c.base, ystr(rootFile)!),
      title: null,
      level: 0,
      part: null,
      file: c.config.shown,
      ...c.config.place(rootFile),
      role: 'preface',
    });
  for (const part of yitems(yget(c.config.root, 'parts'))) {
    const caption = ystr(yget(part, 'caption'));
    if (caption) c.parts.push({ title: caption, ...c.config.place(yget(part, 'caption')) });
    for (const chapter of yitems(yget(part, 'chapters'))) await entry(chapter, caption, 0);
  }
  for (const chapter of [...yitems(yget(c.config.root, 'chapters')), ...yitems(yget(c.config.root, 'sections'))]) {
    const file = ystr(yget(chapter, 'file'));
    if (!file || c.parts.length > 0 || yitems(yget(chapter, 'sections')).length === 0) {
      await entry(chapter, null, 0);
      continue;
    }
    // Without captions, a chapter with sections under it is a group (like a GitBook group):
    // a part named by its page, whose page is the part's page when it holds little.
    const target = await pagePath(c.base, file);
    const title = ystr(yget(chapter, 'title')) ?? (await pageTitle(target, c.options)) ?? file;
    groups.push({ title, ...c.config.place(yget(chapter, 'file')) });
    c.listed.push({
      target,
      title: null,
      level: 0,
      part: title,
      file: c.config.shown,
      ...c.config.place(yget(chapter, 'file')),
      role: 'group',
    });
    for (const section of yitems(yget(chapter, 'sections'))) await entry(section, title, 1);
  }
  c.parts.push(...groups);
}

/** Title and author from Jupyter Book's `_config.yml`, beside `_toc.yml`. */
async function configMeta(
  root: string,
  options: LoadOptions,
  messages: VFileMessage[],
): Promise<Record<string, string>> {
  const path = join(root, '_config.yml');
  if (!(await isFile(path))) return {};
  const config = await readYamlConfig(
    path,
    options,
    messages,
    'toc-config-invalid',
    'Fix the YAML syntax of _config.yml.',
  );
  const meta: Record<string, string> = {};
  for (const key of ['title', 'author', 'description', 'language'] as const) {
    const value = ystr(yget(config.root, key));
    if (value) meta[key] = value;
  }
  return meta;
}

function projectMeta(config: YamlConfig): Record<string, string> {
  const meta: Record<string, string> = {};
  const title = ystr(yget(config.root, 'project', 'title'));
  if (title) meta.title = title;
  const authors = yitems(yget(config.root, 'project', 'authors'))
    .map((a) => ystr(a) ?? ystr(yget(a, 'name')))
    .filter((a): a is string => !!a);
  if (authors.length > 0) meta.author = authors.join(', ');
  return meta;
}
