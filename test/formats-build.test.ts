// The whole pipeline builds every course-format fixture (test/fixtures/formats): maps, decks,
// the study map and the site, with SVG only to keep it cheap. The run's shared browser serves them.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, DEFAULT_BUILD, type BuildResult } from '../src/pipeline/index.ts';
import { htmlText, type Renderer, svgText } from '../src/render/index.ts';
import { sharedRenderer } from './support/browser.ts';

const FIXTURES = ['quarto-book', 'jupyter-book', 'docusaurus-site', 'gitbook', 'day-folders', 'chinese-parts'];

describe('every course format builds', () => {
  const out = mkdtempSync(join(tmpdir(), 'coursemap-formats-'));
  const results = new Map<string, BuildResult>();
  let renderer: Renderer;
  beforeAll(async () => {
    renderer = await sharedRenderer({ cache: false, poolSize: 1 });
    for (const name of FIXTURES) {
      results.set(
        name,
        await build(`test/fixtures/formats/${name}`, {
          ...DEFAULT_BUILD,
          formats: ['svg'],
          outDir: join(out, name),
          cacheDir: false,
          renderer,
        }),
      );
    }
  }, 600_000);
  afterAll(async () => {
    await renderer?.close();
    rmSync(out, { recursive: true, force: true });
  });

  it.each(FIXTURES)('%s: course map, a deck per chapter, the study map and the site name every chapter', (name) => {
    const { course, files } = results.get(name)!;
    const dir = join(out, name);
    expect(files.flatMap((f) => f.messages).filter((m) => m.fatal === true)).toEqual([]);
    const map = svgText(readFileSync(join(dir, 'maps', 'course-map.svg'), 'utf8')).replace(/\s+/g, '');
    const decks = readdirSync(join(dir, 'decks')).filter((f) => /^\d+-.*\.html$/.test(f));
    expect(decks).toHaveLength(course.chapters.length);
    const study = htmlText(readFileSync(join(dir, 'study-map.html'), 'utf8'));
    expect(existsSync(join(dir, 'index.html'))).toBe(true);
    const site = htmlText(readFileSync(join(dir, 'index.html'), 'utf8'));
    for (const chapter of course.chapters) {
      // Map labels wrap and may shorten a long title: its first word is there.
      expect(map, chapter.title).toContain(chapter.title.split(/\s/)[0]!.replace(/\s+/g, ''));
      expect(study, chapter.title).toContain(chapter.title.slice(0, 12));
      expect(site, chapter.title).toContain(chapter.title.slice(0, 12));
    }
  });
});
