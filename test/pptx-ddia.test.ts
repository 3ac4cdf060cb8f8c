// PowerPoint decks of the DDIA course, built from the rendered HTML decks: one PPTX per HTML deck
// with the same slides, section titles as text, takeaway tables as native tables, every concept
// map and diagram as a picture (SVG + PNG fallback), notes, every shape on the slide; part of
// --check and byte-identical across builds; LibreOffice opens them when it is installed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, DEFAULT_BUILD, type BuildOptions } from '../src/pipeline/index.ts';
import { sharedBrowser } from './support/browser.ts';
import { ddiaFixture, ddiaOut, DDIA_TIMEOUT } from './support/ddia.ts';

const sample = fileURLToPath(new URL('../content', import.meta.url));
const longCode = fileURLToPath(new URL('./fixtures/decks/long-code.md', import.meta.url));
const xss = fileURLToPath(new URL('./fixtures/decks/xss.md', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'coursemap-pptx-test-'));
// The PPTX files are made by the decks stage; the other stages have their own tests.
const options = (out: string, extra: Partial<BuildOptions> = {}): BuildOptions => ({
  ...DEFAULT_BUILD,
  ...sharedBrowser(),
  outDir: join(tmp, out),
  formats: ['svg', 'pptx'],
  cacheDir: join(tmp, 'cache'),
  stages: ['decks'],
  ...extra,
});
const decks = join(ddiaOut(), 'decks');

beforeAll(async () => {
  await ddiaFixture();
}, DDIA_TIMEOUT);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&');
const squash = (s: string) => decode(s).replace(/[\s•|]+/g, ''); // notes: list bullets and table cell bars are the PPTX's
const textOf = (xml: string) => [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => decode(m[1]!)).join(' ');

interface HtmlSlide {
  kind: string;
  heading: string;
  figures: number;
  notes: string;
}

/** The HTML of each slide of a deck, speaker notes left out. */
const htmlSlideTexts = (html: string) =>
  html
    .split('<section class="cm-slide')
    .slice(1)
    .map((s) => s.replace(/<aside class="notes">[\s\S]*?<\/aside>/, ''));

/** The slides of an HTML deck as the decks stage wrote them. */
function htmlSlides(html: string): HtmlSlide[] {
  return html
    .split('<section class="cm-slide')
    .slice(1)
    .map((s) => ({
      kind: /data-kind="(\w+)"/.exec(s)?.[1] ?? '',
      heading: decode((/<h[12]>([\s\S]*?)<\/h[12]>/.exec(s)?.[1] ?? '').replace(/<[^>]+>/g, ''))
        .replace(/\s+/g, ' ')
        .trim(),
      figures: (s.match(/<svg\b/g) ?? []).length,
      notes: (/<aside class="notes">([\s\S]*?)<\/aside>/.exec(s)?.[1] ?? '').replace(/<[^>]+>/g, ' '),
    }));
}

async function pptxSlides(file: string) {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const count = Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f)).length;
  const read = async (p: string) => (await zip.file(p)?.async('string')) ?? '';
  const slides = [];
  for (let i = 1; i <= count; i++) {
    const xml = await read(`ppt/slides/slide${i}.xml`);
    const rels = await read(`ppt/slides/_rels/slide${i}.xml.rels`);
    const notesTarget = /Target="\.\.\/notesSlides\/(notesSlide\d+\.xml)"/.exec(rels)?.[1];
    const notes = notesTarget
      ? textOf(
          (await read(`ppt/notesSlides/${notesTarget}`)).replace(
            /<p:sp>(?:(?!<\/p:sp>)[\s\S])*?type="sldNum"[\s\S]*?<\/p:sp>/,
            '',
          ),
        )
      : '';
    const fallbacks: Uint8Array[] = [];
    for (const m of xml.matchAll(
      /<a:blip r:embed="(rId\d+)">\s*<a:extLst>\s*<a:ext uri="\{96DAC541-7B7A-43D3-8B79-37D633B846F1\}">/g,
    )) {
      const target = new RegExp(`Id="${m[1]}"[^>]*Target="\\.\\./(media/[^"]+)"`).exec(rels)?.[1];
      fallbacks.push(target ? await zip.file(`ppt/${target}`)!.async('uint8array') : new Uint8Array());
    }
    slides.push({ xml, text: textOf(xml), notes, fallbacks });
  }
  return { zip, slides, read };
}

describe('DDIA PowerPoint decks', () => {
  it('writes a PPTX next to every HTML deck: 12 chapters and the course', () => {
    const pptx = readdirSync(decks)
      .filter((f) => f.endsWith('.pptx'))
      .sort();
    expect(pptx).toHaveLength(13);
    expect(pptx).toEqual(
      readdirSync(decks)
        .filter((f) => f.endsWith('.html'))
        .map((f) => f.replace(/\.html$/, '.pptx'))
        .sort(),
    );
  });

  it("has the HTML deck's slides: same count, same headings in the title placeholder, notes, tables, pictures", async () => {
    for (const file of readdirSync(decks).filter((f) => f.endsWith('.pptx'))) {
      const html = htmlSlides(readFileSync(join(decks, file.replace(/\.pptx$/, '.html')), 'utf8'));
      const { slides } = await pptxSlides(join(decks, file));
      expect(slides.length, file).toBe(html.length);
      html.forEach((h, i) => {
        const s = slides[i]!;
        const where = `${file} slide ${i + 1} (${h.kind})`;
        if (h.heading) expect(squash(s.text), where).toContain(squash(h.heading));
        if (h.kind !== 'title') expect(s.xml, where).toMatch(/<p:ph\b[^>]*type="title"/);
        if (h.kind === 'table') expect(s.xml, where).toContain('<a:tbl>');
        if (h.kind === 'code')
          expect(s.xml, where).toMatch(/<a:prstGeom prst="roundRect">[\s\S]*typeface="Courier New"/);
        expect((s.xml.match(/<asvg:svgBlip /g) ?? []).length, where).toBe(h.figures);
        for (const png of s.fallbacks) {
          expect(Buffer.from(png.subarray(0, 8)).toString('hex'), where).toBe('89504e470d0a1a0a');
          expect(png.byteLength, where).toBeGreaterThan(5000);
        }
        const notes = squash(h.notes);
        if (notes) expect(squash(s.notes), where).toContain(notes.slice(0, 60));
      });
    }
  }, 120_000);

  it('numbers the items of ordered lists (the slides with numbered points are the slides with PowerPoint autonumbering)', async () => {
    let ordered = 0;
    for (const name of readdirSync(decks).filter((f) => f.endsWith('.html'))) {
      const html = htmlSlideTexts(readFileSync(join(decks, name), 'utf8'));
      const { slides } = await pptxSlides(join(decks, name.replace(/\.html$/, '.pptx')));
      const withOl = html.flatMap((s, i) => (/<ol\b|<li data-n=/.test(s) ? [i] : []));
      ordered += withOl.length;
      expect(
        slides.flatMap((s, i) => (s.xml.includes('<a:buAutoNum') ? [i] : [])),
        name,
      ).toEqual(withOl);
    }
    expect(ordered).toBeGreaterThan(0); // DDIA has numbered steps, so the check is not empty
  }, 120_000);

  it('shows every section title of every chapter as text, and the takeaway tables as native tables', async () => {
    const model = JSON.parse(readFileSync(join(ddiaOut(), 'model.json'), 'utf8')) as {
      course: {
        chapters: Array<{
          slug: string;
          sections: Array<{ title: string; sections: unknown[] }>;
          takeaways: { title: string; rows: string[][] } | null;
        }>;
      };
    };
    for (const chapter of model.course.chapters) {
      const { slides } = await pptxSlides(join(decks, `${chapter.slug}.pptx`));
      const all = squash(slides.map((s) => s.text).join(' '));
      for (const section of chapter.sections)
        expect(all, `${chapter.slug}: ${section.title}`).toContain(squash(section.title));
      if (chapter.takeaways) {
        const tables = slides.filter(
          (s) => s.xml.includes('<a:tbl>') && squash(s.text).includes(squash(chapter.takeaways!.title)),
        );
        expect(tables.length, chapter.slug).toBeGreaterThan(0);
        expect(squash(tables.map((s) => s.text).join(' '))).toContain(
          squash(chapter.takeaways.rows.at(-1)![0]!.replace(/[*_`]/g, '')),
        );
      }
    }
  }, 120_000);

  it('keeps every shape on the 16:9 slide, names the master after the theme, fixes the dates', async () => {
    const { slides, read, zip } = await pptxSlides(join(decks, '5-replication.pptx'));
    expect(await read('ppt/presentation.xml')).toContain('<p:sldSz cx="12192000" cy="6858000"/>');
    expect(await read('ppt/slideMasters/slideMaster1.xml')).toContain('<p:cSld name="coursemap default">');
    for (const [i, s] of slides.entries()) {
      for (const m of s.xml.matchAll(/<a:off x="(-?\d+)" y="(-?\d+)"\/>\s*<a:ext cx="(\d+)" cy="(\d+)"\/>/g)) {
        const [x, y, w, h] = m.slice(1).map(Number) as [number, number, number, number];
        if (w === 0 && h === 0) continue; // the group transform
        expect(x >= 0 && y >= 0 && x + w <= 12192000 + 1000 && y + h <= 6858000 + 1000, `slide ${i + 1}: ${m[0]}`).toBe(
          true,
        );
      }
    }
    expect(new Set(Object.values(zip.files).map((f) => f.date.toISOString()))).toEqual(
      new Set(['2000-01-01T00:00:00.000Z']),
    );
  });

  it('lays the blocks out like the HTML slide: no text box, table or picture overlaps another', async () => {
    const tolerance = 9525; // 1 px
    for (const file of readdirSync(decks).filter((f) => f.endsWith('.pptx'))) {
      const { slides } = await pptxSlides(join(decks, file));
      for (const [i, s] of slides.entries()) {
        const shapes = [...s.xml.matchAll(/<p:(sp|graphicFrame|pic)>(?:(?!<\/p:\1>)[\s\S])*?<\/p:\1>/g)]
          .map((m) => m[0])
          .filter((x) => !x.includes('name="Accent rule"'));
        const boxes = shapes.map(
          (x) =>
            /<a:off x="(-?\d+)" y="(-?\d+)"\/>\s*<a:ext cx="(\d+)" cy="(\d+)"\/>/.exec(x)!.slice(1).map(Number) as [
              number,
              number,
              number,
              number,
            ],
        );
        boxes.forEach(([x, y, w, h], a) =>
          boxes.forEach(([x2, y2, w2, h2], b) => {
            if (b <= a) return;
            const overlap =
              Math.min(x + w, x2 + w2) - Math.max(x, x2) > tolerance &&
              Math.min(y + h, y2 + h2) - Math.max(y, y2) > tolerance;
            expect(overlap, `${file} slide ${i + 1}: shapes ${a + 1} and ${b + 1} overlap`).toBe(false);
          }),
        );
      }
    }
  }, 120_000);

  it('fits every slide with the PPTX fonts', () => {
    // Every slide fits with the PPTX fonts (else the build warns with pptx-overflow).
    const model = JSON.parse(readFileSync(join(ddiaOut(), 'model.json'), 'utf8')) as {
      course: { messages: Array<{ ruleId: string | null; message: string }> };
    };
    expect(model.course.messages.filter((m) => m.ruleId === 'pptx-overflow').map((m) => m.message)).toEqual([]);
  });
});

const soffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim();
if (!soffice)
  console.warn(
    '[pptx] LibreOffice (soffice) is not installed: the PPTX → PDF conversion test is skipped (apt-get install libreoffice-impress to run it).',
  );

describe('PowerPoint decks in other programs', () => {
  it.runIf(soffice !== '')(
    'LibreOffice converts a DDIA deck to a PDF with one page per slide',
    async () => {
      const out = join(tmp, 'soffice');
      const file = join(decks, '5-replication.pptx');
      const r = spawnSync(
        soffice,
        [
          '--headless',
          `-env:UserInstallation=file://${join(tmp, 'lo-profile')}`,
          '--convert-to',
          'pdf',
          '--outdir',
          out,
          file,
        ],
        { encoding: 'utf8', timeout: 180_000 },
      );
      expect(r.status, r.stderr).toBe(0);
      const pdf = await PDFDocument.load(readFileSync(join(out, '5-replication.pdf')));
      const { slides } = await pptxSlides(file);
      expect(pdf.getPageCount()).toBe(slides.length);
    },
    240_000,
  );
});

describe('PowerPoint output in the build', () => {
  it('is byte-identical across builds and part of --check', async () => {
    const first = await build(sample, options('sample'));
    const pptx = first.outputs.written
      .map((w) => w.path)
      .filter((p) => p.endsWith('.pptx'))
      .sort();
    expect(pptx).toContain('decks/course.pptx');
    // A forced rebuild in check mode regenerates every deck and compares bytes with out/.
    const again = await build(sample, options('sample', { check: true, full: true }));
    expect(again.report).toEqual({ stale: [], missing: [], extra: [] });
    rmSync(join(tmp, 'sample', pptx[0]!));
    const drift = await build(sample, options('sample', { check: true }));
    expect(drift.report?.missing).toEqual([pptx[0]]);
  }, 600_000);
});

describe('PowerPoint decks that cannot fit', () => {
  it('warns with pptx-overflow, naming the deck and the slide, and still writes the PPTX', async () => {
    const result = await build(longCode, options('long-code'));
    const warnings = result.files
      .flatMap((f) => f.messages)
      .filter((m) => m.ruleId === 'pptx-overflow')
      .map((m) => `${m.line}:${m.column} ${m.reason}`);
    expect(warnings).toEqual([
      expect.stringMatching(/^5:1 decks\/1-one-long-listing\.pptx: 1 slide\(s\) still overflow at 60 % type \(s\d+\)$/),
    ]);
    expect(readdirSync(join(tmp, 'long-code', 'decks'))).toContain('1-one-long-listing.pptx');
  }, 180_000);
});

describe('PowerPoint decks of hostile input', () => {
  it('carry the text as text, only http(s) links, and every slide of the HTML deck', async () => {
    const result = await build(xss, options('xss'));
    expect(result.files.flatMap((f) => f.messages).filter((m) => String(m.ruleId).startsWith('pptx'))).toEqual([]);
    const dir = join(tmp, 'xss', 'decks');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.pptx'))) {
      const { zip, slides } = await pptxSlides(join(dir, file));
      expect(slides.length, file).toBe(
        htmlSlides(readFileSync(join(dir, file.replace(/\.pptx$/, '.html')), 'utf8')).length,
      );
      for (const rels of Object.keys(zip.files).filter((f) => f.endsWith('.rels'))) {
        for (const m of (await zip.file(rels)!.async('string')).match(
          /TargetMode="External"[^>]*|Target="[^"]*"[^>]*TargetMode="External"/g,
        ) ?? []) {
          expect(m, `${file} ${rels}`).toMatch(/Target="https?:\/\//);
        }
      }
      // What the HTML deck shows of hostile markup (its words, no elements) is what the PPTX says.
      if (file.startsWith('1-'))
        expect(slides.map((s) => s.text).join(' ')).toContain("item with alert('item') inline");
    }
  }, 180_000);
});
