// Code on slides (test/fixtures/decks/code-pair.md, written for this test): every language shiki
// knows is highlighted (proto and haskell were plain before), a language it does not know is
// shown plain with a note naming it, two short blocks in a row (an old and a new message) share
// one slide side by side — measured in Chromium: two boxes in one row, inside the slide, none
// overflowing — and a one-line remark after a short block sits under it, not on a slide alone.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapterDeck } from '../src/generate/slides/deck.ts';
import { highlightLines, loadGrammars, plainFallback } from '../src/generate/slides/highlight.ts';
import { deckHtml } from '../src/generate/slides/html.ts';
import { slideTemplates } from '../src/generate/slides/partials.ts';
import type { Deck } from '../src/generate/slides/types.ts';
import { templateSet } from '../src/generate/templates.ts';
import { courseFromText } from '../src/index.ts';
import { codeLanguages } from '../src/pipeline/decks.ts';
import { withDeckPage } from '../src/render/documents/deck.ts';
import { embedPageFonts } from '../src/render/fonts/embed-fonts.ts';
import { sharedRenderer } from './support/browser.ts';

const { course } = courseFromText(
  readFileSync(new URL('./fixtures/decks/code-pair.md', import.meta.url), 'utf8'),
  'code-pair.md',
);
let deck: Deck;

beforeAll(async () => {
  await loadGrammars([...codeLanguages(course), 'haskell', 'zig']);
  deck = chapterDeck(course, course.chapters[0]!, { theme: 'light', svg: () => null });
});

describe('code slides', () => {
  it('highlights languages beyond the common ones, and says which language it could not', () => {
    for (const lang of ['proto', 'haskell', 'zig'])
      expect(highlightLines('main = x', lang, 'light').join(''), lang).toMatch(/<span style="color:#/);
    expect(plainFallback('proto')).toBeNull();
    expect(plainFallback('text')).toBeNull();
    expect(plainFallback('zork')).toBe('zork');
    const plain = deck.slides.find((s) => s.kind === 'code' && s.code?.includes('set speed'))!;
    expect(plain.codeNote).toBe('No highlighting for “zork”: shown as plain text');
    expect(deckHtml(deck, slideTemplates(templateSet()))).toContain(
      '<p class="cm-code-note">No highlighting for “zork”: shown as plain text</p>',
    );
  });

  it('puts the old and the new message on one slide, each under its lead-in, and the remark under them', () => {
    const pair = deck.slides.filter((s) => s.pair);
    expect(pair).toHaveLength(1);
    expect(pair[0]!.pair!.map((p) => p.leadHtml)).toEqual([
      'The old message had two fields:',
      'The new message adds a currency and keeps the old tags:',
    ]);
    expect(pair[0]!.pair![1]!.code).toContain('currency');
    expect(pair[0]!.tailPoints?.[0]?.html).toMatch(/^Old readers skip/);
    // No slide is left with the remark alone.
    expect(
      deck.slides.filter((s) => s.kind === 'section' && s.points?.some((p) => p.html.startsWith('Old readers'))),
    ).toEqual([]);
  });

  describe('in Chromium', () => {
    let dir: string;
    let boxes: {
      slide: { w: number; h: number };
      sides: Array<{ x: number; y: number; w: number; h: number }>;
      overflow: boolean;
    };
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'coursemap-code-'));
      const file = join(dir, 'deck.html');
      writeFileSync(file, await embedPageFonts(deckHtml(deck, slideTemplates(templateSet()))));
      const renderer = await sharedRenderer({ cache: false, poolSize: 1 });
      try {
        boxes = await withDeckPage(renderer, { file, scale: 1, timeoutMs: 60_000, warnings: [] }, (page) =>
          page.evaluate(() => {
            const slide = document.querySelector<HTMLElement>('section[data-kind="code"]:has(.cm-code-pair)')!;
            slide.style.display = 'flex';
            const r = slide.getBoundingClientRect();
            const sides = [...slide.querySelectorAll('.cm-code-side pre')]
              .map((p) => p.getBoundingClientRect())
              .map((b) => ({ x: b.x - r.x, y: b.y - r.y, w: b.width, h: b.height }));
            return {
              slide: { w: r.width, h: r.height },
              sides,
              overflow: slide.scrollHeight > slide.clientHeight + 1 || slide.scrollWidth > slide.clientWidth + 1,
            };
          }),
        );
      } finally {
        await renderer.close();
      }
    }, 120_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('draws the two blocks side by side, inside the slide', () => {
      const [a, b] = boxes.sides as [(typeof boxes.sides)[0], (typeof boxes.sides)[0]];
      expect(boxes.sides).toHaveLength(2);
      expect(a.x + a.w).toBeLessThanOrEqual(b.x); // left of the other, no overlap
      expect(Math.abs(a.y - b.y)).toBeLessThan(80); // in one row (their lead-ins may wrap differently)
      for (const s of boxes.sides) expect(s.w).toBeGreaterThan(boxes.slide.w * 0.35);
      for (const s of boxes.sides) expect(s.x + s.w).toBeLessThanOrEqual(boxes.slide.w);
      expect(boxes.overflow).toBe(false);
    });
  });
});
