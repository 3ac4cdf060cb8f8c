// PowerPoint export of a deck (--formats pptx): read back from the rendered HTML deck open in the
// decks stage's page, so the PPTX has exactly the HTML deck's slides (kinds, continuation
// slides), then generated without a browser and written to decks/<slug>.pptx.
import type { Page } from 'puppeteer';
import { deckPptx } from '../generate/pptx/deck.ts';
import { extractDeck } from '../render/deck-extract.ts';
import type { StageContext } from './stages.ts';

/** Bump when a change of the PPTX code changes output bytes (part of a deck's incremental key when PPTX is built). */
export const PPTX_VERSION = 1;

/** PNG pixels per CSS pixel of the figures' fallback pictures. */
export const PPTX_FIGURE_SCALE = 2;

export const wantsPptx = (ctx: Pick<StageContext, 'formats'>) => (ctx.formats as readonly string[]).includes('pptx');

/** Extracts the deck loaded in `page` and writes its PPTX. The page is left modified (reload it before other exports). */
export async function writeDeckPptx(ctx: StageContext, page: Page, slug: string): Promise<number> {
  const deck = await extractDeck(page, PPTX_FIGURE_SCALE);
  const bytes = await deckPptx(deck, { themeName: `coursemap ${ctx.theme}`, author: ctx.course.author });
  await ctx.outputs.write(`decks/${slug}.pptx`, bytes);
  return deck.slides.length;
}
