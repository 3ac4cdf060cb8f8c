// Authored diagrams in the book, readable on paper (labels ≥ 9 pt, src/generate/diagram-page.ts):
// a diagram is drawn in a figure of the text width and at most 110 mm high; when its labels would
// be under 9 pt there, it gets the whole page height; when still too small, the parts the slide
// fit chose (src/pipeline/diagram-fit.ts: the other direction, or its subgraphs / sections), or
// those parts drawn for the page (./book-parts.ts: each in its better direction on a tall page),
// one captioned figure each, when every part reads; else the larger of the two, and a
// `diagram-unreadable` warning at the diagram's Markdown line.
import { BOOK_MARGIN, type BookImage } from '../generate/print/book.ts';
import type { PageBox } from '../generate/print/paper.ts';
import { MIN_PRINT_TEXT_PT, printTextPt } from '../generate/diagram-page.ts';
import { diagnosticsFor } from '../model/messages.ts';
import type { Diagram } from '../model/types.ts';
import { svgAlt } from './anki-package.ts';
import type { StageContext } from './stages.ts';

/** The tallest a book figure may be (mm), as the book's CSS says (`figure img { max-height }`). */
export const FIGURE_MM = 110;
/** Room kept on a full page for the figure's caption and margins (mm). */
const PAGE_SLACK_MM = 20;

const image = (svg: string, alt: string, extra: Partial<BookImage> = {}): BookImage => ({
  src: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
  alt: svgAlt(svg, alt),
  ...extra,
});

/** The box a book figure may fill: the text width, and the page's height less room for its caption (mm). */
export function bookPageBox(box: PageBox): { wMm: number; hMm: number } {
  return {
    wMm: box.widthMm - BOOK_MARGIN.left - BOOK_MARGIN.right,
    hMm: box.heightMm - BOOK_MARGIN.top - BOOK_MARGIN.bottom - PAGE_SLACK_MM,
  };
}

/** The slide fit's parts of diagram `name` and the smallest label (pt) they print at on a whole page. */
function slideParts(ctx: StageContext, name: string, page: { wMm: number; hMm: number }) {
  const parts = (ctx.diagrams.get(name)?.parts ?? []).map((p) => ({
    ...p,
    svg: ctx.diagrams.get(p.name)?.svg ?? null,
  }));
  const smallest = parts.length > 0 ? Math.min(...parts.map((p) => (p.svg ? printTextPt(p.svg, page) : 0))) : 0;
  return { parts, smallest };
}

/** Whether diagram `name` reads on no page as it is nor as the slide fit's parts (then ./book-parts.ts draws parts for the page). */
export function unreadableInBook(ctx: StageContext, box: PageBox, name: string): boolean {
  const svg = ctx.diagrams.get(name)?.svg;
  if (!svg) return false;
  const page = bookPageBox(box);
  return printTextPt(svg, page) < MIN_PRINT_TEXT_PT && slideParts(ctx, name, page).smallest < MIN_PRINT_TEXT_PT;
}

/**
 * The figure(s) of diagram `name` (`diagram` its model entry), or null when it was not rendered.
 * `forPage`: its parts drawn for the page (./book-parts.ts), used when they read better than the slide's.
 */
export function bookDiagram(
  ctx: StageContext,
  box: PageBox,
  name: string,
  alt: string,
  diagram: Diagram | undefined,
  file: string | undefined,
  forPage?: ReadonlyArray<{ title: string | null; svg: string; pt: number }> | null,
): BookImage | BookImage[] | null {
  const rendered = ctx.diagrams.get(name);
  if (!rendered?.svg) return null;
  const { wMm, hMm: pageMm } = bookPageBox(box);
  const inFigure = printTextPt(rendered.svg, { wMm, hMm: FIGURE_MM });
  if (inFigure >= MIN_PRINT_TEXT_PT) return image(rendered.svg, alt);
  const onPage = printTextPt(rendered.svg, { wMm, hMm: pageMm });
  if (onPage >= MIN_PRINT_TEXT_PT) return image(rendered.svg, alt, { page: true });
  const slide = slideParts(ctx, name, { wMm, hMm: pageMm });
  const own = forPage?.length ? Math.min(...forPage.map((p) => p.pt)) : 0;
  const parts = own > slide.smallest ? forPage!.map((p) => ({ ...p, name })) : slide.parts;
  const smallestPart = Math.max(own, slide.smallest);
  if (smallestPart > onPage) {
    const figures = parts.map((p, i) =>
      image(p.svg!, `${alt} (${i + 1}/${parts.length})`, {
        page: printTextPt(p.svg!, { wMm, hMm: FIGURE_MM }) < MIN_PRINT_TEXT_PT,
        caption: `${p.title ? `${p.title} ` : ''}(${i + 1}/${parts.length})`,
      }),
    );
    if (smallestPart < MIN_PRINT_TEXT_PT) unreadable(ctx, name, smallestPart, diagram, file);
    return figures;
  }
  unreadable(ctx, name, onPage, diagram, file);
  return image(rendered.svg, alt, { page: true });
}

function unreadable(ctx: StageContext, name: string, pt: number, diagram: Diagram | undefined, path?: string): void {
  const vfile = ctx.files.find((f) => f.path === path) ?? ctx.files[0];
  if (!vfile) return;
  const at = diagram?.position.start ?? { line: 1, column: 1, offset: 0 };
  diagnosticsFor(vfile).warn(
    at,
    `${name}: text would be ${pt.toFixed(1)} pt in the book (under ${MIN_PRINT_TEXT_PT} pt), even on a whole page or split`,
    'diagram-unreadable',
    'Split the diagram into smaller blocks, group its nodes in subgraphs, or mark sections with "%% Section name" comment lines.',
  );
}
