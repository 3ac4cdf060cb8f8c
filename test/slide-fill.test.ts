// No slide with a single line under its title: every content slide of the bundled sample course
// (content/course.md, its chapter 2 held sections 2.3.3 and 2.3.4 of one line each) is fitted and
// measured in Chromium, and the text under its heading must span at least 10 % of the slide's
// height (two lines of body text; one line is 6 %). Title, agenda and map slides are exempt.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyFit } from '../src/generate/slides/fit.ts';
import { deckHtml } from '../src/generate/slides/html.ts';
import { loadGrammars } from '../src/generate/slides/highlight.ts';
import { slideTemplates } from '../src/generate/slides/partials.ts';
import { templateSet } from '../src/generate/templates.ts';
import { courseFromText } from '../src/index.ts';
import { codeLanguages, deckJobs } from '../src/pipeline/decks.ts';
import { loadDeck, measureFit, withDeckPage } from '../src/render/documents/deck.ts';
import { embedPageFonts } from '../src/render/fonts/embed-fonts.ts';
import { sharedRenderer } from './support/browser.ts';
import { fillInPage, isContinuation, type SlideFill } from './support/slide-fill.ts';

interface Fill extends SlideFill {
  deck: string;
}

/** A continuation slide holds at least this share of the slide's height: more than two lines of body text (one is 6 %). */
const CONTINUATION_MIN = 0.15;
const COURSES = { sample: '../content/course.md', thin: './fixtures/slides/thin-parts.md' } as const;

describe('no slide with a single line under its title (sample course, in Chromium)', () => {
  const rows: Fill[] = [];
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'coursemap-fill-'));
    const templates = slideTemplates(templateSet());
    const renderer = await sharedRenderer({ cache: false, poolSize: 1 });
    const jobs = Object.entries(COURSES).flatMap(([name, path]) => {
      const { course } = courseFromText(readFileSync(new URL(path, import.meta.url), 'utf8'), `${name}.md`);
      return deckJobs({ course, theme: 'default', diagrams: new Map(), settings: {} })
        .filter((j) => j.chapter !== null)
        .map((j) => ({ ...j, course, name }));
    });
    try {
      for (const job of jobs) {
        await loadGrammars(codeLanguages(job.course));
        const file = join(dir, `${job.name}-${job.deck.slug}.html`);
        writeFileSync(file, await embedPageFonts(deckHtml(job.deck, templates)));
        const fill = await withDeckPage(
          renderer,
          { file, scale: 1, timeoutMs: 120_000, warnings: [] },
          async (page) => {
            const plan = new Map((await measureFit(page)).map((r) => [r.key, { chunks: r.chunks, shrink: r.shrink }]));
            writeFileSync(file, await embedPageFonts(deckHtml(applyFit(job.deck, plan), templates)));
            await loadDeck(page, file, 120_000);
            return page.evaluate(fillInPage);
          },
        );
        rows.push(...fill.map((f) => ({ deck: `${job.name}/${job.deck.slug}`, ...f })));
      }
    } finally {
      await renderer.close();
    }
  }, 600_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fills at least 10 % of every content slide', () => {
    const content = rows.filter((r) => !['title', 'agenda', 'map'].includes(r.kind) && r.deck.startsWith('sample/'));
    expect(content.length).toBeGreaterThan(40);
    expect(
      content
        .filter((r) => r.share < 0.1)
        .map((r) => `${r.deck} ${r.key} ${r.kind} "${r.title}": ${(r.share * 100).toFixed(1)} %`),
    ).toEqual([]);
  });

  // A list that does not fit is split evenly or set a type step smaller; a last slide holding the
  // one line left over (the fixture's 1.1 split 2 + 1 before) is never made.
  it(`leaves at least ${CONTINUATION_MIN * 100} % of the slide to every continuation slide`, () => {
    const parts = rows.filter((r) => isContinuation(r.key));
    expect(
      parts
        .filter((r) => r.share < CONTINUATION_MIN)
        .map((r) => `${r.deck} ${r.key} ${r.kind} "${r.title}": ${(r.share * 100).toFixed(1)} %`),
    ).toEqual([]);
    // The fixture's checklist section is on one slide at the next type step, not on two.
    const opening = rows.filter((r) => r.deck.startsWith('thin/') && r.title.includes('Opening the Doors'));
    expect(opening.map((r) => r.title)).toEqual(['1.1 Opening the Doors']);
  });
});
