// Diagram slides in handouts are measured against the handout page (issue 27): a slide printed in a
// 3-up frame shrinks a 6 px diagram label to 1.5 pt, so a diagram slide whose labels would print
// under 6 pt (the handout's smallest notes type) is printed again on a page of its own after the
// slides — across the page, or turned a quarter when that prints it larger — and a figure still
// under 9 pt there is warned about at the diagram's fence. Pure sizes, then a built handout of
// test/fixtures/fit/zoom.md (a tall state diagram, a small flowchart) measured with pdftotext.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figureBox, handoutHtml, handoutPages } from '../src/generate/print/handout.ts';
import { framePt, frameWidthMm, handoutFigure } from '../src/generate/print/handout-figures.ts';
import { pageBox } from '../src/generate/print/paper.ts';
import { build, type BuildResult } from '../src/pipeline/index.ts';
import type { Renderer } from '../src/render/index.ts';
import { sharedBuild, sharedRenderer } from './support/browser.ts';

const svg = (w: number, h: number) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}"><style>#d{font-size:16px;}</style><text>x</text></svg>`;

describe('handout figure sizes', () => {
  const box = pageBox('a4', 'portrait');
  it('prints a slide label at the frame scale: 14 px is about 3 pt in a 3-up frame, 5.8 pt alone on a page', () => {
    expect(frameWidthMm(3, 186)).toBeCloseTo(96.72);
    expect(framePt(14, frameWidthMm(3, 186))).toBeCloseTo(3.0, 1);
    expect(framePt(14, frameWidthMm(1, 186))).toBeCloseTo(5.8, 1);
    expect(frameWidthMm(6, 186)).toBe(90);
  });

  it('turns a wide diagram on the tall page, never a tall one', () => {
    const page = figureBox(box);
    const wide = handoutFigure(4, 'Slide 4 · <Flow>', svg(2400, 500), page);
    expect(wide.turned).toBe(true);
    expect(wide.heading).toBe('Slide 4 · &lt;Flow&gt;');
    expect(handoutFigure(5, 'Tall', svg(500, 1400), page).turned).toBe(false);
    const html = handoutHtml({
      lang: 'en',
      courseTitle: 'C',
      deckTitle: 'D',
      slides: [{ number: 1, title: 'One', notes: '' }],
      layout: 3,
      lines: false,
      box,
      words: { slide: '', notes: 'Notes' },
      figures: [wide],
    });
    expect(html.match(/class="sheet/g)).toHaveLength(2);
    expect(html).toContain('<section class="sheet figure-sheet" data-slide="4">');
    expect(html).toContain('class="figure turned"');
    expect(handoutPages(1, 3, 1)).toBe(2);
  });
});

describe('a handout with a tall state diagram (Chromium, pdftotext)', () => {
  let tmp: string;
  let renderer: Renderer;
  let result: BuildResult;
  let pages: Array<Array<{ word: string; pt: number }>>;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'coursemap-handout-figures-'));
    renderer = await sharedRenderer({ cache: false, poolSize: 1 });
    result = await build(
      'test/fixtures/fit/zoom.md',
      sharedBuild({ outDir: join(tmp, 'out'), formats: ['svg', 'handout'], cacheDir: join(tmp, 'cache') }),
    );
    const text = execFileSync('pdftotext', ['-bbox', join(tmp, 'out', 'handouts', '1-a-parcel-s-life.pdf'), '-'], {
      encoding: 'utf8',
    });
    pages = text
      .split(/<page /)
      .slice(1)
      .map((p) =>
        [...p.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(
          (m) => ({ word: m[3]!, pt: (Number(m[2]) - Number(m[1])) / 1.164 }),
        ),
      );
  }, 600_000);
  afterAll(async () => {
    await renderer?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  const states = ['LabelPrinted', 'SortedAtHub', 'HeldForCustoms', 'ReturnedToSender'];
  const sizes = (page: Array<{ word: string; pt: number }>) =>
    page.filter((w) => states.includes(w.word)).map((w) => w.pt);

  it('prints the diagram again on a page of its own after the slides, its labels five times larger', () => {
    // The slides three a page, then one figure page: the small flowchart reads in its frame.
    expect(pages).toHaveLength(3);
    const thumb = sizes(pages.slice(0, -1).flat());
    const figure = sizes(pages.at(-1)!);
    expect(thumb.length).toBeGreaterThanOrEqual(4);
    expect(figure.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...thumb)).toBeLessThan(6);
    expect(Math.min(...figure)).toBeGreaterThan(5 * Math.max(...thumb));
    expect(pages.at(-1)!.some((w) => w.word === 'Recipient')).toBe(false);
  });

  it('warns at the fence when even its own page prints it under 9 pt', () => {
    const warned = result.files.flatMap((f) =>
      f.messages
        .filter((m) => m.ruleId === 'diagram-unreadable' && m.reason.includes('in the handout'))
        .map((m) => `${m.line}:${m.column} ${m.reason}`),
    );
    expect(warned).toEqual([
      expect.stringMatching(
        /^12:1 diagrams\/1-a-parcel-s-life-1: text would be \d\.\d pt in the handout handouts\/1-a-parcel-s-life\.pdf \(under 9 pt\), even at full width or split$/,
      ),
    ]);
    expect(Math.min(...sizes(pages.at(-1)!))).toBeLessThan(9);
  });
});
