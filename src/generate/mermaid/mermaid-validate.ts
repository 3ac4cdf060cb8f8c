/**
 * Checks Mermaid source with mermaid's own parser, in plain Node (no DOM).
 *
 * `mermaid.parse` needs no DOM except one thing: label sanitizing calls
 * `DOMPurify.addHook`/`sanitize`, which DOMPurify only defines when it finds a
 * window. Without one it hands back a bare object, so we fill in those two
 * methods on that unsupported instance only: a no-op hook and a sanitize that
 * escapes all markup (safe for anyone else who calls it; parse only needs the
 * call to succeed). In a browser DOMPurify is supported and left untouched.
 */
import { escapeHtml } from '../escape.ts';

export type ValidateResult = { ok: true } | { ok: false; line: number; column: number; message: string };

interface ParseHash {
  line?: number;
  loc?: { first_line: number; last_line: number; first_column: number; last_column: number };
}

type Parse = (text: string) => Promise<unknown>;

let parser: Promise<Parse> | undefined;

/** Results of earlier runs by source (src/pipeline/validate-cache.ts keeps them in the render cache). */
export interface ValidationStore {
  get(source: string): ValidateResult | undefined;
  set(source: string, result: ValidateResult): void;
}

let store: ValidationStore | undefined;

/** Answers validateMermaid from `s` when it knows the source, so mermaid is not even loaded. */
export function useValidationStore(s: ValidationStore | undefined): void {
  store = s;
}

/** Parses `source` (the text inside a ```mermaid fence); line/column are 1-based within it. */
export async function validateMermaid(source: string): Promise<ValidateResult> {
  const known = store?.get(source);
  if (known) return known;
  const parse = await (parser ??= loadParser());
  const { text, offset } = prepare(source);
  let result: ValidateResult;
  try {
    await parse(text);
    result = { ok: true };
  } catch (error) {
    result = describe(error, text, offset);
  }
  store?.set(source, result);
  return result;
}

async function loadParser(): Promise<Parse> {
  const { default: purify } = await import('dompurify');
  const shim = purify as unknown as Record<string, unknown>;
  if (!purify.isSupported) {
    shim['addHook'] ??= () => undefined;
    shim['removeHook'] ??= () => undefined;
    shim['removeHooks'] ??= () => undefined;
    shim['sanitize'] ??= (dirty: unknown) => escapeHtml(String(dirty));
  }
  const { default: mermaid } = await import('mermaid');
  return (text) => mermaid.parse(text);
}

/**
 * Mermaid drops `%%` comment lines, front matter and leading blank lines
 * before parsing, which shifts the line numbers it reports. Blanking comment
 * lines instead keeps the body aligned; `offset` covers what comes first.
 */
function prepare(source: string): { text: string; offset: number } {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let first = 0;
  if (lines[0]?.trim() === '---') {
    const close = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
    first = close < 0 ? 0 : close + 1;
  }
  const body = lines.map((line, i) => (i >= first && /^\s*%%/.test(line) ? '' : line));
  while (first < body.length && body[first]?.trim() === '') first++;
  return { text: body.join('\n'), offset: first };
}

function describe(error: unknown, text: string, offset: number): ValidateResult {
  const raw = error instanceof Error ? error.message : String(error);
  const hash = (error as { hash?: ParseHash }).hash;
  const loc = hash?.loc;
  if (loc) {
    // The offending token starts at last_column (0-based) on a one-line span.
    const column = loc.first_line === loc.last_line ? loc.last_column : loc.first_column;
    return failure(loc.first_line + offset, column + 1, raw);
  }
  if (hash?.line !== undefined) {
    const line = hash.line + 1 + offset;
    return failure(line, lexicalColumn(raw, text.split('\n')[line - 1] ?? ''), raw);
  }
  // Langium-based diagrams (pie, packet, …) put the position in the message.
  const at = /line (\d+), column (\d+)/.exec(raw);
  return at ? failure(Number(at[1]) + offset, Number(at[2]), raw) : failure(1, 1, raw);
}

/** Mermaid's message quotes its own (shifted) line number; say ours instead. */
function failure(line: number, column: number, raw: string): ValidateResult {
  const message = raw.replace(/(on line )\d+(, column )?\d*/, (_m, on: string, col?: string) =>
    col ? `${on}${line}${col}${column}` : `${on}${line}`,
  );
  return { ok: false, line, column, message };
}

/**
 * A lexical error carries no column, only jison's context: up to 20 characters
 * before the failure (newlines removed) and a caret. Find where in the line
 * that context ends.
 */
function lexicalColumn(message: string, line: string): number {
  const [, context = '', caret = ''] = message.split('\n');
  const at = caret.indexOf('^');
  if (at < 0) return 1;
  const past = context.slice(0, at).replace(/^\.\.\./, '');
  const ahead = context.slice(at).replace(/\.\.\.$/, '');
  for (let col = line.length; col >= 0; col--) {
    const before = line.slice(0, col);
    const fits = past.endsWith(before) || before.endsWith(past);
    if (fits && (ahead === '' || line.slice(col).startsWith(ahead.slice(0, line.length - col)))) return col + 1;
  }
  return 1;
}
