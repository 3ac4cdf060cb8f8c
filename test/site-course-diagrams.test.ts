// The course's own diagrams (outside every chapter: a closing "Systems map", an "Opening hours"
// state diagram) are shown on the site's home page (issue 27), each in a section titled as on the
// course deck and drawn as a chapter page draws its diagrams. Built from test/fixtures/fit/
// systems.md (the project's words) and measured in Chromium at 1280 px: every figure's smallest
// label ≥ 12 px, or the figure is zoomable. Pure: titles, parts and the zoomable overview.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_SCREEN_TEXT } from '../src/generate/diagram-page.ts';
import { courseDiagramSections } from '../src/generate/site/course-diagrams.ts';
import { STRINGS } from '../src/generate/strings.ts';
import { courseFromText } from '../src/load.ts';
import { build } from '../src/pipeline/index.ts';
import type { Renderer } from '../src/render/index.ts';
import { sharedBuild, sharedRenderer } from './support/browser.ts';

const FIXTURE = 'test/fixtures/fit/systems.md';
const svg = (w: number, h: number, label: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}"><text>${label}</text></svg>`;

describe('courseDiagramSections', () => {
  const { course } = courseFromText(readFileSync(FIXTURE, 'utf8'), 'systems.md');
  const words = { fullSize: 'Full size', pan: 'Pan' };

  it('titles each course-level diagram by its section and draws it whole, as parts, or zoomable', () => {
    expect(course.diagrams).toHaveLength(2);
    const drawn: Record<string, string> = {
      'diagrams/course-1': svg(3000, 200, 'whole map'),
      'diagrams/course-1-part-1': svg(700, 200, 'lending part'),
      'diagrams/course-1-part-2': svg(800, 200, 'buying part'),
      'diagrams/course-2': svg(4000, 300, 'tall states'),
    };
    const sections = courseDiagramSections(
      course,
      {
        svg: (n) => drawn[n] ?? null,
        parts: (n) =>
          n === 'diagrams/course-1'
            ? [
                { name: 'diagrams/course-1-part-1', title: 'Lending desk' },
                { name: 'diagrams/course-1-part-2', title: 'Acquisitions' },
              ]
            : undefined,
        words,
      },
      STRINGS['en']!,
    );
    expect(sections.map((s) => [s.id, s.title])).toEqual([
      ['diagram-1', 'Systems map'],
      ['diagram-2', 'Opening hours'],
    ]);
    expect(sections[0]!.html).toContain('<figcaption>Lending desk (1/2)</figcaption>');
    expect(sections[0]!.html).not.toContain('whole map');
    expect(sections[1]!.html).toContain('diagram-zoom');
    // Not rendered: no section.
    expect(courseDiagramSections(course, { svg: () => null, words }, STRINGS['en']!)).toEqual([]);
  });
});

describe('the home page of a course with course-level diagrams (Chromium, 1280 px)', () => {
  let tmp: string;
  let renderer: Renderer;
  let home: Array<{ id: string; title: string; figures: Array<{ zoom: boolean; min: number }> }>;
  let chapterPage: string;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'coursemap-site-diagrams-'));
    renderer = await sharedRenderer({ cache: false, poolSize: 1 });
    await build(FIXTURE, sharedBuild({ outDir: join(tmp, 'out'), formats: ['svg'], cacheDir: join(tmp, 'cache') }));
    chapterPage = readFileSync(join(tmp, 'out', 'chapters', '1-lending.html'), 'utf8');
    const { browser } = await renderer.sharedBrowser();
    const context = await browser.createBrowserContext();
    try {
      const page = await context.newPage();
      await page.setViewport({ width: 1280, height: 900 });
      await page.goto(pathToFileURL(join(tmp, 'out', 'index.html')).href, { waitUntil: 'load' });
      home = await page.$$eval('section.course-diagram', (sections) =>
        sections.map((s) => ({
          id: s.id,
          title: s.querySelector('h2')?.textContent ?? '',
          figures: [...s.querySelectorAll('figure.diagram')].map((f) => {
            const svg = f.querySelector('svg')!;
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            const labels = [...svg.querySelectorAll('text')].filter(
              (e) => (e.textContent ?? '').trim() !== '' && e.getBoundingClientRect().width > 0,
            );
            return {
              zoom: f.classList.contains('diagram-zoom'),
              min: Math.min(...labels.map((e) => parseFloat(getComputedStyle(e).fontSize) * scale)),
            };
          }),
        })),
      );
    } finally {
      await context.close();
    }
  }, 600_000);
  afterAll(async () => {
    await renderer?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('shows both diagrams in sections titled as in the course, each label at least 12 px', () => {
    expect(home.map((s) => [s.id, s.title])).toEqual([
      ['diagram-1', 'Systems map'],
      ['diagram-2', 'Opening hours'],
    ]);
    for (const s of home) {
      expect(s.figures.length, s.title).toBeGreaterThan(0);
      for (const f of s.figures) if (!f.zoom) expect(f.min, s.title).toBeGreaterThanOrEqual(MIN_SCREEN_TEXT);
    }
  });

  it('keeps them off the chapter pages', () => {
    expect(chapterPage).not.toContain('data-diagram="diagrams/course-');
  });
});
