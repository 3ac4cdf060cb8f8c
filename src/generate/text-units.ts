// Derived-output coverage (pure): a chapter's text units — paragraphs, list items, table rows,
// analogies, takeaways, definitions, code blocks and authored diagrams — and whether an output's
// text holds each of them whole. Decks count a unit when a slide or that slide's notes carry it;
// the site when the chapter page does. What is missing is named by file:line, never dropped.
import { readLabel } from '../model/recognisers/labels.ts';
import { flattenSections } from '../model/sections.ts';
import { inlineText } from '../model/text.ts';
import type { Block, Chapter, Inline, Position } from '../model/types.ts';
import type { Deck, Point } from './slides/types.ts';

export type UnitKind =
  | 'paragraph'
  | 'list item'
  | 'table row'
  | 'analogy'
  | 'takeaway'
  | 'definition'
  | 'code block'
  | 'diagram';

export interface TextUnit {
  kind: UnitKind;
  /** Plain text of the unit (for a diagram, its mermaid source). */
  text: string;
  position: Position;
  /** Authored diagrams: the output name ("diagrams/<chapter-slug>-<n>"). */
  diagram?: string;
}

/** Text compared without markup, case, punctuation or spacing: only letters, digits and marks count. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLocaleLowerCase('en')
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .trim();
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** HTML → its visible text (tags dropped, entities decoded), for matching. */
export function htmlText(html: string): string {
  return (
    html
      .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
      // Inline tags join what is around them ("A<code>0</code>" reads "A0"); block tags separate.
      .replace(/<\/?(?:code|strong|em|b|i|a|span|del|s|sub|sup|mark|kbd)\b[^>]*>/gi, '')
      .replace(/<[^>]*>/g, ' ')
      .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
        e[0] === '#'
          ? String.fromCodePoint(e[1]?.toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
          : (ENTITY[e.toLowerCase()] ?? m),
      )
  );
}

/** Inline content cut into its source lines (soft line breaks in text, hard breaks). */
export function inlineLines(nodes: readonly Inline[]): Inline[][] {
  const lines: Inline[][] = [[]];
  for (const n of nodes) {
    if (n.type === 'break') {
      lines.push([]);
      continue;
    }
    if (n.type !== 'text' || !n.value.includes('\n')) {
      lines[lines.length - 1]!.push(n);
      continue;
    }
    n.value.split('\n').forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (part) lines[lines.length - 1]!.push({ type: 'text', value: part });
    });
  }
  return lines.filter((l) => l.some((n) => n.type !== 'text' || n.value.trim()));
}

/**
 * A paragraph's text without its analogy and definition lines (units of their own); a line
 * under another label (key idea, final insight) counts as written.
 */
function paragraphText(nodes: readonly Inline[]): string {
  return inlineLines(nodes)
    .map((line) => {
      const kind = readLabel(line)?.kind;
      return kind === 'analogy' || kind === 'definition' ? '' : inlineText(line);
    })
    .filter((l) => l.trim())
    .join(' ');
}

function within(outer: Position, inner: Position): boolean {
  return inner.start.offset >= outer.start.offset && inner.start.offset <= outer.end.offset;
}

/** Every text unit of a chapter, in reading order of the model (intro, summary, sections, teaching material). */
export function chapterUnits(chapter: Chapter): TextUnit[] {
  const units: TextUnit[] = [];
  const takeaways = chapter.takeaways;
  const walk = (blocks: readonly Block[]) => {
    for (const b of blocks) {
      if (b.type === 'paragraph') {
        const text = paragraphText(b.children);
        if (normalizeText(text)) units.push({ kind: 'paragraph', text, position: b.position });
      } else if (b.type === 'list') {
        for (const item of b.items) {
          const [first, ...rest] = item.children;
          if (first?.type === 'paragraph') {
            const text = paragraphText(first.children);
            if (normalizeText(text)) units.push({ kind: 'list item', text, position: first.position });
          } else if (first) rest.unshift(first);
          walk(rest);
        }
      } else if (b.type === 'quote') walk(b.children);
      else if (b.type === 'table') {
        const kind = takeaways && within(takeaways.position, b.position) ? 'takeaway' : 'table row';
        for (const row of b.rows)
          units.push({ kind, text: row.map((c) => inlineText(c)).join(' '), position: b.position });
      } else if (b.type === 'code') {
        const i = chapter.diagrams.findIndex((d) => d.position.start.offset === b.position.start.offset);
        if (i >= 0)
          units.push({
            kind: 'diagram',
            text: b.value,
            position: b.position,
            diagram: `diagrams/${chapter.slug}-${i + 1}`,
          });
        else if (b.value.trim()) units.push({ kind: 'code block', text: b.value, position: b.position });
      }
    }
  };
  walk(chapter.intro);
  walk(chapter.summaryBlocks);
  for (const s of flattenSections(chapter.sections)) walk(s.blocks);
  for (const a of chapter.analogies) units.push({ kind: 'analogy', text: a.text, position: a.position });
  for (const d of chapter.definitions) units.push({ kind: 'definition', text: d.text, position: d.position });
  return units;
}

export interface Haystack {
  /** Normalised visible text of the output. */
  text: string;
  /** Output names of the authored diagrams it shows. */
  figures: ReadonlySet<string>;
}

export function haystack(texts: readonly string[], figures: Iterable<string> = []): Haystack {
  return {
    text: ` ${texts.map(normalizeText).filter(Boolean).join(' ')} `,
    figures: new Set([...figures].map(shownDiagram)),
  };
}

/**
 * The authored diagram an output figure shows: a diagram too small for its slide is drawn as
 * `<name>-flipped` or as `<name>-part-<i>` (pipeline/diagram-fit.ts); those show `<name>`.
 */
export function shownDiagram(figure: string): string {
  return figure.replace(/-(?:flipped|part-\d+)$/, '');
}

/** True when the output holds the whole unit (a diagram: drawn — whole, flipped or in parts — or its source given). */
export function holds(h: Haystack, unit: TextUnit): boolean {
  if (unit.diagram && h.figures.has(unit.diagram)) return true;
  const needle = normalizeText(unit.text);
  return needle === '' || h.text.includes(` ${needle} `);
}

export interface UnitCoverage {
  total: number;
  missing: TextUnit[];
}

export function coverage(units: readonly TextUnit[], h: Haystack): UnitCoverage {
  return { total: units.length, missing: units.filter((u) => !holds(h, u)) };
}

/** "100 %" style share, rounded down to one decimal so that 99.96 % never shows as 100 %. */
export function percent(c: { total: number; missing: number }): number {
  return c.total === 0 ? 100 : Math.floor(((c.total - c.missing) / c.total) * 1000) / 10;
}

/** Everything a deck carries: each slide's visible text and its speaker notes, and the diagrams it draws. */
export function deckHaystack(deck: Deck): Haystack {
  const texts: string[] = [];
  // Code goes on one stream of its own: a long block's continuation slides join up again.
  const code: string[] = [];
  const figures: string[] = [];
  const points = (ps: readonly Point[] | undefined) => (ps ?? []).flatMap((p) => [p.html, ...p.sub]);
  for (const s of deck.slides) {
    texts.push(
      s.title,
      s.subtitle ?? '',
      s.term ?? '',
      ...points(s.points),
      s.bodyHtml ?? '',
      s.leadHtml ?? '',
      s.opens?.leadHtml ?? '',
      s.asideHtml ?? '',
      ...points(s.tailPoints),
    );
    texts.push(...(s.header ?? []), ...(s.rows ?? []).map((r) => r.join(' ')), s.notesHtml ?? '');
    if (s.pair) for (const side of s.pair) code.push(side.code ?? ''), texts.push(side.leadHtml ?? '');
    else if (s.code) code.push(s.code);
    for (const c of s.columns ?? []) texts.push(c.title, ...points(c.points));
    if (s.figure) figures.push(s.figure.name);
  }
  return haystack([...texts.map(htmlText), code.join('\n')], figures);
}

/** A site page's visible text and the diagrams drawn on it (figures marked data-diagram). */
export function pageHaystack(html: string): Haystack {
  const figures = [...html.matchAll(/data-diagram="([^"]+)"/g)].map((m) => m[1]!);
  return haystack([htmlText(html)], figures);
}
