// Finds a chapter's teaching material in its blocks: analogies, definitions, key ideas,
// bold terms, the takeaway table, the final insight and authored diagrams.
import { ANALOGY_TITLE, FINAL_INSIGHT_TITLE, readLabel, TAKEAWAY_TITLE, type Labelled } from './recognisers/labels.ts';
import { flattenSections } from './sections.ts';
import { collapse, inlineText } from './text.ts';
import type { Block, Chapter, Diagram, FinalInsight, Inline, Section, Takeaways } from './types.ts';

/** What a chapter teaches, as the Chapter type holds it. */
export type Teaching = Pick<
  Chapter,
  'analogies' | 'definitions' | 'keyIdeas' | 'terms' | 'takeaways' | 'finalInsight' | 'diagrams'
>;

export function blockText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return collapse(inlineText(block.children));
    case 'list':
      return block.items.map((i) => i.children.map(blockText).join(' ')).join(' ');
    case 'quote':
      return block.children.map(blockText).join(' ');
    case 'table':
      return [block.header, ...block.rows].map((r) => r.map(inlineText).join(' ')).join(' ');
    case 'code':
      return block.value;
    default:
      return '';
  }
}

export function blocksText(blocks: readonly Block[]): string {
  return collapse(blocks.map(blockText).filter(Boolean).join(' '));
}

/** Splits inline content at soft line breaks (a paragraph's source lines). */
export function inlineLines(children: readonly Inline[]): Inline[][] {
  const lines: Inline[][] = [[]];
  for (const n of children) {
    if (n.type === 'break') lines.push([]);
    else if (n.type === 'text' && n.value.includes('\n')) {
      n.value.split('\n').forEach((part, i) => {
        if (i > 0) lines.push([]);
        if (part) lines[lines.length - 1]?.push({ type: 'text', value: part });
      });
    } else lines[lines.length - 1]?.push(n);
  }
  return lines.filter((l) => l.length > 0);
}

/** Labelled lines of a paragraph, each with the text that follows its label. */
function labelledLines(block: Extract<Block, { type: 'paragraph' }>): Array<Labelled & { text: string }> {
  const out: Array<Labelled & { text: string }> = [];
  for (const line of inlineLines(block.children)) {
    const l = readLabel(line);
    if (l) out.push({ ...l, text: collapse(inlineText(l.rest)) });
  }
  return out;
}

export function extractTeaching(
  intro: readonly Block[],
  sections: readonly Section[],
  chapter: number | null,
): Teaching {
  const t: Teaching = {
    analogies: [],
    definitions: [],
    keyIdeas: [],
    terms: [],
    takeaways: null,
    finalInsight: null,
    diagrams: [],
  };
  scanBlocks(intro, null, null, t, chapter);
  for (const s of flattenSections(sections)) {
    scanBlocks(s.blocks, s, s.id ?? s.slug, t, chapter);
    if (!t.takeaways && TAKEAWAY_TITLE.test(s.title)) t.takeaways = takeawaysOf(s);
    if (!t.finalInsight && FINAL_INSIGHT_TITLE.test(s.title) && s.blocks.length > 0) t.finalInsight = insightOf(s);
    if (ANALOGY_TITLE.test(s.title) && s.blocks.length > 0) {
      t.analogies.push({
        text: blocksText(s.blocks),
        sectionId: s.id ?? s.slug,
        blocks: s.blocks,
        position: s.position,
      });
    }
  }
  return t;
}

function scanBlocks(
  blocks: readonly Block[],
  section: Section | null,
  sectionId: string | null,
  t: Teaching,
  chapter: number | null,
): void {
  blocks.forEach((block, i) => {
    if (block.type === 'code' && block.lang?.toLowerCase() === 'mermaid') t.diagrams.push(diagramOf(block, chapter));
    if (block.type === 'list') collectTerms(block, sectionId, t);
    const labels =
      block.type === 'paragraph'
        ? labelledLines(block)
        : block.type === 'quote'
          ? quoteLabels(block)
          : block.type === 'list'
            ? itemLabels(block)
            : [];
    for (const l of labels) {
      const text = l.text || blockText(blocks[i + 1] ?? { type: 'thematicBreak', position: block.position });
      if (!text) continue;
      const entry = { sectionId, position: block.position };
      if (l.kind === 'analogy') t.analogies.push({ ...entry, text, blocks: [block] });
      else if (l.kind === 'definition')
        t.definitions.push({ ...entry, term: definedTerm(l.rest, text) ?? section?.title ?? '', text });
      else if (l.kind === 'finalInsight') t.finalInsight ??= { ...entry, text, blocks: [block] };
      else if (!l.text && blocks[i + 1]?.type === 'list') keyIdeasFromList(blocks[i + 1], l.label, sectionId, t);
      else t.keyIdeas.push({ ...entry, text, label: l.label });
    }
  });
}

/** "- **Definition:** …" list items carry labels too. */
function itemLabels(list: Extract<Block, { type: 'list' }>): Array<Labelled & { text: string }> {
  return list.items.flatMap((item) => {
    const p = item.children[0];
    return p?.type === 'paragraph' ? labelledLines(p) : [];
  });
}

const ARTICLES =
  /^(?:a|an|the|un|una|uno|el|la|los|las|le|les|l’|l'|der|die|das|ein|eine|o|os|as|um|uma|il|lo|gli)\s+/iu;
const COPULA = /\s(?:is|are|means|refers to|es|son|significa|est|sont|ist|sind|é|são|è|sono)\s/iu;

/** Subjects too vague to name what is defined ("A system is scalable if…"): use the section title. */
const GENERIC_SUBJECT =
  /^(?:system|it|this|that|they|there|one|thing|something|sistema|esto|eso|ceci|cela|système|es|dies)$/iu;

/** The word a definition defines: its first bold phrase, else the short subject before "is". */
function definedTerm(rest: readonly Inline[], text: string): string | null {
  const bold = rest.find((n) => n.type === 'strong');
  if (bold?.type === 'strong') return collapse(inlineText(bold.children)).replace(/[:：]$/, '') || null;
  const m = COPULA.exec(text);
  if (!m) return null;
  const subject = text.slice(0, m.index).replace(ARTICLES, '').trim();
  if (GENERIC_SUBJECT.test(subject)) return null;
  return subject.split(' ').length <= 5 && subject.length > 1 ? subject : null;
}

/** Labels inside a quote: the first paragraph's label applies to the whole quote. */
function quoteLabels(block: Extract<Block, { type: 'quote' }>): Array<Labelled & { text: string }> {
  const first = block.children[0];
  if (first?.type !== 'paragraph') return [];
  const l = readLabel(first.children);
  if (!l) return [];
  const rest = collapse([inlineText(l.rest), ...block.children.slice(1).map(blockText)].join(' '));
  return [{ ...l, text: rest }];
}

function keyIdeasFromList(list: Block | undefined, label: string, sectionId: string | null, t: Teaching): void {
  if (list?.type !== 'list') return;
  for (const item of list.items) {
    const text = blocksText(item.children);
    if (text) t.keyIdeas.push({ text, label, sectionId, position: list.position });
  }
}

/** "- **Fault:** a component deviates…" → term "Fault". */
function collectTerms(list: Extract<Block, { type: 'list' }>, sectionId: string | null, t: Teaching): void {
  for (const item of list.items) {
    const p = item.children[0];
    if (p?.type !== 'paragraph') continue;
    const [head, next] = p.children;
    if (head?.type !== 'strong') continue;
    const raw = collapse(inlineText(head.children));
    const colon = /[:：]$/.test(raw) || (next?.type === 'text' && /^\s*(?:[:：]|→|->|—|–|-)\s/.test(next.value));
    const term = raw.replace(/[:：]$/, '').trim();
    if (!colon || !term || term.length > 60 || readLabel(p.children)) continue;
    const text = collapse(inlineText(p.children.slice(1))).replace(/^(?:[:：]|→|->|—|–|-)\s*/, '');
    t.terms.push({ term, text, sectionId, position: p.position });
  }
}

function takeawaysOf(s: Section): Takeaways | null {
  const table = flattenSections([s])
    .flatMap((x) => x.blocks)
    .find((b) => b.type === 'table');
  if (table?.type !== 'table') return null;
  const cell = (c: Inline[]) => collapse(inlineText(c));
  return {
    sectionId: s.id ?? s.slug,
    title: s.title,
    header: table.header.map(cell),
    rows: table.rows.map((r) => r.map(cell)),
    table,
    position: table.position,
  };
}

function insightOf(s: Section): FinalInsight {
  const lead = s.blocks.find((b) => b.type === 'quote') ?? s.blocks.find((b) => b.type === 'paragraph') ?? s.blocks[0];
  return { text: lead ? blockText(lead) : '', sectionId: s.id ?? s.slug, blocks: s.blocks, position: s.position };
}

export function diagramOf(block: Extract<Block, { type: 'code' }>, chapter: number | null): Diagram {
  const first = block.value
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith('%%') && l !== '---');
  const kind = first?.match(/^([A-Za-z][\w-]*)/)?.[1] ?? 'unknown';
  return { kind, source: block.value, lang: block.lang ?? 'mermaid', position: block.position, chapter };
}
