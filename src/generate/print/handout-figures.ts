// Diagram slides in a handout, measured against the handout page. A slide is printed in a frame
// about a third of the slide's size (a 3-up A4 frame is 97 mm wide for a 1280 px slide), so a
// diagram that reads on the screen (14 px labels) prints at about 3 pt. A diagram slide whose
// labels would print under MIN_HANDOUT_PT in its frame gets a figure page after the slides: the
// diagram alone on a page, across its width, or turned a quarter when that prints it larger; under
// 9 pt even there (../diagram-page.ts), the caller warns at the diagram's Markdown line.
import { MIN_PRINT_TEXT_PT, printTextPt } from '../diagram-page.ts';
import { sanitizeSvg } from '../slides/svg.ts';
import { esc } from './html-text.ts';
import type { HandoutLayout } from './handout.ts';

/** Smallest label (pt) a slide's diagram may print at in its frame: the smallest type of the handout's own notes. */
export const MIN_HANDOUT_PT = 6;
/** Width of a 1280 × 720 slide in CSS px. */
const SLIDE_PX = 1280;
const PT_PER_MM = 72 / 25.4;

/** The frame's width (mm) for `layout` on a content box `widthMm` wide (./handout.ts's CSS). */
export function frameWidthMm(layout: HandoutLayout, widthMm: number): number {
  if (layout === 6) return (widthMm - 6) / 2;
  return widthMm * (layout === 2 ? 0.58 : layout === 3 ? 0.52 : 1);
}

/** Label size (pt) of a slide label `slidePx` high once the slide is printed `frameMm` wide. */
export const framePt = (slidePx: number, frameMm: number): number => ((slidePx * frameMm) / SLIDE_PX) * PT_PER_MM;

export interface HandoutFigure {
  /** 1-based slide number. */
  slide: number;
  /** "Slide 4 · Title", escaped. */
  heading: string;
  /** Sanitised SVG. */
  svg: string;
  /** Turned a quarter (a wide diagram on a tall page). */
  turned: boolean;
  /** Smallest label on the figure page (pt). */
  pt: number;
}

/** The figure page of a slide's diagram on a figure box `box` (mm): across it, or turned when that prints larger. */
export function handoutFigure(
  slide: number,
  heading: string,
  svg: string,
  box: { wMm: number; hMm: number },
): HandoutFigure {
  const across = printTextPt(svg, box);
  const turnedPt = printTextPt(svg, { wMm: box.hMm, hMm: box.wMm });
  const turned = turnedPt > across * 1.05;
  return { slide, heading: esc(heading), svg: sanitizeSvg(svg), turned, pt: turned ? turnedPt : across };
}

/** Whether a figure page still prints under 9 pt. */
export const unreadableFigure = (f: HandoutFigure): boolean => f.pt < MIN_PRINT_TEXT_PT;

/** Figure pages' HTML: one `.sheet` each, the figure centred in the space under its heading. */
export function figureSheets(figures: readonly HandoutFigure[], box: { wMm: number; hMm: number }): string {
  return figures
    .map((f) => {
      const style = f.turned
        ? ` style="width: ${box.hMm.toFixed(1)}mm; height: ${box.wMm.toFixed(1)}mm"`
        : ` style="width: ${box.wMm.toFixed(1)}mm; height: ${box.hMm.toFixed(1)}mm"`;
      return `<section class="sheet figure-sheet" data-slide="${f.slide}"><div class="band"><p class="figure-title">${f.heading}</p></div><div class="figure-box"><div class="figure${f.turned ? ' turned' : ''}"${style}>${f.svg}</div></div></section>`;
    })
    .join('');
}

/** CSS of the figure pages. */
export const FIGURE_CSS = `.figure-sheet .figure-title { font-size: 10pt; font-weight: bold; color: #41506b; line-height: 7mm; margin: 0; } /* not a heading: the PDF's bookmarks are the slides */
.figure-box { flex: 1; position: relative; overflow: hidden; min-height: 0; }
.figure-box .figure { position: absolute; left: 50%; top: 50%; transform: translate(-50%, -50%); display: flex; align-items: center; justify-content: center; }
.figure-box .figure.turned { transform: translate(-50%, -50%) rotate(-90deg); }
.figure-box svg { width: 100%; height: 100%; max-width: none !important; display: block; }`;
