// Node and edge labels that mermaid's flowchart lexer rejects, and how fixMermaid (mermaid-fix.ts)
// quotes them: the types of its result, and the label rules.

export type FixRule = 'quote-node-label' | 'escape-label-quotes' | 'quote-edge-label' | 'quote-subgraph-title';

export interface MermaidChange {
  /** 1-based line within the diagram source. */
  line: number;
  /** 1-based column (UTF-16 units) where `before` starts in the original line. */
  column: number;
  before: string;
  after: string;
  rule: FixRule;
}

export interface FixResult {
  source: string;
  changes: MermaidChange[];
}

export interface Edit {
  start: number;
  end: number;
  text: string;
  rule: FixRule;
}

export const TEXT_BREAKERS = /[()[\]{}|"]/;
// A string the lexer takes whole: plain `"…"`, or "`…`" markdown (no backtick inside).
export const QUOTED = /^(?:"(?!`)[^"]*"|"`[^`"]*`")$/;

export function labelEdit(label: string, start: number, open: string): Edit | undefined {
  const end = start + label.length;
  if (QUOTED.test(label)) return undefined;
  if (isQuotePair(label)) return { start, end, text: requote(label.slice(1, -1)), rule: 'escape-label-quotes' };
  if (!needsQuotes(label, open)) return undefined;
  return { start, end, text: quote(label), rule: 'quote-node-label' };
}

const isQuotePair = (text: string): boolean => text.length >= 2 && text.startsWith('"') && text.endsWith('"');

function needsQuotes(label: string, open: string): boolean {
  if (TEXT_BREAKERS.test(label)) return true;
  // `[/…` and `[\…` open trapezoids, `(-…` an ellipse.
  if (open === '[' && /^[/\\]/.test(label)) return true;
  return open === '(' && label.startsWith('-');
}

export function quote(text: string): string {
  // A leading backtick right after the quote would turn the label into markdown.
  return `"${text.replaceAll('"', '#quot;').replace(/^`/, '#96;')}"`;
}

/** Re-quotes the inside of a `"…"` that holds stray quotes, keeping a "`markdown`" string one. */
function requote(inner: string): string {
  if (inner.length < 2 || !inner.startsWith('`') || !inner.endsWith('`')) return quote(inner);
  return `"\`${inner.slice(1, -1).replace(/["`]/g, (ch) => (ch === '"' ? '#quot;' : '#96;'))}\`"`;
}

export function edgeLabelEdit(label: string, start: number, breakers: RegExp): Edit | undefined {
  const end = start + label.length;
  if (QUOTED.test(label) || !breakers.test(label)) return undefined;
  if (isQuotePair(label)) return { start, end, text: requote(label.slice(1, -1)), rule: 'escape-label-quotes' };
  return { start, end, text: quote(label), rule: 'quote-edge-label' };
}
