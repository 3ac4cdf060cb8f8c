// Reading the YAML files that list a course's chapters (_quarto.yml, _toc.yml, myst.yml, mkdocs.yml,
// _category_.yml, .gitbook.yaml): syntax errors become messages at their line; entries keep
// their place so a missing chapter is reported where it is listed.
import { basename } from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { loadMarkdownFile, type LoadOptions } from '../folder-files.ts';
import { createMessage } from '../normalize.ts';

export interface YamlConfig {
  /** The path as shown in messages. */
  shown: string;
  root: unknown;
  /** Line and column of a node. */
  place(node: unknown): { line: number; column: number };
}

export async function readYamlConfig(
  path: string,
  options: LoadOptions,
  messages: VFileMessage[],
  ruleId: string,
  note: string,
): Promise<YamlConfig> {
  const config = await loadMarkdownFile(path, options, false);
  messages.push(...config.messages.filter((m) => m.ruleId !== 'empty-input'));
  const lineCounter = new LineCounter();
  const doc = parseDocument(String(config.value), { lineCounter, prettyErrors: false, uniqueKeys: false });
  for (const error of doc.errors) {
    const at = lineCounter.linePos(error.pos[0]);
    messages.push(
      createMessage(config.path, {
        reason: `Invalid YAML in ${basename(path)}: ${error.message.split('\n')[0]}`,
        ruleId,
        line: at.line,
        column: at.col,
        fatal: true,
        note,
      }),
    );
  }
  return {
    shown: config.path,
    root: doc.contents,
    place(node) {
      const range = (node as YamlNode | null | undefined)?.range;
      const at = range ? lineCounter.linePos(range[0]) : { line: 1, col: 1 };
      return { line: at.line, column: at.col };
    },
  };
}

/** The value under `key` of a YAML map node (a node, not plain data), or undefined. */
export function yget(node: unknown, ...keys: string[]): unknown {
  let at = node;
  for (const key of keys) at = isMap(at) ? at.get(key, true) : undefined;
  return at;
}

/** A scalar node's value as a string, or null. */
export function ystr(node: unknown): string | null {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : null;
}

/** The items of a YAML sequence node (empty when it is not one). */
export function yitems(node: unknown): unknown[] {
  return isSeq(node) ? node.items : [];
}

export { isMap, isScalar, isSeq };
