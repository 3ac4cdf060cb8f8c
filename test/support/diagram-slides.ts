// Diagram slides of a deck, measured in Chromium (runs in the page via page.evaluate): for each
// slide with an authored diagram (`figure.cm-diagram`), its title, the diagram's output name and
// the smallest label on it in screen px at the page's viewport — each <text>'s computed font size
// times the scale of its transform to the screen (the SVG scaled into its figure box). Slides
// that are not shown are displayed for the measure and hidden again.

export interface DiagramSlide {
  index: number;
  kind: string;
  title: string;
  diagram: string;
  /** Smallest label size on the slide, px. */
  minText: number;
  /** The figure's box and the drawing inside it, px. */
  figure: { w: number; h: number };
}

export function measureDiagramSlides(): DiagramSlide[] {
  return [...document.querySelectorAll<HTMLElement>('.reveal .slides > section')].flatMap((s, index) => {
    const figure = s.querySelector('figure.cm-diagram');
    if (!figure) return [];
    const hidden = getComputedStyle(s).display === 'none';
    if (hidden) s.style.display = 'flex';
    let minText = Infinity;
    for (const t of figure.querySelectorAll<SVGTextElement>('svg text')) {
      if (!(t.textContent ?? '').trim() || t.getBoundingClientRect().width === 0) continue;
      const ctm = t.getScreenCTM();
      if (!ctm) continue;
      minText = Math.min(minText, parseFloat(getComputedStyle(t).fontSize) * Math.hypot(ctm.a, ctm.b));
    }
    const box = figure.getBoundingClientRect();
    const out = {
      index,
      kind: s.dataset['kind'] ?? '',
      title: s.querySelector('h2')?.textContent?.trim() ?? '',
      diagram: figure.getAttribute('data-diagram') ?? '',
      minText,
      figure: { w: box.width, h: box.height },
    };
    if (hidden) s.style.display = '';
    return [out];
  });
}
