// The chapter map's shape: a tree drawn left to right from the chapter in the middle, its
// branches split into a right and a left half. Mermaid's mindmap layout (a force simulation)
// lets nodes land on other branches' edges; a layered left-to-right tree (flowchart + dagre)
// never does: every edge joins neighbouring columns, and each side is a plain tree, so no two
// edges cross and no node sits on an edge it does not own (test/map-collisions.test.ts
// measures it on every rendered map).
// - The branches keep their document order: the first ones go right (read root → branch →
//   leaves, clockwise from the top right), the rest left, split where the two halves hold the
//   most equal number of rows (a branch counts as many rows as it has leaves, at least one).
// - Each branch has a colour of its own (PALETTE, by document order); text is dark on a light
//   fill, ≥ 4.5:1 against it (test/contrast.test.ts).
import type { MapNode } from './concepts.ts';

export interface MapSides<T extends MapNode> {
  right: T[];
  left: T[];
}

/** Rows a branch takes in its column of leaves. */
const rowsOf = (b: MapNode): number => Math.max(1, b.children.length);

export function splitSides<T extends MapNode>(branches: readonly T[]): MapSides<T> {
  if (branches.length <= 1) return { right: [...branches], left: [] };
  const total = branches.reduce((n, b) => n + rowsOf(b), 0);
  let best = 1;
  let bestDiff = Infinity;
  let acc = 0;
  for (let k = 1; k < branches.length; k++) {
    acc += rowsOf(branches[k - 1]!);
    const diff = Math.abs(total - 2 * acc);
    if (diff < bestDiff) {
      best = k;
      bestDiff = diff;
    }
  }
  return { right: branches.slice(0, best), left: branches.slice(best) };
}

/** Branch colours: a light fill, a darker border of the same hue, and text for the fill. */
export interface BranchColour {
  fill: string;
  leafFill: string;
  stroke: string;
  text: string;
}

export const PALETTE: readonly BranchColour[] = [
  { fill: '#cfe3fb', leafFill: '#edf5fe', stroke: '#1f63b5', text: '#13233a' },
  { fill: '#d3efd5', leafFill: '#eef9ef', stroke: '#2e7d32', text: '#14281a' },
  { fill: '#ffe0bf', leafFill: '#fff4e8', stroke: '#b85400', text: '#2f1a06' },
  { fill: '#ead7f2', leafFill: '#f7effa', stroke: '#7b3a96', text: '#28143a' },
  { fill: '#fbd3e0', leafFill: '#fdeff4', stroke: '#b0245a', text: '#36101f' },
  { fill: '#c9eef0', leafFill: '#ecf9fa', stroke: '#007c85', text: '#0c2a2c' },
  { fill: '#f6ebb4', leafFill: '#fcf8e3', stroke: '#8a6d00', text: '#2b2400' },
  { fill: '#dde3e8', leafFill: '#f2f5f7', stroke: '#4a5a68', text: '#1b2229' },
];

/** The root: white bold text on a dark blue box the size of a node. */
export const ROOT_COLOUR: BranchColour = { fill: '#1f3a78', leafFill: '#1f3a78', stroke: '#1f3a78', text: '#ffffff' };

export const EDGE_COLOUR = '#7d8794';
