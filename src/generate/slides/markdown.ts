// Model inline/block content → sanitised HTML for slides, through remark-rehype, rehype-sanitize
// and rehype-stringify. Raw HTML of the course never reaches the output (inline <br> becomes a
// line break, everything else is dropped); images become their alt text so a deck never loads
// anything; links keep only http/https URLs.
import type { Root as HastRoot } from 'hast';
import type { BlockContent, ListItem as MdListItem, PhrasingContent, Root, RootContent, TableRow } from 'mdast';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { Block, Inline } from '../../model/types.ts';
import { escapeHtml } from '../escape.ts';

export const SCHEMA: SanitizeSchema = {
  ...defaultSchema,
  tagNames: (defaultSchema.tagNames ?? []).filter(
    (t) => !['img', 'input', 'picture', 'source', 'details', 'summary'].includes(t),
  ),
  protocols: { href: ['http', 'https'] },
  attributes: {
    ...defaultSchema.attributes,
    a: ['href', 'title'],
    td: ['align'],
    th: ['align'],
  },
};

const processor = unified().use(remarkRehype).use(rehypeSanitize, SCHEMA).use(rehypeStringify);

export function toPhrasing(nodes: readonly Inline[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const n of nodes) {
    switch (n.type) {
      case 'text':
      case 'inlineCode':
        out.push({ type: n.type, value: n.value });
        break;
      case 'break':
        out.push({ type: 'break' });
        break;
      case 'image':
        if (n.alt) out.push({ type: 'emphasis', children: [{ type: 'text', value: n.alt }] });
        break;
      case 'html':
        if (/^<br\s*\/?>$/i.test(n.value.trim())) out.push({ type: 'break' });
        break;
      case 'link':
        out.push({ type: 'link', url: n.url, title: n.title, children: toPhrasing(n.children) });
        break;
      default:
        out.push({ type: n.type, children: toPhrasing(n.children) });
    }
  }
  return out;
}

function tableRow(cells: readonly (readonly Inline[])[]): TableRow {
  return { type: 'tableRow', children: cells.map((c) => ({ type: 'tableCell', children: toPhrasing(c) })) };
}

export function toMdast(block: Block): RootContent | null {
  switch (block.type) {
    case 'paragraph':
      return { type: 'paragraph', children: toPhrasing(block.children) };
    case 'list':
      return {
        type: 'list',
        ordered: block.ordered,
        start: block.start,
        spread: false,
        children: block.items.map(
          (item): MdListItem => ({
            type: 'listItem',
            spread: false,
            checked: item.checked,
            children: toMdastBlocks(item.children) as BlockContent[],
          }),
        ),
      };
    case 'table':
      return { type: 'table', align: block.align, children: [tableRow(block.header), ...block.rows.map(tableRow)] };
    case 'quote':
      return { type: 'blockquote', children: toMdastBlocks(block.children) as BlockContent[] };
    case 'code':
      return { type: 'code', lang: block.lang, meta: null, value: block.value };
    default:
      return null; // raw HTML and thematic breaks never reach a slide
  }
}

export function toMdastBlocks(blocks: readonly Block[]): RootContent[] {
  return blocks.map(toMdast).filter((b): b is RootContent => b !== null);
}

/** mdast → sanitised hast (what mdastHtml prints). */
export function sanitizedHast(children: RootContent[]): HastRoot {
  const root: Root = { type: 'root', children };
  return processor.runSync(root) as HastRoot;
}

/** mdast → sanitised HTML text. */
export function mdastHtml(children: RootContent[]): string {
  return processor.stringify(sanitizedHast(children));
}

export function blocksHtml(blocks: readonly Block[]): string {
  return mdastHtml(toMdastBlocks(blocks));
}

export function inlineHtml(nodes: readonly Inline[]): string {
  const html = mdastHtml([{ type: 'paragraph', children: toPhrasing(nodes) }]);
  return html.replace(/^<p>/, '').replace(/<\/p>$/, '');
}

/** Escapes text for HTML element content and attribute values (the one escaper, ../escape.ts). */
export { escapeHtml };
