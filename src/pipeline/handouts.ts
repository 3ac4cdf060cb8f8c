// The handout stage (format `handout`, opt-in): out/handouts/<deck>.pdf for every chapter deck
// and the course deck — 1, 2, 3 or 6 slides a portrait A4/Letter page (setting handoutSlides,
// default 3), each beside its speaker notes or ruled lines (handoutLines), the course and deck
// in the running header, "Page n of N" at the foot, bookmarks for the deck and each slide.
// It prints the fitted deck HTML that the decks stage wrote (out/decks/<slug>.html), one slide
// a page, and places those vector pages into the handout's frames. One unit per deck.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  handoutHtml,
  HANDOUT_MARGIN,
  handoutPages,
  type HandoutLayout,
  type HandoutSlide,
} from '../generate/print/handout.ts';
import { esc } from '../generate/print/html-text.ts';
import { pageBox, type Paper } from '../generate/print/paper.ts';
import { fill, stringsFor } from '../generate/strings.ts';
import { diagnosticsFor } from '../model/messages.ts';
import { deckPdf, withDeckPage } from '../render/documents/deck.ts';
import { deckDiagramLabels, deckSlideTexts, layoutHandout } from '../render/documents/handout.ts';
import { marginLine, pagedPdf, placePages } from '../render/documents/paged.ts';
import { pdfPageCount, PX_PER_MM, withPrintPage } from '../render/documents/print.ts';
import { handoutFigures } from './handout-figures.ts';
import type { Stage, StageContext } from './stages.ts';

export const HANDOUT_VERSION = 2;

export function handoutSettings(settings: StageContext['settings']): {
  layout: HandoutLayout;
  lines: boolean;
  paper: Paper;
} {
  const n = Number(settings['handoutSlides'] ?? 3);
  const layout = ([1, 2, 3, 6] as const).find((k) => k === n) ?? 3;
  const paper = settings['paper'] === 'letter' ? 'letter' : 'a4';
  return { layout, lines: settings['handoutLines'] === true, paper };
}

function warn(ctx: StageContext, chapter: number | null, message: string, ruleId: string, hint?: string): void {
  const c = ctx.course.chapters.find((x) => x.number === chapter);
  const file = ctx.files.find((f) => f.path === c?.file) ?? ctx.files[0];
  if (file) diagnosticsFor(file).warn(c?.position.start ?? { line: 1, column: 1, offset: 0 }, message, ruleId, hint);
}

interface DeckRef {
  slug: string;
  title: string;
  chapter: number | null;
}

function deckRefs(ctx: StageContext): DeckRef[] {
  return [
    ...ctx.course.chapters.map((c) => ({ slug: c.slug, title: `${c.number}. ${c.title}`, chapter: c.number })),
    { slug: 'course', title: ctx.course.title, chapter: null },
  ];
}

async function handout(ctx: StageContext, ref: DeckRef, deckFile: string): Promise<void> {
  const { layout, lines, paper } = handoutSettings(ctx.settings);
  const box = pageBox(paper, 'portrait');
  const timeoutMs = Math.max(30_000, ctx.timeoutMs * 4);
  const warnings: string[] = [];
  const { texts, labels, slides } = await withDeckPage(
    ctx.renderer,
    { file: deckFile, scale: 1, timeoutMs, warnings },
    async (page) => ({
      texts: await deckSlideTexts(page),
      labels: await deckDiagramLabels(page),
      slides: await deckPdf(page, deckFile, false, timeoutMs),
    }),
  );
  const printed = pdfPageCount(slides);
  if (printed !== texts.length)
    warn(
      ctx,
      ref.chapter,
      `handouts/${ref.slug}.pdf: the deck printed ${printed} pages for ${texts.length} slides`,
      'handout-pages',
    );
  const t = stringsFor(ctx.course.language);
  const list: HandoutSlide[] = texts.map((s, i) => ({ number: i + 1, title: s.title, notes: s.notes }));
  const figures = handoutFigures(ctx, `handouts/${ref.slug}.pdf`, list, labels, layout, box, { slide: '' });
  const html = handoutHtml({
    lang: ctx.course.language,
    courseTitle: ctx.course.title,
    deckTitle: ref.title,
    slides: list,
    layout,
    lines,
    box,
    words: { slide: '', notes: t.slides },
    figures,
  });
  const m = HANDOUT_MARGIN;
  const header = marginLine(esc(ctx.course.title), esc(ref.title), m.left);
  const footer = marginLine(
    '',
    `${esc(t.page)} <span class="pageNumber"></span> ${esc(t.of)} <span class="totalPages"></span>`,
    m.left,
  );
  const size = { width: box.widthMm * PX_PER_MM, height: box.heightMm * PX_PER_MM, timeoutMs, warnings };
  const { pdf, frames, cut } = await withPrintPage(ctx.renderer, size, async (s) => {
    await s.load(html);
    const laid = await layoutHandout(s.page);
    return {
      ...laid,
      pdf: await pagedPdf(s.page, { widthMm: box.widthMm, heightMm: box.heightMm, header, footer, timeoutMs }),
    };
  });
  const pages = pdfPageCount(pdf);
  if (pages !== handoutPages(list.length, layout, figures.length))
    warn(
      ctx,
      ref.chapter,
      `handouts/${ref.slug}.pdf has ${pages} pages instead of ${handoutPages(list.length, layout, figures.length)}`,
      'handout-pages',
    );
  if (cut.length)
    warn(
      ctx,
      ref.chapter,
      `handouts/${ref.slug}.pdf: the notes of ${cut.length} slide(s) did not fit and were cut (slides ${cut.slice(0, 8).join(', ')}${cut.length > 8 ? ', …' : ''})`,
      'handout-notes-cut',
      'Use fewer slides a page (handoutSlides 1 or 2) for the full notes.',
    );
  for (const w of new Set(warnings)) warn(ctx, ref.chapter, `handouts/${ref.slug}.pdf: ${w}`, 'print-blocked-request');
  await ctx.outputs.write(`handouts/${ref.slug}.pdf`, await placePages(pdf, slides, frames, m));
}

export const handoutStage: Stage = {
  name: 'handout',
  async run(ctx) {
    if (!ctx.formats.includes('handout')) return;
    const started = performance.now();
    const dir = await mkdtemp(join(tmpdir(), 'coursemap-handout-'));
    const unit =
      ctx.unit ??
      (async (_id: string, _inputs: unknown, produce: () => Promise<void>) => (await produce(), 'built' as const));
    let count = 0;
    try {
      for (const ref of deckRefs(ctx)) {
        let html: string;
        try {
          html = await readFile(join(ctx.outputs.outDir, 'decks', `${ref.slug}.html`), 'utf8');
        } catch {
          warn(
            ctx,
            ref.chapter,
            `handouts/${ref.slug}.pdf: no deck decks/${ref.slug}.html to print`,
            'handout-no-deck',
          );
          continue;
        }
        const key = {
          deck: createHash('sha256').update(html).digest('hex'),
          settings: handoutSettings(ctx.settings),
          version: HANDOUT_VERSION,
        };
        await unit(
          `handout:${ref.slug}`,
          key,
          async () => {
            const file = join(dir, `${ref.slug}.html`);
            await writeFile(file, html);
            try {
              await handout(ctx, ref, file);
              count++;
            } catch (err) {
              const c = ctx.course.chapters.find((x) => x.number === ref.chapter);
              const vfile = ctx.files.find((f) => f.path === c?.file) ?? ctx.files[0];
              if (vfile)
                diagnosticsFor(vfile).error(
                  { line: 1, column: 1, offset: 0 },
                  `handouts/${ref.slug}.pdf: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
                  'handout-failed',
                );
            }
          },
          { chapter: ref.chapter },
        );
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const { layout } = handoutSettings(ctx.settings);
    ctx.phase(
      'handout',
      fill('{n} handouts, {k} slides a page ({s} s)', {
        n: count,
        k: layout,
        s: ((performance.now() - started) / 1000).toFixed(1),
      }),
    );
  },
};
