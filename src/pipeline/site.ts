// The site stage (last, so it sees every output written before it): out/index.html — the
// course map as navigation, the chapters, search and every output — and a page per chapter in
// out/chapters/. HTML is always written. It replaces the plain listing of index-page.ts, whose
// output list it shows on the home page.
import { courseCards } from '../generate/flashcards/cards.ts';
import { sitePages } from '../generate/site/pages.ts';
import { courseHomes, lectureTarget } from '../generate/slides/lecture-plan.ts';
import { pageHaystack } from '../generate/text-units.ts';
import { reportCoverage } from './coverage.ts';
import { outputSections } from './index-page.ts';
import type { Stage } from './stages.ts';

export const siteStage: Stage = {
  name: 'index',
  async run(ctx) {
    const written = ctx.outputs.written;
    // The pages about to be written are listed too (they are skipped in the "other outputs").
    const pages = sitePages(
      {
        course: ctx.course,
        theme: ctx.theme === 'dark' ? 'dark' : 'light',
        svg: (name) => ctx.diagrams.get(name)?.svg ?? null,
        parts: (name) => ctx.diagrams.get(name)?.parts,
        written: new Set(written.map((w) => w.path)),
        cards: courseCards(ctx.course).cards,
        lectures: courseHomes(ctx.course, lectureTarget(ctx.settings)),
        outputsHtml: outputSections(ctx, [
          ...written,
          ...ctx.course.chapters.map((c) => ({ path: `chapters/${c.slug}.html`, bytes: 0 })),
        ]),
      },
      ctx.templates,
    );
    for (const page of pages) await ctx.outputs.write(page.path, page.html);
    const outputs = ctx.course.chapters.flatMap((chapter) => {
      const page = pages.find((p) => p.path === `chapters/${chapter.slug}.html`);
      return page ? [{ chapter, path: page.path, text: pageHaystack(page.html) }] : [];
    });
    reportCoverage(ctx, 'site', outputs);
    ctx.phase('site', `index.html, ${ctx.course.chapters.length} chapter pages and the search index`);
  },
};
