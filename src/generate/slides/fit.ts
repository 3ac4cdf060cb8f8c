// Applies the browser's fit decisions to a deck: a slide whose points or rows do not fit becomes
// numbered continuation slides (table headers repeated), and a slide may take a smaller type step.
import type { Deck, FitPlan, Slide } from './types.ts';

function chunk<T>(items: readonly T[], sizes: readonly number[]): T[][] {
  const out: T[][] = [];
  let at = 0;
  for (const n of sizes) {
    if (at >= items.length) break;
    out.push(items.slice(at, at + Math.max(1, n)));
    at += Math.max(1, n);
  }
  if (at < items.length) out.push(items.slice(at));
  return out;
}

function splitSlide(slide: Slide, sizes: readonly number[], shrink: number): Slide[] {
  const units = slide.points ?? slide.rows;
  const base: Slide = { ...slide, ...(shrink > 0 ? { shrink } : {}) };
  if (!units || sizes.length <= 1) return [base];
  const groups = slide.points ? chunk(slide.points, sizes) : chunk(slide.rows ?? [], sizes);
  return groups.map((g, i) => {
    const s: Slide = {
      ...base,
      key: `${slide.key}-${i + 1}`,
      part: { n: i + 1, of: groups.length, ...(i > 0 ? { continued: true } : {}) },
    };
    if (slide.points) s.points = g as Slide['points'] & object;
    else s.rows = g as string[][];
    if (i > 0) delete s.notesHtml;
    if (i < groups.length - 1) delete s.tailPoints; // the remark after a table once, under its last rows
    if (i > 0) delete s.anchor; // slide ids stay unique: continuations have none
    if (i > 0 && slide.kind === 'summary') delete s.bodyHtml; // the summary's analogy once
    if (i > 0) delete s.asideHtml; // an analogy beside the points once, beside the first part
    if (i > 0 && slide.kind === 'insight') delete s.bodyHtml; // the final insight's callout once, on the first part
    // The opening section's introduction once, above the first part; its heading stays as the kicker.
    if (i > 0 && s.opens?.leadHtml) s.opens = { heading: s.opens.heading, section: s.opens.section };
    return s;
  });
}

export function applyFit(deck: Deck, plan: FitPlan): Deck {
  const slides = deck.slides.flatMap((s) => {
    const d = plan.get(s.key);
    return d ? splitSlide(s, d.chunks, d.shrink) : [s];
  });
  return { ...deck, slides };
}
