// `coursemap lint`: the model's diagnostics plus a syntax check of every authored mermaid block;
// `--fix` repairs the usual assistant mistakes in the Markdown file itself.
import { readFile, writeFile } from 'node:fs/promises';
import type { VFile } from 'vfile';
import { checkAuthored, shortMessage, type AuthoredDiagram } from '../generate/mermaid/authored.ts';
import { loadCourse } from '../index.ts';
import { diagnosticsFor } from '../model/messages.ts';
import { EXIT, numberOption, rootsOption, type Io, type Values } from './common.ts';
import { printMessages } from './report.ts';

function report(a: AuthoredDiagram, file: VFile): void {
  const diag = diagnosticsFor(file);
  if (!a.error) return;
  const hint =
    a.changes.length > 0
      ? 'Run "coursemap lint --fix" to quote it.'
      : 'Quote labels that contain brackets or parentheses: A["label (like this)"].';
  if (a.changes.length === 0) {
    diag.error(
      { line: a.error.line, column: a.error.column, offset: 0 },
      `Mermaid syntax error: ${shortMessage(a.error.message)}`,
      'mermaid-syntax',
      hint,
    );
    return;
  }
  // One error per label the repair would change, so every broken line is named.
  for (const c of a.changes) {
    const parser = c.line === a.error.line ? ` (mermaid: ${shortMessage(a.error.message).split('\n').pop()})` : '';
    diag.error(
      { line: c.line, column: c.column, offset: 0 },
      `Mermaid label needs quotes: ${c.before}${parser}`,
      'mermaid-syntax',
      hint,
    );
  }
}

/** Replaces each repaired fence body in the Markdown text, bottom-up so line numbers hold. */
function applyFixes(text: string, fixes: readonly AuthoredDiagram[]): string {
  const lines = text.split('\n');
  for (const a of [...fixes].sort((x, y) => y.diagram.position.start.line - x.diagram.position.start.line)) {
    if (!a.render) continue;
    const indent = ' '.repeat(a.diagram.position.start.column - 1);
    const first = a.diagram.position.start.line; // 0-based index of the first body line
    const body = a.render
      .replace(/\n$/, '')
      .split('\n')
      .map((l) => (l ? indent + l : l));
    const count = a.diagram.source.replace(/\n$/, '').split('\n').length;
    lines.splice(first, count, ...body);
  }
  return lines.join('\n');
}

export async function runLint(input: string, values: Values, io: Io): Promise<number> {
  const maxBytes = numberOption(values, 'max-bytes', 0, 1);
  const { course, files } = await loadCourse(input, { ...rootsOption(values), ...(maxBytes > 0 ? { maxBytes } : {}) });
  const authored = await checkAuthored(course);
  const fileOf = (path: string) => files.find((f) => f.path === path);
  const fixable = authored.filter((a) => a.error && a.render);
  if (values.fix && fixable.length > 0) return fix(fixable, fileOf, values, io);
  for (const a of authored) {
    const file = fileOf(a.file);
    if (file) report(a, file);
  }
  return printMessages(files, io, values.quiet ?? false) ? EXIT.errors : EXIT.ok;
}

async function fix(
  fixable: AuthoredDiagram[],
  fileOf: (p: string) => VFile | undefined,
  values: Values,
  io: Io,
): Promise<number> {
  const byFile = Map.groupBy(fixable, (a) => a.file);
  let failed = false;
  for (const [path, list] of byFile) {
    for (const a of list)
      for (const c of a.changes) io.out(`${path}:${c.line}:${c.column}  fixed  ${c.before} → ${c.after}  ${c.rule}`);
    if (values['dry-run']) continue;
    const file = fileOf(path);
    try {
      const original = await readFile(file?.history[0] ?? path, 'utf8');
      await writeFile(file?.history[0] ?? path, applyFixes(original.replace(/\r\n?/g, '\n'), list));
    } catch (err) {
      io.err(`coursemap: could not write the fixes to ${path}: ${err instanceof Error ? err.message : String(err)}`);
      failed = true;
    }
  }
  const changes = fixable.reduce((n, a) => n + a.changes.length, 0);
  io.err(
    `${values['dry-run'] ? 'would fix' : 'fixed'} ${changes} label${changes === 1 ? '' : 's'} in ${fixable.length} diagram${fixable.length === 1 ? '' : 's'}`,
  );
  return failed ? EXIT.errors : EXIT.ok;
}
