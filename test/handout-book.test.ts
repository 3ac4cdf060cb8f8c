// Handouts and the book, built from DDIA and read back: page counts, bookmarks (pdf-lib), text
// (pdftotext), title and language, the contents' page numbers, every chapter and section title
// in order, every authored diagram; the looks measured on rasterised pages (slides drawn in
// their frames at 16:9, ruled lines when asked). A small course checks 6 a page and Letter.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, PDFName } from 'pdf-lib';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookHeadings, bookHtml } from '../src/generate/print/book.ts';
import { pageBox } from '../src/generate/print/paper.ts';
import { loadCourse } from '../src/index.ts';
import { build, DEFAULT_BUILD, type BuildOptions } from '../src/pipeline/index.ts';
import { pdfOutline } from '../src/render/documents/paged.ts';
import { sharedBrowser } from './support/browser.ts';
import { DDIA as ddia, ddiaFixture, ddiaOut, DDIA_TIMEOUT } from './support/ddia.ts';

const bees = fileURLToPath(new URL('./fixtures/study/course.md', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'coursemap-handout-test-'));
const options = (out: string, extra: Partial<BuildOptions> = {}): BuildOptions => ({
  ...DEFAULT_BUILD,
  ...sharedBrowser(),
  outDir: join(tmp, out),
  formats: ['svg', 'handout', 'book'],
  cacheDir: join(tmp, 'cache'),
  ...extra,
});
let messages: string[] = [];

beforeAll(async () => {
  messages = (await ddiaFixture()).messages.map((m) => `${m.ruleId}: ${m.reason}`);
}, DDIA_TIMEOUT);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const text = (pdf: string, first?: number, last?: number) => {
  const args = [...(first ? ['-f', String(first)] : []), ...(last ? ['-l', String(last)] : []), pdf, '-'];
  return spawnSync('pdftotext', args, { encoding: 'utf8' }).stdout;
};
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Page `n` (1-based) rasterised at `dpi`. */
function raster(pdf: string, n: number, dpi = 40): PNG {
  const out = spawnSync('pdftoppm', ['-png', '-r', String(dpi), '-f', String(n), '-l', String(n), pdf], {
    maxBuffer: 64 << 20,
  });
  return PNG.sync.read(out.stdout);
}

/** Share of non-white pixels in a box given in fractions of the page. */
function ink(png: PNG, box: { x0: number; y0: number; x1: number; y1: number }): number {
  let dark = 0;
  let all = 0;
  for (let y = Math.floor(box.y0 * png.height); y < Math.floor(box.y1 * png.height); y++) {
    for (let x = Math.floor(box.x0 * png.width); x < Math.floor(box.x1 * png.width); x++) {
      const i = (y * png.width + x) * 4;
      all++;
      if (png.data[i]! + png.data[i + 1]! + png.data[i + 2]! < 720) dark++;
    }
  }
  return dark / Math.max(1, all);
}

describe('DDIA handouts', () => {
  const dir = join(ddiaOut(), 'handouts');
  const slidesOf = (slug: string) =>
    (readFileSync(join(ddiaOut(), 'decks', `${slug}.html`), 'utf8').match(/<section class="cm-slide/g) ?? []).length;

  it('has one handout per deck, 3 slides a page, a bookmark per slide under the deck title', async () => {
    const decks = readdirSync(join(ddiaOut(), 'decks'))
      .filter((f) => f.endsWith('.html'))
      .map((f) => f.replace(/\.html$/, ''))
      .sort();
    expect(readdirSync(dir).sort()).toEqual(decks.map((d) => `${d}.pdf`));
    for (const slug of decks) {
      const pdf = await PDFDocument.load(readFileSync(join(dir, `${slug}.pdf`)), { updateMetadata: false });
      const slides = slidesOf(slug);
      // After the slides, a figure page for each diagram slide too small in its frame (at most one per diagram).
      const html = readFileSync(join(ddiaOut(), 'decks', `${slug}.html`), 'utf8');
      const diagrams = (html.match(/<figure class="cm-figure cm-diagram/g) ?? []).length;
      expect(pdf.getPageCount(), slug).toBeGreaterThanOrEqual(Math.ceil(slides / 3));
      expect(pdf.getPageCount(), slug).toBeLessThanOrEqual(Math.ceil(slides / 3) + diagrams);
      const outline = await pdfOutline(readFileSync(join(dir, `${slug}.pdf`)));
      expect(outline.filter((o) => o.depth === 1)).toHaveLength(slides);
      expect(outline[0]!.depth).toBe(0);
      // Slide k's bookmark points at page ⌊(k-1)/3⌋.
      expect(outline.filter((o) => o.depth === 1).map((o) => o.page)).toEqual(
        Array.from({ length: slides }, (_, k) => Math.floor(k / 3)),
      );
    }
  });

  it('prints the header, page numbers, the slides and their notes as text; tagged, titled, in the course language', async () => {
    const file = join(dir, '5-replication.pdf');
    const all = text(file);
    expect(all).toContain('Designing Data-Intensive Applications');
    expect(all).toContain('5. Replication');
    const pages = (await PDFDocument.load(readFileSync(file))).getPageCount();
    expect(squash(all)).toContain(`Page 1 of ${pages}`);
    expect(squash(all)).toContain(`Page ${pages} of ${pages}`);
    // Notes: the source reference of the title slide; slide text: drawn from the deck's own PDF page (vector, searchable).
    expect(all).toMatch(/ddia-course\.md:\d+/);
    expect(squash(all)).toContain('Multi-Leader Replication');
    const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
    expect(String(doc.catalog.get(PDFName.of('Lang')))).toBe('(en)');
    expect(String(doc.catalog.get(PDFName.of('MarkInfo')))).toContain('/Marked true');
    expect(doc.getTitle()).toContain('5. Replication');
  });

  it('looks like a handout: each slide drawn at 16:9 in the left column, its frame filled', () => {
    const png = raster(join(dir, '5-replication.pdf'), 2, 60);
    const dark = (x: number, y: number) => {
      const i = (y * png.width + x) * 4;
      return png.data[i]! + png.data[i + 1]! + png.data[i + 2]! < 740;
    };
    // The frame's left border: the longest vertical run of ink near the left margin (12 mm).
    const x0 = Math.round((12 / 210) * png.width);
    let best = { x: 0, top: 0, length: 0 };
    for (let x = x0 - 3; x <= x0 + 3; x++) {
      let run = 0;
      for (let y = Math.floor(0.08 * png.height); y < Math.floor(0.45 * png.height); y++) {
        run = dark(x, y) ? run + 1 : 0;
        if (run > best.length) best = { x, top: y - run + 1, length: run };
      }
    }
    // Its top border: the longest horizontal run of ink on the rows around the frame's top.
    let width = 0;
    for (let y = best.top - 1; y <= best.top + 2; y++) {
      let run = 0;
      for (let x = best.x; x < png.width; x++) (run = dark(x, y) ? run + 1 : 0), (width = Math.max(width, run));
    }
    expect(best.length).toBeGreaterThan(0.15 * png.height);
    expect(width / best.length).toBeGreaterThan(1.65);
    expect(width / best.length).toBeLessThan(1.9);
    // The slide column is 52 % of the 186 mm content width.
    expect(width / png.width).toBeCloseTo((0.52 * 186) / 210, 1);
    // The slide is drawn inside: ink in the frame beyond its borders.
    expect(
      ink(png, {
        x0: (best.x + 4) / png.width,
        x1: (best.x + width - 4) / png.width,
        y0: (best.top + 4) / png.height,
        y1: (best.top + best.length - 4) / png.height,
      }),
    ).toBeGreaterThan(0.02);
  });
});

describe('DDIA book', async () => {
  const file = join(ddiaOut(), 'book.pdf');
  const { course } = await loadCourse(ddia);

  it('has a bookmark for every part, chapter and section, in order and nested', async () => {
    const outline = await pdfOutline(readFileSync(file));
    expect(outline.map((o) => `${o.depth} ${squash(o.title)}`)).toEqual(
      bookHeadings(course).map((h) => `${h.depth} ${squash(h.title)}`),
    );
    expect(outline.filter((o) => o.depth === 0).length).toBe(course.parts.length + 1); // the parts, then the course map
  });

  it('prints every chapter and section title in order, after a title page and the contents', () => {
    const all = squash(text(file));
    expect(all.startsWith('Designing Data-Intensive Applications')).toBe(true);
    let at = all.indexOf('Agenda');
    expect(at).toBeGreaterThan(0);
    const body = all.indexOf(squash(bookHeadings(course)[0]!.title), at + 200);
    at = body;
    for (const h of bookHeadings(course)) {
      const i = all.indexOf(squash(h.title), at);
      expect(i, h.title).toBeGreaterThanOrEqual(at);
      at = i;
    }
  });

  it('lists each chapter in the contents with the page its bookmark points to', async () => {
    const outline = await pdfOutline(readFileSync(file));
    const contents = squash(text(file, 2, 3));
    for (const c of course.chapters) {
      const page = outline.find((o) => squash(o.title) === `${c.number}. ${c.title}`)!.page + 1;
      expect(contents, c.title).toMatch(
        new RegExp(`${c.number}\\. ${c.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ${page}\\b`),
      );
    }
  });

  it('shows every authored diagram and every chapter map, and is tagged, titled and in English', async () => {
    // DDIA's one authored diagram closes the course, after the chapters.
    const diagrams = course.chapters.reduce((n, c) => n + c.diagrams.length, 0) + course.diagrams.length;
    expect(diagrams).toBeGreaterThan(0);
    const img = { src: 'd.svg', alt: 'diagram' };
    const html = bookHtml({
      course,
      box: pageBox('a4', 'portrait'),
      map: () => img,
      diagram: () => img,
      courseMap: img,
      courseDiagram: () => img,
    });
    expect((html.match(/<figure class="diagram">/g) ?? []).length).toBe(diagrams);
    expect((html.match(/<figure class="map">/g) ?? []).length).toBe(course.chapters.length + 1);
    // In the PDF: the closing course-map section holds the diagram, drawn (ink well beyond its heading).
    const closing = (await pdfOutline(readFileSync(file))).at(-1)!;
    expect(closing.title).toBe('Course map');
    expect(squash(text(file, closing.page + 1))).not.toContain('flowchart'); // rendered, not shown as source
    expect(messages.filter((m) => m.startsWith('book-'))).toEqual([]);
    const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
    expect(doc.getTitle()).toBe('Designing Data-Intensive Applications');
    expect(String(doc.catalog.get(PDFName.of('Lang')))).toBe('(en)');
    // Maps and diagrams are drawn: a chapter's first page has far more ink than text alone.
    const outline = await pdfOutline(readFileSync(file));
    const first = outline.find((o) => o.title.startsWith('5. '))!.page + 1;
    expect(ink(raster(file, first), { x0: 0.1, x1: 0.9, y0: 0.12, y1: 0.45 })).toBeGreaterThan(0.03);
  });
});

describe('handout settings', () => {
  it('puts 6 slides on a Letter page and ruled lines instead of notes when asked', async () => {
    await build(bees, options('bees', { settings: { handoutSlides: '6', handoutLines: true, paper: 'letter' } }));
    const file = join(tmp, 'bees', 'handouts', '1-the-colony.pdf');
    const doc = await PDFDocument.load(readFileSync(file));
    const slides = (
      readFileSync(join(tmp, 'bees', 'decks', '1-the-colony.html'), 'utf8').match(/<section class="cm-slide/g) ?? []
    ).length;
    expect(doc.getPageCount()).toBe(Math.ceil(slides / 6));
    expect(doc.getPage(0).getSize().width).toBeCloseTo(612, 0);
    expect(text(file)).not.toMatch(/course\.md:\d+/); // no notes: lines
    // Ruled lines: rows of grey ink under each slide, evenly spaced.
    const png = raster(file, 1, 60);
    const x = Math.floor(0.3 * png.width);
    const grey: number[] = [];
    for (let y = Math.floor(0.45 * png.height); y < Math.floor(0.6 * png.height); y++) {
      const i = (y * png.width + x) * 4;
      const v = png.data[i]! + png.data[i + 1]! + png.data[i + 2]!;
      if (v < 700 && v > 300) grey.push(y);
    }
    expect(grey.length).toBeGreaterThan(1);
  }, 600_000);
});
