// mkdocs (Python-Markdown) admonitions: `!!! tip "Analogy"` followed by an indented body, or
// `???`/`???+` for collapsible ones. CommonMark reads the head as a paragraph and the indented
// body as a code block, so an mkdocs course's analogies and notes would show as code. They
// become block quotes led by their title in bold ("**Analogy:** …"), which is how the model
// reads labelled blocks; an empty title (`!!! note ""`) gives a quote without a label.
import type { Blockquote, Code, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';

const HEAD = /^(?:!!!|\?\?\?\+?)[ \t]+([A-Za-z][\w-]*)(?:[ \t]+"([^"]*)")?[ \t]*$/;
/** The body is indented by four columns. */
const INDENT = 4;

/** Quick test on the text before walking the tree. */
export function mayHaveAdmonitions(text: string): boolean {
  return /^(?:!!!|\?\?\?)/m.test(text);
}

/** Rewrites top-level admonitions in place; `parse` reads a body (the Markdown parser, without chunking). */
export function liftAdmonitions(root: Root, text: string, parse: (body: string) => Root): Root {
  const starts = lineStarts(text);
  const out: RootContent[] = [];
  const nodes = root.children;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    const head = headOf(node);
    if (!head || node.type !== 'paragraph') {
      out.push(node);
      continue;
    }
    const next = nodes[i + 1];
    const inline = afterFirstLine(node);
    if (inline.length > 0) out.push(quote(node, node, head.label, [{ type: 'paragraph', children: inline, ...at(node) }]));
    else if (next?.type === 'code' && next.lang == null && isIndented(next, node)) {
      out.push(quote(node, next, head.label, shifted(parse(next.value), next, starts)));
      i++;
    } else out.push(node);
  }
  root.children = out;
  return root;
}

function headOf(node: RootContent): { label: string } | null {
  if (node.type !== 'paragraph') return null;
  const first = node.children[0];
  if (first?.type !== 'text') return null;
  const m = HEAD.exec(first.value.split('\n')[0] ?? '');
  if (!m?.[1]) return null;
  const title = m[2] ?? m[1].charAt(0).toUpperCase() + m[1].slice(1);
  return { label: title.trim() };
}

/** Inline content after the head line ("!!! tip\nBody on the next line" with no blank line). */
function afterFirstLine(p: Paragraph): PhrasingContent[] {
  const [first, ...rest] = p.children;
  if (first?.type !== 'text') return [];
  const cut = first.value.indexOf('\n');
  if (cut === -1) return [];
  const tail = first.value.slice(cut + 1).replace(/^[ \t]+/, '');
  return [...(tail ? [{ type: 'text' as const, value: tail }] : []), ...rest];
}

/** An indented code block right under the head (blank lines between are allowed). */
function isIndented(code: Code, head: Paragraph): boolean {
  const start = code.position?.start.line ?? 0;
  const end = head.position?.end.line ?? 0;
  return start > end && (code.position?.start.column ?? 0) === 1;
}

function quote(from: RootContent, to: RootContent, label: string, body: RootContent[]): Blockquote {
  const children = [...body];
  if (label) {
    const strong: PhrasingContent = { type: 'strong', children: [{ type: 'text', value: `${label}:` }], ...at(from) };
    const first = children[0];
    if (first?.type === 'paragraph') children[0] = { ...first, children: [strong, { type: 'text', value: ' ' }, ...first.children] };
    else children.unshift({ type: 'paragraph', children: [strong], ...at(from) });
  }
  const q: Blockquote = { type: 'blockquote', children: children as Blockquote['children'] };
  if (from.position && to.position) q.position = { start: from.position.start, end: to.position.end };
  return q;
}

function at(node: RootContent): { position?: NonNullable<RootContent['position']> } {
  return node.position ? { position: node.position } : {};
}

/** The body's nodes with positions moved to where the body sits in the document. */
function shifted(body: Root, code: Code, starts: readonly number[]): RootContent[] {
  const lineDelta = (code.position?.start.line ?? 1) - 1;
  const move = (p: { line: number; column: number; offset?: number | undefined }) => {
    p.line += lineDelta;
    p.column += INDENT;
    p.offset = (starts[p.line - 1] ?? 0) + p.column - 1;
  };
  const walk = (n: { position?: RootContent['position']; children?: unknown }) => {
    if (n.position) {
      move(n.position.start);
      move(n.position.end);
    }
    if (Array.isArray(n.children)) for (const c of n.children) walk(c as { position?: RootContent['position'] });
  };
  for (const n of body.children) walk(n);
  return body.children;
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') out.push(i + 1);
  return out;
}
