// Slide composition without a browser: authored diagrams on slides at their position, code
// highlighted and split with continuing line numbers, and the composition rules of rules.ts.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { companionData } from '../src/generate/print/companion.ts';
import { COMPANION_LEVELS, pageBox } from '../src/generate/print/paper.ts';
import { splitCode } from '../src/generate/slides/code.ts';
import { spokenWords } from '../src/generate/slides/compose.ts';
import { sentencePoints } from '../src/generate/slides/course-deck.ts';
import { chapterDeck } from '../src/generate/slides/deck.ts';
import { applyFit } from '../src/generate/slides/fit.ts';
import { highlightLines, loadGrammars } from '../src/generate/slides/highlight.ts';
import { deckHtml } from '../src/generate/slides/html.ts';
import { slideTemplates } from '../src/generate/slides/partials.ts';
import type { Deck } from '../src/generate/slides/types.ts';
import { templateSet } from '../src/generate/templates.ts';
import { courseFromText } from '../src/index.ts';

const text = readFileSync(new URL('./fixtures/slides/diagrams.md', import.meta.url), 'utf8');
const { course } = courseFromText(text, 'diagrams.md');
const templates = slideTemplates(templateSet());
/** A stand-in for the renderer: a tall or wide SVG that names its diagram. */
const fakeSvg = (name: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${name.endsWith('-2') ? '500 700' : '800 300'}"><text>${name}</text></svg>`;
const deckOf = (n: number, svg: (name: string) => string | null = fakeSvg): Deck =>
  chapterDeck(course, course.chapters[n]!, { theme: 'light', svg });
const slidesOf = (html: string) =>
  [...html.matchAll(/<section class="cm-slide[^"]*" ([^>]*)>([\s\S]*?)<\/section>/g)].map((m) => ({
    attrs: m[1]!,
    body: m[2]!,
  }));
const visible = (body: string) => body.replace(/<aside class="notes">[\s\S]*?<\/aside>/g, '');

beforeAll(async () => {
  await loadGrammars(['python']);
});

describe('authored diagrams on slides', () => {
  it('puts every mermaid block of a chapter on a slide as inline SVG, in order, never only in the notes', () => {
    for (const [i, chapter] of course.chapters.entries()) {
      const html = deckHtml(deckOf(i), templates);
      const names = chapter.diagrams.map((_, k) => `diagrams/${chapter.slug}-${k + 1}`);
      expect(names.length).toBeGreaterThan(0);
      const onSlides = slidesOf(html).flatMap((s) =>
        [
          ...visible(s.body).matchAll(
            /<figure class="cm-figure cm-diagram" data-diagram="([^"]+)"[^>]*><svg[\s\S]*?<text>([^<]+)<\/text>/g,
          ),
        ].map((m) => [m[1], m[2]]),
      );
      expect(onSlides).toEqual(names.map((n) => [n, n]));
      expect(html).not.toContain('flowchart LR'); // the mermaid source is not dumped into notes
    }
  });

  it('draws a diagram of a chapter introduction too', () => {
    const md =
      '# Chapter 1: Flows\n\nThe whole pipeline at a glance:\n\n```mermaid\nflowchart LR\n  A --> B\n```\n\nThen the details.\n';
    const c = courseFromText(md, 'intro.md').course;
    const deck = chapterDeck(c, c.chapters[0]!, { theme: 'light', svg: fakeSvg });
    expect(deck.slides.filter((s) => s.figure).map((s) => s.figure!.name)).toEqual(['diagrams/1-flows-1']);
  });

  it('keeps a diagram at its position between the prose around it', () => {
    const kinds = deckOf(0).slides.map((s) => `${s.kind}:${s.section ?? ''}${s.figure ? '+figure' : ''}`);
    const at = (k: string) => kinds.findIndex((x) => x.startsWith(k));
    expect(at('section:1.1+figure')).toBeGreaterThan(-1);
    expect(at('diagram:1.2')).toBeGreaterThan(at('section:1.1+figure'));
    expect(kinds.indexOf('section:1.3+figure')).toBeGreaterThan(at('diagram:1.2'));
    expect(at('code:1.4')).toBeGreaterThan(kinds.indexOf('section:1.3+figure'));
  });

  it('gives a diagram that would shrink beside its points a slide of its own, titled by its lead-in', () => {
    const slide = deckOf(0).slides.find((s) => s.kind === 'diagram')!;
    expect(slide.title).toBe('A typical exchange for one table looks like this');
    expect(slide.figure?.name).toBe('diagrams/1-orders-in-a-restaurant-kitchen-2');
    // The lead-in is not left behind on the previous slide.
    const before = deckOf(0).slides.filter((s) => s.section === '1.2' && s.kind !== 'diagram');
    expect(before.flatMap((s) => s.points ?? []).some((p) => p.html.includes('typical exchange'))).toBe(false);
  });

  it('keeps the lead-in as the last point when the diagram shares its slide', () => {
    const slide = deckOf(1).slides.find((s) => s.figure)!;
    expect(slide.points?.at(-1)?.html).toBe('Deliveries are checked against the order sheet:');
  });

  it('leaves the lead-in as a point when the diagram could not be rendered', () => {
    const deck = deckOf(1, (n) => (n.startsWith('diagrams/') ? null : fakeSvg(n)));
    expect(deck.slides.some((s) => s.figure)).toBe(false);
    const points = deck.slides.flatMap((s) => [
      ...(s.points ?? []),
      ...(s.columns ?? []).flatMap((c) => c.points ?? []),
    ]);
    expect(points.some((p) => p.html.startsWith('Deliveries are checked'))).toBe(true);
  });
});

describe('code slides', () => {
  const code = text.split('```python\n')[1]!.split('```')[0]!.replace(/\n$/, '');
  const lines = code.split('\n');

  it('splits a long block at blank lines or top-level statements, with continuing line numbers and no line lost', () => {
    const chunks = splitCode(code);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.lines.length).toBeLessThanOrEqual(14);
    for (const c of chunks.slice(1)) {
      expect(lines[c.start - 2]!.trim() === '' || /^\S/.test(lines[c.start - 1]!), `chunk at line ${c.start}`).toBe(
        true,
      );
      expect(c.lines[0]!.trim()).not.toBe('');
    }
    const shown = chunks.flatMap((c) => c.lines.map((l, i) => [c.start + i, l] as const));
    expect(shown.filter(([, l]) => l.trim()).map(([n]) => n)).toEqual(
      lines.flatMap((l, i) => (l.trim() ? [i + 1] : [])),
    );
    for (const [n, l] of shown) expect(l).toBe(lines[n - 1]);
  });

  it('highlights at build time with inline colours, deterministically, and numbers the lines on each continuation slide', () => {
    const slides = deckOf(0).slides.filter((s) => s.kind === 'code');
    expect(slides.map((s) => s.part?.n)).toEqual(slides.map((_, i) => i + 1));
    expect(slides[0]!.leadHtml).toContain('formats each ticket');
    const html = deckHtml(deckOf(0), templates);
    expect(html).toMatch(/<span class="cm-line"><span style="color:#[0-9A-Fa-f]{6}">def<\/span>/);
    expect(html).toContain(`counter-reset: cm-line ${slides[1]!.startLine! - 1}`);
    expect(deckHtml(deckOf(0), templates)).toBe(html);
    expect(highlightLines('x = 1', 'cobol', 'light')).toEqual(['x = 1']);
    expect(highlightLines('<b>', 'python', 'dark').join('')).not.toContain('<b>');
  });
});

describe('composition rules', () => {
  it('opens with title, agenda and the chapter map as overview; no map or agenda for a chapter without sections', () => {
    expect(
      deckOf(0)
        .slides.slice(0, 3)
        .map((s) => s.kind),
    ).toEqual(['title', 'agenda', 'map']);
    const bare = courseFromText('# Chapter 1: Alone\n\nJust one paragraph of text here.\n', 'bare.md').course;
    const deck = chapterDeck(bare, bare.chapters[0]!, { theme: 'light', svg: fakeSvg });
    expect(deck.slides.map((s) => s.kind)).toEqual(['title']);
    expect(deck.slides[0]!.bodyHtml).toBe('Just one paragraph of text here.'); // a one-sentence introduction is the abstract
  });

  it('shares a slide between short consecutive sections, each keeping its data-section', () => {
    const group = deckOf(1).slides.find((s) => s.kind === 'group')!;
    expect(group.layout).toBe('columns');
    expect(group.columns?.map((c) => c.section)).toEqual(['2.2', '2.3']);
    const html = deckHtml(deckOf(1), templates);
    expect(html).toMatch(/<div class="cm-column" data-section="2.2">[\s\S]*<div class="cm-column" data-section="2.3">/);
  });

  it('makes a long or crowded analogy a big-type quote slide and never emits an empty slide', () => {
    const deck = deckOf(0);
    const quote = deck.slides.find((s) => s.kind === 'analogy')!;
    expect(quote.bodyHtml).toContain('parcel with a tracking number');
    expect(deckHtml(deck, templates)).toContain('class="cm-slide cm-analogy slide-analogy cm-quote');
    for (const s of deck.slides)
      expect(
        Boolean(
          s.points?.length ||
            s.bodyHtml ||
            s.rows?.length ||
            s.code ||
            s.figure ||
            s.svg ||
            s.columns ||
            s.kind === 'title',
        ),
        s.key,
      ).toBe(true);
  });

  it('puts a short analogy beside its short section', () => {
    const tiny = courseFromText(
      '# Chapter 1: Tiny\n\n## 1.1 Caches\n\nA cache keeps recent answers close.\n\n> **Analogy:** a cache is the notepad by the phone.\n\n## 1.2 Misses\n\nA miss goes to the slow store.\n',
      'tiny.md',
    ).course;
    const deck = chapterDeck(tiny, tiny.chapters[0]!, { theme: 'light', svg: () => null });
    const host = deck.slides.find((s) => s.section === '1.1')!;
    expect(host.asideHtml).toContain('notepad by the phone');
    expect(deck.slides.some((s) => s.kind === 'analogy')).toBe(false);
  });

  it('keeps a short remark after a table under the table, on its last part only', () => {
    const md =
      '# Chapter 1: Tables\n\n## 1.1 Levels\n\n| Level | Cost |\n| --- | --- |\n| Low | 1 |\n| High | 9 |\n\nMost teams pick the low level.\n\n## 1.2 Next\n\n' +
      'A long paragraph about something else entirely that goes on. '.repeat(6) +
      '\n';
    const c = courseFromText(md, 'tail.md').course;
    const deck = chapterDeck(c, c.chapters[0]!, { theme: 'light', svg: () => null });
    const table = deck.slides.find((s) => s.kind === 'table')!;
    expect(table.tailPoints?.map((p) => p.html)).toEqual(['Most teams pick the low level.']);
    expect(deck.slides.filter((s) => s.section === '1.1').map((s) => s.kind)).toEqual(['table']);
    const split = applyFit(deck, new Map([[table.key, { chunks: [1, 1], shrink: 0 }]]));
    expect(split.slides.filter((s) => s.kind === 'table').map((s) => Boolean(s.tailPoints))).toEqual([false, true]);
  });

  it('keeps up to three sentences of a paragraph between two blocks of a section', () => {
    const md =
      '# Chapter 1: One\n\n## 1.1 Alone\n\nFirst idea here. Second idea with `code`, e.g. this one. Third idea is short. Fourth is never shown.\n\n```sh\nls\n```\n\n## 1.2 Two\n\nOne. Two.\n\n- a list\n';
    const c = courseFromText(md, 'one.md').course;
    const deck = chapterDeck(c, c.chapters[0]!, { theme: 'light', svg: () => null });
    const holders = deck.slides
      .flatMap((s) => [s, ...(s.columns ?? [])])
      .filter((s) => s.section === '1.1' && s.points?.length);
    expect(holders[0]!.points![0]!.html).toBe(
      'First idea here. Second idea with <code>code</code>, e.g. this one. Third idea is short.',
    );
  });

  it('groups only whole sibling sections, under their parent\'s heading, never the tail of one section with the next (rule "group")', () => {
    const md = [
      '# Chapter 1: Rivers',
      '',
      '## 1.1 Where rivers start',
      '',
      'Rivers begin in many ways.',
      '',
      '### 1.1.1 Springs',
      '',
      'Water comes up from the ground.',
      '',
      '### 1.1.2 Glaciers',
      '',
      'Ice melts slowly in summer.',
      '',
      '## 1.2 Measuring flow',
      '',
      'Engineers measure the flow daily.',
      '',
      '```sh',
      'flow --station 4',
      '```',
      '',
      'The numbers go to a public table.',
      '',
      '## 1.3 Floods',
      '',
      'Floods follow heavy rain.',
      '',
    ].join('\n');
    const c = courseFromText(md, 'group.md').course;
    const slides = chapterDeck(c, c.chapters[0]!, { theme: 'light', svg: () => null }).slides;
    const groups = slides.filter((s) => s.kind === 'group');
    const pairs = groups.map((g) => g.columns!.map((col) => col.section).join('+'));
    expect(pairs).toContain('1.1.1+1.1.2');
    const siblings = groups.find((g) => g.columns![0]!.section === '1.1.1')!;
    expect(siblings.heading).toBe('1.1 Where rivers start');
    // "The numbers go to a public table." is the tail of 1.2 (after its code): not beside 1.3.
    expect(pairs.filter((p) => p.includes('1.2') && p.includes('1.3'))).toEqual([]);
    const html = deckHtml(
      { ...chapterDeck(c, c.chapters[0]!, { theme: 'light', svg: () => null }), slides },
      templates,
    );
    const group = slidesOf(html).find((x) => x.attrs.includes('data-kind="group"') && x.body.includes('Springs'))!;
    // The parent's heading first, its one-sentence introduction under it (rule "opening"), then each
    // column's heading above its own points.
    expect(visible(group.body)).toMatch(
      /<h2 class="cm-group-heading" data-section="1\.1">1\.1 Where rivers start<\/h2><div class="cm-opening-lead">Rivers begin in many ways\.<\/div>\s*(?:<span class="cm-anchor"[^>]*><\/span>)*\s*<div class="cm-body cm-columns">/,
    );
    for (const col of group.body.split('<div class="cm-column"').slice(1))
      expect(col.indexOf('<h3>')).toBeLessThan(col.indexOf('<ul'));
  });

  it('fills the slide of a section that is one paragraph (and an analogy) with up to six sentences (rule "fill")', () => {
    const sentences = [
      'The river starts high in the hills.',
      'It gathers water from many small streams with `code` names.',
      'Farmers along the banks use it for their fields.',
      'In spring the melting snow makes it much wider.',
      'Boats carry goods down to the coast all year.',
      'Near the sea it slows down and splits into arms.',
      'This seventh sentence is never shown on the slide.',
    ];
    const md = `# Chapter 1: One\n\n## 1.1 Alone\n\n${sentences.join(' ')}\n\n> **Analogy:** It is like a road that carries everything to the market.\n\n## 1.2 Next\n\nOther.\n`;
    const c = courseFromText(md, 'fill.md').course;
    const deck = chapterDeck(c, c.chapters[0]!, { theme: 'light', svg: () => null });
    const holder = deck.slides
      .flatMap((s) => [s, ...(s.columns ?? [])])
      .find((s) => s.section === '1.1' && s.points?.length)!;
    expect(holder.points!.map((p) => p.html.replace(/<\/?code>/g, '`'))).toEqual([sentences.slice(0, 6).join(' ')]);
  });

  it('keeps a lead-in paragraph with its list, whatever its length', () => {
    const md =
      '# Chapter 1: Leads\n\n## 1.1 Tools\n\nUnderstanding how an agent picks its next step helps you design tools that it will actually call when it needs them:\n\n- Clear names\n- Small inputs\n';
    const c = courseFromText(md, 'lead.md').course;
    const slide = chapterDeck(c, c.chapters[0]!, { theme: 'light', svg: () => null }).slides.find(
      (s) => s.section === '1.1',
    )!;
    expect(slide.points).toHaveLength(1);
    expect(slide.points![0]!.sub).toEqual(['Clear names', 'Small inputs']);
  });

  it('writes the full prose and its file:line into the notes, and the duration into the title slide notes', () => {
    const deck = deckOf(0);
    expect(deck.slides[0]!.notesHtml).toMatch(/Estimated duration: about \d+ min\./);
    const s11 = deck.slides.find((s) => s.section === '1.1')!;
    expect(s11.notesHtml).toContain('Every order becomes a ticket that moves through the kitchen in a fixed path:');
    expect(s11.notesHtml).toMatch(/<p class="cm-source">diagrams\.md:\d+<\/p>/);
    const line = text.split('\n').findIndex((l) => l.startsWith('Every order becomes')) + 1;
    expect(s11.notesHtml).toContain(`diagrams.md:${line}`);
  });
});

describe('ordered lists on slides', () => {
  const steps = courseFromText(
    `# Batch jobs

## Chapter 1: Pipelines

### 1.1 Running a job

The runner goes through fixed stages:

1. **Read** the input files.
2. **Sort** the records by key.
3. **Merge** the sorted runs.

Then the job finishes.

4. Write the output.
5. Report the counters.
   1. rows read
   2. rows written

A plain remark closes the section.
`,
    'steps.md',
  ).course;

  it('keeps the numbers: a lead-in list as an <ol>, a list of points as numbered items, a nested list numbered too', () => {
    const deck = chapterDeck(steps, steps.chapters[0]!, { theme: 'light', svg: () => null });
    const html = visible(deckHtml(deck, templates));
    expect(html).toMatch(
      /<li>The runner goes through fixed stages:<ol start="1"><li><strong>Read<\/strong> the input files\.<\/li><li><strong>Sort<\/strong>[\s\S]*?<\/ol><\/li>/,
    );
    expect(html).toContain('<li data-n="4">Write the output.</li>');
    expect(html).toMatch(
      /<li data-n="5">Report the counters\.<ol start="1"><li>rows read<\/li><li>rows written<\/li><\/ol><\/li>/,
    );
    expect(html).toMatch(/<li>A plain remark closes the section\.<\/li>/); // not numbered
  });

  it("keeps each item's own number on a continuation slide", () => {
    const deck = chapterDeck(steps, steps.chapters[0]!, { theme: 'light', svg: () => null });
    const section = deck.slides.find((s) => s.kind === 'section' && (s.points ?? []).some((p) => p.n === 5))!;
    const count = section.points!.length;
    const split = applyFit(deck, new Map([[section.key, { chunks: [count - 1, 1], shrink: 0 }]]));
    const parts = split.slides.filter((s) => s.section === section.section && s.kind === 'section');
    expect(parts.map((s) => (s.points ?? []).map((p) => p.n ?? null))).toEqual([
      [...section.points!.slice(0, count - 1).map((p) => p.n ?? null)],
      [section.points![count - 1]!.n ?? null],
    ]);
    const html = visible(deckHtml({ ...split, slides: parts }, templates));
    expect(html).toContain('<li data-n="5">');
  });
});

describe('print outputs', () => {
  it('draw the authored diagrams in the companion where space allows, and drop them first', () => {
    const box = pageBox('a4', 'portrait');
    const full = companionData(course, box, COMPANION_LEVELS[0]!, fakeSvg).parts.flatMap((p) => p.chapters);
    expect(full.map((c) => c.diagrams.length)).toEqual([2, 1]);
    expect(full[0]!.diagrams[0]!.svg).toContain('diagrams/1-orders-in-a-restaurant-kitchen-1');
    const tight = companionData(course, box, COMPANION_LEVELS[2]!, fakeSvg).parts.flatMap((p) => p.chapters);
    expect(tight.map((c) => c.diagrams.length)).toEqual([0, 0]);
  });
});

describe('CJK prose on slides', () => {
  it('counts Chinese characters at their own pace for the duration, English words as before', () => {
    expect(spokenWords('Replication keeps copies — on several nodes.')).toBe(7);
    // 220 characters of Chinese take as long as 130 English words.
    expect(spokenWords('数'.repeat(220))).toBeCloseTo(130);
    expect(spokenWords('TCP 与 UDP：拥塞控制。')).toBeCloseTo(2 + (5 * 130) / 220); // 与拥塞控制; TCP, UDP; not the punctuation
  });

  it('splits a Chinese summary into its sentences (no space after 。！？), English ones as before', () => {
    expect(
      sentencePoints('分层让复杂的系统变得可以理解。每一层只依赖下面一层！这样替换一层不会影响其他层。').map(
        (p) => p.html,
      ),
    ).toEqual(['分层让复杂的系统变得可以理解。', '每一层只依赖下面一层！', '这样替换一层不会影响其他层。']);
    expect(
      sentencePoints('Logs are ordered. Consumers read at their own pace. e.g. this stays.').map((p) => p.html),
    ).toEqual(['Logs are ordered.', 'Consumers read at their own pace. e.g. this stays.']);
  });
});

describe('a section whose text is only its subsections (rule "opening")', () => {
  const thin = courseFromText(
    readFileSync(new URL('./fixtures/slides/thin-parts.md', import.meta.url), 'utf8'),
    'thin-parts.md',
  ).course;
  const opening = `# Chapter 1: Shelving

Books come back every day and have to find their shelf again.

## 1.1 The Returns Trolley

### 1.1.1 Sorting by Dot

Each returned book is sorted by the colour dot on its spine before it goes back.
A book without a dot waits on the top shelf of the trolley for a volunteer.

### 1.1.2 Checking for Damage

| Damage | What to do |
| --- | --- |
| Loose page | Put it in the mending tray |
| Stained cover | Wipe it with a dry cloth |

## 1.2 Reshelving

The shelves are walked left to right, top to bottom, so no book is missed.
`;
  const deckFor = (source: string, n = 0) => {
    const { course: c } = courseFromText(source, 'opening.md');
    return chapterDeck(c, c.chapters[n]!, { theme: 'light', svg: () => null });
  };

  it('shows no slide that only repeats the titles of the slides after it', () => {
    for (const deck of [
      deckFor(opening),
      ...thin.chapters.map((c) => chapterDeck(thin, c, { theme: 'light', svg: () => null })),
    ]) {
      const titles = new Set(deck.slides.map((s) => `${s.label ? `${s.label} ` : ''}${s.title}`));
      const echoes = deck.slides.filter(
        (s) => s.kind === 'section' && s.points?.length && s.points.every((p) => titles.has(p.html)),
      );
      expect(echoes.map((s) => s.title)).toEqual([]);
    }
  });

  it("opens on the first subsection's slide: the section's heading as its kicker and its anchor there", () => {
    const deck = deckFor(opening);
    const first = deck.slides.find((s) => s.section === '1.1.1')!;
    expect(first.opens).toEqual({ heading: '1.1 The Returns Trolley', section: '1.1' });
    expect(deck.slides.some((s) => s.section === '1.1')).toBe(false);
    const html = deckHtml(deck, templates);
    const slide = slidesOf(html).find((s) => s.attrs.includes('data-section="1.1.1"'))!;
    expect(visible(slide.body)).toMatch(
      /<p class="cm-kicker" data-section="1\.1">1\.1 The Returns Trolley<\/p><span class="cm-anchor" id="sec-1\.1"><\/span><h2>/,
    );
    // The map's link to 1.1 still lands on a slide: its anchor is on 1.1.1's.
    expect(html).toContain(`id="${first.moreAnchors![0]}"`);
  });

  it('keeps the titles slide when no subsection slide follows it', () => {
    const deck = deckFor(`# Chapter 1: Shelving\n\n## 1.1 The Returns Trolley\n\n### Example\n\nA trolley.\n`);
    expect(deck.slides.filter((s) => s.opens)).toEqual([]);
  });
});

describe('continuation slides', () => {
  it('keep an analogy beside the first part only (never the same callout twice)', () => {
    const deck: Deck = {
      ...deckOf(0),
      slides: [
        {
          kind: 'section',
          key: 's1',
          title: 'Tickets',
          label: '1.4',
          icon: null,
          section: '1.4',
          points: ['One', 'Two', 'Three'].map((html) => ({ html, sub: [] })),
          asideHtml: '<p>Like a relay baton.</p>',
        },
      ],
    };
    const parts = applyFit(deck, new Map([['s1', { chunks: [2, 1], shrink: 0 }]])).slides;
    expect(parts.map((s) => [s.points?.length, Boolean(s.asideHtml)])).toEqual([
      [2, true],
      [1, false],
    ]);
  });
});
