// The book draws a diagram's parts for its page (issue 27): the DDIA systems map (a long
// `graph TD` staircase, loaded from the shared course at run time, never committed) is split as on
// the slides, but each part is drawn in the direction that reads larger on a tall A4 page and
// halved while still small, so that every label prints at ≥ 9 pt; before, its slide parts printed
// at 6.6 pt and the build only warned. Measured in the book PDF (pdftotext word boxes).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inDirection, MIN_PRINT_TEXT_PT, printTextPt } from '../src/generate/diagram-page.ts';
import { BOOK_MARGIN } from '../src/generate/print/book.ts';
import { pageBox } from '../src/generate/print/paper.ts';
import { loadCourse } from '../src/index.ts';
import { build, type BuildResult } from '../src/pipeline/index.ts';
import type { Renderer } from '../src/render/index.ts';
import { sharedBuild, sharedRenderer } from './support/browser.ts';

const DDIA = '../shared/courses/ddia-course.md';
let tmp: string;
let renderer: Renderer;
let result: BuildResult;
let labels: Set<string>;

/** Words of each page of a PDF with their font size (pt, from the box height: DejaVu's 1.164 em). */
function pdfPages(pdf: string): Array<Array<{ word: string; pt: number }>> {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return html
    .split(/<page /)
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(
        (m) => ({ word: m[3]!, pt: (Number(m[2]) - Number(m[1])) / 1.164 }),
      ),
    );
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'coursemap-book-parts-'));
  renderer = await sharedRenderer({ cache: false, poolSize: 1 });
  const map = (await loadCourse(DDIA)).course.diagrams[0]!;
  labels = new Set(
    [...map.source.matchAll(/\[([^\]]+)\]/g)].flatMap((m) =>
      m[1]!.split(/\s+/).filter((w) => /^[A-Z][a-z]{4,}/.test(w)),
    ),
  );
  const file = join(tmp, 'systems.md');
  writeFileSync(
    file,
    `# Systems\n\n## Chapter 1: One\n\nA chapter about one thing.\n\n## Chapter 2: Two\n\nA chapter about another thing.\n\n## Systems map\n\nThe course as one map:\n\n\`\`\`mermaid\n${map.source.replace(/\n?$/, '\n')}\`\`\`\n`,
  );
  result = await build(
    file,
    sharedBuild({ outDir: join(tmp, 'out'), formats: ['svg', 'book'], cacheDir: join(tmp, 'cache') }),
  );
}, 900_000);
afterAll(async () => {
  await renderer?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('the DDIA systems map in the book', () => {
  const box = pageBox('a4', 'portrait');
  const page = {
    wMm: box.widthMm - BOOK_MARGIN.left - BOOK_MARGIN.right,
    hMm: box.heightMm - BOOK_MARGIN.top - BOOK_MARGIN.bottom - 20,
  };

  it('would print under 9 pt as the slide parts, even on whole pages (control)', () => {
    const dir = join(tmp, 'out', 'diagrams');
    const parts = readdirSync(dir).filter((f) => /^course-1-part-\d+\.svg$/.test(f));
    expect(parts.length).toBeGreaterThanOrEqual(6);
    const smallest = Math.min(...parts.map((f) => printTextPt(readFileSync(join(dir, f), 'utf8'), page)));
    expect(smallest).toBeLessThan(MIN_PRINT_TEXT_PT);
  });

  it('prints every label of its parts at 9 pt or more, with no warning', () => {
    const pages = pdfPages(join(tmp, 'out', 'book.pdf'));
    // The map's pages: those captioned "(i/n)" after the course map.
    const mapPages = pages.filter((words) => words.some((w) => /^\(\d+\/\d+\)$/.test(w.word)));
    expect(mapPages.length).toBeGreaterThanOrEqual(2);
    // Each page's first word is the running header (the course title, 6 pt).
    const drawn = mapPages.flatMap((words) => words.slice(1)).filter((w) => labels.has(w.word.replace(/[:,]$/, '')));
    expect(drawn.length).toBeGreaterThan(20);
    for (const w of drawn) expect(w.pt, w.word).toBeGreaterThanOrEqual(MIN_PRINT_TEXT_PT - 0.2);
    const warnings = result.files.flatMap((f) =>
      f.messages.filter((m) => m.ruleId === 'diagram-unreadable').map((m) => m.reason),
    );
    expect(warnings).toEqual([]);
  });
});

describe('inDirection', () => {
  it('turns flowcharts, state and class diagrams, and leaves types without a direction', () => {
    expect(inDirection('graph TD\nA --> B', 'LR')).toBe('graph LR\nA --> B');
    expect(inDirection('flowchart\nA --> B', 'TD')).toBe('flowchart TD\nA --> B');
    expect(inDirection('stateDiagram-v2\n  A --> B', 'LR')).toBe('stateDiagram-v2\n  direction LR\n  A --> B');
    expect(inDirection('classDiagram\n  direction LR\n  A --> B', 'TD')).toBe(
      'classDiagram\n  direction TB\n  A --> B',
    );
    expect(inDirection('sequenceDiagram\n  A->>B: hi', 'TD')).toBeNull();
  });
});
