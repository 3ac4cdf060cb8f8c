// Splitting a Markdown document into chunks that parse independently.
//
// remark-parse (micromark) gets super-linear on long documents, so
// `parseMarkdown` parses a long document in chunks of a few tens of KB and
// stitches the trees together. This module is the pure, text-only half of
// that: it picks the split points and pre-scans definition labels. It never
// parses Markdown for real; it is a cheap line scanner that errs on the side
// of *not* splitting. `parseMarkdown` additionally verifies every split
// against the chunk's real parse and drops splits that turn out to be unsafe,
// so a mistake here costs speed, never correctness.
//
// A split is a line L where a chunk starts. It is safe when, in the parse of
// the whole document, every block is closed before L and L starts a new
// top-level block with nothing open, so that the blocks before L do not
// depend on L (no lookahead: setext underline, table delimiter row, lazy
// continuation) and L does not depend on what came before (except for link
// and footnote definitions, which `parseMarkdown` handles separately).
//
// Rules (line = physical line; blank = only spaces/tabs):
//
// 1. Never inside YAML front matter: a first line `---` (trailing spaces or
//    tabs allowed) up to the next such line. Unclosed front matter is not
//    front matter. Front matter is only recognised on line 1, so chunks
//    after the first are parsed without the front-matter extension. (An
//    unclosed `---` on line 1 is a thematic break, but the failed attempt
//    leaves micromark unable to open block quotes, lists and footnote
//    definitions for the rest of the document; see `frontMatter`.)
// 2. Never inside a top-level fenced code block: opened by ≥3 backticks or
//    tildes after 0–3 spaces (a backtick fence's info string cannot contain a
//    backtick), closed by a line of ≥ as many of the same character after 0–3
//    spaces followed only by spaces/tabs. Content lines are opaque.
// 3. Never inside a top-level HTML block of CommonMark types 1–5, which can
//    span blank lines: `<script`/`<pre`/`<style`/`<textarea` … closing tag,
//    `<!--` … `-->`, `<?` … `?>`, `<!X` … `>`, `<![CDATA[` … `]]>`. Their
//    content is opaque (a ``` inside is not a fence). Types 6 and 7 (block
//    tag names, a complete tag alone on a line) end at a blank line; a
//    heading right after such a block's line is still HTML, so:
// 4. Candidate split lines, outside 1–3:
//    a. an ATX heading at column 0 (`#`…`######` then space/tab/end of
//       line), unless an HTML block of type 6/7 may be open. A heading can't
//       be a lazy continuation line, interrupts paragraphs, closes lists,
//       block quotes, tables, indented code and footnote definitions.
//    b. a line right after a blank line that starts at column 0 with a
//       character other than a list marker (`-`, `*`, `+`, `1.`, `1)`
//       followed by space/tab/end of line), `>`, `|` or `[^`. After a blank
//       line a non-indented line cannot continue a paragraph, list item or
//       block quote; excluding markers keeps lists and quotes in one piece.
//       Container starts (`>`, list markers, footnote definitions `[^x]:`)
//       are also excluded because micromark ends a preceding list whose item
//       holds unclosed fenced code at a different offset when the next line
//       starts a container than when it starts a plain block.
// 5. Fences and HTML starts inside containers (after `>` or a list marker,
//    or indented under an open list/quote) are ignored: a candidate line is
//    at column 0 and not lazy, so it closes every container anyway, and
//    with it any fenced code or HTML inside.
// 6. A chunk ends at the first candidate at or after `chunkSize` UTF-16
//    code units from its start (so chunks are a bit longer than that).
//
// Link reference definitions (`[x]: url`) and footnote definitions
// (`[^x]: …`) anywhere in the document change how `[x]` parses everywhere,
// so the scanner also collects the labels of definition-looking lines
// outside code/HTML (a guess: `parseMarkdown` checks it against the real
// definition nodes and re-parses the chunks affected by a wrong guess).

import {
  RE_FENCE_OPEN,
  RE_ATX,
  RE_LIST_MARKER,
  RE_CONTAINER_PREFIX,
  RE_THEMATIC_OR_SETEXT,
  RE_HTML_COMPLETE_TAG,
  indentOf,
  isBlank,
  type Html15,
  htmlOpaqueStart,
  htmlOpenerLength,
  isFenceClose,
  isHtml6,
  scanDefinition,
} from './chunk-lines.ts';

export { bracketKeys, labelKey } from './chunk-lines.ts';

/** One point where a chunk starts. */
export interface Split {
  /** UTF-16 offset of the first character of the chunk's first line. */
  offset: number;
  /** 0-based line index of that line. */
  line: number;
  /** Whether the line before is blank (rule 4b); false for a heading split (4a). */
  afterBlank: boolean;
}

export interface ChunkPlan {
  /** Chunk starts in document order; the first is always `{ offset: 0, line: 0 }`. */
  splits: Split[];
  /** Labels of definition-looking lines: normalized key (see `labelKey`) → label source. */
  definitions: Map<string, string>;
  /** Same for footnote definitions; keys start with `^`, values are the label without `^`. */
  footnotes: Map<string, string>;
  /**
   * Whether line 1 opens front matter (`---`) and whether it is closed.
   * Unclosed matters: the failed front-matter attempt on line 1 leaves
   * micromark unable to start containers (block quotes, lists, footnote
   * definitions) for the rest of the document, so `parseMarkdown` has to
   * recreate that state in every chunk.
   */
  frontMatter: 'none' | 'closed' | 'unclosed';
}

/**
 * Choose split points for `text` so that chunks are about `chunkSize` UTF-16
 * code units long, and pre-scan definition labels. Pure and linear-time.
 */
export function planChunks(text: string, chunkSize: number): ChunkPlan {
  const splits: Split[] = [{ offset: 0, line: 0, afterBlank: false }];
  const definitions = new Map<string, string>();
  const footnotes = new Map<string, string>();

  // Scanner state, describing the document just before the current line.
  let fmOpen = false; // inside front matter (rule 1)
  let fence: { char: string; length: number } | undefined; // rule 2
  let html15: Html15 | undefined; // rule 3, types 1–5
  let htmlUntilBlank = false; // HTML block of type 6/7 possibly open
  let prevBlank = false;
  let paragraphOpen = false; // previous line may be paragraph text (blocks HTML type 7)
  let containerOpen = false; // a list item or block quote may be open

  let chunkStart = 0;
  let lineIndex = 0;
  let pos = 0;
  const n = text.length;

  // Front matter: only a closed one counts (micromark strips a leading BOM).
  let frontMatter: ChunkPlan['frontMatter'] = 'none';
  if (/^\uFEFF?---[ \t]*(?:\r\n?|\n)/.test(text)) {
    frontMatter = /(?:\r\n?|\n)---[ \t]*(?:\r\n?|\n|$)/.test(text) ? 'closed' : 'unclosed';
    fmOpen = frontMatter === 'closed';
  }

  while (pos < n) {
    // Current line: [pos, eol), next line starts at `next`.
    let eol = pos;
    while (eol < n) {
      const c = text.charCodeAt(eol);
      if (c === 10 || c === 13) break;
      eol++;
    }
    let next = eol;
    if (next < n) next += text.charCodeAt(next) === 13 && text.charCodeAt(next + 1) === 10 ? 2 : 1;
    const line = text.slice(pos, eol);
    const blank = isBlank(line);

    if (fmOpen) {
      if (lineIndex > 0 && /^---[ \t]*$/.test(line)) fmOpen = false;
    } else if (fence) {
      if (isFenceClose(line, fence.char, fence.length)) fence = undefined;
    } else if (html15) {
      if (html15.end.test(line)) html15 = undefined;
    } else {
      // Rule 4: is this line a candidate split?
      const c0 = line.charCodeAt(0);
      if (lineIndex > 0 && pos - chunkStart >= chunkSize && !blank && c0 !== 32 && c0 !== 9) {
        let ok = false;
        let afterBlank = false;
        if (
          prevBlank &&
          c0 !== 62 /* > */ &&
          c0 !== 124 /* | */ &&
          !RE_LIST_MARKER.test(line) &&
          !line.startsWith('[^')
        ) {
          ok = true;
          afterBlank = true;
        } else if (c0 === 35 /* # */ && !htmlUntilBlank && RE_ATX.test(line)) {
          ok = true;
        }
        if (ok) {
          splits.push({ offset: pos, line: lineIndex, afterBlank });
          chunkStart = pos;
        }
      }

      // Update the state with this line.
      if (blank) {
        htmlUntilBlank = false;
        paragraphOpen = false;
      } else {
        const indent = indentOf(line);
        const stripped = line.trimStart();
        const container = indent <= 3 && (stripped.charCodeAt(0) === 62 || RE_LIST_MARKER.test(stripped));
        if (container) {
          containerOpen = true;
          paragraphOpen = true;
          scanDefinition(line.replace(RE_CONTAINER_PREFIX, ''), definitions, footnotes);
        } else if (indent > 0 && containerOpen) {
          // Content of a list item or quote: cannot open top-level blocks.
          paragraphOpen = true;
          if (indent <= 3) scanDefinition(stripped, definitions, footnotes);
        } else if (indent >= 4) {
          // Indented code, or a paragraph continuation: no state change.
        } else {
          // A top-level line (or a lazy continuation line).
          const rest = stripped;
          const fenceMatch = RE_FENCE_OPEN.exec(rest);
          const seq = fenceMatch?.[1] ?? '';
          const validFence = fenceMatch !== null && !(seq.charAt(0) === '`' && (fenceMatch[2] ?? '').includes('`'));
          const html = validFence ? undefined : htmlOpaqueStart(rest);
          const htmlToBlank =
            !validFence && html === undefined && (isHtml6(rest) || (!paragraphOpen && RE_HTML_COMPLETE_TAG.test(rest)));
          const otherBlock = RE_ATX.test(rest) || RE_THEMATIC_OR_SETEXT.test(rest);
          if (indent === 0 && (prevBlank || validFence || html !== undefined || htmlToBlank || otherBlock)) {
            containerOpen = false;
          }
          if (validFence) {
            fence = { char: seq.charAt(0), length: seq.length };
            paragraphOpen = false;
          } else if (html) {
            if (!html.end.test(rest.slice(htmlOpenerLength(rest)))) html15 = html;
            paragraphOpen = false;
          } else if (htmlToBlank) {
            htmlUntilBlank = true;
            paragraphOpen = false;
          } else if (otherBlock) {
            paragraphOpen = false;
          } else {
            scanDefinition(rest, definitions, footnotes);
            paragraphOpen = true;
          }
        }
      }
    }

    prevBlank = blank;
    pos = next;
    lineIndex++;
  }

  return { splits, definitions, footnotes, frontMatter };
}
