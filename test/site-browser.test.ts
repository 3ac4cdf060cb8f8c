// The study outputs in a real build and a real Chromium: the printable flashcards (fronts and
// backs on alternating pages, backs mirrored, read back from the PDF), GUIDs stable across
// builds, and the offline site of the DDIA course — search finds the section on quorums, and a
// click on a node of a chapter map lands on that section's slide — with no network request.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, DEFAULT_BUILD, type BuildOptions } from '../src/pipeline/index.ts';
import { Renderer } from '../src/render/index.ts';
import { sharedBrowser } from './support/browser.ts';
import { ddiaFixture, ddiaOut, DDIA_TIMEOUT } from './support/ddia.ts';

const study = fileURLToPath(new URL('./fixtures/study/course.md', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'coursemap-site-test-'));
const options = (out: string, formats: BuildOptions['formats'], full = false): BuildOptions => ({
  ...DEFAULT_BUILD,
  ...sharedBrowser(),
  outDir: join(tmp, out),
  formats,
  cacheDir: join(tmp, 'cache'),
  full,
});
const out = (name: string, rel: string) => join(name === 'ddia' ? ddiaOut() : join(tmp, name), rel);

let renderer: Renderer;
beforeAll(async () => {
  renderer = await Renderer.open({ ...sharedBrowser(), cache: false, poolSize: 1 });
  await build(study, options('study', ['svg', 'flashcards', 'pdf']));
  await build(study, options('again', ['svg', 'flashcards'], true));
  await ddiaFixture();
}, DDIA_TIMEOUT);
afterAll(async () => {
  await renderer?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Words of one PDF page with their left edge, in points (pdftotext -bbox). */
function words(pdf: string, page: number): Array<{ x: number; text: string }> {
  const html = execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-bbox', pdf, '-'], {
    encoding: 'utf8',
  });
  return [...html.matchAll(/<word xMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((m) => ({
    x: Number(m[1]),
    text: m[2]!,
  }));
}

describe('printable flashcards', () => {
  const pdf = () => out('study', 'flashcards/cards.pdf');
  const A4_MID = 595.28 / 2;

  it('has fronts and backs on alternating pages, 8 cards a page', async () => {
    const doc = await PDFDocument.load(readFileSync(pdf()));
    const csvRows = readFileSync(out('study', 'flashcards/cards.csv'), 'utf8').trimEnd().split('\r\n').length - 1;
    expect(csvRows).toBeGreaterThan(16);
    expect(doc.getPageCount()).toBe(2 * Math.ceil(csvRows / 8));
    for (const p of doc.getPages()) {
      expect(p.getWidth()).toBeCloseTo(595.28, 0);
      expect(p.getHeight()).toBeCloseTo(841.89, 0);
    }
    for (let page = 1; page <= doc.getPageCount(); page++) {
      const text = words(pdf(), page)
        .map((w) => w.text)
        .join(' ');
      // Fronts ask (a term, a question, a cloze gap); backs answer.
      if (page % 2 === 1) expect(text, `page ${page}`).not.toMatch(/fertile|sterile|whole family/);
      if (page === 1) expect(text).toMatch(/Queen.*Worker|Worker.*Queen/);
      if (page === 2) expect(text).toMatch(/fertile/);
    }
  });

  it('mirrors each back behind its front for a long-edge flip', () => {
    // Card 1 ("colony") sits top-left on page 1, card 2 ("Queen") top-right; their backs swap sides on page 2.
    const front = words(pdf(), 1);
    const back = words(pdf(), 2);
    expect(front.find((w) => w.text === 'colony')!.x).toBeLessThan(A4_MID);
    expect(front.find((w) => w.text === 'Queen')!.x).toBeGreaterThan(A4_MID);
    expect(back.find((w) => w.text === 'family')!.x).toBeGreaterThan(A4_MID);
    expect(back.find((w) => w.text === 'fertile')!.x).toBeLessThan(A4_MID);
  });

  it('gives the same GUIDs, and the same files, in a second full build', () => {
    const guids = (name: string) =>
      readFileSync(out(name, 'flashcards/anki.txt'), 'utf8')
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => l.split('\t')[0]);
    expect(guids('again')).toEqual(guids('study'));
    expect(new Set(guids('study')).size).toBe(guids('study').length);
    expect(readFileSync(out('again', 'flashcards/cards.csv'))).toEqual(
      readFileSync(out('study', 'flashcards/cards.csv')),
    );
  });
  it('is reused by an incremental build with nothing changed, and rebuilt when a card changes', async () => {
    const again = await build(study, options('study', ['svg', 'flashcards', 'pdf']));
    expect(again.outputs.reused).toEqual(
      expect.arrayContaining(['flashcards/anki.txt', 'flashcards/cards.csv', 'flashcards/cards.pdf']),
    );
    expect(again.browserStarted).toBe(false);
    const guids = readFileSync(out('study', 'flashcards/anki.txt'), 'utf8')
      .split('\n')
      .map((l) => l.split('\t')[0]);
    const edited = readFileSync(study, 'utf8').replace(
      'she lays up to two thousand eggs a day',
      'she lays nearly every egg',
    );
    const changed = await build(edited, options('study', ['svg', 'flashcards', 'pdf']));
    expect(changed.outputs.changed).toEqual(
      expect.arrayContaining(['flashcards/anki.txt', 'flashcards/cards.csv', 'flashcards/cards.pdf']),
    );
    expect(readFileSync(out('study', 'flashcards/cards.csv'), 'utf8')).toContain('she lays nearly every egg');
    // Same notes for Anki: the edited card keeps its GUID, so a re-import updates it.
    expect(
      readFileSync(out('study', 'flashcards/anki.txt'), 'utf8')
        .split('\n')
        .map((l) => l.split('\t')[0]),
    ).toEqual(guids);
  }, 200_000);
});

/** Opens a page of out/ offline, recording every request it makes. */
async function open<T>(file: string, fn: (page: Page, requests: string[]) => Promise<T>): Promise<T> {
  const { browser } = await renderer.sharedBrowser();
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.setOfflineMode(true);
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return await fn(page, requests);
  } finally {
    await context.close();
  }
}

const resultTitles = (page: Page) =>
  page.$$eval('#cm-results a', (as) =>
    as.map(
      (a) =>
        `${a.querySelector('.kind')?.textContent} ${a.querySelector('.title')?.textContent} → ${a.getAttribute('href')}`,
    ),
  );

describe('DDIA course site', () => {
  it('finds the section on quorums from the keyboard, offline', async () => {
    await open(out('ddia', 'index.html'), async (page, requests) => {
      await page.keyboard.press('/');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('cm-q');
      await page.keyboard.type('quorum');
      await page.waitForSelector('#cm-results a');
      const hits = await resultTitles(page);
      // A result opens its passage on the chapter page, which holds the whole text.
      expect(hits).toContain(
        'Section Core Concept: Quorum Reads/Writes → chapters/5-replication.html#sec-5-core-concept-quorum-reads-writes',
      );
      expect(readFileSync(out('ddia', 'chapters/5-replication.html'), 'utf8')).toContain(
        'id="sec-5-core-concept-quorum-reads-writes"',
      );
      expect(await page.$eval('#cm-results a mark', (m) => m.textContent?.toLowerCase())).toBe('quorum');
      await page.keyboard.press('ArrowDown');
      expect(await page.evaluate(() => document.activeElement?.closest('#cm-results') !== null)).toBe(true);
      expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual([]);
    });
  });

  it('opens the slide of a section when its node is clicked on the chapter page', async () => {
    await open(out('ddia', 'chapters/5-replication.html'), async (page, requests) => {
      const nodes = await page.$$eval('#map a.cm-link', (as) => as.map((a) => a.getAttribute('href')));
      expect(nodes.length).toBeGreaterThan(20);
      const link = await page.$('#map a.cm-link[href="../decks/5-replication.html#/sec-5.4"]');
      expect(link).not.toBeNull();
      // Mermaid lays each word out in its own tspan: compare the letters.
      expect(await link!.evaluate((a) => a.textContent?.replace(/\s+/g, ''))).toBe('HandlingNodeFailures');
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), link!.click()]);
      await page.waitForFunction('document.documentElement.getAttribute("data-cm-ready") === "1"', { timeout: 20_000 });
      const slide = await page.evaluate(() => {
        const R = (window as unknown as { Reveal: { getCurrentSlide(): HTMLElement } }).Reveal;
        return { id: R.getCurrentSlide().id, title: R.getCurrentSlide().querySelector('h2')?.textContent ?? '' };
      });
      expect(page.url()).toMatch(/decks\/5-replication\.html#\/sec-5\.4$/);
      expect(slide.id).toBe('sec-5.4');
      expect(slide.title).toContain('Handling Node Failures');
      // …and the slide's back-link returns to the map slide, whose nodes lead back to the sections.
      await page.click('section.present a.cm-maplink');
      await page.waitForFunction('Reveal.getCurrentSlide().id === "map"');
      await page.click('section.present a.cm-link[href="#/sec-5.1"]');
      await page.waitForFunction('Reveal.getCurrentSlide().id === "sec-5.1"');
      expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual([]);
    });
  });

  it('links every map node in out/maps to a slide id that exists in the deck', () => {
    const missing: string[] = [];
    for (const name of ['5-replication', '9-consistency-and-consensus']) {
      const svg = readFileSync(out('ddia', `maps/${name}.svg`), 'utf8');
      const deck = readFileSync(out('ddia', `decks/${name}.html`), 'utf8');
      const hrefs = [...svg.matchAll(/<a class="cm-link" href="([^"]*)">/g)].map((m) => m[1]!);
      expect(hrefs.length).toBeGreaterThan(20);
      for (const h of hrefs) {
        const id = h.split('#/')[1];
        if (id && !deck.includes(`id="${id}"`)) missing.push(h);
      }
    }
    expect(missing).toEqual([]);
    const course = readFileSync(out('ddia', 'maps/course-map.svg'), 'utf8');
    expect(
      [...course.matchAll(/href="(\.\.\/decks\/[^"]*)"/g)].map((m) => m[1]).filter((h, i, all) => all.indexOf(h) === i),
    ).toHaveLength(12);
  });
});
