// Slide decks without a browser: the DDIA decks' structure (every section in order, analogies on
// callouts, takeaway tables, the map SVG) and hostile input coming out inert.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { courseDeck } from '../src/generate/slides/course-deck.ts';
import { chapterDeck } from '../src/generate/slides/deck.ts';
import { applyFit } from '../src/generate/slides/fit.ts';
import { deckHtml } from '../src/generate/slides/html.ts';
import { slideTemplates } from '../src/generate/slides/partials.ts';
import { sanitizeSvg } from '../src/generate/slides/svg.ts';
import { templateSet } from '../src/generate/templates.ts';
import { courseFromText, loadCourse } from '../src/index.ts';
import type { Course } from '../src/model/types.ts';

const expectedPath = fileURLToPath(new URL('../../shared/courses/ddia-course.expected.json', import.meta.url));
const coursePath = fileURLToPath(new URL('../../shared/courses/ddia-course.md', import.meta.url));
const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as {
  chapters: Array<{ number: number; sections: Array<{ id: string }> }>;
};
const MAP_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" id="cm-test" viewBox="0 0 10 10"><style>#cm-test{fill:red}</style><g><text>map</text></g></svg>';
const templates = slideTemplates(templateSet());

let course: Course;
beforeAll(async () => {
  course = (await loadCourse(coursePath)).course;
});

/** The slides part of a deck: every <section> with its attributes and inner HTML. */
function slidesOf(html: string): Array<{ attrs: string; body: string }> {
  const start = html.indexOf('<div class="slides">');
  const end = html.indexOf('<script>', start);
  const region = html.slice(start, end);
  return [...region.matchAll(/<section ([^>]*)>([\s\S]*?)<\/section>/g)].map((m) => ({ attrs: m[1]!, body: m[2]! }));
}
const attr = (attrs: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(attrs)?.[1] ?? null;

describe('DDIA chapter decks', () => {
  it('has a slide for every expected section, in order', () => {
    expect(course.chapters).toHaveLength(12);
    for (const e of expected.chapters) {
      const chapter = course.chapters.find((c) => c.number === e.number)!;
      const html = deckHtml(chapterDeck(course, chapter, { theme: 'light', svg: () => MAP_SVG }), templates);
      // Sections sharing a group slide carry data-section on their column.
      const order = slidesOf(html).flatMap((s) =>
        [...`${s.attrs} ${s.body}`.matchAll(/data-section="([^"]*)"/g)].map((m) => m[1]!),
      );
      let at = -1;
      for (const s of e.sections) {
        const i = order.indexOf(s.id, at + 1);
        expect(i, `chapter ${e.number} section ${s.id}`).toBeGreaterThan(at);
        at = i;
      }
    }
  });

  it('puts every analogy on a callout slide, takeaways in an HTML table and the map SVG on the map slide', () => {
    for (const chapter of course.chapters) {
      const deck = chapterDeck(course, chapter, {
        theme: 'light',
        svg: (n) => (n === `maps/${chapter.slug}` ? MAP_SVG : null),
      });
      const slides = slidesOf(deckHtml(deck, templates));
      const callouts = slides
        .filter((s) => /class="cm-callout/.test(s.body))
        .map((s) => s.body.replace(/<[^>]+>/g, '').replace(/&#x27;|&#39;/g, "'"));
      for (const a of chapter.analogies) {
        const probe = a.text.slice(0, 40).replace(/[&<>"']/g, '');
        expect(
          callouts.some((c) => c.replace(/&[a-z#0-9]+;/gi, '').includes(probe.replace(/&/g, ''))),
          `chapter ${chapter.number}: ${a.text.slice(0, 40)}`,
        ).toBe(true);
      }
      if (chapter.takeaways) {
        const table = slides.find(
          (s) =>
            attr(s.attrs, 'data-kind') === 'table' && attr(s.attrs, 'data-section') === chapter.takeaways!.sectionId,
        );
        expect(table?.body, `chapter ${chapter.number}`).toMatch(/<table>[\s\S]*<th>[\s\S]*<td>/);
      }
      const map = slides.find((s) => attr(s.attrs, 'data-kind') === 'map');
      expect(map?.body).toContain('<svg');
    }
  });

  it('writes the course deck with parts, chapter summaries and the course map', () => {
    const html = deckHtml(
      courseDeck(course, { theme: 'dark', svg: (n) => (n === 'maps/course-map' ? MAP_SVG : null) }),
      templates,
    );
    const slides = slidesOf(html);
    expect(html).toContain('class="cm-theme-dark"');
    expect(slides[0]!.body).toContain('Martin Kleppmann');
    expect(slides.filter((s) => attr(s.attrs, 'data-kind') === 'summary')).toHaveLength(12);
    expect(slides.filter((s) => attr(s.attrs, 'data-kind') === 'section')).toHaveLength(3);
    expect(slides.at(-1)!.body).toContain('<svg');
  });

  it('splits slides on the fit plan into numbered continuation slides', () => {
    const chapter = course.chapters[0]!;
    const deck = chapterDeck(course, chapter, { theme: 'light', svg: () => null });
    const agenda = deck.slides.find((s) => s.kind === 'agenda')!;
    const fitted = applyFit(deck, new Map([[agenda.key, { chunks: [2, 2], shrink: 0 }]]));
    const parts = fitted.slides.filter((s) => s.kind === 'agenda');
    expect(parts.map((p) => p.part)).toEqual([
      { n: 1, of: 3 },
      { n: 2, of: 3, continued: true },
      { n: 3, of: 3, continued: true },
    ]);
    expect(parts.flatMap((p) => p.points ?? [])).toEqual(agenda.points);
  });
});

describe('templates', () => {
  it('lets a user folder override one partial and keeps the others', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coursemap-slides-override-'));
    try {
      mkdirSync(join(dir, 'slides'));
      writeFileSync(
        join(dir, 'slides', 'analogy.hbs'),
        '<section class="cm-slide my-analogy" data-key="{{key}}"><h2>{{title}}</h2><blockquote>{{{bodyHtml}}}</blockquote></section>',
      );
      const html = deckHtml(
        chapterDeck(course, course.chapters[0]!, { theme: 'light', svg: () => null }),
        slideTemplates(templateSet(dir)),
      );
      expect(html).toContain('class="cm-slide my-analogy"');
      expect(html).not.toContain('data-kind="analogy"');
      expect(html).toContain('data-kind="section"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('hostile input', () => {
  const text = readFileSync(new URL('./fixtures/decks/xss.md', import.meta.url), 'utf8');
  const { course: hostile } = courseFromText(text, 'xss.md');
  const evil =
    '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script><foreignObject><div onclick="x()">x</div></foreignObject><a href="javascript:alert(1)"><text>t</text></a><image href="http://evil.example/x.png"/><style>@import url(http://evil.example/x.css); .a{background:url(http://evil.example/y)}</style></svg>';
  const decks = [
    ...hostile.chapters.map((c) => chapterDeck(hostile, c, { theme: 'light', svg: () => evil })),
    courseDeck(hostile, { theme: 'light', svg: () => evil }),
  ];

  it('comes out inert and escaped', () => {
    expect(hostile.chapters.length).toBeGreaterThan(0);
    for (const deck of decks) {
      const html = deckHtml(deck, templates);
      const start = html.indexOf('<div class="reveal">');
      const region = html.slice(start, html.indexOf('<script>', start));
      const tags = region.match(/<[a-zA-Z][^>]*>/g) ?? [];
      const bad = tags.filter(
        (t) =>
          /^<(script|img|iframe|foreignObject|image|object|embed|link|meta|base)\b/i.test(t) ||
          /\son[a-z]+\s*=/i.test(t) ||
          /(href|src)\s*=\s*"(?!https?:|#)/i.test(t),
      );
      expect(bad, deck.slug).toEqual([]);
      expect(/url\(\s*["']?http|@import/i.test(region)).toBe(false);
      // Template-looking text is content, shown as typed.
      if (deck.slug !== 'course') expect(region).toContain('{{constructor}}');
      expect(html.match(/^<script>/gm)).toHaveLength(3); // reveal.js, its notes plugin, the init script
    }
  });

  it('keeps http(s) links and escapes </script> in code', () => {
    const html = deckHtml(decks[0]!, templates);
    expect(html).toContain('href="https://example.org/a?b=1&#x26;c=2"');
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(&#39;fence&#39;)&lt;/script&gt;&lt;!-- &lt;script&gt;');
  });

  it('sanitizes SVG through its own path', () => {
    const out = sanitizeSvg(evil);
    expect(out).toBe('<svg xmlns="http://www.w3.org/2000/svg"><style> .a{background:none}</style></svg>');
  });
});
