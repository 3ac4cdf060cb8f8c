// Measuring in the deck page (code sent with page.evaluate, so it imports nothing): for each
// slide marked data-fit, the type step and the units each part holds; and which slides overflow.
import type { Page } from 'puppeteer';

/** The slide Reveal shows. */
export const PRESENT = '.reveal .slides > section.present';

export interface FitResult {
  key: string;
  chunks: number[];
  shrink: number;
}

/** Runs in the page: for every slide with data-fit, finds a type step and the units per slide. */
function measureInPage(): FitResult[] {
  const results: FitResult[] = [];
  const over = (el: HTMLElement) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;
  const setShrink = (el: HTMLElement, n: number) => {
    el.classList.remove('cm-shrink-1', 'cm-shrink-2');
    if (n > 0) el.classList.add(`cm-shrink-${n}`);
  };
  const chunksOf = (el: HTMLElement, units: HTMLElement[]): number[] | null => {
    const chunks: number[] = [];
    let count = 0;
    for (const u of units) u.style.display = 'none';
    for (const [i, u] of units.entries()) {
      u.style.display = '';
      if (over(el)) {
        if (count === 0) return null; // one unit alone does not fit
        chunks.push(count);
        for (let j = i - count; j < i; j++) units[j]!.style.display = 'none';
        count = 0;
        if (over(el)) return null;
      }
      count++;
    }
    for (const u of units) u.style.display = '';
    chunks.push(count);
    return balanced(el, units, chunks) ?? chunks;
  };
  /** The same number of slides with units spread evenly (9 → 5 + 4, not 8 + 1), when each part fits. */
  const balanced = (el: HTMLElement, units: HTMLElement[], greedy: number[]): number[] | null => {
    const k = greedy.length;
    if (k < 2) return null;
    const sizes = Array.from({ length: k }, (_, i) => Math.floor(units.length / k) + (i < units.length % k ? 1 : 0));
    if (sizes.every((s, i) => s === greedy[i])) return null;
    let at = 0;
    let ok = true;
    for (const n of sizes) {
      units.forEach((u, j) => (u.style.display = j >= at && j < at + n ? '' : 'none'));
      if (over(el)) ok = false;
      at += n;
    }
    for (const u of units) u.style.display = '';
    return ok ? sizes : null;
  };
  /** Height of the units from `at` (n of them) shown alone, in lines of body text. */
  const linesOf = (el: HTMLElement, units: HTMLElement[], at: number, n: number): number => {
    units.forEach((u, j) => (u.style.display = j >= at && j < at + n ? '' : 'none'));
    const box = units[at]?.parentElement?.getBoundingClientRect().height ?? 0;
    for (const u of units) u.style.display = '';
    return box / (parseFloat(getComputedStyle(el).lineHeight) || 44);
  };
  const SPARSE_LINES = 2.5; // a last part of fewer lines of text is not worth a slide of its own
  const sparse = (el: HTMLElement, units: HTMLElement[], sizes: number[]) =>
    sizes.length > 1 && linesOf(el, units, units.length - sizes.at(-1)!, sizes.at(-1)!) < SPARSE_LINES;
  /** Moves units from the part before into a sparse last part while both still fit and the last stays the shorter. */
  const evened = (el: HTMLElement, units: HTMLElement[], chunks: number[]): number[] => {
    const sizes = [...chunks];
    const k = sizes.length;
    while (k > 1 && sizes[k - 2]! > 1 && sparse(el, units, sizes)) {
      const at = units.length - sizes[k - 1]! - 1;
      const before = linesOf(el, units, at - sizes[k - 2]! + 1, sizes[k - 2]! - 1);
      units.forEach((u, j) => (u.style.display = j >= at ? '' : 'none'));
      const fits = !over(el);
      for (const u of units) u.style.display = '';
      if (!fits || before < SPARSE_LINES) break; // never a thin part before it instead
      sizes[k - 2]!--;
      sizes[k - 1]!++;
    }
    return sizes;
  };
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('.reveal .slides > section[data-fit]'))) {
    const prev = el.style.display;
    el.style.display = 'flex';
    const mode = el.dataset['fit'];
    const key = el.dataset['key'] ?? '';
    const units = Array.from(el.querySelectorAll<HTMLElement>('.cm-fit-units > *')).filter(
      (u) => u.parentElement?.closest('.cm-fit-units') === u.parentElement,
    );
    const heading = el.querySelector('h2');
    const mark = document.createElement('span');
    mark.textContent = ' (Forts., 9/9)'; // the widest continuation mark of the strings table
    let result: FitResult | null = null;
    // A list that splits: a type step smaller (31 px) when that saves a slide, two (28 px) when its last
    // slide holds a line or two; else the split at normal size (`thin`), a sparse last part evened.
    let thin: FitResult | null = null;
    let reach = 0;
    // A table that fits whole at a smaller (still readable) step is not split.
    const whole = mode === 'rows' ? [0, 1, 2].find((s) => (setShrink(el, s), !over(el))) : undefined;
    if (whole) result = { key, chunks: [units.length], shrink: whole };
    for (const shrink of whole === undefined ? [0, 1, 2] : []) {
      if (thin && shrink > reach) break;
      setShrink(el, shrink);
      if (!over(el)) {
        result = shrink ? { key, chunks: [units.length], shrink } : null;
        break;
      }
      // Lists split at normal size; tables first shrink until they are narrow enough; callouts only shrink.
      if (mode === 'shrink' || (mode === 'rows' && el.scrollWidth > el.clientWidth + 1 && shrink < 2)) continue;
      heading?.appendChild(mark);
      let chunks = units.length > 1 ? chunksOf(el, units) : null;
      const lonely = chunks !== null && mode === 'points' && sparse(el, units, chunks);
      if (chunks && lonely) chunks = evened(el, units, chunks);
      mark.remove();
      for (const u of units) u.style.display = '';
      if (!chunks) continue;
      if (thin && chunks.length >= thin.chunks.length) continue; // this step saves no slide
      if (!thin && mode === 'points' && shrink < 2) {
        thin = { key, chunks, shrink };
        reach = shrink + (lonely ? 2 : 1);
        continue;
      }
      result = { key, chunks, shrink };
      break;
    }
    result ??= thin;
    if (!result && over(el)) result = { key, chunks: [units.length], shrink: 2 };
    setShrink(el, 0);
    el.style.display = prev;
    if (result) results.push(result);
  }
  return results;
}

/** Keys of slides whose content overflows the slide frame (runs in the page). */
function overflowingInPage(): string[] {
  const out: string[] = [];
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('.reveal .slides > section'))) {
    const prev = el.style.display;
    el.style.display = 'flex';
    if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)
      out.push(el.dataset['key'] ?? '?');
    el.style.display = prev;
  }
  return out;
}

export const measureFit = (page: Page): Promise<FitResult[]> => page.evaluate(measureInPage);
export const overflowing = (page: Page): Promise<string[]> => page.evaluate(overflowingInPage);
