// Lectures that hold after fitting, and links that reach them.
// 1. test/fixtures/lectures/long-points.md (written for this test) is one chapter of six sections
//    of eight long points each: 9 drafted slides, but each section continues on two or three
//    slides once the browser fits it. Planned on the drafted count, the chapter stayed one deck of
//    22 slides against a target of 12; planned on the fit estimate, no built deck is over the
//    target and none gets a deck-long warning (built in Chromium, counted in the written HTML).
// 2. Every link into a deck — the chapter map's nodes (maps/*.svg, the chapter page), the search
//    index's slide links — names the deck file that holds the slide and an anchor in that file,
//    lecture 2, 3… included; for the built course and for the handbook fixture split at 20.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapterDeck } from '../src/generate/slides/deck.ts';
import { estimateSlides } from '../src/generate/slides/estimate.ts';
import { courseHomes, planLectures } from '../src/generate/slides/lecture-plan.ts';
import { chapterLectures } from '../src/generate/slides/lectures.ts';
import { searchDocs } from '../src/generate/site/search.ts';
import { chapterMapLinks, deckHref } from '../src/generate/links/targets.ts';
import { flattenSections } from '../src/model/sections.ts';
import { courseFromText } from '../src/index.ts';
import { build } from '../src/pipeline/index.ts';
import { sharedBuild } from './support/browser.ts';

const fixture = (name: string) => new URL(`./fixtures/lectures/${name}`, import.meta.url);
const TARGET = 12;
const slidesIn = (html: string) => (html.match(/<section class="cm-slide /g) ?? []).length;

describe('lectures planned with their continuation slides (built in Chromium)', () => {
  let out: string;
  let messages: string[];
  const deckFiles = () =>
    readdirSync(join(out, 'decks'))
      .filter((f) => f.endsWith('.html') && f !== 'course.html')
      .sort();
  const deck = (file: string) => readFileSync(join(out, 'decks', file), 'utf8');

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'coursemap-lecture-fit-'));
    const result = await build(
      fixture('long-points.md').pathname,
      sharedBuild({ outDir: out, formats: ['svg'], cacheDir: false, settings: { lectureSlides: TARGET } }),
    );
    messages = result.files.flatMap((f) => f.messages.map((m) => `${m.ruleId}: ${m.reason}`));
  }, 600_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('the fixture needs the fit: its drafted deck is within the target, its fitted deck is not', () => {
    const { course } = courseFromText(readFileSync(fixture('long-points.md'), 'utf8'), 'long-points.md');
    const drafted = chapterDeck(course, course.chapters[0]!, { theme: 'light', svg: () => null });
    expect(drafted.slides.length).toBeLessThanOrEqual(TARGET); // a plan on drafted slides would not split
    expect(drafted.slides.reduce((n, s) => n + estimateSlides(s), 0)).toBeGreaterThan(TARGET + 3);
  });

  it('splits the chapter, and no built deck is over the target', () => {
    const files = deckFiles();
    expect(files.length).toBeGreaterThanOrEqual(2);
    const counts = files.map((f) => [f, slidesIn(deck(f))] as const);
    for (const [f, n] of counts) expect(n, `${f}: ${n} slides`).toBeLessThanOrEqual(TARGET);
    // Continuation slides were made (the fit ran), so the target held after them.
    expect(files.some((f) => deck(f).includes('cm-part">(cont., 2/'))).toBe(true);
    expect(messages.filter((m) => m.startsWith('deck-long'))).toEqual([]);
  });

  it('continuation slides repeat their title with "(cont., k/n)"', () => {
    const headings = deckFiles().flatMap((f) =>
      [
        ...deck(f).matchAll(/<section class="cm-slide [^>]*data-key="(s\d+)(?:-(\d+))?"[^>]*>\s*<h2>([\s\S]*?)<\/h2>/g),
      ].map((m) => ({ key: `${f}:${m[1]!}`, n: Number(m[2] ?? 0), text: m[3]!.replace(/<[^>]+>/g, '') })),
    );
    const parts = headings.filter((h) => h.n > 0);
    expect(parts.filter((h) => h.n > 1).length).toBeGreaterThan(3);
    for (const h of parts) {
      const first = headings.find((x) => x.key === h.key && x.n === 1)!;
      const title = first.text.replace(/\s*\(1\/\d\)$/, '');
      expect(h.text, h.key).toBe(
        h.n === 1
          ? `${title} (1/${/\/(\d)\)$/.exec(first.text)![1]})`
          : `${title} (cont., ${h.n}/${/\/(\d)\)$/.exec(first.text)![1]})`,
      );
    }
    expect(messages.filter((m) => m.startsWith('deck-overflow'))).toEqual([]);
  });

  it('every map node and search result reaches a deck file and an anchor in it', () => {
    const hrefs: string[] = [];
    for (const dir of ['maps', 'chapters']) {
      for (const f of readdirSync(join(out, dir)).filter((f) => /\.(svg|html)$/.test(f))) {
        for (const m of readFileSync(join(out, dir, f), 'utf8').matchAll(
          /href="\.\.\/(decks\/[^"#]+\.html)#\/([^"]+)"/g,
        ))
          hrefs.push(`${m[1]}#/${m[2]}`);
      }
    }
    const index = readFileSync(join(out, 'search-index.js'), 'utf8');
    for (const m of index.matchAll(/\\"slides\\":\\"(decks\/[^"\\#]+\.html)#\/([^"\\]+)\\"/g))
      hrefs.push(`${m[1]}#/${m[2]}`);
    for (const m of index.matchAll(/"(decks\/[^"\\#]+\.html)#\/([^"\\]+)"/g)) hrefs.push(`${m[1]}#/${m[2]}`);
    expect(hrefs.length).toBeGreaterThan(10);
    expect(hrefs.some((h) => h.includes('-lecture-2.html'))).toBe(true);
    const missing = hrefs.filter((h) => {
      const [file, id] = h.split('#/') as [string, string];
      return (
        !existsSync(join(out, file)) ||
        !readFileSync(join(out, file), 'utf8').includes(`id="${decodeURIComponent(id)}"`)
      );
    });
    expect([...new Set(missing)]).toEqual([]);
  });
});

describe('links into lecture 2, 3… (handbook fixture, pure)', () => {
  const { course } = courseFromText(readFileSync(fixture('handbook.md'), 'utf8'), 'handbook.md');
  const MAP = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><g><text>map</text></g></svg>';
  const input = { theme: 'light' as const, svg: (name: string) => (name.startsWith('maps/') ? MAP : null) };
  const max = 20;
  const anchors = new Map<string, Set<string>>();
  for (const c of course.chapters) {
    for (const d of chapterLectures(course, c, input, max).decks)
      anchors.set(
        `decks/${d.slug}.html`,
        new Set(d.slides.flatMap((s) => [s.anchor ?? '', ...(s.moreAnchors ?? [])]).filter(Boolean)),
      );
  }
  const resolves = (href: string) => {
    const [file, id] = href.replace(/^\.\.\//, '').split('#/') as [string, string | undefined];
    return anchors.get(file)?.has(id ?? '') ?? false;
  };
  const homes = courseHomes(course, max);

  it('the plan splits the chapter the decks split', () => {
    const hardening = course.chapters.find((c) => c.title === 'Hardening')!;
    expect(planLectures(course, hardening, max).count).toBe(
      chapterLectures(course, hardening, input, max).decks.length,
    );
    expect(planLectures(course, hardening, max).count).toBeGreaterThanOrEqual(2);
  });

  it('every section found by search opens the slide that shows it, in its lecture', () => {
    const docs = searchDocs(course, homes).filter((d) => d.slides.includes('#/'));
    expect(docs.length).toBeGreaterThan(flattenSections(course.chapters[1]!.sections).length);
    expect(docs.filter((d) => !resolves(d.slides)).map((d) => `${d.title} → ${d.slides}`)).toEqual([]);
    expect(docs.some((d) => d.slides.includes('-lecture-'))).toBe(true);
    // Control: without the plan, the sections of lecture 2+ point at lecture 1's file and miss.
    expect(searchDocs(course).filter((d) => d.slides.includes('#/') && !resolves(d.slides)).length).toBeGreaterThan(0);
  });

  it('every node of every chapter map opens the slide of its section, in its lecture', () => {
    const all: string[] = [];
    for (const c of course.chapters) {
      const links = chapterMapLinks(c, (slide) => deckHref(c, slide, 'sibling', homes.get(c.number)));
      // Every branch is a section ("Rule · rationale, example…" included): each opens a slide.
      expect(
        links
          .slice(1)
          .filter((l) => !l.href.includes('#/'))
          .map((l) => l.label),
        c.slug,
      ).toEqual([]);
      expect(
        links.filter((l) => l.href.includes('#/') && !resolves(l.href)).map((l) => `${l.label} → ${l.href}`),
        c.slug,
      ).toEqual([]);
      all.push(...links.map((l) => l.href));
    }
    expect(all.some((h) => h.includes('-lecture-2.html#/'))).toBe(true);
  });
});
