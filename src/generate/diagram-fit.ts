// Does an authored diagram read on its slide? Its labels are drawn at the diagram's font size
// (16 px) and scaled with the whole drawing into the slide's figure box; under 14 px on a
// 1280 × 720 slide a room cannot read them. This module holds the measure (from the rendered SVG:
// its viewBox and font size) and the variants a caller renders to find one that reads: the other
// direction, the parts of src/generate/diagram-split.ts in either direction, and halves of a part
// that is still too big. Pure; the pipeline renders and chooses (src/pipeline/diagram-fit.ts).
import {
  direction,
  flipped,
  isFlowchart,
  nodesOf,
  splitFlowchart,
  withDirection,
  type DiagramPart,
} from './diagram-split.ts';
import { classHalves, flipClassDiagram, isClassDiagram, isClassSource, splitClassDiagram } from './class-split.ts';
import { isSequence, splitSequence } from './sequence-split.ts';
import { FRAME, LIMITS } from './slides/rules.ts';

/** Smallest text (px on a 1280 × 720 slide) a diagram slide may show. */
export const MIN_SLIDE_TEXT = 14;
/** The figure box of a diagram slide: the content width, the body under a kicker line. */
export const FIGURE_BOX = { w: FRAME.contentWidth, h: FRAME.bodyHeight - 40 } as const;

/** Width, height and label font size of a rendered SVG. */
export function svgMetrics(svg: string): { w: number; h: number; font: number } | null {
  const box = /viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"/.exec(svg);
  if (!box) return null;
  // Mermaid's first rule sets the diagram's font: `#id{font-family:…;font-size:16px;…}`.
  const font = Number(/font-size:\s*([\d.]+)px/.exec(svg)?.[1] ?? 16);
  return { w: Number(box[1]), h: Number(box[2]), font };
}

/** The label size (px) a rendered diagram would have in the slide's figure box. */
export function slideTextPx(svg: string, box: { w: number; h: number } = FIGURE_BOX): number {
  const m = svgMetrics(svg);
  if (!m || m.w <= 0 || m.h <= 0) return m?.font ?? 16;
  return m.font * Math.min(box.w / m.w, box.h / m.h, LIMITS.diagramMaxScale);
}

/** A way to show a diagram: one or more sources, a slide each. */
export interface Variant {
  parts: DiagramPart[];
  how: 'flipped' | 'split';
}

/** A state diagram's top-level `direction` set to the other one (inserted after the header when absent). */
function flipState(source: string): string | null {
  const lines = source.split('\n');
  const head = lines.findIndex((l) => /^\s*stateDiagram(-v2)?\s*$/.test(l));
  if (head < 0) return null;
  const firstBlock = lines.findIndex((l) => l.includes('{'));
  const at = lines.findIndex(
    (l, i) => i > head && (firstBlock < 0 || i < firstBlock) && /^\s*direction\s+(TB|TD|BT|LR|RL)\s*$/.test(l),
  );
  const now = at >= 0 ? /direction\s+(\w+)/.exec(lines[at]!)![1]! : 'TB';
  const line = `  direction ${flipped(now === 'TB' ? 'TD' : now) === 'LR' ? 'LR' : 'TB'}`;
  if (at >= 0) lines[at] = line;
  else lines.splice(head + 1, 0, line);
  return lines.join('\n');
}

/** The diagram drawn the other way round (flowcharts, state and class diagrams), or null for other types. */
export function flipVariant(kind: string, source: string): Variant | null {
  if (/^stateDiagram/.test(kind)) {
    const other = flipState(source);
    return other ? { how: 'flipped', parts: [{ title: null, source: other }] } : null;
  }
  if (isClassDiagram(kind)) {
    const other = flipClassDiagram(source);
    return other ? { how: 'flipped', parts: [{ title: null, source: other }] } : null;
  }
  if (!isFlowchart(kind)) return null;
  const other = withDirection(source, flipped(direction(source)));
  return other ? { how: 'flipped', parts: [{ title: null, source: other }] } : null;
}

/** A part in both reading directions (the author's first). */
export function bothDirections(part: DiagramPart): DiagramPart[] {
  const other = isClassSource(part.source)
    ? flipClassDiagram(part.source)
    : withDirection(part.source, flipped(direction(part.source)));
  return other ? [part, { ...part, source: other }] : [part];
}

/** The split of a flowchart (see diagram-split.ts), sequence diagram (sequence-split.ts) or class diagram (class-split.ts), or null when it has a single part. */
export function splitVariant(kind: string, source: string): (Variant & { dropped: number }) | null {
  if (isSequence(kind)) {
    const parts = splitSequence(source);
    return parts ? { how: 'split', parts, dropped: 0 } : null;
  }
  if (isClassDiagram(kind)) {
    const parts = splitClassDiagram(source);
    return parts ? { how: 'split', parts, dropped: 0 } : null;
  }
  if (!isFlowchart(kind)) return null;
  const split = splitFlowchart(source);
  return split ? { how: 'split', parts: split.parts, dropped: split.dropped } : null;
}

/**
 * A part cut in two halves at a line between statements (a long chain or a wide fan-out; a class
 * diagram's part at a relationship, ./class-split.ts), each
 * keeping the part's title and the definitions of the nodes it borrows. Null when the part has
 * fewer than two statements.
 */
export function halves(part: DiagramPart): [DiagramPart, DiagramPart] | null {
  if (isClassSource(part.source)) return classHalves(part);
  const lines = part.source.split('\n');
  const head = lines.findIndex((l) => /^\s*(flowchart|graph)\b/i.test(l));
  if (head < 0) return null;
  const preamble = lines.slice(0, head + 1);
  const body = lines.slice(head + 1);
  const isDef = (l: string) => /^\s*[\w.-]+\s*[[({>]/.test(l) && nodesOf(l).length === 1 && !/--|==|-\./.test(l);
  const isMeta = (l: string) => /^\s*(classDef|class|style|click)\b/.test(l);
  const lines0 = body.filter((l) => l.trim() && !isMeta(l) && !/^\s*%%/.test(l));
  // A line that only defines a node another line links is borrowed where needed, not a statement.
  const linked = (l: string) =>
    lines0.some((o) => o !== l && !isDef(o) && nodesOf(o).some((n) => n.id === nodesOf(l)[0]?.id));
  const statements = lines0.filter((l) => !(isDef(l) && linked(l)));
  if (statements.length < 2) return null;
  const defs = new Map<string, string>();
  for (const l of body) for (const n of nodesOf(l)) if (n.def && !defs.has(n.id)) defs.set(n.id, n.def);
  const cut = bestCut(statements);
  const make = (own: string[]): DiagramPart => {
    const used = new Set(own.flatMap((l) => nodesOf(l).map((n) => n.id)));
    const defined = new Set(
      own.flatMap((l) =>
        nodesOf(l)
          .filter((n) => n.def)
          .map((n) => n.id),
      ),
    );
    const borrowed = [...used].filter((id) => !defined.has(id) && defs.has(id)).map((id) => `  ${id}${defs.get(id)}`);
    const meta = body.filter(
      (l) =>
        isMeta(l) &&
        (/^\s*classDef\b/.test(l) ||
          l
            .trim()
            .split(/[\s,]+/)
            .some((w) => used.has(w))),
    );
    return { title: part.title, source: [...preamble, ...borrowed, ...own, ...meta].join('\n') + '\n' };
  };
  return [make(statements.slice(0, cut)), make(statements.slice(cut))];
}

/**
 * Where to cut a list of statements in two: where the halves share the fewest nodes (a chain's
 * tail, the next hub), the middle breaking ties. Each half keeps at least a third of the lines.
 */
function bestCut(statements: readonly string[]): number {
  const ids = statements.map((l) => new Set(nodesOf(l).map((n) => n.id)));
  const n = statements.length;
  let best = Math.ceil(n / 2);
  let bestScore = Infinity;
  for (let k = Math.max(1, Math.floor(n / 3)); k <= Math.min(n - 1, Math.ceil((2 * n) / 3)); k++) {
    const left = new Set(ids.slice(0, k).flatMap((s) => [...s]));
    const shared = new Set(
      ids
        .slice(k)
        .flatMap((s) => [...s])
        .filter((id) => left.has(id)),
    ).size;
    const score = shared * n + Math.abs(k - n / 2);
    if (score < bestScore) [best, bestScore] = [k, score];
  }
  return best;
}

/** The slide title of part `i` of `n`: the part's own name, else the diagram's, with "(i/n)" when there are several. */
export function partTitle(part: { title: string | null }, whole: string, i: number, n: number): string {
  return n > 1 ? `${part.title ?? whole} (${i + 1}/${n})` : (part.title ?? whole);
}
