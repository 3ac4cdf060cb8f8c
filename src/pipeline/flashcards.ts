// The flashcards stage (format `flashcards`, on by default): out/flashcards/anki.txt and
// cards.csv from the model, and with `pdf` also cards.pdf — A4 sheets of 8 cards, fronts and
// backs alternating, laid out by templates/flashcards/ and printed by the shared print renderer.
// One unit: rebuilt only when the cards, the templates or the formats change.
import { courseCards, type Card, type CardSet } from '../generate/flashcards/cards.ts';
import { ankiText, cardsCsv } from '../generate/flashcards/formats.ts';
import {
  CARDS_PER_PAGE,
  MAX_SIZE,
  SHEET,
  sheetData,
  sheetTemplate,
  type SheetTemplate,
} from '../generate/flashcards/sheet.ts';
import { diagnosticsFor } from '../model/messages.ts';
import { chapterMaps, mapsKey, writeAnkiPackage } from './anki-package.ts';
import { pdfPageCount, printPdf, PX_PER_MM, withPrintPage } from '../render/documents/print.ts';
import type { Stage, StageContext } from './stages.ts';

/** Bump when a change of this stage's code changes output bytes. */
export const FLASHCARDS_VERSION = 2;
/** Re-layouts tried while a card face still overflows. */
const FIT_ROUNDS = 4;

function report(ctx: StageContext, set: CardSet): void {
  for (const s of set.skipped) {
    const chapter = ctx.course.chapters.find((c) => c.file.replace(/\\/g, '/').endsWith(s.source.file));
    const file = ctx.files.find((f) => f.path === chapter?.file) ?? ctx.files[0];
    if (file)
      diagnosticsFor(file).info(
        { line: s.source.line, column: 1, offset: 0 },
        `flashcards: no ${s.kind} card for "${s.subject}": one side would be empty`,
        'flashcard-one-sided',
      );
  }
}

function warn(ctx: StageContext, message: string, ruleId: string): void {
  const file = ctx.files.find((f) => f.path === ctx.course.files[0]) ?? ctx.files[0];
  if (file) diagnosticsFor(file).warn({ line: 1, column: 1, offset: 0 }, message, ruleId);
}

/** Lays the sheet out, raising the type step of every face that overflows, then prints it. */
async function cardsPdf(ctx: StageContext, template: SheetTemplate, cards: readonly Card[]): Promise<Uint8Array> {
  const warnings: string[] = [];
  const size = {
    width: SHEET.widthMm * PX_PER_MM,
    height: SHEET.heightMm * PX_PER_MM,
    timeoutMs: Math.max(30_000, ctx.timeoutMs),
    warnings,
  };
  try {
    return await withPrintPage(ctx.renderer, size, async (s) => {
      const sizes = new Map<string, number>();
      let data = sheetData(ctx.course.title, cards, sizes, ctx.course.language, ctx.settings['cardSources'] === true);
      for (let round = 0; round <= FIT_ROUNDS; round++) {
        await s.load(template.render(data));
        const over = await s.page.evaluate(() =>
          Array.from(document.querySelectorAll<HTMLElement>('.face'))
            .filter((f) => {
              const body = f.querySelector<HTMLElement>('.body');
              const text = f.querySelector<HTMLElement>('.text');
              return (
                body &&
                text &&
                (text.scrollHeight > body.clientHeight + 0.5 || text.scrollWidth > body.clientWidth + 0.5)
              );
            })
            .map((f) => `${f.dataset['guid']}:${f.dataset['side']}`),
        );
        const grow = over.filter(
          (id) =>
            (data.pages.flatMap((p) => p.faces).find((x) => `${x.guid}:${x.side}` === id)?.size ?? MAX_SIZE) < MAX_SIZE,
        );
        if (grow.length === 0) {
          if (over.length)
            warn(
              ctx,
              `flashcards: ${over.length} card face(s) still overflow at the smallest type size (${over.slice(0, 3).join(', ')})`,
              'flashcard-overflow',
            );
          break;
        }
        for (const f of data.pages.flatMap((p) => p.faces))
          if (grow.includes(`${f.guid}:${f.side}`)) sizes.set(`${f.guid}:${f.side}`, f.size + 1);
        data = sheetData(ctx.course.title, cards, sizes, ctx.course.language, ctx.settings['cardSources'] === true);
      }
      return printPdf(s.page, SHEET);
    });
  } finally {
    for (const w of [...new Set(warnings)]) warn(ctx, `flashcards: ${w}`, 'print-blocked-request');
  }
}

export async function writeFlashcards(ctx: StageContext, set: CardSet, template: SheetTemplate): Promise<void> {
  report(ctx, set);
  await ctx.outputs.write('flashcards/anki.txt', ankiText(ctx.course, set.cards));
  await ctx.outputs.write('flashcards/cards.csv', cardsCsv(set.cards));
  await writeAnkiPackage(ctx, set.cards, chapterMaps(ctx));
  if (!ctx.formats.includes('pdf') || set.cards.length === 0) return;
  const pdf = await cardsPdf(ctx, template, set.cards);
  const expected = 2 * Math.ceil(set.cards.length / CARDS_PER_PAGE);
  const pages = pdfPageCount(pdf);
  if (pages !== expected)
    warn(ctx, `flashcards: cards.pdf has ${pages} pages instead of ${expected}`, 'flashcard-pages');
  await ctx.outputs.write('flashcards/cards.pdf', pdf);
}

export const flashcardsStage: Stage = {
  name: 'flashcards',
  async run(ctx) {
    if (!ctx.formats.includes('flashcards')) return;
    const set = courseCards(ctx.course);
    const template = sheetTemplate(ctx.templates);
    const unit =
      ctx.unit ??
      (async (_id: string, _inputs: unknown, produce: () => Promise<void>) => (await produce(), 'built' as const));
    const inputs = {
      set,
      title: ctx.course.title,
      pdf: ctx.formats.includes('pdf'),
      sources: ctx.settings['cardSources'] === true,
      template: template.fingerprint,
      maps: mapsKey(chapterMaps(ctx)),
      version: FLASHCARDS_VERSION,
    };
    await unit('flashcards', inputs, () => writeFlashcards(ctx, set, template));
    ctx.phase('flashcards', `${set.cards.length} cards${ctx.formats.includes('pdf') ? ', PDF' : ''}`);
  },
};
