// Runs inside a rendered reveal.js deck (page.evaluate): reads the present slide back as plain
// JSON for the PowerPoint export — text blocks with their measured boxes, runs and colours, list
// levels, tables, code, callouts, figures — in the coordinates of the 1280×720 slide.
// page.evaluate sends a function's source only, so the slide readers (deck-read-rules.ts,
// deck-read-text.ts, deck-read-blocks.ts) go into the page first as one script, DECK_READERS,
// which leaves them in `globalThis.cmDeck`; extractSlideInPage calls them there.
import type { DeckColours, ExtractedSlide } from '../../generate/pptx/types.ts';
import * as blocks from './deck-read-blocks.ts';
import type { FigureClip } from './deck-read-blocks.ts';
import * as rules from './deck-read-rules.ts';
import * as text from './deck-read-text.ts';

/** The slide readers the page holds once DECK_READERS ran. */
declare const cmDeck: { rules: typeof rules; text: typeof text; blocks: typeof blocks };

export interface PageSlide {
  slide: ExtractedSlide;
  clips: FigureClip[];
}

/**
 * One module's functions as a script that declares them (so they call each other by name) and
 * returns them as an object. Only functions are kept: the modules' types are erased.
 */
function moduleScript(m: Record<string, unknown>): string {
  const fns = Object.entries(m).filter((e): e is [string, () => unknown] => typeof e[1] === 'function');
  return `(() => {\n${fns.map(([name, fn]) => `const ${name} = ${String(fn)};`).join('\n')}\nreturn { ${fns.map(([name]) => name).join(', ')} };\n})()`;
}

/** The script that installs the slide readers in a deck page (evaluate it before extractSlideInPage). */
export const DECK_READERS = `globalThis.cmDeck = { rules: ${moduleScript(rules)}, text: ${moduleScript(text)}, blocks: ${moduleScript(blocks)} };`;

/** The inline font sizes the PPTX pass changed, with their values before it. */
interface UndoWindow {
  cmDeckUndo?: Array<[HTMLElement, string]>;
}

/** Starts recording what the PPTX pass changes on the slides (run before the first extractSlideInPage). */
export function recordSlidesInPage(): void {
  (window as UndoWindow).cmDeckUndo = [];
}

/** Puts back the font sizes the PPTX pass changed: the slides look as before it, without a reload. */
export function restoreSlidesInPage(): number {
  const undo = (window as UndoWindow).cmDeckUndo ?? [];
  for (const [el, size] of undo.reverse()) el.style.fontSize = size;
  delete (window as UndoWindow).cmDeckUndo;
  return undo.length;
}

/** Shrinks the slide's type in 5 % steps until nothing overflows; then reads the slide. */
export function extractSlideInPage(index: number): PageSlide {
  const sections = Array.from(document.querySelectorAll<HTMLElement>('.reveal .slides > section'));
  const sec = sections[index]!;
  const px = cmDeck.rules.cssPx;
  const { textBlock, preBlock, tableBlock, figureBlock } = cmDeck.blocks;

  // Fit with the export fonts: the same steps for every element, so proportions stay.
  const over = () => sec.scrollHeight > sec.clientHeight + 1 || sec.scrollWidth > sec.clientWidth + 1;
  const scalable = [sec, ...Array.from(sec.querySelectorAll<HTMLElement>('*'))].filter(
    (e) => !e.closest('svg, aside.notes'),
  );
  const base = scalable.map((e) => px(getComputedStyle(e).fontSize));
  let scale = 1;
  // What the shrink changes is put back after the whole deck is read (restoreSlidesInPage).
  if (over())
    (window as UndoWindow).cmDeckUndo?.push(...scalable.map((e): [HTMLElement, string] => [e, e.style.fontSize]));
  while (over() && scale > 0.61) {
    scale = Math.round((scale - 0.05) * 100) / 100;
    scalable.forEach((e, k) => (e.style.fontSize = `${base[k]! * scale}px`));
  }

  const origin = sec.getBoundingClientRect();
  const f = { origin, ratio: origin.width / (sec.offsetWidth || 1280) };
  const out: PageSlide['slide']['blocks'] = [];
  const clips: FigureClip[] = [];

  // A big-quote slide has no heading: its kicker line ("1.2 Title") is the slide's title; a group
  // slide's first column heading is (the second stays text in its column).
  const titles = sec.querySelector('h1, h2') ? 'h1, h2' : 'h1, h2, .cm-kicker, .cm-column > h3';
  const visit = (el: Element, first: { body: boolean }) => {
    if (
      el.matches('aside.notes, script, style, .cm-maplink, .cm-zoom-switch, .cm-zoom-label') ||
      getComputedStyle(el).display === 'none'
    )
      return;
    if (el instanceof SVGSVGElement) {
      const { image, clip } = figureBlock(f, el, out.length);
      clips.push(clip);
      return void out.push(image);
    }
    if (el instanceof HTMLTableElement) return void out.push(tableBlock(f, el));
    if (el instanceof HTMLPreElement) return void out.push(preBlock(f, el));
    if (el.matches(titles))
      return void out.push(
        textBlock(
          f,
          el,
          el.matches('h1') || !out.some((b) => b.type === 'text' && b.role === 'title') ? 'title' : 'text',
        ),
      );
    const complex = el.querySelector('svg, table, pre') ?? el.querySelector(titles);
    if (!complex) {
      const role = first.body && el.matches('ul, ol') ? 'body' : 'text';
      if (role === 'body') first.body = false;
      const block = textBlock(f, el, role);
      if (block.paragraphs.length > 0 || block.fill) out.push(block);
      return;
    }
    for (const c of Array.from(el.children)) visit(c, first);
  };
  const first = { body: true };
  for (const c of Array.from(sec.children)) visit(c, first);

  const heading = sec.querySelector(titles);
  const title = (heading?.textContent ?? '').replace(/\s+/g, ' ').trim();
  return {
    slide: {
      kind: sec.dataset['kind'] ?? 'section',
      key: sec.dataset['key'] ?? String(index),
      title,
      blocks: out,
      notes: cmDeck.text.notesOf(sec),
      scale,
      fits: !over(),
    },
    clips,
  };
}

/** The deck's theme colours (the --cm-* custom properties) as RRGGBB, and its slide count. */
export function deckInfoInPage(): { colours: DeckColours; count: number; title: string; lang: string; theme: string } {
  const probe = document.createElement('span');
  document.body.appendChild(probe);
  const get = (name: string, fallback: string) => {
    probe.style.color = getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
    const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/.exec(getComputedStyle(probe).color);
    return m
      ? [m[1], m[2], m[3]]
          .map((v) => Math.round(Number(v)).toString(16).padStart(2, '0'))
          .join('')
          .toUpperCase()
      : '000000';
  };
  const colours: DeckColours = {
    background: get('--cm-bg', '#ffffff'),
    text: get('--cm-fg', '#000000'),
    muted: get('--cm-muted', '#555555'),
    accent: get('--cm-accent', '#333399'),
    accent2: get('--cm-accent-2', '#6666cc'),
    callout: get('--cm-callout-bg', '#eeeeff'),
    code: get('--cm-code-bg', '#f4f4f4'),
    rule: get('--cm-rule', '#cccccc'),
    link: get('--cm-link', '#0000ee'),
  };
  probe.remove();
  const R = (window as unknown as { Reveal: { configure(c: object): void } }).Reveal;
  R.configure({
    controls: false,
    progress: false,
    slideNumber: false,
    transition: 'none',
    backgroundTransition: 'none',
  });
  const theme = /cm-theme-(\w+)/.exec(document.documentElement.className)?.[1] ?? 'light';
  return {
    colours,
    count: document.querySelectorAll('.reveal .slides > section').length,
    title: document.title,
    lang: document.documentElement.lang || 'en',
    theme,
  };
}
