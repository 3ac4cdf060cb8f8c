// Visual regression: the bundled sample course (content/) built to PNG and compared, downscaled,
// with the reference images in test/references/sample/ (pixelmatch, small tolerance): one
// chapter map, the course map, the first slide of each kind, and the study map.
// Regenerate after an intended change with UPDATE_REFERENCES=1 and look at the new images.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, DEFAULT_BUILD } from '../src/pipeline/index.ts';
import { downscale } from './support/fonts.ts';
import { sharedBrowser } from './support/browser.ts';

const REFS = join(import.meta.dirname, 'references', 'sample');
const UPDATE = process.env['UPDATE_REFERENCES'] === '1';
/** Share of pixels that may differ (pixelmatch threshold 0.1 on the downscaled images). */
const TOLERANCE = 0.005;

interface Shot {
  name: string;
  file: string;
  factor: number;
}

/** The first slide of each kind, over the chapter decks in order, then the course deck. */
function slideShots(out: string): Shot[] {
  const decks = readdirSync(join(out, 'decks'))
    .filter((f) => f.endsWith('.html'))
    .sort((a, b) => (a === 'course.html' ? 1 : b === 'course.html' ? -1 : parseInt(a, 10) - parseInt(b, 10)));
  const seen = new Set<string>();
  const shots: Shot[] = [];
  for (const deck of decks) {
    const html = readFileSync(join(out, 'decks', deck), 'utf8');
    const kinds = [...html.matchAll(/<section class="cm-slide[^"]*"[^>]*? data-kind="(\w+)"/g)].map((m) => m[1]!);
    for (const [i, kind] of kinds.entries()) {
      if (seen.has(kind)) continue;
      seen.add(kind);
      shots.push({
        name: `slide-${kind}`,
        file: join(out, 'decks', deck.replace(/\.html$/, ''), `slide-${String(i + 1).padStart(2, '0')}.png`),
        factor: 3,
      });
    }
  }
  return shots;
}

describe('visual regression of the bundled sample course', () => {
  let out: string;
  let shots: Shot[];
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'coursemap-visual-'));
    await build('content', {
      ...DEFAULT_BUILD,
      ...sharedBrowser(),
      formats: ['svg', 'png'],
      outDir: out,
      cacheDir: false,
    });
    const chapterMap = readdirSync(join(out, 'maps')).find((f) => /^1-.*\.png$/.test(f))!;
    shots = [
      { name: 'chapter-map', file: join(out, 'maps', chapterMap), factor: 2 },
      { name: 'course-map', file: join(out, 'maps', 'course-map.png'), factor: 2 },
      ...slideShots(out),
      { name: 'study-map', file: join(out, 'study-map.png'), factor: 8 },
    ];
  }, 900_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('covers a chapter map, the course map, every slide kind and the study map', () => {
    expect(shots.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'chapter-map',
        'course-map',
        'slide-title',
        'slide-agenda',
        'slide-section',
        'slide-analogy',
        'slide-table',
        'slide-map',
        'slide-summary',
        'study-map',
      ]),
    );
    for (const s of shots) expect(existsSync(s.file), s.file).toBe(true);
  });

  it('each image matches its reference within the tolerance', () => {
    mkdirSync(REFS, { recursive: true });
    const failures: string[] = [];
    for (const s of shots) {
      const actual = downscale(PNG.sync.read(readFileSync(s.file)), s.factor);
      const ref = join(REFS, `${s.name}.png`);
      if (UPDATE || !existsSync(ref)) {
        writeFileSync(ref, PNG.sync.write(actual));
        if (!UPDATE)
          failures.push(`${s.name}: no reference image; wrote ${ref} (run with UPDATE_REFERENCES=1 to accept)`);
        continue;
      }
      const expected = PNG.sync.read(readFileSync(ref));
      if (expected.width !== actual.width || expected.height !== actual.height) {
        failures.push(`${s.name}: ${actual.width}×${actual.height}, reference ${expected.width}×${expected.height}`);
        continue;
      }
      const diff = new PNG({ width: actual.width, height: actual.height });
      const n = pixelmatch(actual.data, expected.data, diff.data, actual.width, actual.height, { threshold: 0.1 });
      if (n / (actual.width * actual.height) > TOLERANCE) {
        const diffFile = join(out, `${s.name}.diff.png`);
        writeFileSync(diffFile, PNG.sync.write(diff));
        failures.push(`${s.name}: ${n} pixels differ (${((100 * n) / (actual.width * actual.height)).toFixed(2)} %)`);
      }
    }
    expect(failures).toEqual([]);
  }, 180_000);
});
