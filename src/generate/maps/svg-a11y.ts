// Accessible name and description for SVGs whose diagram type has no accTitle/accDescr syntax
// (mindmap): a <title> and <desc> as the first children, referenced by aria-labelledby.
import { escapeHtml as escapeXml } from '../escape.ts';

export function addSvgTitle(svg: string, title: string, description: string): string {
  if (/<title[\s>]/.test(svg.slice(0, 2000))) return svg;
  const open = /<svg\b[^>]*>/.exec(svg);
  if (!open) return svg;
  const id = /\bid="([^"]+)"/.exec(open[0])?.[1] ?? 'diagram';
  let tag = open[0].replace(/\s*aria-labelledby="[^"]*"/, '');
  if (!/\brole=/.test(tag)) tag = tag.replace(/^<svg/, '<svg role="img"');
  tag = tag.replace(/^<svg/, `<svg aria-labelledby="${id}-title ${id}-desc"`);
  const inner = `<title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(description)}</desc>`;
  return svg.slice(0, open.index) + tag + inner + svg.slice(open.index + open[0].length);
}
