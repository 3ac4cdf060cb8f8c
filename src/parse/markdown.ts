// Markdown text → mdast, with GFM tables and YAML front matter.
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

/** Parse a whole document. Positions are exact (1-based lines and columns, 0-based offsets). */
export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}
