// The PPTX generator without a browser: an extracted deck (what deck-extract reads off an HTML
// deck) becomes a valid, editable, deterministic PowerPoint package.
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { cliConfig } from '../src/cli/build.ts';
import { validateConfig } from '../src/config/index.ts';
import { deckPptx } from '../src/generate/pptx/deck.ts';
import type { ExtractedDeck, Paragraph, Run } from '../src/generate/pptx/types.ts';

const PNG_1x1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const run = (text: string, extra: Partial<Run> = {}): Run => ({
  text,
  color: '1D1D2B',
  size: 34,
  bold: false,
  italic: false,
  mono: false,
  ...extra,
});
const para = (runs: Run[], top: number, extra: Partial<Paragraph> = {}): Paragraph => ({
  runs,
  level: 0,
  bullet: false,
  indent: 0,
  align: 'left',
  lineHeight: 44,
  top,
  bottom: top + 44,
  ...extra,
});

const sample: ExtractedDeck = {
  title: 'Tides — Sample',
  lang: 'en',
  theme: 'light',
  colours: {
    background: 'FFFFFF',
    text: '1D1D2B',
    muted: '5B5B73',
    accent: '5A3FB0',
    accent2: '9370DB',
    callout: 'ECECFF',
    code: 'F4F4FA',
    rule: 'D6D6E8',
    link: '3B4FD8',
  },
  slides: [
    {
      kind: 'section',
      key: 's0',
      title: '1.1 Why tides rise (1/2)',
      scale: 1,
      fits: true,
      notes: ['The moon pulls the near ocean.', '• Twice a day'],
      blocks: [
        {
          type: 'text',
          role: 'title',
          box: { x: 72, y: 120, w: 1136, h: 112 },
          paragraphs: [
            para(
              [
                run('1.1 ', { color: '5B5B73' }),
                run('Why tides rise on two sides of the planet at once, in every ocean', {
                  color: '5A3FB0',
                  size: 50,
                  bold: true,
                }),
              ],
              120,
              { lineHeight: 56 },
            ),
          ],
        },
        {
          type: 'text',
          role: 'body',
          box: { x: 72, y: 260, w: 1136, h: 200 },
          bulletIndent: 37,
          padding: [0, 0, 0, 0],
          paragraphs: [
            para([run('Gravity '), run('pulls', { bold: true }), run(' the water.')], 260, {
              bullet: true,
              bottom: 304,
            }),
            para([run('Nested point', { size: 30 })], 304, { bullet: true, level: 1 }),
          ],
        },
        {
          type: 'text',
          role: 'text',
          box: { x: 72, y: 480, w: 1136, h: 120 },
          fill: 'ECECFF',
          border: { color: '9370DB', width: 12 },
          radius: 10,
          padding: [28, 36, 28, 48],
          paragraphs: [para([run('A tide is a slow wave.')], 508)],
        },
      ],
    },
    {
      kind: 'table',
      key: 's1',
      title: 'Key takeaways',
      scale: 1,
      fits: true,
      notes: [],
      blocks: [
        {
          type: 'text',
          role: 'title',
          box: { x: 72, y: 44, w: 1136, h: 56 },
          paragraphs: [para([run('Key takeaways', { bold: true })], 44)],
        },
        {
          type: 'table',
          box: { x: 72, y: 128, w: 1136, h: 120 },
          colW: [400, 736],
          rowH: [60, 60],
          rows: [
            [
              {
                paragraphs: [para([run('Idea', { bold: true })], 0)],
                header: true,
                padding: [12, 16, 12, 16],
                rule: { color: '9370DB', width: 4 },
              },
              { paragraphs: [para([run('Why')], 0)], header: true, padding: [12, 16, 12, 16] },
            ],
            [
              { paragraphs: [para([run('Moon')], 0)], header: false, padding: [12, 16, 12, 16] },
              {
                paragraphs: [para([run('x = 1', { mono: true, highlight: 'F4F4FA' })], 0)],
                header: false,
                padding: [12, 16, 12, 16],
              },
            ],
          ],
        },
      ],
    },
    {
      kind: 'map',
      key: 's2',
      title: 'Concept map',
      scale: 1,
      fits: true,
      notes: [],
      blocks: [
        {
          type: 'text',
          role: 'title',
          box: { x: 48, y: 32, w: 1184, h: 48 },
          paragraphs: [para([run('Concept map')], 32)],
        },
        {
          type: 'image',
          box: { x: 200, y: 100, w: 800, h: 600 },
          svg: '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"><rect width="4" height="3" fill="red"/></svg>',
          png: PNG_1x1,
          alt: 'map of tides',
        },
      ],
    },
  ],
};

async function open(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes);
  const text = async (p: string) => (await zip.file(p)?.async('string')) ?? '';
  return { zip, text };
}

describe('deckPptx', () => {
  it('writes one slide per extracted slide on a master named after the theme', async () => {
    const { zip, text } = await open(await deckPptx(sample, { themeName: 'coursemap default' }));
    expect(Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f))).toHaveLength(3);
    expect(await text('ppt/slideMasters/slideMaster1.xml')).toContain('<p:cSld name="coursemap default">');
    expect(await text('ppt/slideLayouts/slideLayout2.xml')).toContain('<p:cSld name="coursemap default">');
    expect(await text('ppt/slides/_rels/slide1.xml.rels')).toContain('slideLayout2.xml');
    const theme = await text('ppt/theme/theme1.xml');
    expect(theme).toContain(
      '<a:clrScheme name="coursemap default"><a:dk1><a:srgbClr val="1D1D2B"/></a:dk1><a:lt1><a:srgbClr val="FFFFFF"/></a:lt1>',
    );
    expect(theme).toContain('<a:latin typeface="Arial"');
    expect(await text('ppt/presentation.xml')).toContain('<p:sldSz cx="12192000" cy="6858000"/>');
  });

  it('puts the heading and the main list in the placeholders, at the measured boxes, with real bullets', async () => {
    const { text } = await open(await deckPptx(sample, { themeName: 'coursemap default' }));
    const xml = await text('ppt/slides/slide1.xml');
    // 72 px = 0.75 in = 685800 EMU; the title box is 112 px tall + half a line of room (140 px ≈ 1333500 EMU).
    expect(xml).toMatch(
      /<p:ph[^>]*type="title"[^>]*\/>[\s\S]*?<a:off x="685800" y="1143000"\/><a:ext cx="10877550" cy="1333500"\/>/,
    );
    expect(xml).toMatch(/<p:ph[^>]*type="body"[^>]*\/>[\s\S]*?<a:off x="685800" y="2476500"\/>/);
    expect(xml).toContain('<a:t>Why tides rise on two sides of the planet at once, in every ocean</a:t>');
    expect(xml).toMatch(/<a:rPr lang="en-US" sz="2550" dirty="0">(?:(?!<\/a:rPr>).)*<\/a:rPr><a:t>1\.1 <\/a:t>/); // not bold: the master's title style does not leak
    expect(xml).toMatch(/<a:pPr[^>]*marL="\d+" indent="-\d+"[^>]*>(?:(?!<\/a:pPr>).)*<a:buChar/);
    expect(xml).toMatch(/<a:pPr[^>]*lvl="1"[^>]*>(?:(?!<\/a:pPr>).)*<a:buChar char="&#x25CB;"\/>/);
    expect(xml).toContain('<a:buClr><a:srgbClr val="9370DB"/></a:buClr><a:buSzPct val="100000"/><a:buChar');
    // One paragraph-properties element per paragraph, never one per run.
    expect(xml).not.toMatch(/<\/a:r><a:pPr/);
    // The callout: a filled rounded box with its text, and its accent rule.
    expect(xml).toContain('<a:prstGeom prst="roundRect">');
    expect(xml).toContain('<a:srgbClr val="ECECFF"/>');
    expect(xml).toContain('name="Accent rule"');
    expect(xml).toContain('<a:normAutofit/>');
  });

  it('keeps ordered lists numbered: the list style and its first number, nested items a level down', async () => {
    const numbered = (text: string, top: number, extra: Partial<Paragraph> = {}) =>
      para([run(text)], top, { bullet: true, numbered: { scheme: 'arabicPeriod', startAt: 3 }, ...extra });
    const deck: ExtractedDeck = {
      ...sample,
      slides: [
        {
          kind: 'section',
          key: 'n0',
          title: 'Steps',
          scale: 1,
          fits: true,
          notes: [],
          blocks: [
            {
              type: 'text',
              role: 'body',
              box: { x: 72, y: 200, w: 1136, h: 300 },
              bulletIndent: 37,
              paragraphs: [
                numbered('Third step', 200),
                numbered('Fourth step', 250),
                para([run('a detail')], 300, {
                  bullet: true,
                  level: 1,
                  numbered: { scheme: 'alphaLcPeriod', startAt: 1 },
                }),
                para([run('a plain point')], 350, { bullet: true }),
              ],
            },
          ],
        },
      ],
    };
    const xml = await (await open(await deckPptx(deck, { themeName: 'coursemap default' }))).text(
      'ppt/slides/slide1.xml',
    );
    const pPr = [...xml.matchAll(/<a:pPr[^>]*>(?:(?!<\/a:pPr>).)*<\/a:pPr>/g)].map((m) => m[0]);
    expect(pPr.filter((p) => p.includes('<a:buAutoNum type="arabicPeriod" startAt="3"/>'))).toHaveLength(2);
    expect(pPr.find((p) => p.includes('alphaLcPeriod'))).toMatch(/lvl="1"/);
    expect(pPr[3]).toContain('<a:buChar'); // an unordered item keeps its bullet
  });

  it('writes takeaway tables as native tables and figures as SVG with a PNG fallback', async () => {
    const { zip, text } = await open(await deckPptx(sample, { themeName: 'coursemap default' }));
    const table = await text('ppt/slides/slide2.xml');
    expect(table).toContain('<a:tbl>');
    expect(table).toContain('<a:t>x = 1</a:t>');
    expect(table).toContain('typeface="Courier New"');
    const map = await text('ppt/slides/slide3.xml');
    expect(map).toContain('<asvg:svgBlip');
    expect(map).toContain('descr="map of tides"');
    const rels = await text('ppt/slides/_rels/slide3.xml.rels');
    const png = /Target="\.\.\/(media\/[^"]+\.png)"/.exec(rels)?.[1];
    expect(png).toBeDefined();
    expect(Buffer.from(await zip.file(`ppt/${png}`)!.async('uint8array')).toString('base64')).toBe(PNG_1x1);
    expect(Object.keys(zip.files).some((f) => f.endsWith('.svg'))).toBe(true);
  });

  it('writes the speaker notes, one paragraph per line', async () => {
    const { text } = await open(await deckPptx(sample, { themeName: 'coursemap default' }));
    const notes = await text('ppt/notesSlides/notesSlide1.xml');
    expect(notes).toContain(
      '<a:t>The moon pulls the near ocean.</a:t></a:r></a:p><a:p><a:r><a:rPr lang="en-US" dirty="0"/><a:t>• Twice a day</a:t>',
    );
  });

  it('gives byte-identical packages with fixed dates', async () => {
    const a = await deckPptx(sample, { themeName: 'coursemap default' });
    await new Promise((r) => setTimeout(r, 1100));
    const b = await deckPptx(sample, { themeName: 'coursemap default' });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const { zip, text } = await open(a);
    expect(await text('docProps/core.xml')).toContain(
      '<dcterms:created xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:created>',
    );
    const years = new Set(Object.values(zip.files).map((f) => f.date.getUTCFullYear()));
    expect([...years]).toEqual([2000]);
  });
});

describe('the pptx format', () => {
  it('is accepted by --formats and by the config file', () => {
    expect(cliConfig({ formats: 'svg,pptx' }).formats).toEqual(['svg', 'pptx']);
    expect(validateConfig({ formats: ['pptx'] }, 'c.json', '/').formats).toEqual(['pptx']);
    expect(() => cliConfig({ formats: 'ppt' })).toThrow(
      '--formats must be a list of svg, png, pdf, html, pptx, flashcards, handout, book ("ppt" is not one), got "ppt"',
    );
  });
});
