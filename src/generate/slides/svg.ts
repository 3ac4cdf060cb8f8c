// The SVG-safe path for inlining rendered diagrams into a deck: an allowlist of SVG elements (the
// inline profile of src/generate/svg-elements.ts) and attributes over the serialised XML the
// renderer produces. Scripts, foreignObject, images, event handlers, external references (href,
// url(…) other than #fragment, @import) are removed.
// The one exception: <a href> links between coursemap's own outputs that src/generate/links adds
// to maps, relative and of one exact shape (SAFE_HREF).
import { SAFE_HREF } from '../links/svg-links.ts';
import { SVG_ALLOWED } from '../svg-elements.ts';
import { escapeHtml } from './markdown.ts';

const ELEMENTS = SVG_ALLOWED.inline;

const TOKEN_RE =
  /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<\/([a-zA-Z][\w:.-]*)\s*>|<([a-zA-Z][\w:.-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*)\s*(\/?)>|([^<]+)|</g;
const ATTR_RE = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?/g;

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (m, e: string) => {
    const k = e.toLowerCase();
    if (k === 'amp') return '&';
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'quot') return '"';
    if (k === 'apos') return "'";
    const code = k.startsWith('#x') ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
  });
}

/** CSS that cannot load or run anything: no @import, no url() other than url(#id), no expression(). */
export function safeCss(css: string): string {
  return css
    .replace(/@import[^;]*;?/gi, '')
    .replace(/url\(\s*(['"]?)(?!#)[^)]*\)/gi, 'none')
    .replace(/expression\s*\(/gi, 'x(')
    .replace(/javascript:/gi, '')
    .replace(/<\/?\s*style/gi, '');
}

function safeAttrs(raw: string, element: string): string {
  let out = '';
  for (const m of raw.matchAll(ATTR_RE)) {
    const name = m[1]!;
    const lower = name.toLowerCase();
    const value = decodeEntities(m[2] ?? m[3] ?? '');
    if (lower.startsWith('on') || !/^[a-z][\w:.-]*$/i.test(name)) continue;
    const link = element === 'a' && lower === 'href' && SAFE_HREF.test(value);
    if ((lower === 'href' || lower === 'xlink:href' || lower === 'src') && !value.startsWith('#') && !link) continue;
    if (element === 'a' && (lower === 'href' || lower === 'xlink:href') && !SAFE_HREF.test(value)) continue;
    if (/javascript:|data:|vbscript:/i.test(value.replace(/\s+/g, '')) && lower !== 'd') continue;
    const v = lower === 'style' ? safeCss(value) : value;
    out += ` ${name}="${escapeHtml(v)}"`;
  }
  return out;
}

/** An <a> stays only with an href of coursemap's own relative shape (and no other link attribute). */
function safeLink(raw: string): boolean {
  let ok = false;
  for (const m of raw.matchAll(ATTR_RE)) {
    const lower = m[1]!.toLowerCase();
    const value = decodeEntities(m[2] ?? m[3] ?? '');
    if (lower === 'href') ok = SAFE_HREF.test(value);
    else if (lower === 'xlink:href' || lower === 'target' || lower === 'ping') return false;
  }
  return ok;
}

/** Sanitises an SVG document (as the renderer serialises it) for inlining into an HTML page. */
export function sanitizeSvg(svg: string): string {
  let out = '';
  const open: string[] = [];
  let dropDepth = 0;
  let inStyle = false;
  for (const m of svg.matchAll(TOKEN_RE)) {
    const [token, cdata, close, tag, attrs, selfClose, text] = m;
    if (close !== undefined) {
      const name = close.toLowerCase();
      if (dropDepth > 0) {
        dropDepth--;
        continue;
      }
      if (open[open.length - 1] === name) {
        open.pop();
        if (name === 'style') inStyle = false;
        out += `</${close}>`;
      }
    } else if (tag !== undefined) {
      const name = tag.toLowerCase();
      if (dropDepth > 0 || !ELEMENTS.has(name) || (name === 'a' && !safeLink(attrs ?? ''))) {
        // Anything else (script, foreignObject, image, a, animate…) goes with its content.
        if (!selfClose) dropDepth++;
        continue;
      }
      out += `<${tag}${safeAttrs(attrs ?? '', name)}${selfClose ? '/>' : '>'}`;
      if (!selfClose) {
        open.push(name);
        if (name === 'style') inStyle = true;
      }
    } else if (dropDepth === 0 && (text !== undefined || cdata !== undefined)) {
      const value = decodeEntities(text ?? '') + (cdata ?? '');
      out += inStyle
        ? escapeHtml(safeCss(value))
            .replace(/&quot;/g, '"')
            .replace(/&#39;/g, "'")
        : escapeHtml(value);
    } else if (token === '<' && dropDepth === 0) out += '&lt;';
  }
  for (const name of open.reverse()) out += `</${name}>`;
  return out;
}
