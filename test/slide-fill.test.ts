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

interface Fill {
  deck: string;
  key: string;
  kind: string;
  title: string;
  share: number;
}

/** Runs in the page: the height of the text under each slide's heading, as a share of the slide. */
function fillInPage(): Array<{ key: string; kind: string; title: string; share: number }> {
  const out: Array<{ key: string; kind: string; title: string; share: number }> = [];
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('.reveal .slides > section'))) {
    el.style.display = 'flex';
    const frame = el.getBoundingClientRect();
    let top = Infinity;
    let bottom = -Infinity;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (
        !parent ||
        !n.textContent?.trim() ||
        parent.closest('aside.notes, svg, .cm-maplink, section > h2, .cm-kicker')
      )
        continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of Array.from(range.getClientRects()))
        if (r.height > 0) (top = Math.min(top, r.top)), (bottom = Math.max(bottom, r.bottom));
    }
    for (const f of Array.from(el.querySelectorAll('figure, svg, pre, table'))) {
      const r = f.getBoundingClientRect();
      if (r.height > 0 && !f.closest('aside.notes'))
        (top = Math.min(top, r.top)), (bottom = Math.max(bottom, r.bottom));
    }
    out.push({
      key: el.dataset['key'] ?? '',
      kind: el.dataset['kind'] ?? '',
      title: el.querySelector('h2')?.textContent ?? '',
      share: bottom > top ? (bottom - top) / frame.height : 0,
    });
    el.style.display = '';
  }
  return out;
}

describe('no slide with a single line under its title (sample course, in Chromium)', () => {
  const rows: Fill[] = [];
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'coursemap-fill-'));
    const { course } = courseFromText(
      readFileSync(new URL('../content/course.md', import.meta.url), 'utf8'),
      'course.md',
    );
    await loadGrammars(codeLanguages(course));
    const templates = slideTemplates(templateSet());
    const renderer = await sharedRenderer({ cache: false, poolSize: 1 });
    try {
      for (const job of deckJobs({ course, theme: 'default', diagrams: new Map(), settings: {} }).filter(
        (j) => j.chapter !== null,
      )) {
        const file = join(dir, `${job.deck.slug}.html`);
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
        rows.push(...fill.map((f) => ({ deck: job.deck.slug, ...f })));
      }
    } finally {
      await renderer.close();
    }
  }, 600_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fills at least 10 % of every content slide', () => {
    const content = rows.filter((r) => !['title', 'agenda', 'map'].includes(r.kind));
    expect(content.length).toBeGreaterThan(40);
    expect(
      content
        .filter((r) => r.share < 0.1)
        .map((r) => `${r.deck} ${r.key} ${r.kind} "${r.title}": ${(r.share * 100).toFixed(1)} %`),
    ).toEqual([]);
  });
});
