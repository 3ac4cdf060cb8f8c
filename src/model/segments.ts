// Cuts a document into chapter bodies and the material after them, dropping chat filler:
// acknowledgements, the offer that ends an assistant turn, and wrap-ups before it.
import type { Paragraph, RootContent } from 'mdast';
import { isAcknowledgement, isOffer, isWrapUp } from './filler.ts';
import { linesToParagraph, paragraphLines } from './lines.ts';
import { matchChapterHeading } from './markers.ts';
import type { Owner } from './owners.ts';
import type { Scan } from './scan.ts';
import { readHeading } from './sections.ts';

export interface Segment {
  owner: Owner;
  /** The chapter's own nodes (intro and sections), filler removed. */
  body: RootContent[];
  /** Nodes after the chapter ends and before the next one starts (extras, interludes). */
  after: RootContent[];
}

type State = 'body' | 'tail' | 'after';

export function cutSegments(scan: Scan, owners: readonly Owner[]): Segment[] {
  return owners.map((owner, k) => {
    const end = owners[k + 1]?.index ?? scan.nodes.length;
    const seg: Segment = { owner, body: [], after: [] };
    const startNode = scan.nodes[owner.index];
    let i = owner.index;
    if (owner.marker?.kind === 'heading') i++;
    else if (owner.marker && startNode?.type === 'paragraph') {
      const rest = afterAnnouncement(startNode, owner.marker.line);
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
  if (state === 'tail' || scan.filler.has(i)) return scan.offers.has(i) ? 'tail' : state;
  if (!scan.transcript || node.type !== 'paragraph') {
    seg.body.push(node);
    return state;
  }
  const lines = paragraphLines(node);
  if (isWrapUp(lines[0]?.text ?? '') && onlyLooseUntilBoundary(scan, i, end)) return 'tail';
  const kept = lines.filter((l) => !isAcknowledgement(l.text) && !isOffer(l.text));
  if (kept.length === lines.length) seg.body.push(node);
  else if (kept.length > 0) seg.body.push(linesToParagraph(kept, node));
  return state;
}

/** The announcement paragraph: lines before the announcement are chat, lines after it are the intro. */
function afterAnnouncement(p: Paragraph, line: number): Paragraph | null {
  const rest = paragraphLines(p).slice(line + 1).filter((l) => !isAcknowledgement(l.text) && !isOffer(l.text));
  return rest.length > 0 ? linesToParagraph(rest, p) : null;
}

function ownsNumbered(node: Extract<RootContent, { type: 'heading' }>, chapter: number): boolean {
  const id = readHeading(node).id;
  return id !== null && Number(id.split('.')[0]) === chapter;
}

/** A heading that outranks the chapter: a part, or (for headed chapters) one at the chapter's level. */
function endsChapter(node: Extract<RootContent, { type: 'heading' }>, i: number, seg: Segment, scan: Scan): boolean {
  if (scan.partHeadings.has(i)) return true;
  const marker = seg.owner.marker;
  if (marker?.kind === 'heading') return node.depth <= marker.depth && !matchChapterHeading(readHeading(node).title);
  const sectionDepth = scan.sectionDepth.get(seg.owner.number);
  return sectionDepth !== undefined && node.depth < sectionDepth;
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
