// In-page measure of how much of each slide its content fills under the heading (text boxes,
// figures, code, tables), as a share of the slide's height. One line of body text is about 6 %.
export interface SlideFill {
  key: string;
  kind: string;
  title: string;
  share: number;
}

/** Runs in the page (page.evaluate): every slide of the loaded deck. */
export function fillInPage(): SlideFill[] {
  const out: SlideFill[] = [];
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('.reveal .slides > section'))) {
    el.style.display = 'flex';
    const frame = el.getBoundingClientRect();
    let top = Infinity;
    let bottom = -Infinity;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (
        !parent ||
        !n.textContent?.trim() ||
        parent.closest('aside.notes, svg, .cm-maplink, section > h2, .cm-kicker')
      )
        continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of Array.from(range.getClientRects()))
        if (r.height > 0) (top = Math.min(top, r.top)), (bottom = Math.max(bottom, r.bottom));
    }
    for (const f of Array.from(el.querySelectorAll('figure, svg, pre, table'))) {
      const r = f.getBoundingClientRect();
      if (r.height > 0 && !f.closest('aside.notes'))
        (top = Math.min(top, r.top)), (bottom = Math.max(bottom, r.bottom));
    }
    out.push({
      key: el.dataset['key'] ?? '',
      kind: el.dataset['kind'] ?? '',
      title: el.querySelector('h2')?.textContent ?? '',
      share: bottom > top ? (bottom - top) / frame.height : 0,
    });
    el.style.display = '';
  }
  return out;
}

/** A continuation slide of a split one: its key ends in "-2", "-3"… (fit.ts numbers the parts). */
export const isContinuation = (key: string): boolean => /-(?:[2-9]|\d{2,})$/.test(key);
