// mdast → model blocks and inlines. Headings are not converted here: they become sections.
import type { Nodes, Paragraph, PhrasingContent, RootContent } from 'mdast';
import type { Block, Inline, ListItem, Position } from './types.ts';

const ZERO: Position = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

export function pos(node: { position?: Nodes['position'] }): Position {
  const p = node.position;
  if (!p) return ZERO;
  return {
    start: { line: p.start.line, column: p.start.column, offset: p.start.offset ?? 0 },
    end: { line: p.end.line, column: p.end.column, offset: p.end.offset ?? 0 },
  };
}

export function toInlines(nodes: readonly PhrasingContent[]): Inline[] {
  const out: Inline[] = [];
  for (const n of nodes) {
    // An unresolved reference ("[like this]") keeps only its content.
    if (n.type === 'linkReference') out.push(...toInlines(n.children));
    else {
      const inline = toInline(n);
      if (inline?.type === 'text' && endsWideSpan(out[out.length - 1]))
        inline.value = inline.value.replace(WIDE_GAP, '');
      if (inline) out.push(inline);
    }
  }
  return out;
}

/**
 * CommonMark closes "**带宽：**" only before a space, so CJK notes write "**带宽：** 单位…"; the full-width
 * colon already carries its own spacing, and the space would show as a gap between the words.
 */
const WIDE_GAP = /^[ \t]+(?=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])/u;
const WIDE_END = /[：，。；！？、）」』】]$/u;

function endsWideSpan(prev: Inline | undefined): boolean {
  if (prev?.type !== 'strong' && prev?.type !== 'emphasis') return false;
  const last = prev.children[prev.children.length - 1];
  return last?.type === 'text' && WIDE_END.test(last.value);
}

function toInline(n: PhrasingContent): Inline | null {
  switch (n.type) {
    case 'text':
      return { type: 'text', value: n.value };
    case 'emphasis':
    case 'strong':
    case 'delete':
      return { type: n.type, children: toInlines(n.children) };
    case 'inlineCode':
      return { type: 'inlineCode', value: n.value };
    case 'break':
      return { type: 'break' };
    case 'link':
      return { type: 'link', url: n.url, title: n.title ?? null, children: toInlines(n.children) };
    case 'image':
      return { type: 'image', url: n.url, alt: n.alt ?? '', title: n.title ?? null };
    case 'html':
      return { type: 'html', value: n.value };
    case 'imageReference':
      return { type: 'text', value: n.alt ?? '' };
    case 'footnoteReference':
      return { type: 'text', value: `[^${n.identifier}]` };
    default:
      return null;
  }
}

export function toBlocks(nodes: readonly RootContent[]): Block[] {
  const out: Block[] = [];
  for (const n of nodes) {
    const b = toBlock(n);
    if (b) out.push(b);
  }
  return out;
}

export function toBlock(n: RootContent): Block | null {
  switch (n.type) {
    case 'paragraph':
      return paragraphBlock(n);
    case 'list':
      return {
        type: 'list',
        ordered: n.ordered ?? false,
        start: n.ordered ? (n.start ?? 1) : null,
        items: n.children.map(
          (item): ListItem => ({ checked: item.checked ?? null, children: toBlocks(item.children) }),
        ),
        position: pos(n),
      };
    case 'table': {
      const [head, ...body] = n.children;
      return {
        type: 'table',
        align: (n.align ?? []).map((a) => a ?? null),
        header: head ? head.children.map((c) => toInlines(c.children)) : [],
        rows: body.map((r) => r.children.map((c) => toInlines(c.children))),
        position: pos(n),
      };
    }
    case 'blockquote':
      return { type: 'quote', children: toBlocks(n.children), position: pos(n) };
    case 'code':
      return { type: 'code', lang: n.lang ?? null, meta: n.meta ?? null, value: n.value, position: pos(n) };
    case 'html':
      return { type: 'html', value: n.value, position: pos(n) };
    case 'thematicBreak':
      return { type: 'thematicBreak', position: pos(n) };
    case 'heading':
      // A heading nested in a list or quote: keep its text as a bold paragraph.
      return { type: 'paragraph', children: [{ type: 'strong', children: toInlines(n.children) }], position: pos(n) };
    default:
      return null;
  }
}

export function paragraphBlock(n: Paragraph): Block {
  return { type: 'paragraph', children: toInlines(n.children), position: pos(n) };
}
