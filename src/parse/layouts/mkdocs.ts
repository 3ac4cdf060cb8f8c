// mkdocs: `mkdocs.yml`/`mkdocs.yaml` with `nav:` (order of the nav tree; top-level sections are
// parts) under `docs_dir` (default "docs"). Without `nav:` the docs folder is read as a plain folder.
import { dirname, extname, resolve } from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { isMap, isScalar, isSeq } from 'yaml';
import { MARKDOWN_EXT, type FolderResult, type LoadOptions } from '../folder-files.ts';
import { asPlainFolder, EXTERNAL, listedCourse, type Listed, type Place } from './listing.ts';
import { readYamlConfig, yget, ystr } from './yaml-config.ts';

export async function readMkdocs(configPath: string, options: LoadOptions): Promise<FolderResult> {
  const messages: VFileMessage[] = [];
  const config = await readYamlConfig(
    configPath,
    options,
    messages,
    'mkdocs-config-invalid',
    'Fix the YAML syntax; coursemap reads site_name, site_author, docs_dir and nav.',
  );
  const { shown, place } = config;
  const str = (key: string): string | null => ystr(yget(config.root, key));
  const meta: Record<string, string> = {};
  const siteName = str('site_name');
  if (siteName !== null) meta.title = siteName;
  const author = str('site_author');
  if (author !== null) meta.author = author;
  const description = str('site_description');
  if (description !== null) meta.description = description;
  const docsDir = resolve(dirname(configPath), str('docs_dir') ?? 'docs');
  const nav = yget(config.root, 'nav');
  if (!isSeq(nav)) return asPlainFolder(docsDir, 'mkdocs', shown, meta, options, messages);
  const listed: Listed[] = [];
  const parts: Place[] = [];
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
            parts.push({ title, ...place(pair.key) });
          }
          walk(value, level + 1, sectionPart);
          continue;
        }
      }
      if (!isScalar(value) || typeof value.value !== 'string') continue;
      const target = value.value;
      if (EXTERNAL.test(target) || !MARKDOWN_EXT.has(extname(target.replace(/[#?].*$/, '')).toLowerCase())) continue;
      listed.push({
        target: resolve(docsDir, target.replace(/[#?].*$/, '')),
        title,
        level,
        part,
        file: shown,
        ...place(value),
      });
    }
  };
  walk(nav, 0, null);
  return listedCourse(
    {
      layout: 'mkdocs',
      orderFrom: 'nav',
      shown,
      meta,
      listed,
      parts,
      fixHint: 'Fix the nav entry (paths are relative to docs_dir), or create the file.',
      empty: {
        when: 'nothing-listed',
        reason: '`nav:` lists no Markdown pages',
        note: 'List the chapters under nav, e.g. `- Seeds: seeds.md`.',
        at: place(nav),
      },
    },
    options,
    messages,
  );
}
