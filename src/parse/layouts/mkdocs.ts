// mkdocs: `mkdocs.yml`/`mkdocs.yaml` with `nav:` (order of the nav tree; top-level sections are
// parts) under `docs_dir` (default "docs"). Without `nav:` the docs folder is read as a plain folder.
import { basename, dirname, extname, resolve } from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { loadMarkdownFile, MARKDOWN_EXT, type FolderResult, type LoadOptions } from '../folder-files.ts';
import { createMessage } from '../normalize.ts';
import { asPlainFolder, EXTERNAL, listedCourse, type Listed, type Place } from './listing.ts';

export async function readMkdocs(configPath: string, options: LoadOptions): Promise<FolderResult> {
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
  if (!isSeq(nav)) return asPlainFolder(docsDir, 'mkdocs', shown, meta, options, messages);
  const listed: Listed[] = [];
  const parts: Place[] = [];
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
