// How large a flowchart's text could at most be on its slide if it were drawn in the other
// direction, read off its render in this direction, so the fit (src/pipeline/diagram-fit.ts)
// renders a candidate only when it could win. Mermaid lays flowcharts out with dagre: the ranks
// (which nodes share a row in TD, a column in LR) do not depend on the direction, nor do the node
// boxes (they are measured from the labels before layout); the direction only decides which axis
// the ranks run along. So, from the nodes of this render grouped into bands (nodes whose extents
// overlap along the rank axis: a band holds one or more whole ranks), the other direction is at
// least as long as the bands' widest nodes end to end, and at least as broad as the nodes of any
// band side by side (a band is a single rank: dagre keeps ranks apart by the rank spacing).
// Flowcharts with subgraphs (laid out cluster by cluster) or their own layout config get no
// bound but the scale cap. Pure: the SVG is read as text. Also a cheap estimate from the source
// alone, to decide which direction to render first.
import { svgMetrics, FIGURE_BOX } from './diagram-fit.ts';
import { direction, nodesOf } from './diagram-split.ts';
import { LIMITS } from './slides/rules.ts';

interface Box {
  /** Extent along the rank axis (y when drawn top-down) and across it. */
  along: [number, number];
  across: number;
}

const num = (s: string | undefined): number => (s === undefined ? NaN : Number(s));

/** The box (x0, y0, x1, y1) of a node's shape, relative to the node; null for shapes not read. */
function shapeBox(shape: string): [number, number, number, number] | null {
  const attr = (name: string) => num(new RegExp(`\\s${name}="([-\\d.e]+)"`).exec(shape)?.[1]);
  const t = /\stransform="([^"]*)"/.exec(shape)?.[1];
  const m = t === undefined ? null : /^translate\(\s*([-\d.e]+)[\s,]+([-\d.e]+)\s*\)$/.exec(t.trim());
  if (t !== undefined && !m) return null;
  const [dx, dy] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
  let box: [number, number, number, number] | null = null;
  if (shape.startsWith('<rect')) {
    const [x, y, w, h] = [attr('x'), attr('y'), attr('width'), attr('height')];
    box = [x, y, x + w, y + h];
  } else if (shape.startsWith('<circle')) {
    const r = attr('r');
    box = [-r, -r, r, r];
  } else if (shape.startsWith('<polygon')) {
    const p = (/\spoints="([^"]*)"/.exec(shape)?.[1] ?? '')
      .trim()
      .split(/[\s,]+/)
      .map(Number);
    const xs = p.filter((_, i) => i % 2 === 0);
    const ys = p.filter((_, i) => i % 2 === 1);
    if (xs.length > 1) box = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  }
  if (!box || box.some((v) => !Number.isFinite(v))) return null;
  return [box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy];
}

/** The node boxes of a rendered flowchart, as extents along and across its rank axis. */
function nodeBoxes(svg: string, vertical: boolean): Box[] {
  const boxes: Box[] = [];
  const starts = [...svg.matchAll(/<g class="node\b[^"]*"[^>]*>/g)];
  starts.forEach((s, i) => {
    const at = /transform="translate\(\s*([-\d.e]+)[\s,]+([-\d.e]+)\s*\)"/.exec(s[0]);
    if (!at) return;
    const body = svg.slice(s.index + s[0].length, starts[i + 1]?.index ?? svg.length);
    const shape = /<(rect|circle|polygon)\b[^>]*>/.exec(body.split('class="label"')[0] ?? '')?.[0];
    const b = shape ? shapeBox(shape) : null;
    if (!b) return; // a node left out only lowers the bound's lengths: it stays a bound
    const [x0, y0, x1, y1] = [b[0] + Number(at[1]), b[1] + Number(at[2]), b[2] + Number(at[1]), b[3] + Number(at[2])];
    boxes.push(vertical ? { along: [y0, y1], across: x1 - x0 } : { along: [x0, x1], across: y1 - y0 });
  });
  return boxes;
}

/** Nodes grouped into bands of overlapping extent along the rank axis. */
function bands(boxes: readonly Box[]): Box[][] {
  const sorted = [...boxes].sort((a, b) => a.along[0] - b.along[0]);
  const out: Box[][] = [];
  let end = -Infinity;
  for (const b of sorted) {
    if (b.along[0] < end - 0.01) out.at(-1)!.push(b);
    else out.push([b]);
    end = Math.max(end, b.along[1]);
  }
  return out;
}

/** Whether mermaid lays the flowchart out in ranks with dagre, as one graph. */
function rankedAlike(source: string): boolean {
  return (
    /^\s*(flowchart|graph)\b/im.test(source) &&
    !/^\s*subgraph\b/im.test(source) &&
    !/%%\{/.test(source) &&
    !/^\s*---\s*$/m.test(source) // front matter: a layout or renderer may be configured there
  );
}

/**
 * The largest label size (px on a slide) the diagram could have drawn in the other direction,
 * from `svg`, its render in the direction of `source`. The scale cap when the geometry cannot say.
 */
export function otherDirectionBound(source: string, svg: string, box = FIGURE_BOX): number {
  const m = svgMetrics(svg);
  if (!m) return Infinity;
  const cap = m.font * LIMITS.diagramMaxScale;
  if (!rankedAlike(source)) return cap;
  const vertical = !['LR', 'RL'].includes(direction(source));
  const groups = bands(nodeBoxes(svg, vertical));
  // Drawn the other way, each rank is a row (column) as deep as its broadest node here, the rows
  // one after the other; and the nodes of one rank stand side by side.
  const ranksDeep = groups.reduce((sum, g) => sum + Math.max(...g.map((b) => b.across)), 0);
  const rankBroad = Math.max(0, ...groups.map((g) => g.reduce((sum, b) => sum + (b.along[1] - b.along[0]), 0)));
  const [w, h] = vertical ? [ranksDeep, rankBroad] : [rankBroad, ranksDeep];
  return m.font * Math.min(w > 0 ? box.w / w : Infinity, h > 0 ? box.h / h : Infinity, LIMITS.diagramMaxScale);
}

const LINK = /--|==|-\.|~~~/;

/**
 * A rough label size (px on a slide) of the flowchart drawn in `dir`, from its source alone: ranks
 * by the longest chain of links, node boxes from the label lengths. Only orders the candidates
 * (the better guess is rendered first); never decides anything.
 */
export function estimatedText(source: string, dir: 'TD' | 'LR'): number {
  const label = new Map<string, number>();
  const prev = new Map<string, Set<string>>();
  for (const line of source.split('\n')) {
    if (/^\s*(%%|classDef|class|style|linkStyle|click|flowchart|graph)\b/.test(line)) continue;
    const nodes = nodesOf(line);
    for (const n of nodes) {
      const text = n.def ? n.def.replace(/^[[({>]+|[\])}]+$/g, '').replace(/^"|"$/g, '') : n.id;
      label.set(n.id, Math.max(label.get(n.id) ?? 0, text.length));
    }
    if (LINK.test(line))
      for (let k = 0; k + 1 < nodes.length; k++) {
        const to = nodes[k + 1]!.id;
        prev.set(to, (prev.get(to) ?? new Set()).add(nodes[k]!.id));
      }
  }
  const rank = new Map<string, number>();
  const depth = (id: string, seen: Set<string>): number => {
    if (rank.has(id)) return rank.get(id)!;
    seen.add(id);
    let d = 0;
    for (const p of prev.get(id) ?? []) if (!seen.has(p)) d = Math.max(d, depth(p, seen) + 1);
    seen.delete(id);
    rank.set(id, d);
    return d;
  };
  const ranks: Array<Array<{ w: number; h: number }>> = [];
  for (const [id, chars] of label) {
    const r = depth(id, new Set());
    const textW = chars * 8.5;
    (ranks[r] ??= []).push({ w: Math.min(textW, 200) + 30, h: 24 * Math.max(1, Math.ceil(textW / 200)) + 20 });
  }
  const rows = ranks.filter(Boolean);
  const deep =
    rows.reduce((s, r) => s + Math.max(...r.map((n) => (dir === 'TD' ? n.h : n.w))), 0) + 50 * (rows.length - 1);
  const broad = Math.max(...rows.map((r) => r.reduce((s, n) => s + (dir === 'TD' ? n.w : n.h) + 50, -50)));
  const [w, h] = dir === 'TD' ? [broad, deep] : [deep, broad];
  return 16 * Math.min(FIGURE_BOX.w / Math.max(w, 1), FIGURE_BOX.h / Math.max(h, 1), LIMITS.diagramMaxScale);
}
