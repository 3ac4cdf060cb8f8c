/**
 * Safe Mermaid label text for generated flowcharts and mindmaps.
 *
 * Grounded in mermaid 12's grammars: a quoted label (`"…"`) may hold any
 * character except `"` (flowchart and mindmap lexers read `[^"]+`), a label
 * opening with "` becomes a markdown string, and before parsing mermaid turns
 * every `#\w+;` into an entity placeholder that ends up as `&…;` in the SVG.
 * So: quote always, write the few risky characters as `#…;` codes, and use
 * only codes that are valid XML too (the five predefined names or numbers).
 */

export interface LabelOptions {
  /** How a newline inside the text is written: a `<br/>` break (default) or a space. */
  newline?: 'br' | 'space';
}

// With SVG-text labels (htmlLabels: false) mermaid shows entity codes other than #amp; literally
// and mangles `#lt;/…` through its sanitizer, so the risky characters are replaced by look-alikes
// that carry no meaning to Mermaid or HTML (documented in the README):
//   " → “ ” (in turn)   < > → ‹ ›   ` → ˋ   & → #amp;   a zero-width space breaks #name; and %%
const ENTITY: Readonly<Record<string, string>> = {
  '<': '‹', // keeps `<script>` inert text instead of HTML
  '>': '›',
  '&': '#amp;',
};
const ZWSP = '\u200B';

const EMPTY = '\u00A0'; // `""` does not parse; a no-break space renders blank

/** Escapes text for use inside a quoted Mermaid label, without the quotes. */
export function escapeLabel(text: string, options: LabelOptions = {}): string {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');
  const joiner = options.newline === 'space' ? ' ' : '<br/>';
  const body = lines.map(escapeChars).join(joiner);
  return body === '' ? EMPTY : body;
}

/** The quoted label to put inside a node shape: `A[${mermaidLabel(t)}]`, `id((${mermaidLabel(t)}))`. */
export function mermaidLabel(text: string, options: LabelOptions = {}): string {
  return `"${escapeLabel(text, options)}"`;
}

function escapeChars(line: string): string {
  let quotes = 0;
  return (
    line
      // `#name;` would be read as an entity code, a leading "` as a markdown string, `%%{`
      // anywhere as an init directive: a zero-width space breaks each pattern invisibly.
      .replace(/#(?=\w+;)/g, `#${ZWSP}`)
      // Backticks start markdown strings (mindmaps drop the quoted part): a look-alike grave.
      .replace(/`/g, 'ˋ')
      .replace(/%(?=%)/g, `%${ZWSP}`)
      // A straight quote would end the label: typographic quotes, opening and closing in turn.
      .replace(/"/g, () => (quotes++ % 2 === 0 ? '“' : '”'))
      .replace(/[<>&]/g, (ch) => ENTITY[ch] ?? ch)
  );
}

/**
 * Text for a diagram `title:` in front matter (a YAML double-quoted scalar). Titles are set as
 * plain text after mermaid's sanitizer, which would print entity codes: the same look-alikes as
 * labels, and `&` as the fullwidth ＆.
 */
export function titleScalar(text: string): string {
  const body = escapeChars(text.replace(/\s+/g, ' ').trim().replace(/&/g, '＆'));
  return JSON.stringify(body);
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Shortens text to at most `max` graphemes (ellipsis included), cutting on a
 * word boundary when one is close enough and never inside an emoji or a
 * combining sequence. Whitespace is collapsed first.
 */
export function shorten(text: string, max = 40): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  const graphemes = Array.from(segmenter.segment(clean), (s) => s.segment);
  // CJK characters are twice as wide as Latin letters: they count twice, so a Chinese label is
  // as long on the map as an English one of the same `max`.
  let width = 0;
  let fits = 0; // graphemes that fit in max - 1 (room for the ellipsis)
  for (const g of graphemes) {
    width += WIDE.test(g) ? 2 : 1;
    if (width <= max - 1) fits++;
  }
  if (width <= max) return clean;
  if (max <= 1) return '…'.slice(0, Math.max(max, 0));
  const cut = lastSpace(graphemes, fits);
  // Take the word boundary unless it would throw away more than half the room.
  const kept = graphemes.slice(0, cut > fits / 2 ? cut : fits);
  return kept.join('').replace(/[\s,;:.!?\-–—，；：、。]+$/u, '') + '…';
}

/** East Asian wide characters (CJK ideographs, kana, Hangul, full-width forms); they count twice in a length. */
export const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA960-\uA97F\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;

/** Index of the last space at or before `limit`: cutting there keeps whole words. */
function lastSpace(graphemes: string[], limit: number): number {
  for (let i = limit; i > 0; i--) if (graphemes[i] === ' ') return i;
  return -1;
}

/**
 * An `accTitle: …` or `accDescr: …` line for a flowchart. The grammar reads
 * these to the end of the line, so the text is folded onto one line; entity
 * codes are applied like labels (mermaid decodes them in the SVG too).
 * Returns '' for empty text so callers can skip the line.
 */
export function accLine(kind: 'accTitle' | 'accDescr', text: string): string {
  const body = text.replace(/\s+/g, ' ').trim();
  if (body === '') return '';
  return `${kind}: ${escapeChars(body)}`;
}

/** One line of a markdown-string label (see markdownLabel). */
export interface LabelLine {
  text: string;
  bold?: boolean;
}

// In a markdown string mermaid (with SVG labels) keeps only text, bold and italic: an escape,
// link, code span or strikethrough is dropped and a block (list, heading, table) breaks the
// label. So every character that could start one becomes a look-alike or gets a zero-width space:
//   * → ∗   _ → ˍ   ~ → ∼   \ + ZWSP   ]( → ]ZWSP(   :// www. @ + ZWSP (autolinks)
// and a line that starts like a block (# + - = | : or "1." "1)") starts with a ZWSP.
const MD_CHAR: Readonly<Record<string, string>> = { '*': '∗', _: 'ˍ', '~': '∼' };
const BLOCK_START = /^(?:[#+\-=|:]|\d+[.)])/u; // `>` is already ›

function markdownSafe(line: string): string {
  return escapeChars(line)
    .replace(/[*_~]/g, (ch) => MD_CHAR[ch] ?? ch)
    .replace(/\\/g, `\\${ZWSP}`)
    .replace(/\]\(/g, `]${ZWSP}(`)
    .replace(/:\/\//g, `:${ZWSP}//`)
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}${ZWSP}.`)
    .replace(/@/g, `@${ZWSP}`);
}

/** A plain line that would start a block starts with a ZWSP (a bold line starts with `**`). */
const blockSafe = (line: string): string => (BLOCK_START.test(line) ? ZWSP + line : line);

/**
 * A quoted markdown-string label ("`…`") whose lines are drawn bold or regular: mermaid sets a
 * bold line as <tspan font-weight="bold">. Each line is one row (the caller wraps them).
 */
export function markdownLabel(lines: readonly LabelLine[]): string {
  const rows = lines
    .map((l) => ({ text: l.text.replace(/\s+/g, ' ').trim(), bold: l.bold === true }))
    .filter((l) => l.text !== '')
    .map((l) => (l.bold ? `**${markdownSafe(l.text)}**` : blockSafe(markdownSafe(l.text))));
  return rows.length === 0 ? mermaidLabel('') : `"\`${rows.join('\n')}\`"`;
}
