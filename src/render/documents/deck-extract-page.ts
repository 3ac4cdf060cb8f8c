// Runs inside a rendered reveal.js deck (page.evaluate): reads the present slide back as plain
// JSON for the PowerPoint export — text blocks with their measured boxes, runs and colours, list
// levels, tables, code, callouts, figures — in the coordinates of the 1280×720 slide.
// Self-contained: page.evaluate sends this function's source only, so everything lives inside it.
import type {
  Block,
  Box,
  DeckColours,
  ExtractedSlide,
  NumberScheme,
  Paragraph,
  Run,
  TableCell,
  TextBlock,
} from '../../generate/pptx/types.ts';

/** A figure's box in viewport pixels, to screenshot for the PNG fallback. */
export interface FigureClip {
  block: number;
  clip: Box;
}

export interface PageSlide {
  slide: ExtractedSlide;
  clips: FigureClip[];
}

/** Shrinks the slide's type in 5 % steps until nothing overflows; then reads the slide. */
export function extractSlideInPage(index: number): PageSlide {
  const sections = Array.from(document.querySelectorAll<HTMLElement>('.reveal .slides > section'));
  const sec = sections[index]!;
  const css = (el: Element) => getComputedStyle(el);
  const px = (v: string) => parseFloat(v) || 0;
  const hex = (c: string): string | null => {
    const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,\s/]+([\d.]+%?))?\s*\)/.exec(c);
    if (!m) return null;
    if (m[4] !== undefined && parseFloat(m[4]) === 0) return null;
    return [m[1], m[2], m[3]]
      .map((v) => Math.round(Number(v)).toString(16).padStart(2, '0'))
      .join('')
      .toUpperCase();
  };

  // Fit with the export fonts: the same steps for every element, so proportions stay.
  const over = () => sec.scrollHeight > sec.clientHeight + 1 || sec.scrollWidth > sec.clientWidth + 1;
  const scalable = [sec, ...Array.from(sec.querySelectorAll<HTMLElement>('*'))].filter(
    (e) => !e.closest('svg, aside.notes'),
  );
  const base = scalable.map((e) => px(css(e).fontSize));
  let scale = 1;
  while (over() && scale > 0.61) {
    scale = Math.round((scale - 0.05) * 100) / 100;
    scalable.forEach((e, k) => (e.style.fontSize = `${base[k]! * scale}px`));
  }

  const origin = sec.getBoundingClientRect();
  const ratio = origin.width / (sec.offsetWidth || 1280);
  const box = (r: DOMRect): Box => ({
    x: (r.left - origin.left) / ratio,
    y: (r.top - origin.top) / ratio,
    w: r.width / ratio,
    h: r.height / ratio,
  });
  const inline = (el: Element) => css(el).display.startsWith('inline') || css(el).display === 'contents';
  const lineHeight = (el: Element) => {
    const s = css(el);
    return s.lineHeight === 'normal' ? px(s.fontSize) * 1.2 : px(s.lineHeight);
  };
  const link = (el: Element): string | null => {
    const href = el.closest('a')?.getAttribute('href') ?? '';
    return /^https?:\/\//i.test(href) ? href : null;
  };

  /** Text runs of `root`'s inline content, skipping nested lists (their own paragraphs). */
  const runsOf = (root: Element, pre: boolean): Run[] => {
    const runs: Run[] = [];
    let br = false;
    const visit = (n: Node) => {
      if (n.nodeType === Node.TEXT_NODE) {
        const parent = n.parentElement!;
        const s = css(parent);
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
        const bg = parent.closest('code') && !pre ? hex(css(parent.closest('code')!).backgroundColor) : null;
        if (bg) run.highlight = bg;
        const href = link(parent);
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
    // Collapse spaces across runs, as CSS does, and trim the paragraph's ends.
    if (!pre) {
      for (let i = 1; i < runs.length; i++)
        if (runs[i - 1]!.text.endsWith(' ') && runs[i]!.text.startsWith(' ')) runs[i]!.text = runs[i]!.text.slice(1);
      if (runs[0]) runs[0].text = runs[0].text.replace(/^ +/, '');
      const last = runs[runs.length - 1];
      if (last) last.text = last.text.replace(/ +$/, '');
    }
    return runs.filter((r) => r.text !== '' || r.br);
  };

  const align = (el: Element): Paragraph['align'] => {
    const a = css(el).textAlign;
    return a === 'center' ? 'center' : a === 'right' || a === 'end' ? 'right' : 'left';
  };

  /** The PowerPoint numbering of an ordered list's CSS list-style-type (decimal when unknown). */
  const numberScheme = (type: string): NumberScheme =>
    type === 'lower-alpha' || type === 'lower-latin'
      ? 'alphaLcPeriod'
      : type === 'upper-alpha' || type === 'upper-latin'
        ? 'alphaUcPeriod'
        : type === 'lower-roman'
          ? 'romanLcPeriod'
          : type === 'upper-roman'
            ? 'romanUcPeriod'
            : 'arabicPeriod';

  /** A numbered point (li data-n) counts on from the first of the numbered points before it. */
  const firstNumber = (li: HTMLElement): number => {
    let first = li;
    for (
      let prev = li.previousElementSibling;
      prev instanceof HTMLElement && prev.dataset['n'];
      prev = prev.previousElementSibling
    )
      first = prev;
    return Number(first.dataset['n']) || 1;
  };

  /** Paragraphs of a text-only subtree (paragraphs, headings, lists at any depth). */
  const paragraphsOf = (el: Element, left: number, level = 0, bullet = false, out: Paragraph[] = []): Paragraph[] => {
    const r = el.getBoundingClientRect();
    const hasBlocks = Array.from(el.children).some(
      (c) => !inline(c) && !c.matches('aside.notes') && css(c).display !== 'none',
    );
    if (!hasBlocks || bullet) {
      const nested = bullet ? el.querySelector(':scope > ul, :scope > ol') : null;
      const bottom = nested ? nested.getBoundingClientRect().top - px(css(nested).marginTop) : r.bottom;
      const runs = runsOf(el, false);
      if (runs.length > 0) {
        const p: Paragraph = {
          runs,
          level,
          bullet,
          indent: (r.left - left) / ratio,
          align: align(el),
          lineHeight: lineHeight(el) / ratio,
          top: (r.top - origin.top) / ratio,
          bottom: (bottom - origin.top) / ratio,
        };
        const marker = bullet ? hex(getComputedStyle(el, '::marker').color) : null;
        if (marker) p.bulletColor = marker;
        const list = bullet ? el.parentElement : null;
        if (list instanceof HTMLOListElement)
          p.numbered = { scheme: numberScheme(css(list).listStyleType), startAt: list.start };
        else if (bullet && el instanceof HTMLElement && el.dataset['n'])
          p.numbered = { scheme: 'arabicPeriod', startAt: firstNumber(el) };
        out.push(p);
      }
      if (nested) for (const li of Array.from(nested.children)) paragraphsOf(li, left, level + 1, true, out);
      return out;
    }
    for (const c of Array.from(el.children)) {
      if (c.matches('aside.notes') || css(c).display === 'none') continue;
      if (c.matches('ul, ol'))
        for (const li of Array.from(c.children)) paragraphsOf(li, left, bullet ? level + 1 : level, true, out);
      else paragraphsOf(c, left, level, c.tagName === 'LI', out);
    }
    return out;
  };

  const padding = (s: CSSStyleDeclaration): [number, number, number, number] =>
    [px(s.paddingTop), px(s.paddingRight), px(s.paddingBottom), px(s.paddingLeft)].map((v) => v / ratio) as [
      number,
      number,
      number,
      number,
    ];
  const textBlock = (el: Element, role: TextBlock['role']): TextBlock => {
    const s = css(el);
    const r = el.getBoundingClientRect();
    const block: TextBlock = {
      type: 'text',
      role,
      box: box(r),
      paragraphs: paragraphsOf(el, r.left + px(s.paddingLeft) + px(s.borderLeftWidth)),
    };
    const fill = hex(s.backgroundColor);
    const borderLeft = px(s.borderLeftWidth) > 0 && s.borderLeftStyle !== 'none' ? hex(s.borderLeftColor) : null;
    if (fill || borderLeft) {
      if (fill) block.fill = fill;
      if (borderLeft) block.border = { color: borderLeft, width: px(s.borderLeftWidth) / ratio };
      block.radius = px(s.borderTopLeftRadius) / ratio;
      block.padding = padding(s);
      block.padding[3] += px(s.borderLeftWidth) / ratio;
    } else {
      block.padding = padding(s);
      if (el.matches('ul, ol')) block.padding[3] = 0; // the padding is where the markers hang
    }
    // List markers hang into the list's left padding.
    const list = el.matches('ul, ol') ? el : el.querySelector('ul, ol');
    if (list) block.bulletIndent = px(css(list).paddingLeft) / ratio;
    return block;
  };

  const preBlock = (el: HTMLElement): TextBlock => {
    const block = textBlock(el, 'text');
    block.pre = true;
    const runs = runsOf(el, true);
    const lines: Run[][] = [[]];
    for (const run of runs) {
      run.text.split('\n').forEach((part, i) => {
        if (i > 0) lines.push([]);
        if (part) lines[lines.length - 1]!.push({ ...run, text: part });
      });
    }
    const lh = lineHeight(el) / ratio;
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
  };

  const tableBlock = (el: HTMLTableElement): Block => {
    const rows = Array.from(el.rows);
    const cells: TableCell[][] = rows.map((tr) =>
      Array.from(tr.cells).map((td) => {
        const s = css(td);
        const cell: TableCell = {
          paragraphs: paragraphsOf(td, td.getBoundingClientRect().left + px(s.paddingLeft)),
          header: td.tagName === 'TH',
          padding: padding(s),
        };
        const fill = hex(s.backgroundColor) ?? hex(css(tr).backgroundColor);
        if (fill) cell.fill = fill;
        const rule = hex(s.borderBottomColor);
        if (rule && px(s.borderBottomWidth) > 0 && s.borderBottomStyle !== 'none')
          cell.rule = { color: rule, width: px(s.borderBottomWidth) / ratio };
        return cell;
      }),
    );
    return {
      type: 'table',
      box: box(el.getBoundingClientRect()),
      colW: Array.from(rows[0]?.cells ?? []).map((c) => c.getBoundingClientRect().width / ratio),
      rowH: rows.map((tr) => tr.getBoundingClientRect().height / ratio),
      rows: cells,
    };
  };

  const blocks: Block[] = [];
  const clips: FigureClip[] = [];
  const figure = (svg: SVGSVGElement) => {
    const r = svg.getBoundingClientRect();
    const vb = svg.viewBox.baseVal;
    const vw = vb && vb.width > 0 ? vb.width : r.width;
    const vh = vb && vb.height > 0 ? vb.height : r.height;
    // The drawing as shown (preserveAspectRatio meet): the box PowerPoint stretches the picture to.
    const k = Math.min(r.width / vw, r.height / vh);
    const clip = { x: r.left + (r.width - vw * k) / 2, y: r.top + (r.height - vh * k) / 2, w: vw * k, h: vh * k };
    const copy = svg.cloneNode(true) as SVGSVGElement;
    copy.setAttribute('width', String(Math.round(vw)));
    copy.setAttribute('height', String(Math.round(vh)));
    copy.style.removeProperty('max-width');
    if (!copy.getAttribute('xmlns')) copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
    const alt = svg.querySelector('title')?.textContent ?? svg.getAttribute('aria-label') ?? '';
    clips.push({ block: blocks.length, clip });
    blocks.push({
      type: 'image',
      box: {
        x: (clip.x - origin.left) / ratio,
        y: (clip.y - origin.top) / ratio,
        w: clip.w / ratio,
        h: clip.h / ratio,
      },
      svg: new XMLSerializer().serializeToString(copy),
      png: '',
      alt: alt.trim(),
    });
  };

  // A big-quote slide has no heading: its kicker line ("1.2 Title") is the slide's title; a group
  // slide's first column heading is (the second stays text in its column).
  const titles = sec.querySelector('h1, h2') ? 'h1, h2' : 'h1, h2, .cm-kicker, .cm-column > h3';
  const visit = (el: Element, first: { body: boolean }) => {
    if (el.matches('aside.notes, script, style, .cm-maplink') || css(el).display === 'none') return;
    if (el instanceof SVGSVGElement) return figure(el);
    if (el instanceof HTMLTableElement) return void blocks.push(tableBlock(el));
    if (el instanceof HTMLPreElement) return void blocks.push(preBlock(el));
    if (el.matches(titles))
      return void blocks.push(
        textBlock(
          el,
          el.matches('h1') || !blocks.some((b) => b.type === 'text' && b.role === 'title') ? 'title' : 'text',
        ),
      );
    const complex = el.querySelector('svg, table, pre') ?? el.querySelector(titles);
    if (!complex) {
      const role = first.body && el.matches('ul, ol') ? 'body' : 'text';
      if (role === 'body') first.body = false;
      const block = textBlock(el, role);
      if (block.paragraphs.length > 0 || block.fill) blocks.push(block);
      return;
    }
    for (const c of Array.from(el.children)) visit(c, first);
  };
  const first = { body: true };
  for (const c of Array.from(sec.children)) visit(c, first);

  // Notes: one line per block of the speaker notes, list items with a bullet.
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

  const heading = sec.querySelector(titles);
  const title = (heading?.textContent ?? '').replace(/\s+/g, ' ').trim();
  return {
    slide: {
      kind: sec.dataset['kind'] ?? 'section',
      key: sec.dataset['key'] ?? String(index),
      title,
      blocks,
      notes,
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
