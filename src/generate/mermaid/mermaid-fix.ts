/**
 * Repairs the label mistakes chat assistants make in hand-written Mermaid
 * flowcharts, leaving everything that already parses byte for byte alone.
 *
 * Grounded in mermaid 12's flowchart lexer: unquoted node and `|edge|` text is
 * `[^\[\](){}|"]+`, so those characters break it (while `= : ; & # /` do not);
 * `-- text -->` text only breaks on `"`; a bare subgraph title is much
 * stricter; a quoted string is anything but `"`, which is written `#quot;`.
 */

import {
  edgeLabelEdit,
  labelEdit,
  quote,
  QUOTED,
  TEXT_BREAKERS,
  type Edit,
  type FixResult,
  type MermaidChange,
} from './mermaid-labels.ts';

export type { FixResult, MermaidChange } from './mermaid-labels.ts';

type Shape = readonly [open: string, closers: readonly string[]];

// Longest openers first; a shape whose closer never shows up falls through to a shorter one.
const SHAPES: readonly Shape[] = [
  ['(((', [')))']],
  ['([', ['])']],
  ['[[', [']]']],
  ['[(', [')]']],
  ['((', ['))']],
  ['{{', ['}}']],
  ['[/', ['/]', '\\]']],
  ['[\\', ['\\]', '/]']],
  ['(-', ['-)']],
  ['[', [']']],
  ['(', [')']],
  ['{', ['}']],
  ['>', [']']],
];

const ID = /(?:[\p{L}\p{N}_.!?*+'$/\\]|-(?![->.]))+/uy;
const LINK = /\s*[xo<]?(?:--+[-xo>]|==+[=xo>]|-?\.+-[xo>]?|~~~+)\s*/y;
const START_LINK = /\s*[xo<]?(--|==|-\.)\s*/y;
const END_LINK: Readonly<Record<string, RegExp>> = {
  '--': /\s*[xo<]?--+[-xo>]\s*/g,
  '==': /\s*[xo<]?==+[=xo>]\s*/g,
  '-.': /\s*[xo<]?-?\.+-[xo>]?\s*/g,
};
// What may follow a node: end of line, a separator, an edge, a class or shape data.
const AFTER_NODE = /\s*$|\s*[;&,]|:::|@\{|\s*[xo<]?(?:--|==|-\.|~~)/y;
const SKIP_LINE = /^\s*(?:%%|(?:classDef|class|style|linkStyle|click|direction|end|accTitle|accDescr)\b)/;
const HEADER = /^\s*(?:graph|flowchart(?:-elk)?)\b/;
const SUBGRAPH_SAFE = /^[\p{L}\p{M}\p{N} \t!#$%&'*+\-./:?\\^_`]*$/u;

/** Repairs unparseable labels in a flowchart; other diagram types come back unchanged. */
export function fixMermaid(source: string): FixResult {
  const lines = source.split('\n');
  const changes: MermaidChange[] = [];
  const kinds = classifyLines(lines);
  if (kinds === undefined) return { source, changes };
  const fixed = lines.map((text, index) => {
    const kind = kinds[index];
    if (kind === 'skip' || kind === undefined) return text;
    const edits = kind === 'subgraph' ? subgraphEdits(text) : statementEdits(text, kind.from);
    return applyEdits(text, edits, index + 1, changes);
  });
  return { source: changes.length === 0 ? source : fixed.join('\n'), changes };
}

type LineKind = 'skip' | 'subgraph' | { from: number };

/** Finds which lines hold statements; undefined when this is not a flowchart. */
function classifyLines(lines: string[]): LineKind[] | undefined {
  const kinds: LineKind[] = [];
  let state: 'front' | 'matter' | 'body' | 'descr' = 'front';
  for (const line of lines) {
    const trimmed = line.trim();
    if (state === 'matter') {
      if (trimmed === '---') state = 'front';
      kinds.push('skip');
    } else if (state === 'front') {
      kinds.push(frontLine(line));
      if (trimmed === '---' && kinds.length === 1) state = 'matter';
      else if (trimmed !== '' && !trimmed.startsWith('%%')) {
        if (!HEADER.test(line)) return undefined;
        state = 'body';
      }
    } else if (state === 'descr') {
      if (trimmed.includes('}')) state = 'body';
      kinds.push('skip');
    } else {
      if (/^accDescr\s*\{/.test(trimmed) && !trimmed.includes('}')) state = 'descr';
      kinds.push(bodyLine(line));
    }
  }
  return kinds;
}

function frontLine(line: string): LineKind {
  // Statements may share the header line after a `;` (`graph TD; A-->B`).
  const header = /^\s*(?:graph|flowchart(?:-elk)?)\b[^;\n]*;/.exec(line);
  return header ? { from: header[0].length } : 'skip';
}

function bodyLine(line: string): LineKind {
  if (line.trim() === '' || SKIP_LINE.test(line)) return 'skip';
  return /^\s*subgraph\b/.test(line) ? 'subgraph' : { from: 0 };
}

function applyEdits(text: string, edits: Edit[], line: number, changes: MermaidChange[]): string {
  let out = '';
  let at = 0;
  for (const edit of edits) {
    const before = text.slice(edit.start, edit.end);
    changes.push({ line, column: edit.start + 1, before, after: edit.text, rule: edit.rule });
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

/** Walks a statement line: nodes, shapes, edges and separators, left to right. */
function statementEdits(line: string, from: number): Edit[] {
  const edits: Edit[] = [];
  let pos = from;
  while (pos < line.length) {
    const next = scanToken(line, pos, edits);
    pos = next > pos ? next : pos + 1;
  }
  return edits;
}

function scanToken(line: string, pos: number, edits: Edit[]): number {
  if (line.startsWith(':::', pos)) return pos + 3 + (matchAt(ID, line, pos + 3)?.length ?? 0);
  if (line.startsWith('@{', pos)) return skipShapeData(line, pos);
  const link = matchAt(LINK, line, pos);
  if (link !== undefined) return scanPipeLabel(line, pos + link.length, edits);
  START_LINK.lastIndex = pos;
  const start = START_LINK.exec(line);
  if (start?.[1] !== undefined) return scanEdgeText(line, pos + start[0].length, start[1], edits);
  const id = matchAt(ID, line, pos);
  if (id !== undefined) return scanShape(line, pos + id.length, edits);
  return pos + 1;
}

function matchAt(re: RegExp, text: string, pos: number): string | undefined {
  re.lastIndex = pos;
  const found = re.exec(text);
  return found && found[0].length > 0 ? found[0] : undefined;
}

function skipShapeData(line: string, pos: number): number {
  let quoted = false;
  for (let i = pos + 2; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === '}' && !quoted) return i + 1;
  }
  return line.length;
}

/** A node shape right after its id: finds where it closes and repairs the label. */
function scanShape(line: string, pos: number, edits: Edit[]): number {
  for (const [open, closers] of SHAPES) {
    if (!line.startsWith(open, pos)) continue;
    const body = pos + open.length;
    const end = quotedEnd(line, body, closers) ?? shapeEnd(line, body, closers);
    // An empty shape never parses, so `N[[]]` reads better as `[` around `[]`.
    if (end === undefined || end.at === body) continue;
    const edit = labelEdit(line.slice(body, end.at), body, open);
    if (edit) edits.push(edit);
    return end.at + end.closer.length;
  }
  return pos;
}

interface End {
  at: number;
  closer: string;
}

/** A well-formed `"…"` label: the closing quote sits right before the closer. */
function quotedEnd(line: string, body: number, closers: readonly string[]): End | undefined {
  if (line[body] !== '"') return undefined;
  const quote = line.indexOf('"', body + 1);
  if (quote < 0) return undefined;
  const closer = closers.find((c) => line.startsWith(c, quote + 1));
  return closer !== undefined && isBoundary(line, quote + 1 + closer.length) ? { at: quote + 1, closer } : undefined;
}

/** The first closer followed by something that can follow a node. */
function shapeEnd(line: string, body: number, closers: readonly string[]): End | undefined {
  for (let at = body; at < line.length; at++) {
    const closer = closers.find((c) => line.startsWith(c, at));
    if (closer !== undefined && isBoundary(line, at + closer.length)) return { at, closer };
  }
  return undefined;
}

function isBoundary(line: string, pos: number): boolean {
  return pos >= line.length || matchAt(AFTER_NODE, line, pos) !== undefined || /^\s*$/.test(line.slice(pos));
}

/** `-->|text|` after a link. */
function scanPipeLabel(line: string, pos: number, edits: Edit[]): number {
  if (line[pos] !== '|') return pos;
  const body = pos + 1;
  const quoted = line[body] === '"' ? line.indexOf('"|', body + 1) : -1;
  const close = quoted > 0 ? quoted + 1 : line.indexOf('|', body);
  if (close < 0) return line.length;
  const label = line.slice(body, close);
  const edit = edgeLabelEdit(label, body, TEXT_BREAKERS);
  if (edit) edits.push(edit);
  return close + 1;
}

/** `-- text -->`, `== text ==>`, `-. text .->`: only a stray `"` breaks these. */
function scanEdgeText(line: string, body: number, kind: string, edits: Edit[]): number {
  const end = END_LINK[kind];
  if (end === undefined) return body;
  end.lastIndex = body;
  const found = end.exec(line);
  if (!found || found[0].length === 0) return body;
  const edit = edgeLabelEdit(line.slice(body, found.index), body, /"/);
  if (edit) edits.push(edit);
  return found.index + found[0].length;
}

/** `subgraph id [title]` is repaired like a node; a bare title is quoted when the grammar would reject it. */
function subgraphEdits(line: string): Edit[] {
  const head = /^\s*subgraph\s+/.exec(line);
  if (!head) return [];
  const from = head[0].length;
  const id = matchAt(ID, line, from);
  if (id !== undefined) {
    const shaped = /^\s*\[(?!\s*\])/.exec(line.slice(from + id.length));
    const bracket = from + id.length + (shaped?.[0].length ?? 0) - 1;
    const edits: Edit[] = [];
    const end = shaped ? scanShape(line, bracket, edits) : bracket;
    // Only a bracketed title that ends the line; anything else is a bare title.
    if (end > bracket && line.slice(end).trim() === '') return edits;
  }
  const title = line.slice(from).trimEnd();
  if (title === '' || QUOTED.test(title) || !badSubgraphTitle(title)) return [];
  return [{ start: from, end: from + title.length, text: quote(title), rule: 'quote-subgraph-title' }];
}

function badSubgraphTitle(title: string): boolean {
  return !SUBGRAPH_SAFE.test(title) || /--|-\.|\.-|:::/.test(title);
}
