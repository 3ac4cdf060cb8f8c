// Browser work of the handouts: read each slide's title and notes from a deck page, print the
// deck one slide a page, and lay out the loaded handout page (notes fitted, frames measured).
import type { Page } from 'puppeteer';
import type { Frame } from './paged.ts';

export interface DeckSlideText {
  title: string;
  notes: string;
}

/** Title and speaker notes (plain text, paragraphs split by blank lines) of every slide of the loaded deck. */
export function deckSlideTexts(page: Page): Promise<DeckSlideText[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.reveal .slides > section')).map((s) => {
      const heading = s.querySelector('h1, h2, h3');
      const notes = s.querySelector('aside.notes');
      const paras = notes
        ? Array.from(notes.querySelectorAll('p, li, h4, pre'))
            .map((p) => (p.textContent ?? '').trim())
            .filter(Boolean)
        : [];
      return {
        title: (heading?.textContent ?? '').replace(/\s+/g, ' ').trim(),
        notes: paras.length ? paras.join('\n\n') : (notes?.textContent ?? '').trim(),
      };
    }),
  );
}

/**
 * Per slide of the loaded deck, its authored diagram (`figure.cm-diagram`) and the smallest label
 * on it in slide px (1280 × 720): each <text>'s font size × its scale on screen, over the slide's
 * own scale. Null for a slide without a diagram. Hidden slides are shown for the measure.
 */
export function deckDiagramLabels(page: Page): Promise<Array<{ name: string; px: number } | null>> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.reveal .slides > section')).map((s) => {
      const figure = s.querySelector('figure.cm-diagram');
      if (!figure) return null;
      const hidden = getComputedStyle(s).display === 'none';
      if (hidden) s.style.display = 'flex';
      const scale = s.getBoundingClientRect().width / (s.offsetWidth || 1280);
      let px = Number.POSITIVE_INFINITY;
      for (const t of Array.from(figure.querySelectorAll<SVGTextElement>('svg text'))) {
        const ctm = t.getScreenCTM();
        if (!ctm || !(t.textContent ?? '').trim() || t.getBoundingClientRect().width === 0) continue;
        px = Math.min(px, (parseFloat(getComputedStyle(t).fontSize) * Math.hypot(ctm.a, ctm.b)) / (scale || 1));
      }
      if (hidden) s.style.display = '';
      return Number.isFinite(px) ? { name: figure.getAttribute('data-diagram') ?? '', px } : null;
    }),
  );
}

export interface HandoutLayoutResult {
  frames: Frame[];
  /** Slides whose notes did not fit their box even at the smallest type (cut, marked "…"). */
  cut: number[];
}

/**
 * Shrinks each notes box's type (by 0.5 pt, down to 6 pt) until its text fits, marks the ones
 * that still overflow, then measures every slide frame relative to its page's content box (mm).
 */
export function layoutHandout(page: Page): Promise<HandoutLayoutResult> {
  return page.evaluate(() => {
    const MM = 96 / 25.4;
    const cut: number[] = [];
    for (const box of Array.from(document.querySelectorAll<HTMLElement>('.text'))) {
      let size = parseFloat(getComputedStyle(box).fontSize) * 0.75; // px → pt
      while (box.scrollHeight > box.clientHeight + 0.5 && size > 6) {
        size -= 0.5;
        box.style.fontSize = `${size}pt`;
      }
      if (box.scrollHeight > box.clientHeight + 0.5) {
        box.classList.add('cut');
        const frame = box.closest('.slot')?.querySelector<HTMLElement>('.frame');
        cut.push(Number(frame?.dataset['slide'] ?? 0));
      }
    }
    const frames = Array.from(document.querySelectorAll<HTMLElement>('.sheet')).flatMap((sheet, pageIndex) => {
      const s = sheet.getBoundingClientRect();
      return Array.from(sheet.querySelectorAll<HTMLElement>('.frame')).map((f) => {
        const r = f.getBoundingClientRect();
        // Inside the border, so the slide does not cover it.
        const b = parseFloat(getComputedStyle(f).borderTopWidth) || 0;
        return {
          slide: Number(f.dataset['slide']),
          page: pageIndex,
          x: (r.left - s.left + b) / MM,
          y: (r.top - s.top + b) / MM,
          w: (r.width - 2 * b) / MM,
          h: (r.height - 2 * b) / MM,
        };
      });
    });
    return { frames, cut };
  });
}
