// Embeds the bundled fonts into outputs: a standalone SVG gets the glyphs of its own text, an HTML
// page (deck, study map, companion) one shared block for all its text and inlined SVGs.
import { fontFaceCss } from './fonts.ts';

const ENTITY: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : m;
    }
    return ENTITY[e.toLowerCase()] ?? m;
  });
}

/** The characters an SVG draws: the content of its <text> elements. */
export function svgText(svg: string): string {
  let out = '';
  for (const m of svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)) out += decodeXml(m[1]!.replace(/<[^>]*>/g, ''));
  return out;
}

/** The characters an HTML page can show: its text outside <script>/<style>, plus printable ASCII (slide and page numbers). */
export function htmlText(html: string): string {
  const body = html.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<[^>]*>/g, ' ');
  let ascii = '';
  for (let c = 0x20; c < 0x7f; c++) ascii += String.fromCharCode(c);
  return ascii + decodeXml(body);
}

const usesBold = (css: string) => /font-weight\s*[:=]\s*["']?\s*(bold|bolder|[6-9]00)\b/i.test(css);
const usesItalic = (css: string) => /font-style\s*[:=]\s*["']?\s*(italic|oblique)/i.test(css);

/** The SVG with a <style> of @font-face data: URLs for exactly the characters it draws. */
export async function embedSvgFonts(svg: string): Promise<string> {
  const text = svgText(svg);
  if (!text.trim()) return svg;
  const css = await fontFaceCss(text, { bold: usesBold(svg), italic: usesItalic(svg) });
  if (!css) return svg;
  const open = /<svg\b[^>]*>/.exec(svg);
  if (!open) return svg;
  // After <title>/<desc> (added for accessibility), before mermaid's own <style>.
  const firstStyle = svg.indexOf('<style', open.index);
  const at = firstStyle >= 0 ? firstStyle : open.index + open[0].length;
  return `${svg.slice(0, at)}<style class="coursemap-fonts">${css}</style>${svg.slice(at)}`;
}

/** The page with one <style> of @font-face data: URLs for all its text, before </head>. */
export async function embedPageFonts(html: string): Promise<string> {
  return pageWithFonts(html, htmlText(html));
}

/**
 * For candidate pages measured one after another (print layouts condensed level by level): each
 * gets the fonts of every character the series has shown so far, so the candidates share one
 * subset per face instead of making their own (the text of a level is mostly the one before's).
 * The metrics are the font's whatever the subset, so the measurements are the same; the page
 * written to out/ still gets embedPageFonts, the subset of its own text.
 */
export function candidateFonts(): (html: string) => Promise<string> {
  const seen = new Set<string>();
  return (html) => {
    for (const ch of htmlText(html)) seen.add(ch);
    return pageWithFonts(html, [...seen].sort().join(''));
  };
}

async function pageWithFonts(html: string, text: string): Promise<string> {
  const css = await fontFaceCss(text, { bold: true, italic: true });
  if (!css) return html;
  const block = `<style id="coursemap-fonts">\n${css}\n</style>\n`;
  const at = html.search(/<\/head\s*>/i);
  return at >= 0 ? html.slice(0, at) + block + html.slice(at) : block + html;
}

/** The SVG without the style embedSvgFonts added (an SVG read back from out/ to inline in a page). */
export function stripSvgFonts(svg: string): string {
  return svg.replace(/<style class="coursemap-fonts">[^<]*<\/style>/, '');
}
