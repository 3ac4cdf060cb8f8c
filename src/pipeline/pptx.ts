// PowerPoint export of a deck (--formats pptx): read back from the rendered HTML deck open in the
// decks stage's page, so the PPTX has exactly the HTML deck's slides (kinds, continuation
// slides), then generated without a browser and written to decks/<slug>.pptx.
import { deckPptx } from '../generate/pptx/deck.ts';
import { diagnosticsFor } from '../model/messages.ts';
import { extractDeck } from '../render/documents/deck-extract.ts';
import type { DeckPage } from '../render/documents/deck.ts';
import type { StageContext } from './stages.ts';

/** Bump when a change of the PPTX code changes output bytes (part of a deck's incremental key when PPTX is built). */
export const PPTX_VERSION = 2;

/** PNG pixels per CSS pixel of the figures' fallback pictures. */
export const PPTX_FIGURE_SCALE = 2;

export const wantsPptx = (ctx: Pick<StageContext, 'formats'>) => (ctx.formats as readonly string[]).includes('pptx');

export interface PptxReport {
  slides: number;
  /** Slides set smaller than in the HTML deck to fit with the PPTX fonts. */
  scaled: number;
  /** Keys of slides that overflow even at the smallest scale. */
  overflow: string[];
}

/** Extracts the deck loaded in `page` and writes its PPTX; the slides look as before when it returns. */
export async function writeDeckPptx(ctx: StageContext, page: DeckPage, slug: string): Promise<PptxReport> {
  const deck = await extractDeck(page, PPTX_FIGURE_SCALE);
  const bytes = await deckPptx(deck, { themeName: `coursemap ${ctx.theme}`, author: ctx.course.author });
  await ctx.outputs.write(`decks/${slug}.pptx`, bytes);
  return {
    slides: deck.slides.length,
    scaled: deck.slides.filter((s) => s.scale < 1).length,
    overflow: deck.slides.filter((s) => !s.fits).map((s) => s.key),
  };
}

/**
 * The decks stage's PPTX step: writes the PPTX; slides that overflow even at the smallest type
 * become a warning, and a failure an error, on the chapter's file — the deck's other exports go on.
 * Returns false after a failure: the page may be left modified (load it again before other exports).
 */
export async function deckPptxStep(
  ctx: StageContext,
  page: DeckPage,
  chapterNumber: number | null,
  slug: string,
): Promise<boolean> {
  const chapter = ctx.course.chapters.find((c) => c.number === chapterNumber);
  const vfile = ctx.files.find((f) => f.path === chapter?.file) ?? ctx.files[0];
  const at = chapter?.position.start ?? { line: 1, column: 1, offset: 0 };
  try {
    const report = await writeDeckPptx(ctx, page, slug);
    if (vfile && report.overflow.length > 0)
      diagnosticsFor(vfile).warn(
        at,
        `decks/${slug}.pptx: ${report.overflow.length} slide(s) still overflow at 60 % type (${report.overflow.join(', ')})`,
        'pptx-overflow',
        'Shorten the longest list item or table cell.',
      );
    return true;
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    if (vfile)
      diagnosticsFor(vfile).error(
        at,
        `decks/${slug}.pptx: ${reason}`,
        'pptx-failed',
        'The HTML deck and its other exports were still written.',
      );
    return false;
  }
}
