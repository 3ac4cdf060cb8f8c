// Slide composition of section openings and role titles, without a browser (rules "opening" and
// "context-title"): a section's short introduction to its subsections rides under its kicker on the
// first subsection's slide; a section titled only by its role reads "Topic: The Setup", or the word
// alone where the topic shows above it. Fixture in the project's own words (a bicycle workshop).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isGenericTitle } from '../src/model/recognisers/generic-titles.ts';
import { chapterDeck } from '../src/generate/slides/deck.ts';
import { applyFit } from '../src/generate/slides/fit.ts';
import { deckHtml } from '../src/generate/slides/html.ts';
import { slideTemplates } from '../src/generate/slides/partials.ts';
import { roleTitle } from '../src/generate/slides/section-base.ts';
import type { Deck, Slide } from '../src/generate/slides/types.ts';
import { chapterUnits, coverage, deckHaystack } from '../src/generate/text-units.ts';
import { templateSet } from '../src/generate/templates.ts';
import { courseFromText } from '../src/index.ts';

const templates = slideTemplates(templateSet());
const text = readFileSync(new URL('./fixtures/slides/openings.md', import.meta.url), 'utf8');
const { course } = courseFromText(text, 'openings.md');
const deck = (): Deck => chapterDeck(course, course.chapters[0]!, { theme: 'light', svg: () => null });
const deckOf = (md: string, svg: (name: string) => string | null = () => null): Deck => {
  const c = courseFromText(md, 'inline.md').course;
  return chapterDeck(c, c.chapters[0]!, { theme: 'light', svg });
};
const strip = (html: string) => html.replace(/<[^>]+>/g, '');
const visible = (html: string) => html.replace(/<aside class="notes">[\s\S]*?<\/aside>/g, '');
const slideHtml = (html: string, key: string) =>
  visible(
    html.match(new RegExp(`<section class="cm-slide[^"]*"[^>]*data-key="${key}"[^>]*>([\\s\\S]*?)</section>`))![1]!,
  );
const heading = (s: Pick<Slide, 'label' | 'title'>) => `${s.label ? `${s.label} ` : ''}${s.title}`;

describe('a short introduction to subsections (rule "opening")', () => {
  it('gives the introduction no slide of its own: it rides under the kicker of the first subsection', () => {
    const d = deck();
    // 1.1, 1.2 and 1.4 open with one or two sentences: none keeps a slide of its own.
    expect(d.slides.filter((s) => ['1.1', '1.2'].includes(s.section ?? '')).map((s) => s.key)).toEqual([]);
    const wheels = d.slides.find((s) => s.section === '1.1.1')!;
    expect(wheels.opens).toEqual({
      heading: '1.1 Wheels',
      section: '1.1',
      leadHtml: 'A wheel is a rim, a hub and the spokes that hold them together.',
    });
    const brakes = d.slides.find((s) => s.section === '1.2.1')!;
    expect(brakes.kind).toBe('table');
    expect(brakes.opens?.leadHtml).toBe(
      'Every bike stops with friction, but where the friction happens differs. Workshops meet two families:',
    );
    // The notes keep the section's own text before the subsection's, and both source lines.
    expect(strip(wheels.notesHtml ?? '')).toMatch(
      /^A wheel is a rim[\s\S]*Spin the wheel[\s\S]*openings\.md:12, openings\.md:16$/,
    );
  });

  it('draws kicker, introduction and title in that order, the anchor of the section kept on the slide', () => {
    const d = deck();
    const html = deckHtml(d, templates);
    const key = d.slides.find((s) => s.section === '1.1.1')!.key;
    expect(slideHtml(html, key)).toMatch(
      /<p class="cm-kicker" data-section="1\.1">1\.1 Wheels<\/p><div class="cm-opening-lead">A wheel is a rim, a hub and the spokes that hold them together\.<\/div><span class="cm-anchor" id="sec-1\.1"><\/span><h2><span class="cm-label">1\.1\.1<\/span> Truing a Rim<\/h2>/,
    );
    // On a table slide too.
    const table = d.slides.find((s) => s.section === '1.2.1')!.key;
    expect(slideHtml(html, table)).toContain('<div class="cm-opening-lead">Every bike stops with friction');
  });

  it('folds the introduction of a section that opens with a definition, which keeps its own slide', () => {
    const d = deckOf(
      "# Chapter 1: Frames\n\n## 1.1 Stiffness\n\n> **Definition:** A frame is _stiff_ when it barely bends under the rider's weight.\n\nStiffness comes from three choices:\n\n### 1.1.1 Material\n\n- Steel bends a little and rides softly.\n- Aluminium is stiffer for the same weight.\n- Carbon can be made stiff in one direction only.\n\n### 1.1.2 Tube Shape\n\n- Wide, thin tubes are stiffer than narrow, thick ones of the same weight.\n- Oval tubes are stiff one way and give a little the other.\n- Short stays make the rear of the frame stiffer.\n\n### 1.1.3 Geometry\n\nA compact frame with a sloping top tube has shorter tubes and bends less.\n",
    );
    expect(d.slides.filter((s) => s.section === '1.1').map((s) => s.kind)).toEqual(['definition']);
    const first = d.slides.find((s) => [s, ...(s.columns ?? [])].some((c) => c.section === '1.1.1'))!;
    expect(first.opens).toEqual({
      heading: '1.1 Stiffness',
      section: '1.1',
      leadHtml: 'Stiffness comes from three choices:',
    });
  });

  it('keeps a longer introduction (three sentences or more) on its own slide', () => {
    const d = deck();
    const gears = d.slides.filter((s) => s.section === '1.3');
    expect(gears.map((s) => s.kind)).toEqual(['section']);
    expect(d.slides.find((s) => s.columns?.some((c) => c.section === '1.3.1'))?.opens).toBeUndefined();
  });

  it('folds a one-line lead-in with two short items, the items kept as its list', () => {
    const chains = deck().slides.find((s) => s.section === '1.7.1')!;
    expect(chains.opens).toEqual({
      heading: '1.7 Chains',
      section: '1.7',
      leadHtml:
        'A chain wears out in two ways:<ul><li>The pins wear and the chain grows longer.</li><li>The rollers wear and the chain runs rough.</li></ul>',
    });
    expect(deck().slides.filter((s) => s.section === '1.7')).toEqual([]);
  });

  it('keeps an introduction followed by a longer list, or by a diagram slide, on its own slide', () => {
    const list = deckOf(
      '# Chapter 1: Tools\n\n## 1.1 Spanners\n\nThree kinds hang on the wall:\n\n- open-ended\n- ring\n- adjustable\n\n### 1.1.1 Sizes\n\nMost bolts on a bike are 8, 9 or 10 mm, and a set of three covers nearly all of them.\n',
    );
    const own = list.slides
      .flatMap((s) => [s, ...(s.columns ?? [])])
      .filter((s) => s.section === '1.1' && s.points?.length);
    expect(own.map((s) => strip(s.points?.[0]?.html ?? ''))).toEqual(['Three kinds hang on the wall:']);
    expect(
      list.slides.find((s) => [s, ...(s.columns ?? [])].some((c) => c.section === '1.1.1'))!.opens,
    ).toBeUndefined();
    const tall = () => '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 900"><text>d</text></svg>';
    const diagram = deckOf(
      '# Chapter 1: Tools\n\n## 1.1 Spanners\n\nA spanner turns a nut.\n\n### 1.1.1 How a spanner grips\n\nThe jaws close on two flats:\n\n```mermaid\nflowchart TD\n  A[Jaw] --> B[Flat]\n  B --> C[Nut]\n```\n',
      tall,
    );
    expect(diagram.slides.find((s) => s.kind === 'diagram')?.opens).toBeUndefined();
    expect(diagram.slides.filter((s) => s.section === '1.1').map((s) => strip(s.points?.[0]?.html ?? ''))).toEqual([
      'A spanner turns a nut.',
    ]);
  });

  it('shows the introduction once when the slide it rides on continues, the kicker on every part', () => {
    const d = deck();
    const wheels = d.slides.find((s) => s.section === '1.1.1')!;
    const split = applyFit(d, new Map([[wheels.key, { chunks: [3, 2], shrink: 0 }]]));
    const parts = split.slides.filter((s) => s.section === '1.1.1');
    expect(parts.map((s) => [s.opens?.heading, s.opens?.leadHtml !== undefined])).toEqual([
      ['1.1 Wheels', true],
      ['1.1 Wheels', false],
    ]);
  });

  it("shows a final insight's callout on the first part only when its points continue", () => {
    const d = deckOf(
      '# Chapter 1: Rides\n\n## 1.1 Checks\n\nCheck the tyres.\n\n## 1.2 Final Insight\n\n> A bike that is checked before each ride rarely fails on the road.\n\n- One.\n- Two.\n- Three.\n- Four.\n',
    );
    const insight = d.slides.find((s) => s.kind === 'insight')!;
    expect(insight.bodyHtml).toContain('rarely fails');
    const parts = applyFit(d, new Map([[insight.key, { chunks: [2, 2], shrink: 0 }]])).slides.filter(
      (s) => s.kind === 'insight',
    );
    expect(parts.map((s) => Boolean(s.bodyHtml))).toEqual([true, false]);
    expect(
      deckHtml({ ...d, slides: parts }, templates).match(/<div class="cm-callout cm-insight-body">/g)?.length,
    ).toBe(1);
  });

  it('loses no text: every unit of the chapter is on a slide, the introduction on the slide itself', () => {
    const d = deck();
    const all = chapterUnits(course.chapters[0]!);
    expect(coverage(all, deckHaystack(d)).missing.map((u) => u.text.slice(0, 40))).toEqual([]);
    const shown = visible(deckHtml(d, templates));
    for (const sentence of [
      'A wheel is a rim, a hub',
      'Workshops meet two families:',
      'hurts the knees within an hour',
    ])
      expect(shown).toContain(sentence);
  });
});

describe('titles of sections named only by their role (rule "context-title")', () => {
  // biome-ignore format: one pair a line
  const pairs: Array<[topic: string, word: string, title: string]> = [
    ['Single-Leader Replication', 'The Setup', 'Single-Leader Replication: The Setup'],
    ['Caching', 'Example:', 'Caching: Example'],
    ['Why Partition?', 'Goals', 'Why Partition? — Goals'],
    ['Dataflow: Moving Data Between Systems', 'Overview', 'Dataflow: Moving Data Between Systems — Overview'],
    ['Variables y tipos', 'Ejemplo', 'Variables y tipos: Ejemplo'],
    ['Les index', 'Comment ça marche', 'Les index: Comment ça marche'],
    ['Zwischenspeicher', 'Beispiel', 'Zwischenspeicher: Beispiel'],
    ['Índices', 'Como funciona', 'Índices: Como funciona'],
    ['Replica', 'Come funziona', 'Replica: Come funziona'],
    ['缓存', '示例', '缓存：示例'],
    ['复制：基础', '原理', '复制：基础：原理'],
    ['キャッシュ', 'まとめ', 'キャッシュ：まとめ'],
  ];
  for (const [topic, word, title] of pairs)
    it(`"${word}" under "${topic}" reads "${title}"`, () => expect(roleTitle(topic, word)).toBe(title));

  it('keeps its number and reads topic first; under the topic as kicker, or beside it in a column, the word alone', () => {
    const d = deck();
    const example = d.slides.find((s) => s.kind === 'code' && s.section === '1.6.1')!;
    expect(heading(example)).toBe('1.6.1 Pumps: Example');
    // 1.5 has no text of its own: its heading is the kicker above "1.5.1 Overview".
    const lights = d.slides.find((s) => s.opens?.heading === '1.5 Lights')!;
    expect(lights.columns?.map(heading) ?? [heading(lights)]).toContain('1.5.1 Overview');
    // Unnumbered role sections of 1.4 under its heading: the words alone.
    const saddles = d.slides.find((s) => s.columns?.some((c) => c.title === 'The Setup'))!;
    expect(saddles.heading).toBe('1.4 Saddles');
    expect(saddles.columns!.map(heading)).toEqual(['The Setup', 'Common Mistakes']);
  });

  it('never shows a role word before its topic ("The Setup Single-Leader Replication")', () => {
    const headings = deck().slides.flatMap((s) => [s, ...(s.columns ?? [])].map(heading));
    expect(headings.filter((h) => /^(?:[\d.]+ )?(?:The Setup|Overview|Example|Common Mistakes) \S/.test(h))).toEqual(
      [],
    );
    // A role word alone only where its topic shows on the same slide.
    for (const s of deck().slides) {
      const shown = [s.opens?.heading ?? '', s.heading ?? '', ...(s.columns ?? []).map((c) => c.title)].join(' | ');
      for (const c of [s, ...(s.columns ?? [])])
        if (isGenericTitle(c.title)) expect(shown, `${s.key} ${c.title}`).toMatch(/Saddles|Lights|Pumps/);
    }
  });

  it("titles every slide of a role part by the word when its topic is the kicker, the code slide's kicker included", () => {
    const d = deckOf(
      '# Chapter 1: Tools\n\n## 1.1 Torque\n\nA torque wrench clicks at the set force.\n\n### How It Works\n\n- A spring holds a ball in a notch until the set force is reached.\n- Past that force the ball jumps out of the notch with a click.\n- The scale on the handle sets how hard the spring presses.\n- Store it at its lowest setting so the spring keeps its strength.\n\nSetting it for a carbon seat post:\n\n```sh\nwrench --set 5Nm\nwrench --check\n```\n\n### Common Mistakes\n\n- Using it to loosen a bolt, which can bend the mechanism.\n',
    );
    const parts = d.slides.filter((s) => s.role?.word === 'How It Works');
    expect(parts.map((s) => [s.kind, heading(s), s.opens?.heading ?? s.context])).toEqual([
      ['section', 'How It Works', '1.1 Torque'],
      ['code', 'How It Works', '1.1 Torque'],
    ]);
  });

  it('joins words in the course language: Chinese with the full-width colon, German keeping its capitals', () => {
    const zh = deckOf(
      '# 第1章：缓存\n\n## 1.1 本地缓存\n\n本地缓存把最近的结果放在进程里。它很快，但每个进程各有一份。重启之后缓存就空了。\n\n### 示例\n\n一个网页服务把用户资料缓存五分钟：\n\n```sh\ncache --ttl 300 profiles\n```\n',
    );
    expect(zh.slides.flatMap((s) => [s, ...(s.columns ?? [])]).map(heading)).toContain('1.1 本地缓存：示例');
    const de = deckOf(
      '# Kapitel 1: Speicher\n\n## 1.1 Zwischenspeicher\n\nEin Zwischenspeicher hält die letzten Antworten bereit. Er ist schnell, aber klein. Nach einem Neustart ist er leer.\n\n### 1.1.1 Beispiel\n\nEin Webdienst hält Profile fünf Minuten lang vor:\n\n```sh\ncache --ttl 300 profile\n```\n',
    );
    expect(de.slides.map(heading)).toContain('1.1.1 Zwischenspeicher: Beispiel');
  });
});

describe('the DDIA decks (pure, no browser)', () => {
  const ddia = readFileSync(new URL('../../shared/courses/ddia-course.md', import.meta.url), 'utf8');
  const { course: real } = courseFromText(ddia, 'ddia-course.md');
  const decks = real.chapters.map((c) => chapterDeck(real, c, { theme: 'light', svg: () => null }));
  const slides = decks.flatMap((d) => d.slides);

  it('folds "4.3 Encoding Formats" and "4.5 Dataflow" into their first subsection slides', () => {
    expect(slides.filter((s) => s.section === '4.3' || s.section === '4.5').map((s) => s.key)).toEqual([]);
    expect(strip(slides.find((s) => s.section === '4.3.1')!.opens!.leadHtml!)).toBe(
      'Kleppmann categorizes encoding formats by scope and trade-offs.',
    );
    expect(slides.find((s) => s.section === '4.5.1')!.opens!.leadHtml).toMatch(/three major integration styles:$/);
  });

  it('never puts a role word before its topic: "5.3.1 The Setup" under the kicker "5.3 Single-Leader Replication"', () => {
    const headings = slides.flatMap((s) => [s, ...(s.columns ?? [])]);
    // The old join put the word in the label: "5.3.1 The Setup" + "Single-Leader Replication".
    expect(headings.filter((h) => h.label && isGenericTitle(h.label.replace(/^[\d.]+\s*/, ''))).map(heading)).toEqual(
      [],
    );
    const setup = slides.find((s) => s.section === '5.3.1' && s.kind === 'section')!;
    expect([setup.opens?.heading, heading(setup)]).toEqual(['👑 5.3 Single-Leader Replication', '5.3.1 The Setup']);
    expect(headings.map(heading)).toContain('6.9 Rebalancing in Practice: Steps');
  });
});
