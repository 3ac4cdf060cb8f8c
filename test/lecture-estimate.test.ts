// The fit estimate (src/generate/slides/estimate.ts) against the browser: every slide of the
// handbook, long-points and quiz fixtures and of two DDIA chapters is drafted, laid out in
// Chromium by the same fit pass the build runs, and its measured slide count (continuations
// included) compared with the estimate. Lectures are planned on the estimate before any browser
// runs, so it must never say fewer slides than the browser makes, and not many more either.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapterDeck } from '../src/generate/slides/deck.ts';
import { estimateSlides } from '../src/generate/slides/estimate.ts';
import { deckHtml } from '../src/generate/slides/html.ts';
import { slideTemplates } from '../src/generate/slides/partials.ts';
import { templateSet } from '../src/generate/templates.ts';
import { courseFromText } from '../src/index.ts';
import { measureFit, withDeckPage } from '../src/render/documents/deck.ts';
import { embedPageFonts } from '../src/render/fonts/embed-fonts.ts';
import { sharedRenderer } from './support/browser.ts';

const MAP = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><g><text>map</text></g></svg>';
const SOURCES = [
  ...['handbook.md', 'long-points.md', 'quiz-en.md', 'quiz-es.md'].map((f) => ({
    file: fileURLToPath(new URL(`./fixtures/lectures/${f}`, import.meta.url)),
    chapters: null as number[] | null,
  })),
  { file: fileURLToPath(new URL('../../shared/courses/ddia-course.md', import.meta.url)), chapters: [2, 5] },
];

interface Row {
  deck: string;
  key: string;
  kind: string;
  estimated: number;
  measured: number;
}

describe('slide estimate against the browser fit', () => {
  const rows: Row[] = [];
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'coursemap-estimate-'));
    const templates = slideTemplates(templateSet());
    const renderer = await sharedRenderer({ cache: false, poolSize: 1 });
    try {
      for (const src of SOURCES) {
        const { course } = courseFromText(readFileSync(src.file, 'utf8'), src.file.split('/').pop());
        for (const c of course.chapters.filter((c) => !src.chapters || src.chapters.includes(c.number))) {
          const deck = chapterDeck(course, c, { theme: 'light', svg: (n) => (n.startsWith('maps/') ? MAP : null) });
          const file = join(dir, `${deck.slug}.html`);
          writeFileSync(file, await embedPageFonts(deckHtml(deck, templates)));
          const fit = await withDeckPage(renderer, { file, scale: 1, timeoutMs: 120_000, warnings: [] }, (page) =>
            measureFit(page),
          );
          const measured = new Map(fit.map((r) => [r.key, r.chunks.length]));
          for (const s of deck.slides)
            rows.push({
              deck: deck.slug,
              key: s.key,
              kind: s.kind,
              estimated: estimateSlides(s),
              measured: measured.get(s.key) ?? 1,
            });
        }
      }
    } finally {
      await renderer.close();
    }
  }, 600_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('never estimates fewer slides than the browser makes', () => {
    expect(rows.length).toBeGreaterThan(80);
    expect(rows.some((r) => r.measured > 1)).toBe(true); // the fixtures do continue
    expect(rows.filter((r) => r.estimated < r.measured)).toEqual([]);
  });

  it('estimates each deck within a quarter above its measured length', () => {
    const decks = new Map<string, { e: number; m: number }>();
    for (const r of rows) {
      const d = decks.get(r.deck) ?? { e: 0, m: 0 };
      decks.set(r.deck, { e: d.e + r.estimated, m: d.m + r.measured });
    }
    for (const [slug, { e, m }] of decks)
      expect(e, `${slug}: estimated ${e}, measured ${m}`).toBeLessThanOrEqual(Math.ceil(m * 1.25));
  });
});
