// Print outputs: the study map (one page) and the study companion (page bounds), read back from
// the PDFs with pdf-lib (page count) and poppler's pdftotext (text); determinism; escaping.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, DEFAULT_BUILD, type BuildResult } from '../src/pipeline/index.ts';
import { courseFromText } from '../src/index.ts';
import { companionPageBounds, pageBox } from '../src/generate/print/paper.ts';
import { companionData } from '../src/generate/print/companion.ts';
import { COMPANION_LEVELS, MAP_LEVELS } from '../src/generate/print/paper.ts';
import { studyMapData } from '../src/generate/print/study-map.ts';
import { cssString, esc, summaryHtml } from '../src/generate/print/html-text.ts';
import { stableNodeIds } from '../src/render/documents/pdf-node-ids.ts';
import { deterministicPdf } from '../src/render/documents/print.ts';
import { sharedBrowser } from './support/browser.ts';
import { printLook, screenLook, type PrintLook } from './support/study-map.ts';
import { coreIdea } from '../src/generate/maps/concepts.ts';
import { keyAnalogies, keyTerms } from '../src/generate/print/select.ts';
import { stringsFor } from '../src/generate/strings.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const DDIA = here('../../shared/courses/ddia-course.md');
const SAMPLE = here('../content');
const ONE = here('fixtures/print/one-chapter.md');
const CJK = here('fixtures/cjk/chinese-course.md');

const cacheDir = mkdtempSync(join(tmpdir(), 'coursemap-printtest-cache-'));
const outDirs: string[] = [cacheDir];
afterAll(() => {
  for (const d of outDirs) rmSync(d, { recursive: true, force: true });
});

async function buildPrint(
  input: string,
  settings: Record<string, string> = {},
): Promise<{ out: string; result: BuildResult }> {
  const out = mkdtempSync(join(tmpdir(), 'coursemap-printtest-'));
  outDirs.push(out);
  // Only the print stage runs here: the deck and site stages have their own tests and cost a minute.
  const result = await build(input, {
    ...DEFAULT_BUILD,
    ...sharedBrowser(),
    outDir: out,
    formats: ['svg', 'png', 'pdf'],
    cacheDir,
    settings,
    stages: ['print'],
  });
  return { out, result };
}

const pages = async (file: string) => (await PDFDocument.load(readFileSync(file))).getPageCount();
const pdfText = (file: string) =>
  execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
const pngSize = (file: string) => {
  const b = readFileSync(file);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
};
/**
 * `shown` is the start of one of `sources` (first letter's case aside), whole: it is the entire
 * source or ends at a sentence end, and it never has a "…" the source does not have.
 */
function expectSentencePrefix(shown: string, sources: readonly string[], what: string): void {
  const norm = (t: string) => t.replace(/\s+/g, ' ').trim();
  const match = sources
    .map(norm)
    .find(
      (src) =>
        src.slice(1).startsWith(shown.slice(1)) &&
        src.charAt(0).toLocaleLowerCase() === shown.charAt(0).toLocaleLowerCase(),
    );
  expect(match, `${what}: "${shown}" is not the start of its source`).toBeDefined();
  if (match !== shown) expect(shown, what).toMatch(/[.!?。！？]["”’)）]*$/u);
  if (shown.includes('…')) expect(match, what).toContain('…');
}

/** Text as it appears after line wrapping: words in order, any whitespace between them. */
const words = (s: string) => s.replace(/\s+/g, ' ').trim();

// `covered`: least share of the sheet's body covered by cards; `empty`: most share of the cards'
// area left empty (the Chinese fixture's chapters 2–4 have only a core idea and an analogy
// beside chapter 1's key terms; one chapter alone cannot fill a landscape sheet).
describe.each([
  { name: 'DDIA', input: DDIA, chapters: 12, companion: [3, 5], covered: 0.85, empty: 0.06 },
  { name: 'sample course', input: SAMPLE, chapters: 5, companion: [1, 3], covered: 0.85, empty: 0.06 },
  { name: 'one-chapter course', input: ONE, chapters: 1, companion: [1, 1], covered: 0.5, empty: 0.06 },
  { name: 'Chinese course', input: CJK, chapters: 4, companion: [1, 2], covered: 0.85, empty: 0.35 },
])('print outputs of the $name', ({ input, chapters, companion, covered, empty }) => {
  let out = '';
  let result: BuildResult;
  let look: Promise<PrintLook> | null = null;
  const measured = () => (look ??= printLook(join(out, 'study-map.html'), 420, 297));
  beforeAll(async () => {
    ({ out, result } = await buildPrint(input));
    // A build measures several candidate pages in Chromium: minutes on a loaded machine.
  }, 600_000);

  it('writes the study map and the companion (HTML, PDF, PNG)', () => {
    const written = result.outputs.written.map((w) => w.path);
    for (const f of ['study-map.html', 'study-map.pdf', 'study-map.png', 'companion.html', 'companion.pdf'])
      expect(written).toContain(f);
  });

  it('has a one-page study map holding every chapter title and the course route', async () => {
    expect(result.course.chapters).toHaveLength(chapters);
    const file = join(out, 'study-map.pdf');
    expect(await pages(file)).toBe(1);
    const text = pdfText(file);
    const compact = text.replace(/\s+/g, '');
    for (const c of result.course.chapters) expect(compact).toContain(`${c.number}${c.title}`.replace(/\s+/g, ''));
    const html = readFileSync(join(out, 'study-map.html'), 'utf8');
    const route = /<ol class="route"[^>]*>(.*?)<\/ol>/.exec(html)?.[1] ?? '';
    if (result.course.parts.length > 1) for (const p of result.course.parts) expect(route).toContain(esc(p.title));
    else expect(route).toBe('');
    expect(html).not.toContain('<figure class="map"');
    expect(words(text)).toContain(stringsFor(result.course.language).studyMap);
  });

  it('uses its page: route ≤ 15 % of the sheet, cards fill the body and their own boxes, nothing overflows', async () => {
    const look = await measured();
    expect(look.treeShare).toBeLessThanOrEqual(0.15);
    expect(look.bodyCovered).toBeGreaterThanOrEqual(covered);
    expect(look.cardEmptyShare).toBeLessThanOrEqual(empty);
    expect(look.cards.filter((c) => c.overflows)).toEqual([]);
    expect(look.sheetBottom).toBeLessThanOrEqual(look.pageHeight);
    expect(look.cards.map((c) => c.n)).toEqual(result.course.chapters.map((c) => c.number));
  }, 60_000);

  it('shows at least 3 key terms per chapter that has them, and cuts text only at sentence ends', async () => {
    const look = await measured();
    for (const c of result.course.chapters) {
      const card = look.cards.find((x) => x.n === c.number)!;
      const terms = keyTerms(c);
      expect(card.terms.length, `chapter ${c.number}`).toBeGreaterThanOrEqual(Math.min(3, terms.length));
      expectSentencePrefix(card.idea, [coreIdea(c)], `chapter ${c.number} idea`);
      if (card.analogy)
        expectSentencePrefix(
          card.analogy,
          keyAnalogies(c).map((a) => a.text),
          `chapter ${c.number} analogy`,
        );
      for (const t of card.terms) {
        const source = terms.find((x) => x.term === t.term);
        expect(source, t.term).toBeDefined();
        if (t.text) expectSentencePrefix(t.text, [source!.text], `chapter ${c.number} term ${t.term}`);
      }
    }
  }, 60_000);

  it('reads on a 1280 × 800 screen: no horizontal scrolling, no text under 12 px', async () => {
    const look = await screenLook(join(out, 'study-map.html'));
    expect(look.scrollWidth).toBeLessThanOrEqual(look.clientWidth);
    expect(look.smallestText).toBeGreaterThanOrEqual(12);
  }, 60_000);

  it('has a 300 dpi PNG of the page', () => {
    const { width, height } = pngSize(join(out, 'study-map.png'));
    expect(Math.abs(width - (420 / 25.4) * 300)).toBeLessThan(4);
    expect(Math.abs(height - (297 / 25.4) * 300)).toBeLessThan(4);
  });

  it('has a companion within its page bounds, with page numbers and the course title on every page', async () => {
    const file = join(out, 'companion.pdf');
    const n = await pages(file);
    expect(n).toBeGreaterThanOrEqual(companion[0]!);
    expect(n).toBeLessThanOrEqual(companion[1]!);
    const perPage = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })
      .split('\f')
      .filter((p) => p.trim());
    expect(perPage).toHaveLength(n);
    for (const [i, p] of perPage.entries()) {
      const t = stringsFor(result.course.language);
      expect(p.replace(/\s+/g, '')).toContain(`${t.page}${i + 1}${t.of}${n}`);
      expect(words(p)).toContain(result.course.title);
    }
  });

  it('reports condensing only as print-condensed warnings, never errors', () => {
    const print = result.course.messages.filter((m) => m.ruleId.startsWith('print'));
    expect(print.every((m) => m.severity === 'warning' && m.ruleId === 'print-condensed')).toBe(true);
  });
});

describe('print options and determinism', () => {
  it('the page measures see a wide tree, half-empty cards, clipped text and a fixed A3 width (negative control)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coursemap-printtest-'));
    outDirs.push(dir);
    const file = join(dir, 'study-map.html');
    const card = (n: number, lines: number) =>
      `<article class="card" data-n="${n}" style="height: 90mm"><h3>${n}</h3><p class="idea">Coordinated by…</p><ul class="terms">${'<li><strong>T</strong> — x.</li>'.repeat(lines)}</ul></article>`;
    writeFileSync(
      file,
      `<!doctype html><meta charset="utf-8"><style>body{margin:0;font-size:9px}.card{overflow:hidden}</style>
<main class="sheet" style="width:420mm;height:296mm;display:flex"><figure class="map" style="width:150mm;margin:0"></figure>
<div class="body" style="flex:1"><section class="part"><h2>Part</h2><div class="cards" style="display:flex">${card(1, 1)}${card(2, 40)}</div></section></div></main>`,
    );
    const print = await printLook(file, 420, 297);
    expect(print.treeShare).toBeGreaterThan(0.3);
    expect(print.cardEmptyShare).toBeGreaterThan(0.3);
    expect(print.cards.map((c) => c.overflows)).toEqual([false, true]);
    expect(print.cards[0]!.idea).toBe('Coordinated by…');
    expect(() =>
      expectSentencePrefix('Coordinated by…', ['Coordinated by the leader, who waits.'], 'control'),
    ).toThrow();
    const screen = await screenLook(file);
    expect(screen.scrollWidth).toBeGreaterThan(screen.clientWidth);
    expect(screen.smallestText).toBeLessThan(12);
  }, 60_000);

  it('follows --paper and --orientation and names what it left out', async () => {
    const { out, result } = await buildPrint(DDIA, { paper: 'a4', orientation: 'portrait' });
    const pdf = await PDFDocument.load(readFileSync(join(out, 'study-map.pdf')));
    expect(pdf.getPageCount()).toBe(1);
    const { width, height } = pdf.getPage(0).getSize();
    expect(Math.round((width / 72) * 25.4)).toBe(210);
    expect(Math.round((height / 72) * 25.4)).toBe(297);
    const warning = result.course.messages.find(
      (m) => m.ruleId === 'print-condensed' && m.message.startsWith('study map'),
    );
    expect(warning?.message).toMatch(/one A4 portrait page; left out .*key terms/);
  }, 600_000); // a whole-course build: minutes when the machine is loaded

  it('gives byte-identical HTML, PDF and PNG for the same input', async () => {
    const a = await buildPrint(ONE);
    const b = await buildPrint(ONE);
    for (const f of ['study-map.html', 'study-map.pdf', 'study-map.png', 'companion.html', 'companion.pdf']) {
      expect(readFileSync(join(a.out, f)).equals(readFileSync(join(b.out, f))), f).toBe(true);
    }
    expect(readFileSync(join(a.out, 'study-map.pdf'), 'latin1')).toContain('/CreationDate (D:20000101000000');
  }, 600_000); // a whole-course build: minutes when the machine is loaded
});

describe('print data (pure)', () => {
  const hostile = `---
title: "<script>alert(1)</script> & Co"
author: <b>Mallory</b>
---
# Chapter 1: <img src=x onerror=alert(2)>

Intro with <span onclick="x()">inline html</span>.

### 1.1 Start

> **Analogy:** a <iframe> is "like" a window.

### 1.2 Key Takeaways

| Idea | Meaning |
| --- | --- |
| <u>x</u> | y & z |
`;

  it('escapes every model string in both templates', async () => {
    const { course } = await courseFromText(hostile);
    const { templateSet } = await import('../src/generate/templates.ts');
    const t = templateSet();
    const map = t.render('print/study-map.html.hbs', studyMapData(course, pageBox('a3', 'landscape'), MAP_LEVELS[0]!));
    const comp = t.render(
      'print/companion.html.hbs',
      companionData(course, pageBox('a4', 'portrait'), COMPANION_LEVELS[0]!),
    );
    for (const html of [map, comp]) {
      expect(html).not.toMatch(/<script>alert|<img |<iframe|<b>Mallory|<span onclick|<u>x/);
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    }
    expect(comp).toContain(`@top-left { content: "<script>`.replace('<', '\\3c '));
  });

  it('scales the companion page bounds with the course', () => {
    expect(companionPageBounds(12)).toEqual({ min: 3, max: 5 });
    expect(companionPageBounds(5)).toEqual({ min: 1, max: 3 });
    expect(companionPageBounds(1)).toEqual({ min: 1, max: 1 });
    expect(companionPageBounds(24)).toEqual({ min: 6, max: 10 });
  });

  it('escapes text and CSS strings', () => {
    expect(esc(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(cssString('a "b" \\ </style>')).toBe('"a \\"b\\" \\\\ \\3c /style>"');
  });

  it('drops the analogy from a summary paragraph', () => {
    const at = { line: 1, column: 1, offset: 0 };
    const html = summaryHtml([
      {
        type: 'paragraph',
        position: { start: at, end: at },
        children: [
          { type: 'text', value: 'Main point. ' },
          { type: 'strong', children: [{ type: 'text', value: 'Analogy:' }] },
          { type: 'text', value: ' a city.' },
        ],
      },
    ]);
    expect(html).toBe('<p>Main point.</p>');
  });

  it('fixes PDF dates in place without changing the length', () => {
    const pdf = new TextEncoder().encode(
      "<< /CreationDate (D:20261124201500+01'00') /ModDate (D:20261124201501+01'00') >>",
    );
    const fixed = deterministicPdf(pdf);
    expect(fixed.length).toBe(pdf.length);
    expect(new TextDecoder().decode(fixed)).toBe(
      "<< /CreationDate (D:20000101000000+00'00') /ModDate (D:20000101000000+00'00') >>",
    );
  });

  it('renumbers tagged-PDF node ids by first appearance and keeps the ID tree sorted, at the same length', () => {
    // Two runs of the same table: Blink numbered the header cells differently (even out of order).
    const run = (a: string, b: string, c: string) =>
      `/ID (node${a})>> /ID (node${b})>> /ID (node${c})>> /Headers [(node${a})] /Headers [(node${c})]\n` +
      `<</Limits [(node${[a, b, c].sort()[0]}) (node${[a, b, c].sort()[2]})]\n/Names [${[
        [a, 47],
        [b, 49],
        [c, 51],
      ]
        .sort((x, y) => String(x[0]).localeCompare(String(y[0])))
        .map(([id, ref]) => `(node${id}) ${ref} 0 R`)
        .join(' ')}]>>`;
    const first = run('00000042', '00000043', '00000044');
    const second = run('00000048', '00000049', '00000006');
    expect(second).not.toBe(first);
    expect(stableNodeIds(second)).toBe(stableNodeIds(first));
    expect(stableNodeIds(second).length).toBe(second.length);
    expect(stableNodeIds(first)).toContain(
      '<</Limits [(node00000001) (node00000003)]\n/Names [(node00000001) 47 0 R (node00000002) 49 0 R (node00000003) 51 0 R]>>',
    );
  });
});
