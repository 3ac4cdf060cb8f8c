// Extracted deck (what the browser measured on the HTML deck) → an editable PowerPoint file with
// pptxgenjs: one slide per HTML slide on a 16:9 slide master named after the theme, the heading
// in the master's title placeholder, the main list in its body placeholder, other text as text
// boxes, callouts and code as filled shapes with their text inside, tables as native tables,
// figures as SVG pictures with a PNG fallback, speaker notes as notes. Pure: bytes in memory.
import { PptxGenJS, type Pptx, type Slide, type TableCellProps, type TableRow, type TextPropsOptions } from './lib.ts';
import { finishPackage, type FigurePng, type Geometry } from './package.ts';
import { inch, pt, textRuns } from './text.ts';
import {
  PPTX_FONTS,
  type Box,
  type ExtractedDeck,
  type ExtractedSlide,
  type ImageBlock,
  type TableBlock,
  type TextBlock,
} from './types.ts';

export const SLIDE_W = 1280;
export const SLIDE_H = 720;

export interface PptxOptions {
  /** Theme name shown as the slide master's name ("coursemap default"). */
  themeName: string;
  author?: string | null;
}

const pos = (b: Box) => ({ x: inch(b.x), y: inch(b.y), w: inch(b.w), h: inch(b.h) });

/** Free space below `b` before the next block under it (or the slide's edge), px. */
function roomBelow(b: Box, others: readonly Box[]): number {
  const bottom = b.y + b.h;
  const below = others
    .filter((o) => o !== b && o.y >= bottom - 1 && o.x < b.x + b.w && o.x + o.w > b.x)
    .map((o) => o.y - bottom);
  return Math.max(0, Math.min(SLIDE_H - bottom, ...below));
}

/**
 * A text box a little larger than measured — half a line taller, 6 px wider, within the free
 * space around it — so a viewer's rounding cannot push the last line or word out.
 */
function roomy(block: TextBlock, others: readonly Box[]): Box {
  const line = block.paragraphs[block.paragraphs.length - 1]?.lineHeight ?? 0;
  const b = block.box;
  const extra = block.fill ? 0 : Math.min(line * 0.5, roomBelow(b, others));
  const wider = block.fill ? 0 : Math.min(6, Math.max(0, SLIDE_W - b.x - b.w));
  return { x: b.x, y: b.y, w: b.w + wider, h: b.h + extra };
}

/**
 * Cell margins in points [top, right, bottom, left]: 3 px less on the sides than the CSS padding,
 * so a word that just fitted in the browser cannot wrap on a viewer's rounding; at least 1 pt on
 * top (pptxgenjs reads margins whose first value is below 1 as inches).
 */
function cellMargin([top, right, bottom, left]: readonly number[]): [number, number, number, number] {
  return [
    Math.max(1, pt(top ?? 0)),
    pt(Math.max(0, (right ?? 0) - 3)),
    pt(bottom ?? 0),
    pt(Math.max(0, (left ?? 0) - 3)),
  ];
}

function defineMaster(pptx: Pptx, deck: ExtractedDeck, name: string): void {
  const c = deck.colours;
  pptx.defineSlideMaster({
    title: name,
    background: { color: c.background },
    objects: [
      {
        placeholder: {
          options: {
            name: 'title',
            type: 'title',
            x: 0.75,
            y: 0.46,
            w: 11.83,
            h: 0.9,
            fontFace: PPTX_FONTS.sans,
            fontSize: 37.5,
            color: c.accent,
            valign: 'top',
            margin: 0,
          },
          text: '',
        },
      },
      {
        placeholder: {
          options: {
            name: 'body',
            type: 'body',
            x: 0.75,
            y: 1.6,
            w: 11.83,
            h: 5.3,
            fontFace: PPTX_FONTS.sans,
            fontSize: 25.5,
            color: c.text,
            valign: 'top',
            margin: 0,
          },
          text: '',
        },
      },
    ],
  });
}

class SlideWriter {
  readonly geometry: Geometry[] = [];
  readonly figures: FigurePng[] = [];
  private figure = 0;
  private readonly pptx: Pptx;
  private readonly master: string;
  constructor(pptx: Pptx, master: string) {
    this.pptx = pptx;
    this.master = master;
  }

  add(s: ExtractedSlide, index: number): void {
    const slide = this.pptx.addSlide({ masterName: this.master });
    const boxes = s.blocks.map((b) => b.box);
    for (const b of s.blocks) {
      if (b.type === 'text') this.text(slide, b, index, boxes);
      else if (b.type === 'table') this.table(slide, b);
      else this.image(slide, b, index);
    }
    if (s.notes.length > 0) slide.addNotes(s.notes.join('\n'));
  }

  private text(slide: Slide, b: TextBlock, index: number, boxes: readonly Box[]): void {
    const box = roomy(b, boxes);
    const [top, right, bottom, left] = b.padding ?? [0, 0, 0, 0];
    const runs = textRuns(b.paragraphs, { bulletIndent: b.bulletIndent ?? 0, gaps: !b.pre });
    const options: TextPropsOptions = {
      ...pos(box),
      margin: [pt(left), pt(right), pt(bottom), pt(top)],
      valign: 'top',
      fit: 'shrink',
      wrap: true,
    };
    if (b.fill) {
      options.fill = { color: b.fill };
      if (b.radius && b.radius > 0) {
        options.shape = this.pptx.ShapeType.roundRect;
        options.rectRadius = Math.min(0.5, b.radius / Math.min(b.box.w, b.box.h));
      }
    }
    if (b.role === 'title' || b.role === 'body') {
      options.placeholder = b.role;
      this.geometry.push({ slide: index, name: b.role, box: pos(box) });
    }
    slide.addText(runs, options);
    if (b.border) {
      // A callout's left rule (a CSS border): a thin shape over the filled box's left edge.
      slide.addShape(this.pptx.ShapeType.rect, {
        ...pos({ x: b.box.x, y: b.box.y, w: b.border.width, h: b.box.h }),
        fill: { color: b.border.color },
        line: { type: 'none' },
        objectName: 'Accent rule',
      });
    }
  }

  private table(slide: Slide, b: TableBlock): void {
    const rows: TableRow[] = b.rows.map((row) =>
      row.map((cell) => {
        const none = { type: 'none' as const };
        const options: TableCellProps = {
          valign: 'top',
          margin: cellMargin(cell.padding),
          border: [
            none,
            none,
            cell.rule ? { type: 'solid', pt: pt(cell.rule.width), color: cell.rule.color } : none,
            none,
          ],
        };
        if (cell.fill) options.fill = { color: cell.fill };
        return { text: textRuns(cell.paragraphs, { bulletIndent: 0, gaps: true }), options };
      }),
    );
    slide.addTable(rows, { ...pos(b.box), colW: b.colW.map(inch), rowH: b.rowH.map(inch), autoPage: false });
  }

  private image(slide: Slide, b: ImageBlock, index: number): void {
    const name = `Figure ${++this.figure}`;
    slide.addImage({
      data: `data:image/svg+xml;base64,${Buffer.from(b.svg).toString('base64')}`,
      ...pos(b.box),
      altText: b.alt,
      objectName: name,
    });
    this.figures.push({ slide: index, name, png: Buffer.from(b.png, 'base64') });
  }
}

/** The PPTX bytes of an extracted deck: deterministic for the same input. */
export async function deckPptx(deck: ExtractedDeck, options: PptxOptions): Promise<Uint8Array> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE'; // 13.333 × 7.5 in = 1280 × 720 CSS px
  pptx.title = deck.title;
  pptx.subject = deck.title;
  pptx.author = options.author ?? 'coursemap';
  pptx.company = 'coursemap';
  pptx.theme = { headFontFace: PPTX_FONTS.sans, bodyFontFace: PPTX_FONTS.sans };
  const master = options.themeName;
  defineMaster(pptx, deck, master);
  const writer = new SlideWriter(pptx, master);
  deck.slides.forEach((s, i) => writer.add(s, i + 1));
  const raw = (await pptx.write({ outputType: 'uint8array', compression: false })) as Uint8Array;
  return finishPackage(raw, { master, colours: deck.colours, geometry: writer.geometry, figures: writer.figures });
}
