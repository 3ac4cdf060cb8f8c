// Runs in the deck page (sent as source text by deck-extract-page.ts): reads a slide's text —
// runs with their colours and fonts, paragraphs with list levels, numbering and measured lines,
// and the speaker notes. Functions of this file call each other by name; the pure rules are
// reached through the page's `cmDeck` object, as page code can import nothing.
import type { Box, Paragraph, Run } from '../../generate/pptx/types.ts';
import type * as Rules from './deck-read-rules.ts';

/** The slide readers the page holds (installed by deck-extract-page.ts). */
declare const cmDeck: { rules: typeof Rules };

/** Where the slide is: boxes are read relative to its top left, in slide px (1280 wide). */
export interface Frame {
  origin: DOMRect;
  ratio: number;
}

/** A viewport rectangle in slide px. */
export function boxIn(f: Frame, r: DOMRect): Box {
  return {
    x: (r.left - f.origin.left) / f.ratio,
    y: (r.top - f.origin.top) / f.ratio,
    w: r.width / f.ratio,
    h: r.height / f.ratio,
  };
}

export function isInline(el: Element): boolean {
  return getComputedStyle(el).display.startsWith('inline') || getComputedStyle(el).display === 'contents';
}

export function lineHeight(el: Element): number {
  const s = getComputedStyle(el);
  return s.lineHeight === 'normal' ? cmDeck.rules.cssPx(s.fontSize) * 1.2 : cmDeck.rules.cssPx(s.lineHeight);
}

export function linkOf(el: Element): string | null {
  const href = el.closest('a')?.getAttribute('href') ?? '';
  return /^https?:\/\//i.test(href) ? href : null;
}

/** Text runs of `root`'s inline content, skipping nested lists (their own paragraphs). */
export function runsOf(root: Element, pre: boolean): Run[] {
  const { hexColour: hex, cssPx: px } = cmDeck.rules;
  const runs: Run[] = [];
  let br = false;
  const visit = (n: Node) => {
    if (n.nodeType === Node.TEXT_NODE) {
      const parent = n.parentElement!;
      const s = getComputedStyle(parent);
      let text = n.textContent ?? '';
      if (!pre) text = text.replace(/[\t\n\r ]+/g, ' ');
      if (s.textTransform === 'uppercase') text = text.toUpperCase();
      if (!text) return;
      const run: Run = {
        text,
        color: hex(s.color) ?? '000000',
        size: px(s.fontSize),
        bold: Number(s.fontWeight) >= 600 || s.fontWeight === 'bold',
        italic: s.fontStyle !== 'normal',
        mono: /mono|courier/i.test(s.fontFamily),
      };
      const bg = parent.closest('code') && !pre ? hex(getComputedStyle(parent.closest('code')!).backgroundColor) : null;
      if (bg) run.highlight = bg;
      const href = linkOf(parent);
      if (href) run.link = href;
      if (br) run.br = true;
      br = false;
      runs.push(run);
      return;
    }
    if (!(n instanceof Element) || n.matches('aside.notes, ul, ol, svg, script, style')) return;
    if (n.tagName === 'BR') br = true;
    else n.childNodes.forEach(visit);
  };
  root.childNodes.forEach(visit);
  if (!pre) cmDeck.rules.collapseSpaces(runs);
  return runs.filter((r) => r.text !== '' || r.br);
}

/** A numbered point (li data-n) counts on from the first of the numbered points before it. */
export function firstNumber(li: HTMLElement): number {
  let first = li;
  for (
    let prev = li.previousElementSibling;
    prev instanceof HTMLElement && prev.dataset['n'];
    prev = prev.previousElementSibling
  )
    first = prev;
  return Number(first.dataset['n']) || 1;
}

/** One paragraph of `el`'s own inline content (null when it has no text), a list item's marker included. */
export function paragraphOf(f: Frame, el: Element, left: number, level: number, bullet: boolean): Paragraph | null {
  const { hexColour: hex, cssPx: px } = cmDeck.rules;
  const r = el.getBoundingClientRect();
  const nested = bullet ? el.querySelector(':scope > ul, :scope > ol') : null;
  const bottom = nested ? nested.getBoundingClientRect().top - px(getComputedStyle(nested).marginTop) : r.bottom;
  const runs = runsOf(el, false);
  if (runs.length === 0) return null;
  const p: Paragraph = {
    runs,
    level,
    bullet,
    indent: (r.left - left) / f.ratio,
    align: cmDeck.rules.alignOf(getComputedStyle(el).textAlign),
    lineHeight: lineHeight(el) / f.ratio,
    top: (r.top - f.origin.top) / f.ratio,
    bottom: (bottom - f.origin.top) / f.ratio,
  };
  const marker = bullet ? hex(getComputedStyle(el, '::marker').color) : null;
  if (marker) p.bulletColor = marker;
  const list = bullet ? el.parentElement : null;
  if (list instanceof HTMLOListElement)
    p.numbered = { scheme: cmDeck.rules.numberScheme(getComputedStyle(list).listStyleType), startAt: list.start };
  else if (bullet && el instanceof HTMLElement && el.dataset['n'])
    p.numbered = { scheme: 'arabicPeriod', startAt: firstNumber(el) };
  return p;
}

/** Paragraphs of a text-only subtree (paragraphs, headings, lists at any depth). */
export function paragraphsOf(
  f: Frame,
  el: Element,
  left: number,
  level = 0,
  bullet = false,
  out: Paragraph[] = [],
): Paragraph[] {
  const hasBlocks = Array.from(el.children).some(
    (c) => !isInline(c) && !c.matches('aside.notes') && getComputedStyle(c).display !== 'none',
  );
  if (!hasBlocks || bullet) {
    const p = paragraphOf(f, el, left, level, bullet);
    if (p) out.push(p);
    const nested = bullet ? el.querySelector(':scope > ul, :scope > ol') : null;
    if (nested) for (const li of Array.from(nested.children)) paragraphsOf(f, li, left, level + 1, true, out);
    return out;
  }
  for (const c of Array.from(el.children)) {
    if (c.matches('aside.notes') || getComputedStyle(c).display === 'none') continue;
    if (c.matches('ul, ol'))
      for (const li of Array.from(c.children)) paragraphsOf(f, li, left, bullet ? level + 1 : level, true, out);
    else paragraphsOf(f, c, left, level, c.tagName === 'LI', out);
  }
  return out;
}

/** The slide's speaker notes: one line per block, list items with a bullet. */
export function notesOf(sec: Element): string[] {
  const notes: string[] = [];
  let cur = '';
  const flush = () => {
    const t = cur.replace(/\s+/g, ' ').trim();
    if (t) notes.push(t);
    cur = '';
  };
  const walkNotes = (n: Node) => {
    if (n.nodeType === Node.TEXT_NODE) cur += n.textContent ?? '';
    else if (n instanceof Element) {
      const isBlock = /^(P|LI|H[1-6]|PRE|BLOCKQUOTE|TR|DT|DD|UL|OL|TABLE|DIV)$/.test(n.tagName);
      if (n.tagName === 'BR') return flush();
      if (isBlock) flush();
      if (n.tagName === 'LI') cur = '• ';
      if (n.tagName === 'TD' || n.tagName === 'TH') cur += cur.trim() ? ' | ' : '';
      n.childNodes.forEach(walkNotes);
      if (isBlock) flush();
    }
  };
  sec.querySelectorAll(':scope > aside.notes').forEach(walkNotes);
  flush();
  return notes;
}
