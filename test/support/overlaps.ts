// Collisions in rendered diagrams, measured in the page (runs in Chromium via page.evaluate):
// for each `[data-map]` host, every pair of nodes whose boxes overlap (by more than 1 px), and
// every node that an edge passes through although the edge neither starts nor ends at it. The
// edge is sampled every 2 px along its path (getPointAtLength, in screen coordinates).

export interface MapCollisions {
  name: string;
  nodes: number;
  edges: number;
  /** "label A / label B" for each pair of overlapping nodes. */
  nodeOverNode: string[];
  /** "label × edge id" for each node an edge runs through without owning it. */
  nodeOverEdge: string[];
}

export function measureCollisions(): MapCollisions[] {
  interface Box {
    label: string;
    x: number;
    y: number;
    w: number;
    h: number;
  }
  const M = 1; // px of tolerance: touching borders are not overlaps
  return [...document.querySelectorAll('[data-map]')].map((host) => {
    const svg = host.querySelector('svg')!;
    const nodes: Box[] = [...svg.querySelectorAll('g.node')]
      .map((g) => {
        const r = g.getBoundingClientRect();
        return {
          label: (g.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40),
          x: r.x,
          y: r.y,
          w: r.width,
          h: r.height,
        };
      })
      .filter((n) => n.w > 0 && n.h > 0);
    // Flowchart links, and the edges of mindmaps and other diagram types.
    const edges = [...svg.querySelectorAll('path.flowchart-link, path[class*="edge"]')] as SVGPathElement[];
    const nodeOverNode: string[] = [];
    const nodeOverEdge: string[] = [];
    for (const [i, a] of nodes.entries()) {
      for (const b of nodes.slice(i + 1)) {
        if (a.x + M < b.x + b.w && b.x + M < a.x + a.w && a.y + M < b.y + b.h && b.y + M < a.y + a.h)
          nodeOverNode.push(`${a.label} / ${b.label}`);
      }
    }
    for (const e of edges) {
      const len = e.getTotalLength();
      const ctm = e.getScreenCTM();
      if (!ctm || len === 0) continue;
      const points: Array<{ x: number; y: number }> = [];
      for (let s = 0; s <= len; s += 2) {
        const p = e.getPointAtLength(s);
        points.push({ x: ctm.a * p.x + ctm.c * p.y + ctm.e, y: ctm.b * p.x + ctm.d * p.y + ctm.f });
      }
      const ends = [points[0]!, points[points.length - 1]!];
      // The edge owns the nodes its two ends touch (within 4 px: arrowheads and stroke widths).
      const near = (n: Box, p: { x: number; y: number }) =>
        p.x > n.x - 4 && p.x < n.x + n.w + 4 && p.y > n.y - 4 && p.y < n.y + n.h + 4;
      const inside = (n: Box, p: { x: number; y: number }) =>
        p.x > n.x + M && p.x < n.x + n.w - M && p.y > n.y + M && p.y < n.y + n.h - M;
      for (const n of nodes) {
        if (ends.some((p) => near(n, p))) continue;
        if (points.some((p) => inside(n, p))) nodeOverEdge.push(`${n.label} × ${e.getAttribute('data-id') ?? e.id}`);
      }
    }
    return {
      name: (host as HTMLElement).dataset.map!,
      nodes: nodes.length,
      edges: edges.length,
      nodeOverNode,
      nodeOverEdge,
    };
  });
}
