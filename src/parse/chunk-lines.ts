// Line classification for the chunk planner (chunk.ts): fences, HTML blocks, definitions and
// labels, as CommonMark defines them, on one physical line at a time.

export const HTML_BLOCK_NAMES = new Set([
  'address',
  'article',
  'aside',
  'base',
  'basefont',
  'blockquote',
  'body',
  'caption',
  'center',
  'col',
  'colgroup',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'frame',
  'frameset',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'head',
  'header',
  'hr',
  'html',
  'iframe',
  'legend',
  'li',
  'link',
  'main',
  'menu',
  'menuitem',
  'nav',
  'noframes',
  'ol',
  'optgroup',
  'option',
  'p',
  'param',
  'search',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'title',
  'tr',
  'track',
  'ul',
]);

export const RE_FENCE_OPEN = /^(`{3,}|~{3,})(.*)$/;
export const RE_ATX = /^#{1,6}(?:[ \t]|$)/;
export const RE_LIST_MARKER = /^(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;
export const RE_CONTAINER_PREFIX = /^(?: {0,3}(?:>[ \t]?|(?:[-+*]|\d{1,9}[.)])[ \t]+))+/;
export const RE_THEMATIC_OR_SETEXT = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,}|=+[ \t]*)$/;
export const RE_HTML_RAW = /^<(?:script|pre|style|textarea)(?:[ \t>]|$)/i;
export const RE_HTML_RAW_END = /<\/(?:script|pre|style|textarea)>/i;
export const RE_HTML_BLOCK_TAG = /^<\/?([A-Za-z][A-Za-z0-9]*)(?:[ \t>]|\/>|$)/;
export const RE_HTML_COMPLETE_TAG =
  /^(?:<[A-Za-z][A-Za-z0-9-]*(?:[ \t]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \t]*=[ \t]*(?:[^ \t"'=<>`]+|'[^']*'|"[^"]*"))?)*[ \t]*\/?>|<\/[A-Za-z][A-Za-z0-9-]*[ \t]*>)[ \t]*$/;
export const RE_DEFINITION = /^\[(\^?)((?:[^[\]\\]|\\.){1,999})\]:/;

/**
 * Normalize a link/footnote label the way micromark compares them
 * (collapse whitespace, trim, case-fold). Equal keys ⇔ same definition.
 */
export function labelKey(label: string): string {
  return label
    .replace(/[\t\n\r ]+/g, ' ')
    .replace(/^ | $/g, '')
    .toLowerCase()
    .toUpperCase();
}

/**
 * Keys of every bracketed text `[…]` without unescaped brackets inside
 * (possibly spanning lines) in `text`: a superset of the labels that
 * references in `text` may look up.
 */
export function bracketKeys(text: string): Set<string> {
  const keys = new Set<string>();
  const re = /\[((?:[^[\]\\]|\\[\s\S]){1,999})\]/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    keys.add(labelKey(m[1] ?? ''));
  }
  return keys;
}

/** Number of columns of leading whitespace, capped at 4 (a tab counts as reaching 4). */
export function indentOf(line: string): number {
  let n = 0;
  for (let i = 0; i < line.length && n < 4; i++) {
    const c = line.charCodeAt(i);
    if (c === 32) n++;
    else if (c === 9) n = 4;
    else break;
  }
  return n;
}

export function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

export type Html15 = { end: RegExp };

/** HTML block of type 1–5 starting at `rest` (already stripped of 0–3 spaces), or undefined. */
export function htmlOpaqueStart(rest: string): Html15 | undefined {
  if (rest.charCodeAt(0) !== 60 /* < */) return undefined;
  if (RE_HTML_RAW.test(rest)) return { end: RE_HTML_RAW_END };
  if (rest.startsWith('<!--')) return { end: /-->/ };
  if (rest.startsWith('<?')) return { end: /\?>/ };
  if (rest.startsWith('<![CDATA[')) return { end: /\]\]>/ };
  if (/^<![A-Za-z]/.test(rest)) return { end: />/ };
  return undefined;
}

/** Where the end marker search starts on the opening line (after the opener itself). */
export function htmlOpenerLength(rest: string): number {
  if (rest.startsWith('<!--')) return 4;
  if (rest.startsWith('<![CDATA[')) return 9;
  return 2;
}

/** A closing fence: 0–3 spaces, ≥ `length` × `char`, then only spaces/tabs. */
export function isFenceClose(line: string, char: string, length: number): boolean {
  let i = 0;
  while (i < 3 && line.charCodeAt(i) === 32) i++;
  let run = 0;
  while (line.charAt(i) === char) {
    i++;
    run++;
  }
  if (run < length) return false;
  for (; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

export function isHtml6(rest: string): boolean {
  const m = RE_HTML_BLOCK_TAG.exec(rest);
  return m !== null && HTML_BLOCK_NAMES.has((m[1] ?? '').toLowerCase());
}

export function scanDefinition(rest: string, definitions: Map<string, string>, footnotes: Map<string, string>): void {
  if (rest.charCodeAt(0) !== 91 /* [ */) return;
  const m = RE_DEFINITION.exec(rest);
  if (!m) return;
  const label = m[2] ?? '';
  if (m[1]) footnotes.set('^' + labelKey(label), label);
  else definitions.set(labelKey(label), label);
}
