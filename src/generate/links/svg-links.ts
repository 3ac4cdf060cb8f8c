// Links inside rendered maps. Mermaid runs with securityLevel "strict", which disables `click`,
// so links are added after rendering: each node group (<g class="node …">) whose label matches a
// target is wrapped in <a class="cm-link" href="…">. Only relative links of one safe shape are
// ever written (SAFE_HREF), and the SVG sanitizer of the decks and the site lets exactly those
// through. The PNG is rasterised from the SVG before this step, so it stays unchanged.
import { escapeHtml as escapeAttr } from '../escape.ts';

/** A relative link to another output of the build: a deck slide, a map, a chapter page, or a slide of the same deck. */
export const SAFE_HREF =
  /^(?!$)(?:(?:\.\.\/)?(?:(?:decks|maps|chapters)\/)?[a-z0-9][a-z0-9-]*\.(?:html|svg))?(?:#\/?[A-Za-z][\w.:-]*)?$/;

export interface NodeLink {
  /** The node's label as the map generator made it (matched on letters and digits only). */
  label: string;
  href: string;
}

const OPEN = '<a class="cm-link" href="';
const CLOSE = '</a><!--cm-link-->';

/** Letters and digits of a label: survives wrapping into tspans, look-alike quotes and entities. */
export function labelKey(text: string): string {
  return text
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, ' ')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Removes the links added by linkSvgNodes (the SVG as rendered). */
export function unlinkSvg(svg: string): string {
  return svg
    .replace(/<a class="cm-link" href="[^"]*">/g, '')
    .split(CLOSE)
    .join('');
}

/** Where each `<g class="node …">` starts and ends (after its matching </g>). */
function nodeGroups(svg: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const tag = /<g\b[^>]*>|<\/g\s*>/g;
  let depth = 0;
  let current: { start: number; depth: number } | null = null;
  for (const m of svg.matchAll(tag)) {
    if (m[0].startsWith('</')) {
      depth--;
      if (current && depth === current.depth) {
        out.push({ start: current.start, end: m.index + m[0].length });
        current = null;
      }
      continue;
    }
    if (!m[0].endsWith('/>')) {
      if (!current && /\sclass="(?:[^"]*\s)?node(?:\s[^"]*)?"/.test(m[0])) current = { start: m.index, depth };
      depth++;
    }
  }
  return out;
}

function textOf(fragment: string): string {
  return [...fragment.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)]
    .map((m) => (m[1] ?? '').replace(/<[^>]*>/g, ''))
    .join(' ');
}

/**
 * Wraps every node whose label matches a link in <a href>. Labels that occur more than once are
 * matched in document order. Unsafe hrefs are never written. Idempotent: old links are removed first.
 */
export function linkSvgNodes(rendered: string, links: readonly NodeLink[]): string {
  const svg = unlinkSvg(rendered);
  // A link that may not be written still takes its node's turn (a root and a leaf with one label).
  const queue = new Map<string, Array<string | null>>();
  for (const l of links) {
    const key = labelKey(l.label);
    if (!key) continue;
    queue.set(key, [...(queue.get(key) ?? []), SAFE_HREF.test(l.href) ? l.href : null]);
  }
  let out = '';
  let at = 0;
  for (const g of nodeGroups(svg)) {
    const fragment = svg.slice(g.start, g.end);
    const href = queue.get(labelKey(textOf(fragment)))?.shift();
    if (!href) continue;
    out += svg.slice(at, g.start) + `${OPEN}${escapeAttr(href)}">${fragment}${CLOSE}`;
    at = g.end;
  }
  return out + svg.slice(at);
}
