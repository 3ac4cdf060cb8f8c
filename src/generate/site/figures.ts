// An authored diagram on the site's chapter page, readable at a 1280 px screen (labels ≥ 12 px,
// ../diagram-page.ts): drawn as it is when it reads at the column's width; else as the parts the
// slide fit chose (src/pipeline/diagram-fit.ts: the other direction, or its subgraphs / sections),
// one captioned figure each, when those read; else as a zoomable figure — the whole diagram
// fitted to the column as an overview, and a "Full size" switch that shows it at its own size
// (16 px labels) in a pane that scrolls both ways. The switch is a checkbox and its label (no
// script: keyboard and offline work as they are); the pane is a focusable region, so arrow keys
// pan it.
import { MIN_SCREEN_TEXT, screenTextPx } from '../diagram-page.ts';
import { escapeHtml } from '../escape.ts';
import { sanitizeSvg } from '../slides/svg.ts';

export interface FigureSource {
  /** A rendered diagram by output name ("diagrams/<slug>-<n>"). */
  svg: (name: string) => string | null;
  /** The parts the slide fit chose for a diagram too small for its slide. */
  parts?: (name: string) => ReadonlyArray<{ name: string; title: string | null }> | undefined;
  /** "Full size", and the pane's accessible name. */
  words: { fullSize: string; pan: string };
}

/** The figure(s) showing diagram `name`, or null when it was not rendered. */
export function diagramFigure(name: string, from: FigureSource): string | null {
  const drawn = from.svg(name);
  if (!drawn) return null;
  const data = `data-diagram="${escapeHtml(name)}"`;
  if (screenTextPx(drawn) >= MIN_SCREEN_TEXT) return `<figure class="diagram" ${data}>${sanitizeSvg(drawn)}</figure>`;
  const parts = (from.parts?.(name) ?? []).map((p) => ({ ...p, svg: from.svg(p.name) }));
  if (parts.length > 0 && parts.every((p) => p.svg && screenTextPx(p.svg) >= MIN_SCREEN_TEXT)) {
    return parts
      .map((p, i) => {
        const caption = parts.length > 1 ? `${p.title ? `${p.title} ` : ''}(${i + 1}/${parts.length})` : p.title;
        return `<figure class="diagram" ${data} data-part="${escapeHtml(p.name)}">${sanitizeSvg(p.svg!)}${caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : ''}</figure>`;
      })
      .join('\n');
  }
  const id = `zoom-${name.replace(/[^\w-]+/g, '-')}`;
  return [
    `<figure class="diagram diagram-zoom" ${data}>`,
    `<input type="checkbox" class="zoom-switch" id="${escapeHtml(id)}">`,
    `<label class="zoom-label" for="${escapeHtml(id)}">${escapeHtml(from.words.fullSize)}</label>`,
    `<div class="diagram-pan" tabindex="0" role="region" aria-label="${escapeHtml(from.words.pan)}">${sanitizeSvg(drawn)}</div>`,
    '</figure>',
  ].join('\n');
}
