// Authored diagrams read on their slides (issue 27): built decks opened in Chromium at 1280 × 720,
// the smallest label of every diagram slide measured (font size × the SVG's scale on screen).
// A fixture course in the project's words has a staircase map with %% sections, a wide chain in
// three subgraphs, a small flowchart and a tall state diagram nothing can re-flow; the DDIA
// systems map (a long `graph TD` staircase) is built in a small course of its own. Controls: the
// whole diagrams would be far under 14 px on one slide.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_SLIDE_TEXT, slideTextPx } from '../src/generate/diagram-fit.ts';
import { loadCourse } from '../src/index.ts';
import { build, type BuildResult } from '../src/pipeline/index.ts';
import type { Renderer } from '../src/render/index.ts';
import { sharedBuild, sharedRenderer } from './support/browser.ts';
import { measureDiagramSlides, type DiagramSlide } from './support/diagram-slides.ts';
import { onPage, SLIDE } from './support/page.ts';

const FIXTURE = 'test/fixtures/fit/course.md';
const DDIA = '../shared/courses/ddia-course.md';

let tmp: string;
let renderer: Renderer;
const built: Record<string, BuildResult> = {};
const slides: Record<string, DiagramSlide[]> = {};
const mapsLines: Record<string, string> = {};

const deckSlides = (file: string): Promise<DiagramSlide[]> =>
  onPage(renderer, file, { ...SLIDE, ready: 'deck' }, (page) => page.evaluate(measureDiagramSlides));

const messages = (r: BuildResult, rule: string) =>
  r.files.flatMap((f) => f.messages.filter((m) => m.ruleId === rule).map((m) => `${m.line}:${m.column} ${m.reason}`));

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'coursemap-fit-'));
  renderer = await sharedRenderer({ cache: false, poolSize: 1 });
  // The DDIA systems map at the end of a small course, as DDIA has it: a section after the chapters.
  const ddia = (await loadCourse(DDIA)).course.diagrams[0]!;
  const mini = join(tmp, 'systems.md');
  writeFileSync(
    mini,
    `# Systems\n\n## Chapter 1: One\n\nA chapter about one thing.\n\n## Chapter 2: Two\n\nA chapter about another thing.\n\n## Systems map\n\nThe course as one map:\n\n\`\`\`mermaid\n${ddia.source.replace(/\n?$/, '\n')}\`\`\`\n`,
  );
  for (const [name, input] of [
    ['fixture', FIXTURE],
    ['ddia', mini],
  ] as const) {
    built[name] = await build(
      input,
      sharedBuild({
        outDir: join(tmp, name),
        formats: ['svg'],
        cacheDir: join(tmp, 'cache'),
        onPhase: (phase, detail) => {
          if (phase === 'maps') mapsLines[name] = detail;
        },
      }),
    );
  }
  for (const deck of ['1-serving-requests', '2-keeping-data'])
    slides[deck] = await deckSlides(join(tmp, 'fixture', 'decks', `${deck}.html`));
  slides['ddia'] = await deckSlides(join(tmp, 'ddia', 'decks', 'course.html'));
}, 900_000);
afterAll(async () => {
  await renderer?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('the DDIA systems map on its slides', () => {
  it('would be far too small whole (control)', () => {
    expect(slideTextPx(readFileSync(join(tmp, 'ddia', 'diagrams', 'course-1.svg'), 'utf8'))).toBeLessThan(5);
  });

  it('counts its parts as diagrams of the maps line (once "-7 reused")', () => {
    const svgs = ['maps', 'diagrams'].flatMap((d) =>
      readdirSync(join(tmp, 'ddia', d)).filter((f) => f.endsWith('.svg')),
    ).length;
    expect(svgs).toBeGreaterThan(7);
    // A fresh cache: the parts measured to choose the split come from it, the rest are rendered.
    const m = /^(\d+) diagrams \((\d+) rendered, (\d+) from cache, (\d+) reused\)$/.exec(mapsLines['ddia'] ?? '');
    expect(m, mapsLines['ddia']).not.toBeNull();
    expect(Number(m![1])).toBe(svgs);
    expect(Number(m![2]) + Number(m![3])).toBe(svgs);
    expect(m![4]).toBe('0');
  });

  it('is split at its %% sections, a slide each, every label at least 14 px', () => {
    const parts = slides['ddia']!.filter((s) => s.diagram.startsWith('diagrams/course-1-part-'));
    expect(parts.length).toBeGreaterThanOrEqual(6);
    expect(slides['ddia']!.filter((s) => s.diagram === 'diagrams/course-1')).toEqual([]);
    expect(parts.map((s) => s.title)).toEqual(
      parts.map((_s, i) => expect.stringMatching(new RegExp(`\\(${i + 1}/${parts.length}\\)$`)) as unknown as string),
    );
    expect(parts[0]!.title).toBe(`Foundations (1/${parts.length})`);
    expect(parts[1]!.title).toBe(`Distributed Data (2/${parts.length})`);
    for (const s of parts) expect(s.minText, s.title).toBeGreaterThanOrEqual(MIN_SLIDE_TEXT);
  });

  it('says so at the block, and warns of nothing unreadable', () => {
    expect(messages(built['ddia']!, 'diagram-reflowed')).toEqual([
      expect.stringMatching(
        /^15:1 diagrams\/course-1: too small to read on a slide whole \(text 2\.\d px\); split into \d slides, smallest text 1[4-9]\.\d px$/,
      ),
    ]);
    expect(messages(built['ddia']!, 'diagram-unreadable')).toEqual([]);
  });
});

describe('fixture diagrams on their slides', () => {
  it('splits a wide chain by subgraph and a staircase by %% section, each label ≥ 14 px', () => {
    const deck = slides['2-keeping-data']!;
    expect(deck.map((s) => s.title)).toEqual([
      'Hot tier (1/3)',
      'Warm tier (2/3)',
      'Cold tier (3/3)',
      'Requests (1/4)',
      'Data (2/4)',
      'Operations (3/4)',
      'Growth (4/4)',
    ]);
    for (const s of deck) expect(s.minText, s.title).toBeGreaterThanOrEqual(MIN_SLIDE_TEXT);
    for (const name of ['2-keeping-data-1', '2-keeping-data-2']) {
      expect(slideTextPx(readFileSync(join(tmp, 'fixture', 'diagrams', `${name}.svg`), 'utf8')), name).toBeLessThan(8);
    }
    for (const f of ['2-keeping-data-1-part-3.svg', '2-keeping-data-1-part-3.mmd', '2-keeping-data-2-part-4.svg'])
      expect(existsSync(join(tmp, 'fixture', 'diagrams', f)), f).toBe(true);
  });

  it('leaves a diagram that reads alone, and gives a tall one that cannot be re-flowed its own slide and a warning', () => {
    const [small, tall] = slides['1-serving-requests']!;
    expect(small!.diagram).toBe('diagrams/1-serving-requests-1');
    expect(small!.minText).toBeGreaterThanOrEqual(MIN_SLIDE_TEXT);
    expect(tall!.diagram).toBe('diagrams/1-serving-requests-2');
    expect(tall!.kind).toBe('diagram');
    expect(tall!.minText).toBeLessThan(MIN_SLIDE_TEXT);
    const course = join(tmp, 'fixture');
    expect(existsSync(join(course, 'diagrams', '1-serving-requests-1-part-1.svg'))).toBe(false);
    expect(messages(built['fixture']!, 'diagram-unreadable')).toEqual([
      expect.stringMatching(
        /^20:1 diagrams\/1-serving-requests-2: text would be \d+\.\d px on its slide \(under 14 px\) and no re-flow or split fits$/,
      ),
    ]);
    expect(messages(built['fixture']!, 'diagram-reflowed').map((m) => m.split(' ').slice(0, 2).join(' '))).toEqual([
      '48:1 diagrams/2-keeping-data-1:',
      '67:1 diagrams/2-keeping-data-2:',
    ]);
  });
});
