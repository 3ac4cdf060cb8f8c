// Linked outputs (pure): map nodes wrapped in relative links after rendering, the sanitizer
// letting through only those links, stable slide ids and back-links in the decks, file:line in
// the speaker notes, the study map's card links, and the site's pages and search index.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chapterMap, courseMap } from '../src/generate/maps/concepts.ts';
import { courseCards } from '../src/generate/flashcards/cards.ts';
import { linkSvgNodes, SAFE_HREF, unlinkSvg } from '../src/generate/links/svg-links.ts';
import { chapterMapLinks, courseMapLinks, deckHref } from '../src/generate/links/targets.ts';
import { studyMapData, STUDY_MAP_LEVELS } from '../src/generate/print/study-map.ts';
import { pageBox } from '../src/generate/print/paper.ts';
import { searchDocs } from '../src/generate/site/search.ts';
import { sitePages } from '../src/generate/site/pages.ts';
import { chapterDeck } from '../src/generate/slides/deck.ts';
import { applyFit } from '../src/generate/slides/fit.ts';
import { deckHtml } from '../src/generate/slides/html.ts';
import { slideTemplates } from '../src/generate/slides/partials.ts';
import { sanitizeSvg } from '../src/generate/slides/svg.ts';
import { templateSet } from '../src/generate/templates.ts';
import { courseFromText } from '../src/index.ts';

const text = readFileSync(new URL('./fixtures/study/course.md', import.meta.url), 'utf8');
const { course } = courseFromText(text, 'course.md');
const [one, two] = course.chapters as [(typeof course.chapters)[number], (typeof course.chapters)[number]];

/** An SVG shaped like mermaid's: one <g class="node …"> per label, label words split over tspans. */
function fakeSvg(labels: readonly string[]): string {
  const nodes = labels.map(
    (l, i) =>
      `<g class="node mindmap-node section-${i}" id="n${i}"><rect width="10" height="10"/><g class="label"><text><tspan>${l
        .split(' ')
        .map((w) => w.replace(/&/g, '&amp;').replace(/</g, '&lt;'))
        .join('</tspan><tspan> ')}</tspan></text></g></g>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><g class="edges"><path d="M0 0"/></g><g class="nodes">${nodes.join('')}</g></svg>`;
}
const mapLabels = (c: typeof one) => {
  const m = chapterMap(c);
  return [m.root.label, ...m.root.children.flatMap((b) => [b.label, ...b.children.map((l) => l.label)])];
};
const hrefs = (svg: string) => [...svg.matchAll(/<a class="cm-link" href="([^"]*)">/g)].map((m) => m[1]);

describe('links in rendered maps', () => {
  it('wraps every node of a chapter map in a link to its section slide', () => {
    const labels = mapLabels(two);
    const svg = linkSvgNodes(
      fakeSvg(labels),
      chapterMapLinks(two, (id) => deckHref(two, id)),
    );
    expect(hrefs(svg)).toEqual([
      '../decks/2-agreement-without-a-leader.html',
      '../decks/2-agreement-without-a-leader.html#/sec-2.1',
      '../decks/2-agreement-without-a-leader.html#/sec-2.1',
      '../decks/2-agreement-without-a-leader.html#/sec-2.2',
      '../decks/2-agreement-without-a-leader.html#/sec-2.2',
      '../decks/2-agreement-without-a-leader.html#/sec-2.3',
      '../decks/2-agreement-without-a-leader.html#/sec-2.3',
      '../decks/2-agreement-without-a-leader.html#/sec-2.3',
    ]);
    expect(labels).toEqual([
      'Agreement Without a Leader',
      'Scouts and Dances',
      'Waggle dance',
      'Reaching a Quorum',
      'Quorum',
      'Key takeaways',
      'Scouting',
      'Quorum',
    ]);
    // Idempotent, and removable: the SVG as rendered comes back.
    expect(
      linkSvgNodes(
        svg,
        chapterMapLinks(two, (id) => deckHref(two, id)),
      ),
    ).toBe(svg);
    expect(unlinkSvg(svg)).toBe(fakeSvg(labels));
  });

  it('sends a subsection leaf to its own slide and the course map to the decks', () => {
    const svg = linkSvgNodes(
      fakeSvg(mapLabels(one)),
      chapterMapLinks(one, (id) => deckHref(one, id)),
    );
    expect(svg).toContain(
      '<a class="cm-link" href="../decks/1-the-colony.html#/sec-1.2.1"><g class="node mindmap-node section-7" id="n7">',
    );
    const cm = courseMap(course);
    const labels = cm.parts.flatMap((p) => [p.label, ...p.chapters.flatMap((c) => [c.label, c.idea])]);
    expect(
      hrefs(
        linkSvgNodes(
          fakeSvg(labels),
          courseMapLinks(course, (c) => deckHref(c, null)),
        ),
      ),
    ).toEqual([
      '../decks/1-the-colony.html',
      '../decks/1-the-colony.html',
      '../decks/2-agreement-without-a-leader.html',
      '../decks/2-agreement-without-a-leader.html',
    ]);
  });

  it('writes only relative links of one shape, and the sanitizer keeps only those', () => {
    for (const ok of [
      '../decks/5-replication.html#/sec-5.4',
      'chapters/1-the-colony.html',
      '#/map',
      '2-x.html',
      '../maps/a.svg',
    ])
      expect(SAFE_HREF.test(ok), ok).toBe(true);
    for (const bad of [
      '',
      'javascript:alert(1)',
      'http://example.com/x.html',
      '//example.com/a.html',
      '../../etc/passwd',
      '../decks/a.html#/"onmouseover=x',
      'data:text/html,x',
      '../decks/A B.html',
      'decks/../../x.html',
    ]) {
      expect(SAFE_HREF.test(bad), bad).toBe(false);
    }
    const evil = linkSvgNodes(fakeSvg(['Scouting']), [{ label: 'Scouting', href: 'javascript:alert(1)' }]);
    expect(evil).not.toContain('<a');
    const mixed =
      '<svg><a href="../decks/a.html#/sec-1.1"><text>ok</text></a><a href="javascript:alert(1)"><text>x</text></a><a xlink:href="http://evil.example/"><text>y</text></a><a href="../../../etc/passwd"><text>z</text></a></svg>';
    const clean = sanitizeSvg(mixed);
    expect([...clean.matchAll(/href="([^"]*)"/g)].map((m) => m[1])).toEqual(['../decks/a.html#/sec-1.1']);
    expect(clean).toBe('<svg><a href="../decks/a.html#/sec-1.1"><text>ok</text></a></svg>'); // other links go with their content, as before
  });
});

describe('slide ids, back-links and notes', () => {
  const svg = fakeSvg(mapLabels(one));
  const deck = chapterDeck(course, one, { theme: 'light', svg: (name) => (name === `maps/${one.slug}` ? svg : null) });
  const ids = deck.slides.flatMap((s) => [...(s.anchor ? [s.anchor] : []), ...(s.moreAnchors ?? [])]);

  it('gives each slide-level section one stable id, the map slide "map", and links back to it', () => {
    // The map follows the agenda as the overview.
    expect(ids).toEqual(['map', 'sec-1.1', 'sec-1.2', 'sec-1.2.1', 'sec-1.3', 'sec-1.4']);
    for (const link of chapterMapLinks(one, (id) => id ?? ''))
      if (link.href) expect(ids, link.label).toContain(link.href);
    expect(deck.slides.filter((s) => s.section !== null).every((s) => s.mapHref === '#/map')).toBe(true);
    const html = deckHtml(deck, slideTemplates(templateSet()));
    expect(html).toMatch(/<section class="cm-slide cm-section slide-section[^"]*" id="sec-1\.2\.1"/);
    expect(html).toContain('<a class="cm-maplink" href="#/map" title="Back to the concept map">');
    // The map slide's nodes go to slides of the same deck.
    expect(html).toContain('<a class="cm-link" href="#/sec-1.2.1">');
  });

  it('keeps ids unique when a slide is split into continuations', () => {
    const first =
      deck.slides.find((s) => s.anchor === 'sec-1.1' && s.points && s.points.length > 1) ??
      deck.slides.find((s) => s.anchor === 'sec-1.1')!;
    const units = first.points?.length ?? 1;
    const split = applyFit(deck, new Map([[first.key, { chunks: units > 1 ? [1, units - 1] : [1], shrink: 0 }]]));
    const all = split.slides.flatMap((s) => (s.anchor ? [s.anchor] : []));
    expect(all).toEqual(ids);
  });

  it("puts the source file:line of its text in every section slide's speaker notes", () => {
    const notes = deck.slides
      .filter((s) => s.kind === 'section' && s.section)
      .map((s) => /<p class="cm-source">([^<]*)<\/p>/.exec(s.notesHtml ?? '')?.[1]);
    // Each slide names the line its text starts on: the first paragraph under the heading.
    expect(notes).toEqual(['course.md:13', 'course.md:23', 'course.md:28']);
    expect(text.split('\n')[10]).toBe('## 1.1 Who Lives in a Hive');
    expect(text.split('\n')[12]).not.toBe('');
  });
});

describe('study map and site', () => {
  it('links each study-map card to its deck and its map', () => {
    const data = studyMapData(course, pageBox('a3', 'landscape'), STUDY_MAP_LEVELS[0]!);
    const cards = data.parts.flatMap((p) => p.cards);
    expect(cards.map((c) => [c.deckHref, c.mapHref])).toEqual([
      ['decks/1-the-colony.html', 'chapters/1-the-colony.html#map'],
      ['decks/2-agreement-without-a-leader.html', 'chapters/2-agreement-without-a-leader.html#map'],
    ]);
  });

  it('indexes sections with their text, terms and takeaways, with the passage on the page and the slide to open', () => {
    const docs = searchDocs(course);
    const quorum = docs.find((d) => d.kind === 'section' && d.title === '2.2 Reaching a Quorum');
    expect([quorum?.href, quorum?.slides]).toEqual([
      'chapters/2-agreement-without-a-leader.html#sec-2.2',
      'decks/2-agreement-without-a-leader.html#/sec-2.2',
    ]);
    expect(quorum?.text).toContain('A quorum is like a meeting that can only vote once enough members have arrived.');
    const forager = docs.find((d) => d.kind === 'term' && d.title === 'Forager');
    expect([forager?.href, forager?.slides]).toEqual([
      'chapters/1-the-colony.html#sec-1.2.1',
      'decks/1-the-colony.html#/sec-1.2.1',
    ]);
  });

  it('writes a home page and a page per chapter, with no URL that leaves out/', () => {
    const written = new Set([
      'decks/1-the-colony.html',
      'decks/2-agreement-without-a-leader.html',
      'flashcards/anki.txt',
    ]);
    const svgs: Record<string, string> = {
      [`maps/${one.slug}`]: fakeSvg(mapLabels(one)),
      [`maps/${two.slug}`]: fakeSvg(mapLabels(two)),
    };
    const pages = sitePages(
      {
        course,
        theme: 'light',
        svg: (n) => svgs[n] ?? null,
        written,
        cards: courseCards(course).cards,
        outputsHtml: '<h2>Slide decks</h2>',
      },
      templateSet(),
    );
    expect(pages.map((p) => p.path)).toEqual([
      'chapters/1-the-colony.html',
      'chapters/2-agreement-without-a-leader.html',
      'index.html',
      'search-index.js',
    ]);
    const chapter = pages[1]!.html;
    // One search index for the site, loaded by every page (a chapter page never embeds it).
    expect(chapter).toContain('<script src="../search-index.js"></script>');
    expect(pages[2]!.html).toContain('<script src="search-index.js"></script>');
    expect(pages[3]!.html).toMatch(/^window\.CM_SEARCH_INDEX = "\{/);
    expect(chapter).toContain('<a class="cm-link" href="../decks/2-agreement-without-a-leader.html#/sec-2.2">');
    expect(chapter).toContain(
      '<a class="button" href="../decks/2-agreement-without-a-leader.html">Open the slides</a>',
    );
    expect(chapter).toMatch(
      /9 flashcards \(2 Definition, 2 Key takeaway, 2 Analogy, 2 Which idea\?, 1 Final insight\)/,
    );
    expect(chapter).toContain('<th scope="row">Quorum</th>');
    expect(pages[2]!.html).toContain('href="chapters/1-the-colony.html"');
    for (const p of pages) {
      const urls = [...p.html.matchAll(/\b(?:href|src)="([^"]*)"/g)].map((m) => m[1]!);
      expect(
        urls.filter((u) => /^[a-z]+:|^\/\//i.test(u)),
        p.path,
      ).toEqual([]);
      expect(p.html).not.toMatch(/<(?:link|img)\b[^>]*(?:https?:)?\/\//i);
    }
  });
});
