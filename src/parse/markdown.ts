// Markdown text → mdast, with GFM tables and YAML front matter.
//
// remark-parse (micromark) is super-linear on long documents (2 MB take
// seconds, 10 MB minutes), so long documents are parsed in chunks split at
// safe block boundaries (see ./chunk.ts for the rules), and the chunk trees
// are stitched back together with every position shifted to the whole
// document. The result is the same tree, positions included, as a
// whole-document parse:
//
// - Columns are unchanged because every chunk starts at a line start; lines
//   and offsets are shifted by the chunk's start.
// - Every chunk but the last is parsed followed by a `#` line (an empty ATX
//   heading, i.e. the kind of line that follows it in the document), so its
//   blocks close as in the document rather than at the end of the input.
// - Every split chosen by the scanner is verified against the chunk's real
//   parse: if the chunk's last block runs past the chunk's last line (unclosed
//   fenced code or HTML block, an HTML block of type 6/7 swallowing the
//   heading that follows), the split is dropped and the chunk re-parsed
//   together with the following text (at least doubling, so bad guesses stay
//   linear).
// - Link reference and footnote definitions are global: each chunk gets the
//   definitions (from elsewhere in the document) whose label it may reference,
//   as `[label]: #` / `[^label]: x` lines — prepended (chunks after the first;
//   front matter must stay on line 1 of the first) or appended (first chunk) —
//   and the resulting extra nodes are dropped. Only the labels matter: mdast
//   references carry no URL. Labels are first guessed by a line scan, then
//   checked against the real definition nodes; chunks whose guess was wrong
//   are re-parsed (block structure never depends on definitions).
// - Only the first chunk is parsed with the front-matter extension (front
//   matter is only recognised on line 1); none is when line 1 is an unclosed
//   `---` (see `parseMarkdown`).
import type { Nodes, Root, RootContent } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { liftAdmonitions, mayHaveAdmonitions } from './admonitions.ts';
import { bracketKeys, labelKey, planChunks, type Split } from './chunk.ts';
import { emojiShortcodes, mayHaveShortcodes } from './shortcodes.ts';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();
/** For chunks after the first: front matter can only occur on line 1 of the document. */
const processorNoFrontmatter = unified().use(remarkParse).use(remarkGfm).freeze();

/** Default chunk size in UTF-16 code units (≈ bytes for mostly-ASCII text); measured with bench/parse.ts. */
export const DEFAULT_CHUNK_BYTES = 16 * 1024;

export interface ParseMarkdownOptions {
  /**
   * Target chunk size in UTF-16 code units (≈ bytes for mostly-ASCII text).
   * Documents shorter than twice this are parsed in one go. Chunks end at the
   * first safe boundary after this size, so they can be longer.
   */
  chunkBytes?: number;
}

/** Parse a whole document. Positions are exact (1-based lines and columns, 0-based offsets). */
export function parseMarkdown(text: string, options: ParseMarkdownOptions = {}): Root {
  const parsed = parseBlocks(text, options);
  const tree = mayHaveAdmonitions(text)
    ? liftAdmonitions(parsed, text, (body) => processorNoFrontmatter.parse(body))
    : parsed;
  // `:beginner:` shows as 🔰 in every output, as on GitHub; code keeps its text.
  return mayHaveShortcodes(text) ? emojiShortcodes(tree) : tree;
}

function parseBlocks(text: string, options: ParseMarkdownOptions): Root {
  const chunkBytes = Math.max(1, options.chunkBytes ?? DEFAULT_CHUNK_BYTES);
  // An opening `---` that is never closed is a thematic break, not front matter. With the
  // front-matter extension on, micromark would stop seeing quotes and lists for the rest of
  // the document (upstream behaviour), so such documents are parsed without it.
  const whole = unclosedFrontMatter(text) ? processorNoFrontmatter : processor;
  if (text.length < 2 * chunkBytes) return whole.parse(text);
  const plan = planChunks(text, chunkBytes);
  if (plan.splits.length === 1) return whole.parse(text);
  return parseChunked(
    text,
    plan.splits,
    mergeLabels(plan.definitions, plan.footnotes),
    plan.frontMatter === 'unclosed',
  );
}

function unclosedFrontMatter(text: string): boolean {
  return /^---[ \t]*(?:\r\n?|\n)/.test(text) && !/(?:\r\n?|\n)---[ \t]*(?:\r\n?|\n|$)/.test(text.slice(3));
}

/** A parsed chunk: `own` is the chunk's text range in the document. */
interface Chunk {
  start: number;
  end: number;
  /** 0-based document line of `start`. */
  line: number;
  /** Label keys whose definitions were added to the chunk text. */
  keys: string[];
  /** The chunk's own top-level nodes, positions still relative to the parsed text. */
  children: RootContent[];
  /** Length and line count of the text prepended to the chunk's own text. */
  prefixLength: number;
  prefixLines: number;
  /** Root of the chunk parse (the last chunk's end gives the document's end). */
  root: Root;
}

/** key → text of the definition line(s) to add for it. */
type LabelLines = Map<string, string>;

function mergeLabels(definitions: Map<string, string>, footnotes: Map<string, string>): LabelLines {
  const lines: LabelLines = new Map();
  for (const [key, label] of definitions) lines.set(key, `[${label}]: #\n\n`);
  for (const [key, label] of footnotes) lines.set(key, `[^${label}]: x\n\n`);
  return lines;
}

/** `brokenContainers`: line 1 is `---` but no front matter follows, so no chunk uses the front-matter extension. */
function parseChunked(text: string, splits: Split[], guessed: LabelLines, brokenContainers: boolean): Root {
  const context: ChunkContext = { brokenContainers };
  const chunks: Chunk[] = [];
  const found: LabelLines = new Map();
  let i = 0;
  while (i < splits.length) {
    const first = splits[i] as Split;
    // Find the end of this chunk, dropping splits the real parse rejects.
    let j = i + 1;
    for (;;) {
      const last = j >= splits.length;
      const end = last ? text.length : (splits[j] as Split).offset;
      const own = text.slice(first.offset, end);
      const chunk = parseChunk(context, own, first, end, i === 0, last, guessed, relevantKeys(own, guessed));
      if (last || isClosed(chunk, own)) {
        collectDefinitions(chunk.children, found);
        chunks.push(chunk);
        i = j;
        break;
      }
      // Unsafe split: grow the chunk to at least twice its size (keeps the
      // re-parsing linear even if many splits in a row are rejected).
      const target = first.offset + 2 * (end - first.offset);
      j++;
      while (j < splits.length && (splits[j] as Split).offset < target) j++;
    }
  }

  // Re-parse the chunks that got a wrong set of definitions from the guess.
  if (!sameKeys(found, guessed)) {
    for (let k = 0; k < chunks.length; k++) {
      const chunk = chunks[k] as Chunk;
      const own = text.slice(chunk.start, chunk.end);
      const keys = relevantKeys(own, found);
      if (keys.length === chunk.keys.length && keys.every((key, n) => key === chunk.keys[n])) continue;
      const split: Split = { offset: chunk.start, line: chunk.line, afterBlank: false };
      chunks[k] = parseChunk(context, own, split, chunk.end, k === 0, k === chunks.length - 1, found, keys);
    }
  }

  // Stitch: shift positions into the document and concatenate.
  const children: RootContent[] = [];
  for (const chunk of chunks) {
    const lineDelta = chunk.line - chunk.prefixLines;
    const offsetDelta = chunk.start - chunk.prefixLength;
    for (const child of chunk.children) {
      shift(child, lineDelta, offsetDelta);
      children.push(child);
    }
  }
  const lastChunk = chunks[chunks.length - 1] as Chunk;
  const end = lastChunk.root.position?.end;
  const root: Root = { type: 'root', children };
  if (end) {
    root.position = {
      start: { line: 1, column: 1, offset: 0 },
      end: {
        line: end.line + lastChunk.line - lastChunk.prefixLines,
        column: end.column,
        offset: (end.offset ?? 0) + lastChunk.start - lastChunk.prefixLength,
      },
    };
  }
  return root;
}

/** Keys (sorted) of known definitions that `own` may reference. */
function relevantKeys(own: string, known: LabelLines): string[] {
  if (known.size === 0) return [];
  const keys: string[] = [];
  for (const key of bracketKeys(own)) if (known.has(key)) keys.push(key);
  return keys.sort();
}

interface ChunkContext {
  brokenContainers: boolean;
}

function parseChunk(
  context: ChunkContext,
  own: string,
  split: Split,
  end: number,
  isFirst: boolean,
  isLast: boolean,
  labels: LabelLines,
  keys: string[],
): Chunk {
  // A chunk that is the whole document needs nothing from elsewhere.
  const extra = isFirst && isLast ? '' : keys.map((key) => labels.get(key) ?? '').join('');
  // Every chunk but the last is followed by `#`, an ATX heading at column 0
  // like the document's next line (or, after a blank line, like any line that
  // may follow a blank line there): blocks at the chunk's end close exactly as
  // they do in the document instead of at the end of the input, which micromark
  // treats differently (e.g. an HTML block in a list item then keeps its line
  // ending). Chunks after the first get the definitions they need before
  // their text, the first chunk after that `#`.
  const prefix = isFirst ? '' : extra;
  const suffix = isLast ? '' : '#\n' + (isFirst ? extra : '');
  const source = prefix + own + suffix;
  const prefixLength = prefix.length;
  const prefixLines = countLines(prefix);
  const root = (isFirst && !context.brokenContainers ? processor : processorNoFrontmatter).parse(source);
  const ownEnd = prefixLength + own.length;
  const children = root.children.filter((child) => {
    const offset = child.position?.start.offset ?? 0;
    return offset >= prefixLength && offset < ownEnd;
  });
  return {
    start: split.offset,
    end,
    line: split.line,
    keys,
    children,
    prefixLength,
    prefixLines,
    root,
  };
}

function countLines(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

/**
 * Whether the chunk's parse has nothing open at its end, i.e. the split after
 * it is safe: its last node must end before the chunk's final line break. An
 * unclosed fenced code or HTML block (types 1–5), or an HTML block of type 6/7
 * right before a heading split, swallows the `#` line that follows the chunk.
 */
function isClosed(chunk: Chunk, own: string): boolean {
  const last = chunk.children[chunk.children.length - 1];
  if (!last) return true;
  const eol = own.endsWith('\r\n') ? 2 : 1;
  const contentEnd = chunk.prefixLength + own.length - eol;
  return (last.position?.end.offset ?? Infinity) <= contentEnd;
}

/** Record the keys (and definition lines) of the real definitions in `nodes`. */
function collectDefinitions(nodes: readonly Nodes[], found: LabelLines): void {
  for (const node of nodes) {
    if (node.type === 'definition') {
      const key = labelKey(node.identifier);
      if (!found.has(key)) found.set(key, `[${node.identifier}]: #\n\n`);
    } else if (node.type === 'footnoteDefinition') {
      const key = '^' + labelKey(node.identifier);
      if (!found.has(key)) found.set(key, `[^${node.identifier}]: x\n\n`);
    }
    if ('children' in node) collectDefinitions(node.children, found);
  }
}

function sameKeys(a: LabelLines, b: LabelLines): boolean {
  if (a.size !== b.size) return false;
  for (const key of a.keys()) if (!b.has(key)) return false;
  return true;
}

/** Shift the positions of `node` and its descendants (fresh point objects). */
function shift(node: Nodes, lineDelta: number, offsetDelta: number): void {
  const position = node.position;
  if (position) {
    node.position = {
      start: {
        line: position.start.line + lineDelta,
        column: position.start.column,
        offset: (position.start.offset ?? 0) + offsetDelta,
      },
      end: {
        line: position.end.line + lineDelta,
        column: position.end.column,
        offset: (position.end.offset ?? 0) + offsetDelta,
      },
    };
  }
  if ('children' in node) for (const child of node.children) shift(child, lineDelta, offsetDelta);
}
