// WCAG contrast of the text in rendered SVG diagrams, measured in the page (page.evaluate):
// every text of every node (and every cluster label) against the fill of the shape behind it,
// from computed styles. A shape without a fill (none / transparent) shows the page: `page`.

export interface LowContrast {
  map: string;
  text: string;
  ratio: number;
  fg: string;
  bg: string;
}

export function measureSvgContrast(page: string): LowContrast[] {
  const rgb = (c: string): [number, number, number, number] | null => {
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(c);
    if (m) return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
    const h = /^#([0-9a-f]{6})$/i.exec(c.trim());
    return h
      ? [parseInt(h[1]!.slice(0, 2), 16), parseInt(h[1]!.slice(2, 4), 16), parseInt(h[1]!.slice(4, 6), 16), 1]
      : null;
  };
  const lum = ([r, g, b]: number[]) => {
    const f = (v: number) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
  };
  const base = rgb(page)!;
  // A colour over the page (alpha blended), as the reader sees it.
  const over = (c: [number, number, number, number] | null): number[] =>
    c ? c.slice(0, 3).map((v, i) => v * c[3] + base[i]! * (1 - c[3])) : base;
  const ratio = (a: number[], b: number[]) => {
    const [l1, l2] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
    return (l1 + 0.05) / (l2 + 0.05);
  };
  const out: LowContrast[] = [];
  for (const host of document.querySelectorAll('[data-map]')) {
    const name = (host as HTMLElement).dataset.map!;
    const groups = [...host.querySelectorAll('g.node, g.cluster')];
    for (const g of groups) {
      const shape = g.querySelector(
        ':scope > rect, :scope > polygon, :scope > circle, :scope > path, :scope > g > rect.label-container, :scope > g > path',
      );
      const fill = shape ? getComputedStyle(shape).fill : 'none';
      const bg = over(fill === 'none' ? null : rgb(fill));
      for (const t of g.querySelectorAll('text')) {
        const label = (t.textContent ?? '').trim();
        if (!label) continue;
        const fg = over(rgb(getComputedStyle(t).fill));
        const r = ratio(fg, bg);
        if (r < 4.5)
          out.push({
            map: name,
            text: label.slice(0, 40),
            ratio: Math.round(r * 100) / 100,
            fg: getComputedStyle(t).fill,
            bg: fill,
          });
      }
    }
  }
  return out;
}
