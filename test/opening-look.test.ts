// How a section's opening looks in Chromium (rule "opening"): the fixture's decks are fitted and
// drawn, then measured. The introduction stands between the kicker and the subsection's title in
// at most two lines, nothing on its slide overflows, and no slide is left with one line under its
// title (the one-sentence opening slide the rule removes filled about 6 % of a slide).
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
import { fillInPage, type SlideFill } from './support/slide-fill.ts';

interface Opening {
  key: string;
  /** The introduction is a lead-in with its list (then up to three lines: the lead-in and an item a line). */
  list: boolean;
  /** Lines of the introduction at its computed line height. */
  lines: number;
  /** Kicker (or group heading) above the introduction above the title (each bottom at or above the next top). */
  ordered: boolean;
  /** Content taller or wider than the slide. */
  overflow: boolean;
  fontPx: number;
}

/** Runs in the page: every slide that carries an opening section's introduction. */
function openingsInPage(): Opening[] {
  const out: Opening[] = [];
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('.reveal .slides > section'))) {
    const lead = el.querySelector<HTMLElement>('.cm-opening-lead');
    if (!lead) continue;
    el.style.display = 'flex';
    // Above it the kicker (or a group slide's heading); below it the title (or the columns' headings).
    const kicker = el.querySelector<HTMLElement>('.cm-kicker, h2.cm-group-heading')!.getBoundingClientRect();
    const box = lead.getBoundingClientRect();
    const title = el.querySelector<HTMLElement>('h2:not(.cm-group-heading), .cm-column h3')!.getBoundingClientRect();
    const css = getComputedStyle(lead);
    const inner = box.height - parseFloat(css.paddingTop) - parseFloat(css.paddingBottom);
    out.push({
      key: el.dataset['key'] ?? '',
      list: lead.querySelector('ul') !== null,
      lines: Math.round(inner / parseFloat(css.lineHeight)),
      ordered: kicker.bottom <= box.top + 0.5 && box.bottom <= title.top + 0.5,
      overflow: el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1,
      fontPx: parseFloat(css.fontSize),
    });
    el.style.display = '';
  }
  return out;
}

describe('a section opening on its first subsection slide (bicycle fixture, in Chromium)', () => {
  const openings: Opening[] = [];
  const fills: SlideFill[] = [];
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'coursemap-opening-'));
    const templates = slideTemplates(templateSet());
    const renderer = await sharedRenderer({ cache: false, poolSize: 1 });
    const text = readFileSync(new URL('./fixtures/slides/openings.md', import.meta.url), 'utf8');
    const { course } = courseFromText(text, 'openings.md');
    const jobs = deckJobs({ course, theme: 'default', diagrams: new Map(), settings: {} }).filter(
      (j) => j.chapter !== null,
    );
    await loadGrammars(codeLanguages(course));
    try {
      for (const job of jobs) {
        const file = join(dir, `${job.deck.slug}.html`);
        writeFileSync(file, await embedPageFonts(deckHtml(job.deck, templates)));
        const measured = await withDeckPage(
          renderer,
          { file, scale: 1, timeoutMs: 120_000, warnings: [] },
          async (page) => {
            const plan = new Map((await measureFit(page)).map((r) => [r.key, { chunks: r.chunks, shrink: r.shrink }]));
            writeFileSync(file, await embedPageFonts(deckHtml(applyFit(job.deck, plan), templates)));
            await loadDeck(page, file, 120_000);
            return { openings: await page.evaluate(openingsInPage), fills: await page.evaluate(fillInPage) };
          },
        );
        openings.push(...measured.openings);
        fills.push(...measured.fills);
      }
    } finally {
      await renderer.close();
    }
  }, 600_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('draws each introduction in at most two lines (three with its list) between the kicker and the title, at 30 px', () => {
    // 1.1 (one sentence), 1.2 (two, on a table slide), 1.4 (above a group of two columns), 1.7 (a lead-in and its list).
    expect(openings.map((o) => o.list)).toEqual([false, false, false, true]);
    expect(openings.filter((o) => o.lines > (o.list ? 3 : 2) || o.lines < 1 || !o.ordered || o.fontPx < 28)).toEqual(
      [],
    );
  });

  it('leaves the slide that carries it without overflow', () => {
    expect(openings.filter((o) => o.overflow).map((o) => o.key)).toEqual([]);
  });

  it('leaves no content slide with a single line under its title', () => {
    const content = fills.filter((f) => !['title', 'agenda', 'map'].includes(f.kind));
    expect(content.length).toBeGreaterThan(6);
    expect(
      content.filter((f) => f.share < 0.1).map((f) => `${f.key} "${f.title}" ${(f.share * 100).toFixed(1)} %`),
    ).toEqual([]);
  });
});
