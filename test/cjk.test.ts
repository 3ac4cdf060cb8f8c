// A Chinese course (test/fixtures/cjk, written for this test) renders with no missing glyph:
// every character of its maps, a deck and the study map is covered by a face the output embeds,
// and the study map page really loads the CJK face (document.fonts in Chromium).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, DEFAULT_BUILD } from '../src/pipeline/index.ts';
import { htmlText, svgText, withDocumentPage, withRenderer } from '../src/render/index.ts';
import { embeddedFaces, uncovered } from './support/fonts.ts';
import { sharedBrowser } from './support/browser.ts';
import { runCache } from './support/run-cache.ts';

const COURSE = 'test/fixtures/cjk/chinese-course.md';

describe('a Chinese course shows no tofu', () => {
  let out: string;
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'coursemap-cjk-'));
    await build(COURSE, { ...DEFAULT_BUILD, ...sharedBrowser(), formats: ['svg'], outDir: out, cacheDir: runCache() });
  }, 300_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('names its outputs in readable Chinese, the same stem for every output of a chapter', () => {
    const stems = (dir: string, ext: string) =>
      readdirSync(join(out, dir))
        .filter((f) => f.endsWith(ext))
        .map((f) => f.slice(0, -ext.length))
        .sort();
    const decks = stems('decks', '.html').filter((s) => s !== 'course');
    expect(decks).toEqual(['1-水源与取水', '2-净水厂', '3-管网与水压', '4-污水处理']);
    expect(stems('maps', '.svg').filter((s) => s !== 'course-map')).toEqual(decks);
    expect(stems('chapters', '.html')).toEqual(decks);
  });

  it('every character of every map is covered by an embedded face (Noto Sans SC for the Chinese)', async () => {
    const svgs = readdirSync(join(out, 'maps')).filter((f) => f.endsWith('.svg'));
    expect(svgs).toHaveLength(5);
    for (const f of svgs) {
      const svg = readFileSync(join(out, 'maps', f), 'utf8');
      const text = svgText(svg);
      expect(text, f).toMatch(/[\u4e00-\u9fff]/);
      const faces = await embeddedFaces(svg);
      expect(
        faces.map((x) => x.family),
        f,
      ).toContain('Noto Sans SC');
      expect(uncovered(text, faces), f).toEqual([]);
    }
  });

  it('a chapter deck and the course deck embed faces for every character they show', async () => {
    const decks = readdirSync(join(out, 'decks')).filter((f) => f.endsWith('.html'));
    for (const f of [decks.find((d) => d.startsWith('1-'))!, 'course.html']) {
      const html = readFileSync(join(out, 'decks', f), 'utf8');
      const faces = await embeddedFaces(html);
      expect(html.match(/<style id="coursemap-fonts">/g), f).toHaveLength(1);
      expect(uncovered(htmlText(html), faces), f).toEqual([]);
      // The interface words are Chinese too (the course language is detected) and covered as well.
      expect(html, f).toContain('<html lang="zh"');
      expect(html, f).toContain(f === 'course.html' ? '<h2>课程地图</h2>' : '<h2>概念图</h2>');
    }
  });

  it('the study map embeds faces for all its text, and Chromium loads the CJK face', async () => {
    const file = join(out, 'study-map.html');
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('城市里的水');
    expect(uncovered(htmlText(html), await embeddedFaces(html))).toEqual([]);
    const loaded = await withRenderer({ ...sharedBrowser(), cache: false, poolSize: 1 }, (r) =>
      withDocumentPage(r, { file, width: 1600, height: 1100 }, (page) =>
        page.evaluate(async () => {
          await document.fonts.ready;
          return [
            ...new Set(
              Array.from(document.fonts)
                .filter((f) => f.status === 'loaded')
                .map((f) => f.family.replace(/"/g, '')),
            ),
          ].sort();
        }),
      ),
    );
    expect(loaded).toEqual(expect.arrayContaining(['DejaVu Sans', 'Noto Sans SC']));
  }, 120_000);
});
