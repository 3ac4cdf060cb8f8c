// Measures a study map (out/study-map.html) in Chromium: in print layout at its paper size, the
// boxes of the course route and the cards (how much of the page they take, how much of each card
// is empty), each card's texts, and overflow; on screen at 1280 × 800, horizontal scrolling and
// the smallest text.
import type { Page } from 'puppeteer';
import { withDocumentPage, withRenderer } from '../../src/render/index.ts';
import { sharedBrowser } from './browser.ts';

export interface CardLook {
  n: number;
  idea: string;
  analogy: string;
  terms: Array<{ term: string; text: string }>;
  /** Content taller or wider than the card box. */
  overflows: boolean;
}

export interface PrintLook {
  /** Share of the sheet's area taken by the course route / chapter tree (`.route`, `figure.map`). */
  treeShare: number;
  /** Share of the cards' area left empty: card height minus the heights of its blocks, summed over cards. */
  cardEmptyShare: number;
  /** Share of the body (between header and footer) covered by cards and part headings. */
  bodyCovered: number;
  /** The sheet ends inside the page (px). */
  sheetBottom: number;
  pageHeight: number;
  cards: CardLook[];
}

export interface ScreenLook {
  scrollWidth: number;
  clientWidth: number;
  /** Smallest computed font size (px) of any element that shows text. */
  smallestText: number;
}

/** The page in print media at `widthMm` × `heightMm`. */
export async function printLook(file: string, widthMm: number, heightMm: number): Promise<PrintLook> {
  const width = Math.round((widthMm * 96) / 25.4);
  const height = Math.round((heightMm * 96) / 25.4);
  return onPage(file, width, height, async (page) => {
    await page.emulateMediaType('print');
    return page.evaluate(measurePrint, height);
  });
}

/** The page on a screen of `width` × `height` CSS pixels. */
export async function screenLook(file: string, width = 1280, height = 800): Promise<ScreenLook> {
  return onPage(file, width, height, (page) => page.evaluate(measureScreen));
}

function onPage<T>(file: string, width: number, height: number, fn: (page: Page) => Promise<T>): Promise<T> {
  return withRenderer({ ...sharedBrowser(), cache: false, poolSize: 1 }, (r) =>
    withDocumentPage(r, { file, width, height }, fn),
  );
}

// The two functions below run in the page.
function measurePrint(pageHeight: number): PrintLook {
  const area = (r: DOMRect) => r.width * r.height;
  const rect = (el: Element) => el.getBoundingClientRect();
  const sheet = rect(document.querySelector('.sheet')!);
  const tree = Array.from(document.querySelectorAll('.route, figure.map')).reduce((sum, el) => sum + area(rect(el)), 0);
  const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
  let cardArea = 0;
  let empty = 0;
  const cards: CardLook[] = [];
  for (const card of Array.from(document.querySelectorAll<HTMLElement>('.card'))) {
    const r = rect(card);
    const style = getComputedStyle(card);
    const inner =
      r.height -
      parseFloat(style.paddingTop) -
      parseFloat(style.paddingBottom) -
      parseFloat(style.borderTopWidth) -
      parseFloat(style.borderBottomWidth);
    const used = Array.from(card.children).reduce(
      (sum, c) => sum + rect(c).height + parseFloat(getComputedStyle(c).marginBottom),
      0,
    );
    cardArea += area(r);
    empty += Math.max(0, inner - used) * r.width;
    const analogy = card.querySelector('.analogy');
    cards.push({
      n: Number(card.dataset['n']),
      idea: text(card.querySelector('.idea')),
      analogy: analogy
        ? text(analogy)
            .replace(text(analogy.querySelector('b')), '')
            .trim()
        : '',
      terms: Array.from(card.querySelectorAll('.terms li')).map((li) => {
        const term = text(li.querySelector('strong'));
        return {
          term,
          text: text(li)
            .slice(term.length)
            .replace(/^\s*—\s*/, ''),
        };
      }),
      overflows: card.scrollHeight > card.clientHeight + 1 || card.scrollWidth > card.clientWidth + 1,
    });
  }
  const body = rect(document.querySelector('.body')!);
  const headings = Array.from(document.querySelectorAll('.part h2')).reduce((sum, el) => sum + area(rect(el)), 0);
  return {
    treeShare: tree / area(sheet),
    cardEmptyShare: cardArea > 0 ? empty / cardArea : 1,
    bodyCovered: (cardArea + headings) / area(body),
    sheetBottom: sheet.bottom,
    pageHeight,
    cards,
  };
}

function measureScreen(): ScreenLook {
  let smallest = Infinity;
  for (const el of Array.from(document.querySelectorAll('body *'))) {
    const own = Array.from(el.childNodes).some(
      (n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '',
    );
    if (own && el.getClientRects().length > 0) smallest = Math.min(smallest, parseFloat(getComputedStyle(el).fontSize));
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    smallestText: smallest,
  };
}
