// How full each slide of a loaded deck is, measured in the browser: the bounding box of the
// slide's visible content against the 1280×720 frame, whether it overflows, the smallest text
// size on it, and whether its main type is "big" (title and quote slides, at least 1.5× body).
import type { Page } from 'puppeteer';

export interface SlideDensity {
  key: string;
  kind: string;
  /** Height of the content's bounding box / slide height (0..1). */
  used: number;
  overflow: boolean;
  /** Smallest computed font size (px) of any text outside diagrams, and of any prose text (not code, which is monospace). */
  minTextPx: number;
  minProsePx: number;
  /** Largest font size of its text / the body size: ≥ 1.5 means big type. */
  typeRatio: number;
}

/** Runs in the page. */
function densityInPage(): SlideDensity[] {
  const out: SlideDensity[] = [];
  const body = parseFloat(getComputedStyle(document.querySelector('.reveal') as Element).fontSize) || 34;
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('.reveal .slides > section'))) {
    const prev = el.style.display;
    el.style.display = 'flex';
    const frame = el.getBoundingClientRect();
    let top = Infinity;
    let bottom = -Infinity;
    let minText = Infinity;
    let minProse = Infinity;
    let maxText = 0;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      // The "↩ Map" link is navigation chrome in a corner, like the slide number: not slide text.
      if (!parent || !n.textContent?.trim() || parent.closest('aside.notes, svg, .cm-maplink')) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of Array.from(range.getClientRects())) {
        if (r.width === 0 || r.height === 0) continue;
        top = Math.min(top, r.top);
        bottom = Math.max(bottom, r.bottom);
      }
      const size = parseFloat(getComputedStyle(parent).fontSize);
      minText = Math.min(minText, size);
      if (!parent.closest('pre, code')) minProse = Math.min(minProse, size);
      maxText = Math.max(maxText, size);
    }
    for (const g of Array.from(el.querySelectorAll('svg, table, pre, .cm-callout'))) {
      if (g.parentElement?.closest('svg')) continue;
      const r = g.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      top = Math.min(top, r.top);
      bottom = Math.max(bottom, r.bottom);
    }
    const used = Number.isFinite(top)
      ? Math.max(0, Math.min(bottom, frame.bottom) - Math.max(top, frame.top)) / frame.height
      : 0;
    const overflow = el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;
    out.push({
      key: el.dataset['key'] ?? '?',
      kind: el.dataset['kind'] ?? '?',
      used,
      overflow,
      minTextPx: Number.isFinite(minText) ? minText : 0,
      minProsePx: Number.isFinite(minProse) ? minProse : 0,
      typeRatio: maxText / body,
    });
    el.style.display = prev;
  }
  return out;
}

export const measureDensity = (page: Page): Promise<SlideDensity[]> => page.evaluate(densityInPage);

/** A slide counts as sparse when its content spans less than `min` of the height, unless its type is big. */
export function isSparse(d: SlideDensity, min = 0.35): boolean {
  return d.used < min && d.typeRatio < 1.5;
}
