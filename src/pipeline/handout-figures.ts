// The handouts' figure pages: each diagram slide whose labels print under MIN_HANDOUT_PT in its
// frame is printed again after the slides, alone on a page (src/generate/print/handout-figures.ts);
// one still under 9 pt there is warned about at its diagram's Markdown line.
import { figureBox, type HandoutLayout } from '../generate/print/handout.ts';
import {
  frameWidthMm,
  framePt,
  type HandoutFigure,
  handoutFigure,
  MIN_HANDOUT_PT,
  unreadableFigure,
} from '../generate/print/handout-figures.ts';
import type { PageBox } from '../generate/print/paper.ts';
import { HANDOUT_MARGIN } from '../generate/print/handout.ts';
import type { Diagram } from '../model/types.ts';
import { warnUnreadable } from './print-figures.ts';
import type { StageContext } from './stages.ts';

/** The model diagram (and its file) a diagram output is drawn from: "diagrams/<slug>-<n>", or a part or turn of it. */
function diagramOf(ctx: StageContext, name: string): { d: Diagram | undefined; file: string | undefined } {
  const m = /^diagrams\/(.+)-(\d+)$/.exec(name.replace(/-(part-\d+|flipped)$/, ''));
  if (!m) return { d: undefined, file: undefined };
  const i = Number(m[2]) - 1;
  if (m[1] === 'course') return { d: ctx.course.diagrams[i], file: ctx.course.files[0] };
  const c = ctx.course.chapters.find((x) => x.slug === m[1]);
  return { d: c?.diagrams[i], file: c?.file };
}

/** Figure pages for the diagram slides of a deck (`labels`: per slide, its diagram and smallest label in slide px). */
export function handoutFigures(
  ctx: StageContext,
  deck: string,
  slides: ReadonlyArray<{ number: number; title: string }>,
  labels: ReadonlyArray<{ name: string; px: number } | null>,
  layout: HandoutLayout,
  box: PageBox,
  words: { slide: string },
): HandoutFigure[] {
  const frame = frameWidthMm(layout, box.widthMm - HANDOUT_MARGIN.left - HANDOUT_MARGIN.right);
  const out: HandoutFigure[] = [];
  labels.forEach((l, i) => {
    const svg = l ? ctx.diagrams.get(l.name)?.svg : null;
    if (!l || !svg || framePt(l.px, frame) >= MIN_HANDOUT_PT) return;
    const s = slides[i]!;
    const heading = `${words.slide ? `${words.slide} ` : ''}${s.number}${s.title ? ` · ${s.title}` : ''}`;
    const f = handoutFigure(s.number, heading, svg, figureBox(box));
    if (unreadableFigure(f)) {
      const { d, file } = diagramOf(ctx, l.name);
      warnUnreadable(ctx, l.name, `the handout ${deck}`, f.pt, d, file);
    }
    out.push(f);
  });
  return out;
}
