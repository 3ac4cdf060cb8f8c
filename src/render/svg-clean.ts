// The allow-list check of a rendered SVG, run on every SVG the renderer returns: fresh from
// mermaid and, above all, read back from the render cache (a shared CI cache is input too).
// Unlike the decks' inlining sanitiser (src/generate/slides/svg.ts) it keeps what mermaid emits,
// <foreignObject> HTML labels included, and it copies every token it keeps byte for byte: a clean
// SVG comes back identical, so `removed` is empty exactly when nothing was unsafe, and cleaning
// twice changes nothing. Removed: elements off the list (script, iframe, image, animate, set…)
// with their content, on* handlers, links other than #fragments (and http/https/mailto on <a>),
// url(…) other than url(#id), @import, expression(), comments, CDATA, DOCTYPE, processing
// instructions. <style>, <title> and <desc> may hold text only: inside a <foreignObject> they are
// HTML raw-text elements, where markup hidden in them would be parsed differently by a browser.
// The elements kept are the file profile of src/generate/svg-elements.ts.

import { SVG_ALLOWED } from '../generate/svg-elements.ts';

const ELEMENTS = SVG_ALLOWED.file;
const VOID: ReadonlySet<string> = new Set(['br', 'hr']);
const TEXT_ONLY: ReadonlySet<string> = new Set(['style', 'title', 'desc']);
const LINK_ATTRS: ReadonlySet<string> = new Set([
  'href',
  'xlink:href',
  'src',
  'action',
  'formaction',
  'background',
  'poster',
  'data',
  'xml:base',
  'srcdoc',
]);

const TOKEN_RE =
  /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<\?[\s\S]*?(?:\?>|$)|<![^>]*>?|<\/([a-zA-Z][\w:.-]*)\s*>|<([a-zA-Z][\w:.-]*)((?:\s+[^\s=/>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*)\s*(\/?)>|([^<]+)|</g;
const ATTR_RE = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?/g;

export interface CleanedSvg {
  svg: string;
  /** What was taken out, e.g. `element script`, `attribute onload`; empty when the SVG was clean. */
  removed: string[];
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|colon|tab|newline);?/gi, (m, e: string) => {
    const k = e.toLowerCase();
    const named: Record<string, string> = {
      amp: '&',
      lt: '<',
      gt: '>',
      quot: '"',
      apos: "'",
      colon: ':',
      tab: '\t',
      newline: '\n',
    };
    if (named[k] !== undefined) return named[k];
    const code = k.startsWith('#x') ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
  });
}

/** CSS that could load or run something: @import, url() other than url(#id), expression(), bindings, escapes. */
export function unsafeCss(css: string): boolean {
  const c = decodeEntities(css);
  return (
    /@import|url\s*\(\s*['"]?\s*(?!#)|expression\s*\(|javascript:|-moz-binding|behavior\s*:|\\[0-9a-f]/i.test(c) ||
    /<\/?\s*style/i.test(c)
  );
}

/** Why the attribute must go, or null to keep it. */
function attrProblem(element: string, name: string, rawValue: string): string | null {
  const lower = name.toLowerCase();
  if (!/^[a-z_][\w:.-]*$/i.test(name) || lower.startsWith('on')) return name;
  const value = decodeEntities(rawValue);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers ignore control characters inside a URL scheme, so they go before the check
  const squashed = value.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, '').toLowerCase();
  if (LINK_ATTRS.has(lower)) {
    if (squashed.startsWith('#')) return null;
    if (element === 'a' && (lower === 'href' || lower === 'xlink:href') && /^(?:https?:|mailto:)/.test(squashed))
      return null;
    if (element === 'a' && (lower === 'href' || lower === 'xlink:href') && !/^[a-z][a-z0-9+.-]*:|^\/\//.test(squashed))
      return null;
    return `${name}=${value.slice(0, 40)}`;
  }
  // Any other attribute holding a URL scheme as its whole value (label text such as "metadata: x" is fine).
  if (/^(?:javascript|vbscript|data):/.test(squashed)) return `${name}=${value.slice(0, 40)}`;
  if (lower === 'style' ? unsafeCss(value) : /url\s*\(\s*['"]?\s*(?!#)/i.test(value))
    return `${name}=${value.slice(0, 40)}`;
  return null;
}

/** The tag with its unsafe attributes taken out (the token itself when all are kept). */
function cleanTag(token: string, tag: string, attrs: string, selfClose: boolean, removed: string[]): string {
  const element = tag.toLowerCase();
  let kept = '';
  let dropped = false;
  for (const m of attrs.matchAll(ATTR_RE)) {
    const problem = attrProblem(element, m[1]!, m[2] ?? m[3] ?? '');
    if (problem === null) kept += ` ${m[0]}`;
    else {
      dropped = true;
      removed.push(`attribute ${problem}`);
    }
  }
  return dropped ? `<${tag}${kept}${selfClose ? '/>' : '>'}` : token;
}

/** Checks and cleans one SVG document (see the file comment). */
export function cleanSvg(svg: string): CleanedSvg {
  const removed: string[] = [];
  const open: string[] = []; // lower-case names of the open elements
  const openTags: string[] = []; // the same, as written
  let out = '';
  let dropDepth = 0;
  for (const m of svg.matchAll(TOKEN_RE)) {
    const [token, close, tag, attrs, selfClose, text] = m;
    const inTextOnly = open.length > 0 && TEXT_ONLY.has(open[open.length - 1]!);
    if (close !== undefined) {
      const name = close.toLowerCase();
      if (dropDepth > 0) dropDepth--;
      else if (open.includes(name)) {
        while (open.length > 0 && open.pop() !== name) openTags.pop();
        openTags.pop();
        out += token;
      } else removed.push(`stray </${close}>`);
    } else if (tag !== undefined) {
      const name = tag.toLowerCase();
      const isVoid = selfClose === '/' || VOID.has(name);
      if (dropDepth > 0) {
        if (!isVoid) dropDepth++;
      } else if (!ELEMENTS.has(name) || inTextOnly) {
        removed.push(`element ${tag}${inTextOnly ? ` inside <${open[open.length - 1]}>` : ''}`);
        if (!isVoid) dropDepth++;
      } else {
        out += cleanTag(token, tag, attrs ?? '', selfClose === '/', removed);
        if (!isVoid) {
          open.push(name);
          openTags.push(tag);
        }
      }
    } else if (text !== undefined) {
      if (dropDepth > 0) continue;
      if (open[open.length - 1] === 'style' && unsafeCss(text)) removed.push('unsafe CSS in <style>');
      else out += text;
    } else if (dropDepth === 0) {
      if (token === '<') out += '&lt;';
      removed.push(token.startsWith('<!--') ? 'comment' : token === '<' ? 'stray <' : `markup ${token.slice(0, 12)}`);
    }
  }
  for (const tag of openTags.reverse()) {
    out += `</${tag}>`;
    removed.push(`unclosed <${tag}>`);
  }
  return { svg: out, removed };
}
