// Runs in the deck page (sent as source text by deck-extract-page.ts): turns a slide's elements
// into the PowerPoint export's blocks — text boxes with their fill, border and padding, code
// blocks line by line, tables cell by cell, figures as SVG with the box to screenshot for the
// PNG fallback. Functions of this file call each other by name; the other readers are reached
// through the page's `cmDeck` object, as page code can import nothing.
import type { Block, Box, ImageBlock, Run, TableCell, TextBlock } from '../../generate/pptx/types.ts';
import type * as Rules from './deck-read-rules.ts';
import type * as Text from './deck-read-text.ts';
import type { Frame } from './deck-read-text.ts';

/** The slide readers the page holds (installed by deck-extract-page.ts). */
declare const cmDeck: { rules: typeof Rules; text: typeof Text };

/** A figure's box in viewport pixels, to screenshot for the PNG fallback. */
export interface FigureClip {
  block: number;
  clip: Box;
}

/** A computed style's padding (top, right, bottom, left) in slide px. */
export function paddingOf(f: Frame, s: CSSStyleDeclaration): [number, number, number, number] {
  const px = cmDeck.rules.cssPx;
  return [px(s.paddingTop), px(s.paddingRight), px(s.paddingBottom), px(s.paddingLeft)].map((v) => v / f.ratio) as [
    number,
    number,
    number,
    number,
  ];
}

export function textBlock(f: Frame, el: Element, role: TextBlock['role']): TextBlock {
  const { hexColour: hex, cssPx: px } = cmDeck.rules;
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const block: TextBlock = {
    type: 'text',
    role,
    box: cmDeck.text.boxIn(f, r),
    paragraphs: cmDeck.text.paragraphsOf(f, el, r.left + px(s.paddingLeft) + px(s.borderLeftWidth)),
  };
  const fill = hex(s.backgroundColor);
  const borderLeft = px(s.borderLeftWidth) > 0 && s.borderLeftStyle !== 'none' ? hex(s.borderLeftColor) : null;
  if (fill || borderLeft) {
    if (fill) block.fill = fill;
    if (borderLeft) block.border = { color: borderLeft, width: px(s.borderLeftWidth) / f.ratio };
    block.radius = px(s.borderTopLeftRadius) / f.ratio;
    block.padding = paddingOf(f, s);
    block.padding[3] += px(s.borderLeftWidth) / f.ratio;
  } else {
    block.padding = paddingOf(f, s);
    if (el.matches('ul, ol')) block.padding[3] = 0; // the padding is where the markers hang
  }
  // List markers hang into the list's left padding.
  const list = el.matches('ul, ol') ? el : el.querySelector('ul, ol');
  if (list) block.bulletIndent = px(getComputedStyle(list).paddingLeft) / f.ratio;
  return block;
}

export function preBlock(f: Frame, el: HTMLElement): TextBlock {
  const block = textBlock(f, el, 'text');
  block.pre = true;
  const runs = cmDeck.text.runsOf(el, true);
  const lines: Run[][] = cmDeck.rules.splitLines(runs);
  const lh = cmDeck.text.lineHeight(el) / f.ratio;
  block.paragraphs = lines.map((l) => ({
    runs: l.length
      ? l
      : [{ ...(runs[0] ?? { color: '000000', size: 20, bold: false, italic: false, mono: true }), text: '' }],
    level: 0,
    bullet: false,
    indent: 0,
    align: 'left',
    lineHeight: lh,
    top: 0,
    bottom: 0,
  }));
  return block;
}

export function tableBlock(f: Frame, el: HTMLTableElement): Block {
  const { hexColour: hex, cssPx: px } = cmDeck.rules;
  const rows = Array.from(el.rows);
  const cells: TableCell[][] = rows.map((tr) =>
    Array.from(tr.cells).map((td) => {
      const s = getComputedStyle(td);
      const cell: TableCell = {
        paragraphs: cmDeck.text.paragraphsOf(f, td, td.getBoundingClientRect().left + px(s.paddingLeft)),
        header: td.tagName === 'TH',
        padding: paddingOf(f, s),
      };
      const fill = hex(s.backgroundColor) ?? hex(getComputedStyle(tr).backgroundColor);
      if (fill) cell.fill = fill;
      const rule = hex(s.borderBottomColor);
      if (rule && px(s.borderBottomWidth) > 0 && s.borderBottomStyle !== 'none')
        cell.rule = { color: rule, width: px(s.borderBottomWidth) / f.ratio };
      return cell;
    }),
  );
  return {
    type: 'table',
    box: cmDeck.text.boxIn(f, el.getBoundingClientRect()),
    colW: Array.from(rows[0]?.cells ?? []).map((c) => c.getBoundingClientRect().width / f.ratio),
    rowH: rows.map((tr) => tr.getBoundingClientRect().height / f.ratio),
    rows: cells,
  };
}

/** A figure as an image block (its PNG is screenshot later, from the viewport box in `clip`). */
export function figureBlock(f: Frame, svg: SVGSVGElement, block: number): { image: ImageBlock; clip: FigureClip } {
  const r = svg.getBoundingClientRect();
  const vb = svg.viewBox.baseVal;
  const vw = vb && vb.width > 0 ? vb.width : r.width;
  const vh = vb && vb.height > 0 ? vb.height : r.height;
  const clip = cmDeck.rules.meetBox(r, vw, vh);
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('width', String(Math.round(vw)));
  copy.setAttribute('height', String(Math.round(vh)));
  copy.style.removeProperty('max-width');
  if (!copy.getAttribute('xmlns')) copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const alt = svg.querySelector('title')?.textContent ?? svg.getAttribute('aria-label') ?? '';
  const image: ImageBlock = {
    type: 'image',
    box: {
      x: (clip.x - f.origin.left) / f.ratio,
      y: (clip.y - f.origin.top) / f.ratio,
      w: clip.w / f.ratio,
      h: clip.h / f.ratio,
    },
    svg: new XMLSerializer().serializeToString(copy),
    png: '',
    alt: alt.trim(),
  };
  return { image, clip: { block, clip } };
}
