// First pass over a document's top-level nodes: which paragraphs are chat filler, where
// chapters are named (headings or announcements), and which headings are numbered sections.
import type { Heading, Paragraph, RootContent } from 'mdast';
import { pos } from './blocks.ts';
import { isAcknowledgement, isLeadIn, isOffer, isWrapUp, speakerHeading, speakerTurn } from './recognisers/filler.ts';
import { paragraphLines, phrasingText } from './lines.ts';
import {
  chapterWord,
  matchAnnouncement,
  matchChapterHeading,
  matchPartHeading,
  type ChapterRef,
} from './recognisers/markers.ts';
import type { Diagnostics } from './messages.ts';
import { promoteOuterChapterWords } from './recognisers/nesting.ts';
import { readHeading } from './sections.ts';
import type { Position } from './types.ts';

export interface Marker {
  number: number;
  title: string;
  index: number;
  kind: 'heading' | 'announcement';
  /** Heading depth; 7 for announcements so headings sort first. */
  depth: number;
  /** For announcements: the line of the paragraph that names the chapter. */
  line: number;
  /** For headings: the structure word, lowercased without accents ("modulo", "chapter", "章"). */
  word?: string;
  position: Position;
}

export interface Scan {
  nodes: readonly RootContent[];
  /** Indices of paragraphs (and option lists) that are wholly chat filler. */
  filler: Set<number>;
  /** The filler rule that dropped each filler node (acknowledgement, offer, offer-options, wrap-up). */
  fillerRule: Map<number, string>;
  offers: Set<number>;
  transcript: boolean;
  markers: Marker[];
  /** Index of the first heading numbered N.x, per chapter number N. */
  firstSection: Map<number, number>;
  /** Depth of the numbered section headings, per chapter number. */
  sectionDepth: Map<number, number>;
  partHeadings: Set<number>;
  /** Number and title of part headings that use a chapter word ("Módulo 1 — …" holding "Aula" chapters). */
  partRefs: Map<number, ChapterRef>;
}

/** `published`: a page of a published book (listed by a table of contents), never a chat transcript. */
export function scanDocument(nodes: readonly RootContent[], diag?: Diagnostics, published = false): Scan {
  const scan: Scan = {
    nodes,
    filler: new Set(),
    fillerRule: new Map(),
    offers: new Set(),
    transcript: false,
    markers: [],
    firstSection: new Map(),
    sectionDepth: new Map(),
    partHeadings: new Set(),
    partRefs: new Map(),
  };
  let chatLines = 0;
  let userTurn = false;
  nodes.forEach((node, i) => {
    if (node.type === 'heading') userTurn = false;
    if (userTurn) addFiller(scan, i, 'user-turn');
    else if (node.type === 'paragraph') chatLines += classifyParagraph(node, i, scan);
    else if (node.type === 'list' && scan.offers.has(i - 1) && endsWithColon(nodes[i - 1]))
      addFiller(scan, i, 'offer-options');
    else if (node.type === 'heading' && speakerHeading(phrasingText(node.children))) {
      // "## User" / "### ChatGPT said:": the label is chat; what a user heading heads is the user's message.
      userTurn = speakerHeading(phrasingText(node.children)) === 'user';
      addFiller(scan, i, userTurn ? 'user-turn' : 'turn');
      chatLines++;
    } else if (node.type === 'heading') scanHeading(node, i, scan);
  });
  promoteOuterChapterWords(scan, diag);
  markGroupHeadings(scan);
  scan.transcript = !published && chatLines >= 2;
  if (!scan.transcript) {
    scan.filler.clear();
    scan.fillerRule.clear();
    scan.offers.clear();
  }
  return scan;
}

function endsWithColon(node: RootContent | undefined): boolean {
  return node?.type === 'paragraph' && /[:：]\s*$/.test(phrasingText(node.children));
}

/** Returns how many chat lines the paragraph holds; records filler and announcements. */
function classifyParagraph(p: Paragraph, i: number, scan: Scan): number {
  const lines = paragraphLines(p);
  const first = lines[0]?.text ?? '';
  // "**User:** …": the whole paragraph is the user's message, never course content.
  if (speakerTurn(first)?.who === 'user') {
    addFiller(scan, i, 'user-turn');
    return lines.length;
  }
  if (
    isOffer(first) ||
    (lines.length <= 2 &&
      isOffer(lines[lines.length - 1]?.text ?? '') &&
      /[?？]\s*\S{0,3}$/u.test(first + (lines[1]?.text ?? '')))
  ) {
    addFiller(scan, i, 'offer');
    scan.offers.add(i);
    return 1;
  }
  let chat = 0;
  let content = 0;
  let rule = '';
  lines.forEach((line, k) => {
    const kind = chatKind(line.text, k);
    if (kind) chat++;
    else content++;
    rule ||= kind ?? '';
    const ref = matchAnnouncement(line.nodes);
    if (ref) {
      scan.markers.push({ ...ref, index: i, kind: 'announcement', depth: 7, line: k, position: line.position });
    }
  });
  if (content === 0 && chat > 0) addFiller(scan, i, rule);
  return chat;
}

function addFiller(scan: Scan, i: number, rule: string): void {
  scan.filler.add(i);
  scan.fillerRule.set(i, rule);
}

/** Which filler rule a paragraph line matches (k: its place in the paragraph), or null. */
export function chatKind(text: string, k: number): string | null {
  const turn = speakerTurn(text);
  if (turn)
    return turn.who === 'user' || turn.rest === '' || chatKind(turn.rest, k) || isLeadIn(turn.rest) ? 'turn' : null;
  if (isAcknowledgement(text)) return 'acknowledgement';
  if (k > 0 && isOffer(text)) return 'offer';
  if (k === 0 && isWrapUp(text)) return 'wrap-up';
  return null;
}

function scanHeading(h: Heading, i: number, scan: Scan): void {
  const text = phrasingText(h.children);
  const chapter = matchChapterHeading(text);
  if (chapter) {
    scan.markers.push({
      ...chapter,
      index: i,
      kind: 'heading',
      depth: h.depth,
      line: 0,
      position: pos(h),
      word: chapterWord(text) ?? '',
    });
    return;
  }
  if (matchPartHeading(text)) {
    scan.partHeadings.add(i);
    return;
  }
  const info = readHeading(h);
  if (!info.id) return;
  const n = Number(info.id.split('.')[0]);
  if (!scan.firstSection.has(n)) scan.firstSection.set(n, i);
  if (info.id.split('.').length === 2) scan.sectionDepth.set(n, Math.min(scan.sectionDepth.get(n) ?? 6, h.depth));
}

/**
 * A heading directly followed by a deeper chapter heading ("# Advanced" + "## Chapter 3: …") is a
 * group title like a part heading: it ends the chapter before it instead of becoming its section.
 */
function markGroupHeadings(scan: Scan): void {
  const chapterAt = new Map(scan.markers.filter((m) => m.kind === 'heading').map((m) => [m.index, m]));
  scan.nodes.forEach((node, i) => {
    if (node.type !== 'heading' || chapterAt.has(i) || scan.partHeadings.has(i)) return;
    let j = i + 1;
    while (scan.nodes[j]?.type === 'thematicBreak') j++;
    const next = chapterAt.get(j);
    if (next && next.depth > node.depth) scan.partHeadings.add(i);
  });
}

/** True when a paragraph line is chat that must not reach the model. */
export function isChatLine(text: string): boolean {
  return isAcknowledgement(text) || isLeadIn(text) || isOffer(text) || speakerTurn(text) !== null;
}
