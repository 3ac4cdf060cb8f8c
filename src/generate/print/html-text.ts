// Model text → safe HTML for the print templates. The templates run with noEscape, so every
// string that reaches them goes through `esc` here; course HTML is never passed through.
import type { Block, Inline } from '../../model/types.ts';
import { escapeHtml } from '../escape.ts';
import { shorten } from '../mermaid/mermaid-label.ts';

/** HTML-escapes text for element content and double- or single-quoted attributes (../escape.ts). */
export const esc = escapeHtml;

/** A CSS string literal (for `content:` in @page margin boxes). */
export function cssString(text: string): string {
  return `"${text
    .replace(/[\\"]/g, (c) => `\\${c}`)
    .replace(/[\n\r\f]/g, ' ')
    .replace(/</g, '\\3c ')}"`;
}

/** Shortens to `max` characters on a word boundary (null = keep), then escapes. */
export function cut(text: string, max: number | null): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return esc(max === null ? clean : shorten(clean, max));
}

/** First letter upper-case: summary analogies are often written as fragments ("a city designed…"). */
export function capitalise(text: string): string {
  const t = text.trim();
  return t.charAt(0).toLocaleUpperCase() + t.slice(1);
}

/** Inline content as escaped HTML: emphasis, strong and code kept; links, images and raw HTML as text. */
export function inlineHtml(nodes: readonly Inline[]): string {
  let out = '';
  for (const n of nodes) {
    switch (n.type) {
      case 'text':
        out += esc(n.value);
        break;
      case 'inlineCode':
        out += `<code>${esc(n.value)}</code>`;
        break;
      case 'break':
        out += ' ';
        break;
      case 'image':
        out += esc(n.alt);
        break;
      case 'html':
        break;
      case 'emphasis':
        out += `<em>${inlineHtml(n.children)}</em>`;
        break;
      case 'strong':
        out += `<strong>${inlineHtml(n.children)}</strong>`;
        break;
      default:
        out += inlineHtml(n.children);
    }
  }
  return out.replace(/\s+/g, ' ');
}

const ANALOGY_LEAD = /^\s*(?:analog(?:y|ies|ía|ie)|metaphor)\b/i;

/** Drops a trailing "**Analogy:** …" from a summary paragraph (the analogy is shown on its own). */
export function withoutAnalogy(children: readonly Inline[]): Inline[] {
  const i = children.findIndex(
    (c) => c.type === 'strong' && c.children.some((x) => x.type === 'text' && ANALOGY_LEAD.test(x.value)),
  );
  return i < 0 ? [...children] : children.slice(0, i);
}

/** Paragraphs and lists of a summary as escaped HTML; other blocks are left out. */
export function summaryHtml(blocks: readonly Block[]): string {
  const parts: string[] = [];
  for (const b of blocks) {
    if (b.type === 'paragraph') {
      const html = inlineHtml(withoutAnalogy(b.children)).trim();
      if (html) parts.push(`<p>${html}</p>`);
    } else if (b.type === 'list') {
      const items = b.items
        .map((it) =>
          it.children
            .map((c) => (c.type === 'paragraph' ? inlineHtml(c.children).trim() : ''))
            .join(' ')
            .trim(),
        )
        .filter(Boolean);
      if (items.length > 0)
        parts.push(
          `<${b.ordered ? 'ol' : 'ul'}>${items.map((i) => `<li>${i}</li>`).join('')}</${b.ordered ? 'ol' : 'ul'}>`,
        );
    }
  }
  return parts.join('');
}
