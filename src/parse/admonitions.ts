// Callouts of the documentation tools courses are written in, which CommonMark does not know:
//   - mkdocs (Python-Markdown): `!!! tip "Analogy"` (or `???`/`???+`) and an indented body, which
//     CommonMark reads as a paragraph and a code block;
//   - mdBook (mdbook-admonish): a fenced block ```admonish tip title="Analogy"```;
//   - VitePress / Docusaurus containers: `::: tip Analogy` … `:::`;
//   - GitHub alerts: `> [!TIP]`.
// Each becomes a block quote led by its title in bold ("**Analogy:** …"), which is how the model
// reads labelled blocks; an empty title (`!!! note ""`) gives a quote without a label.
import type { Blockquote, Code, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';

const HEAD = /^(?:!!!|\?\?\?\+?)[ \t]+([A-Za-z][\w-]*)(?:[ \t]+"([^"]*)")?[ \t]*$/;
/** The body is indented by four columns. */
const INDENT = 4;

/** Quick test on the text before walking the tree. */
export function mayHaveAdmonitions(text: string): boolean {
  return /^(?:!!!|\?\?\?|:::|[ \t]*(?:`{3,}|~{3,})[ \t]*admonish|[ \t]*>[ \t]*\[!)/m.test(text);
}

const CONTAINER_OPEN = /^:::[ \t]*([A-Za-z][\w-]*)(?:\[([^\]]*)\]|[ \t]+(.+?))?[ \t]*$/;
const ALERT = /^\[!(note|tip|important|warning|caution)\][ \t]*(?:\n|$)/i;
const capital = (w: string) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();

/** Rewrites top-level admonitions in place; `parse` reads a body (the Markdown parser, without chunking). */
export function liftAdmonitions(root: Root, text: string, parse: (body: string) => Root): Root {
  const starts = lineStarts(text);
  const out: RootContent[] = [];
  const nodes = root.children;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (node.type === 'code' && node.lang === 'admonish') {
      out.push(
        quote(
          node,
          node,
          admonishLabel(node.meta),
          shifted(parse(node.value), node, starts, 1, (node.position?.start.column ?? 1) - 1),
        ),
      );
      continue;
    }
    if (node.type === 'blockquote') {
      out.push(alert(node));
      continue;
    }
    const end = containerEnd(nodes, i);
    if (end !== null) {
      out.push(container(nodes.slice(i, end + 1)));
      i = end;
      continue;
    }
    const head = headOf(node);
    if (!head || node.type !== 'paragraph') {
      out.push(node);
      continue;
    }
    const next = nodes[i + 1];
    const inline = afterFirstLine(node);
    if (inline.length > 0)
      out.push(quote(node, node, head.label, [{ type: 'paragraph', children: inline, ...at(node) }]));
    else if (next?.type === 'code' && next.lang == null && isIndented(next, node)) {
      out.push(quote(node, next, head.label, shifted(parse(next.value), next, starts, 0, INDENT)));
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
    if (first?.type === 'paragraph')
      children[0] = { ...first, children: [strong, { type: 'text', value: ' ' }, ...first.children] };
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
function shifted(body: Root, code: Code, starts: readonly number[], skipLines: number, indent: number): RootContent[] {
  const lineDelta = (code.position?.start.line ?? 1) - 1 + skipLines;
  const move = (p: { line: number; column: number; offset?: number | undefined }) => {
    p.line += lineDelta;
    p.column += indent;
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

/** `tip title="Analogy"` → "Analogy"; `warning` → "Warning"; nothing → "Note". */
function admonishLabel(meta: string | null | undefined): string {
  const title = /\btitle=(?:"([^"]*)"|'([^']*)'|(\S+))/.exec(meta ?? '');
  if (title) return (title[1] ?? title[2] ?? title[3] ?? '').trim();
  return capital(/^\s*([A-Za-z][\w-]*)/.exec(meta ?? '')?.[1] ?? 'note');
}

/** `> [!TIP]` + text → `> **Tip:** text`. */
function alert(q: Blockquote): Blockquote {
  const first = q.children[0];
  const text = first?.type === 'paragraph' ? first.children[0] : undefined;
  const m = text?.type === 'text' ? ALERT.exec(text.value) : null;
  if (!m?.[1] || first?.type !== 'paragraph' || text?.type !== 'text') return q;
  const strong: PhrasingContent = {
    type: 'strong',
    children: [{ type: 'text', value: `${capital(m[1])}:` }],
    ...(text.position ? { position: text.position } : {}),
  };
  const rest = text.value.slice(m[0].length);
  const children: PhrasingContent[] = [
    strong,
    ...(rest ? [{ ...text, value: ` ${rest}` }] : []),
    ...first.children.slice(1),
  ];
  return { ...q, children: [{ ...first, children }, ...q.children.slice(1)] };
}

/** Index of the node that closes a `::: type Title` container opened at `i`, or null. */
function containerEnd(nodes: readonly RootContent[], i: number): number | null {
  const lines = paragraphText(nodes[i]).split('\n');
  if (!CONTAINER_OPEN.test(lines[0] ?? '')) return null;
  if (lines.length > 1 && lines[lines.length - 1]?.trim() === ':::') return i;
  for (let j = i + 1; j < nodes.length && nodes[j]?.type !== 'heading'; j++) {
    if (paragraphText(nodes[j]).split('\n').pop()?.trim() === ':::') return j;
  }
  return null;
}

function paragraphText(node: RootContent | undefined): string {
  if (node?.type !== 'paragraph') return '';
  const first = node.children[0];
  const last = node.children[node.children.length - 1];
  // Only the first and last lines matter, and they are plain text when they are fences.
  return node.children.length === 1 && first?.type === 'text'
    ? first.value
    : `${first?.type === 'text' ? first.value : ''}\n${last?.type === 'text' ? last.value : ''}`;
}

/** The container's nodes without its fence lines, in a quote led by its title (or its type). */
function container(run: RootContent[]): Blockquote {
  const open = run[0] as Paragraph;
  const head = CONTAINER_OPEN.exec(paragraphText(open).split('\n')[0] ?? '');
  const label = (head?.[2] ?? head?.[3] ?? capital(head?.[1] ?? 'note')).trim();
  const body = run
    .map((n, k) => (n.type === 'paragraph' ? trimFences(n, k === 0, k === run.length - 1) : n))
    .filter((n): n is RootContent => n !== null);
  return quote(run[0]!, run[run.length - 1]!, label, body);
}

/** A paragraph without its opening line (`first`) and closing `:::` line (`last`); null when nothing is left. */
function trimFences(p: Paragraph, first: boolean, last: boolean): Paragraph | null {
  const children = [...p.children];
  const head = children[0];
  if (first && head?.type === 'text') {
    const cut = head.value.indexOf('\n');
    if (cut === -1) children.shift();
    else children[0] = { ...head, value: head.value.slice(cut + 1) };
  }
  const tail = children[children.length - 1];
  if (last && tail?.type === 'text') {
    const value = tail.value.replace(/(?:^|\n)[ \t]*:::[ \t]*$/, '');
    if (value === '') children.pop();
    else children[children.length - 1] = { ...tail, value };
  }
  return children.length > 0 ? { ...p, children } : null;
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') out.push(i + 1);
  return out;
}
