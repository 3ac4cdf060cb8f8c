// Cuts a document into chapter bodies and the material after them, dropping chat filler:
// acknowledgements, the offer that ends an assistant turn, and wrap-ups before it.
import type { Paragraph, RootContent } from 'mdast';
import { isAcknowledgement, isOffer, isWrapUp } from './recognisers/filler.ts';
import { linesToParagraph, paragraphLines } from './lines.ts';
import { matchChapterHeading } from './recognisers/markers.ts';
import { courseBlock } from './ownership.ts';
import type { Drop } from './coverage.ts';
import type { Owner } from './owners.ts';
import { chatKind, type Scan } from './scan.ts';
import { readHeading } from './sections.ts';

export interface Segment {
  owner: Owner;
  /** The chapter's own nodes (intro and sections), filler removed. */
  body: RootContent[];
  /** Nodes after the chapter ends and before the next one starts (extras, interludes). */
  after: RootContent[];
  /** Lines of chat dropped inside the chapter, with the rule that dropped them. */
  drops: Drop[];
  /** The last chapter of the document (a closing map or appendix ends it). */
  last: boolean;
}

type State = 'body' | 'tail' | 'after';

export function cutSegments(scan: Scan, owners: readonly Owner[]): Segment[] {
  return owners.map((owner, k) => {
    const end = owners[k + 1]?.index ?? scan.nodes.length;
    const seg: Segment = { owner, body: [], after: [], drops: [], last: k === owners.length - 1 };
    const startNode = scan.nodes[owner.index];
    let i = owner.index;
    if (owner.marker?.kind === 'heading') i++;
    else if (owner.marker && startNode?.type === 'paragraph') {
      const rest = afterAnnouncement(startNode, owner.marker.line, seg.drops);
      if (rest) seg.body.push(rest);
      i++;
    }
    let state: State = 'body';
    for (; i < end; i++) {
      const node = scan.nodes[i];
      if (!node) continue;
      state = step(node, i, state, seg, scan, end);
    }
    return seg;
  });
}

function step(node: RootContent, i: number, state: State, seg: Segment, scan: Scan, end: number): State {
  if (state === 'after') {
    seg.after.push(node);
    return state;
  }
  if (node.type === 'heading' && scan.filler.has(i)) return state; // a speaker heading ("## User")
  if (node.type === 'heading') {
    if (endsChapter(node, i, seg, scan)) {
      seg.after.push(node);
      return 'after';
    }
    if (state === 'tail' && !ownsNumbered(node, seg.owner.number)) {
      seg.after.push(node);
      return 'after';
    }
    seg.body.push(node);
    return 'body';
  }
  if (scan.filler.has(i)) return scan.offers.has(i) ? 'tail' : state;
  if (state === 'tail') {
    dropNode(node, 'wrap-up', seg.drops);
    return state;
  }
  if (!scan.transcript || node.type !== 'paragraph') {
    seg.body.push(node);
    return state;
  }
  const lines = paragraphLines(node);
  if (isWrapUp(lines[0]?.text ?? '') && onlyLooseUntilBoundary(scan, i, end)) {
    dropNode(node, 'wrap-up', seg.drops);
    return 'tail';
  }
  const kept = keepContentLines(lines, seg.drops);
  if (kept.length === lines.length) seg.body.push(node);
  else if (kept.length > 0) seg.body.push(linesToParagraph(kept, node));
  return state;
}

/** The announcement paragraph: lines before the announcement are chat, lines after it are the intro. */
function afterAnnouncement(p: Paragraph, line: number, drops: Drop[]): Paragraph | null {
  const lines = paragraphLines(p);
  for (const l of lines.slice(0, line)) drops.push(lineDrop(l.position.start.line, chatKind(l.text, 0) ?? 'lead-in'));
  const rest = keepContentLines(lines.slice(line + 1), drops);
  return rest.length > 0 ? linesToParagraph(rest, p) : null;
}

/** Lines that are not acknowledgements or offers; the others are recorded as dropped. */
function keepContentLines(lines: ReturnType<typeof paragraphLines>, drops: Drop[]): ReturnType<typeof paragraphLines> {
  return lines.filter((l) => {
    const rule = isAcknowledgement(l.text) ? 'acknowledgement' : isOffer(l.text) ? 'offer' : null;
    if (rule) drops.push(lineDrop(l.position.start.line, rule));
    return rule === null;
  });
}

function lineDrop(line: number, rule: string): Drop {
  return { start: line, end: line, use: 'filler', rule };
}

function dropNode(node: RootContent, rule: string, drops: Drop[]): void {
  if (node.position) drops.push({ start: node.position.start.line, end: node.position.end.line, use: 'filler', rule });
}

function ownsNumbered(node: Extract<RootContent, { type: 'heading' }>, chapter: number): boolean {
  const id = readHeading(node).id;
  return id !== null && Number(id.split('.')[0]) === chapter;
}

/**
 * Ownership by chapter markers, not heading depth: a chapter runs to the next chapter start,
 * and only a part or a course-level block (ownership.ts) at the chapter's level or above ends
 * it before that. A chapter file (depth 0) is ended by nothing.
 */
function endsChapter(node: Extract<RootContent, { type: 'heading' }>, i: number, seg: Segment, scan: Scan): boolean {
  if (scan.partHeadings.has(i)) return true;
  const marker = seg.owner.marker;
  const depth = marker?.kind === 'heading' ? marker.depth : (scan.sectionDepth.get(seg.owner.number) ?? 7) - 1;
  if (node.depth > depth) return false;
  const title = readHeading(node).title;
  return !matchChapterHeading(title) && courseBlock(title, seg.last) !== null;
}

/** A wrap-up closes the turn only when nothing but loose text follows it before the next heading. */
function onlyLooseUntilBoundary(scan: Scan, from: number, end: number): boolean {
  for (let i = from + 1; i < end; i++) {
    const t = scan.nodes[i]?.type;
    if (t === 'heading') return true;
    if (t !== 'paragraph' && t !== 'list' && t !== 'thematicBreak') return false;
  }
  return true;
}
