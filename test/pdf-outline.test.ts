// Every PDF a build writes (chapter decks, the course deck, the companion, the study map and the
// printable flashcards) carries bookmarks for its chapters, sections or slides, stays tagged, and
// has the course's language and a clean title. Read back with pdf-lib.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDict, PDFDocument, PDFName, PDFString, PDFHexString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, DEFAULT_BUILD } from '../src/pipeline/index.ts';
import { sharedBrowser } from './support/browser.ts';

const FRENCH = fileURLToPath(new URL('./fixtures/genres/french-course.md', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'coursemap-outline-'));
const cacheDir = mkdtempSync(join(tmpdir(), 'coursemap-outline-cache-'));

interface Read {
  title: string | undefined;
  lang: string | undefined;
  tagged: boolean;
  pages: number;
  /** Bookmarks, depth-first, indented one space per level. */
  outline: string[];
}

async function readPdf(file: string): Promise<Read> {
  const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  const outline: string[] = [];
  const walk = (node: PDFDict | undefined, depth: number) => {
    let item = node?.lookupMaybe(PDFName.of('First'), PDFDict);
    while (item) {
      const t = item.lookup(PDFName.of('Title'));
      outline.push(`${' '.repeat(depth)}${t instanceof PDFString || t instanceof PDFHexString ? t.decodeText() : ''}`);
      walk(item, depth + 1);
      item = item.lookupMaybe(PDFName.of('Next'), PDFDict);
    }
  };
  walk(doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict), 0);
  const lang = doc.catalog.lookup(PDFName.of('Lang'));
  return {
    title: doc.getTitle(),
    lang: lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : undefined,
    tagged: doc.catalog.has(PDFName.of('StructTreeRoot')),
    pages: doc.getPageCount(),
    outline,
  };
}

const pdfs = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.pdf'))
    .sort();

describe('PDF outlines', () => {
  beforeAll(async () => {
    await build(FRENCH, {
      ...DEFAULT_BUILD,
      ...sharedBrowser(),
      outDir: out,
      formats: ['svg', 'pdf', 'flashcards'],
      cacheDir,
    });
  }, 300_000);
  afterAll(() => {
    rmSync(out, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('every PDF is tagged, in French, with a clean title and bookmarks', async () => {
    const files = pdfs(out);
    expect(files).toEqual(
      expect.arrayContaining([
        'companion.pdf',
        'study-map.pdf',
        'flashcards/cards.pdf',
        'decks/course.pdf',
        'decks/1-chiffrer-pour-cacher.pdf',
      ]),
    );
    for (const f of files) {
      const r = await readPdf(join(out, f));
      expect(r.tagged, f).toBe(true);
      expect(r.lang, f).toBe('fr');
      expect(r.outline.length, f).toBeGreaterThan(0);
      // A title says each part once (the course deck used to read "X — X").
      const parts = (r.title ?? '').split(' — ');
      expect(new Set(parts).size, `${f}: ${r.title}`).toBe(parts.length);
    }
  });

  it('a chapter deck has a bookmark per slide, with the words of wrapped titles apart', async () => {
    const r = await readPdf(join(out, 'decks/1-chiffrer-pour-cacher.pdf'));
    expect(r.outline.length).toBe(r.pages);
    expect(r.outline[0]).toBe('Chiffrer pour cacher');
    expect(r.outline.every((t) => !/[a-zà-ÿ][A-ZÀ-Ý]/.test(t) && t.trim().length > 0)).toBe(true);
    expect(r.outline.map((t) => t.trim())).toContain('1.2 Le chiffre de César');
  });

  it('the companion and study map bookmark parts and chapters; the course deck is titled once', async () => {
    const companion = await readPdf(join(out, 'companion.pdf'));
    expect(companion.outline).toEqual(
      expect.arrayContaining([
        ' Partie 1 : Les fondations',
        '  1 Chiffrer pour cacher',
        '  2 Les clés et leur partage',
      ]),
    );
    const map = await readPdf(join(out, 'study-map.pdf'));
    expect(map.outline).toEqual(expect.arrayContaining(['  1 Chiffrer pour cacher']));
    expect((await readPdf(join(out, 'decks/course.pdf'))).title).toBe('Initiation à la cryptographie');
  });

  it('the flashcards PDF has a bookmark per sheet naming its cards and chapters', async () => {
    const r = await readPdf(join(out, 'flashcards/cards.pdf'));
    expect(r.outline.length).toBe(r.pages / 2);
    expect(r.outline[0]).toMatch(/^1–8 · 1\. Chiffrer pour cacher/);
  });
});
