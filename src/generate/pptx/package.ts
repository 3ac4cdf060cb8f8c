// Finishes the package pptxgenjs wrote: what it cannot express, and what would make bytes differ
// between builds. Slide placeholders take the measured boxes (pptxgenjs copies the layout's);
// each SVG picture gets the browser's PNG as its fallback (pptxgenjs cannot rasterise in Node);
// notes get one paragraph per line; the master and theme carry the deck theme's name, colours
// and fonts; every zip entry gets a fixed date and docProps/core.xml fixed timestamps.
import JSZip from 'jszip';
import { escapeHtml as escapeXml } from '../escape.ts';
import type { DeckColours } from './types.ts';

/** A placeholder's measured box, inches. */
export interface Geometry {
  slide: number;
  name: string;
  box: { x: number; y: number; w: number; h: number };
}

export interface FigurePng {
  slide: number;
  /** The picture's object name on its slide. */
  name: string;
  png: Uint8Array;
}

export interface FinishOptions {
  master: string;
  colours: DeckColours;
  geometry: readonly Geometry[];
  figures: readonly FigurePng[];
}

/** Every date in the package: builds of the same deck are byte-identical. */
export const FIXED_DATE = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));
const FIXED_ISO = '2000-01-01T00:00:00Z';
const EMU = 914400;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Placeholders take their measured box (pptxgenjs gives them the layout's). */
function placeGeometry(xml: string, items: readonly Geometry[]): string {
  let out = xml;
  for (const g of items) {
    const re = new RegExp(
      `(<p:ph\\b[^>]*type="${escapeRe(g.name)}"[^>]*/>[\\s\\S]*?<a:xfrm[^>]*>)<a:off x="-?\\d+" y="-?\\d+"/><a:ext cx="\\d+" cy="\\d+"/>`,
    );
    const emu = (v: number) => Math.round(v * EMU);
    out = out.replace(
      re,
      (_m, head: string) =>
        `${head}<a:off x="${emu(g.box.x)}" y="${emu(g.box.y)}"/><a:ext cx="${emu(g.box.w)}" cy="${emu(g.box.h)}"/>`,
    );
  }
  return out;
}

/**
 * pptxgenjs writes a paragraph-properties element before every run of a paragraph; only the
 * first is valid (and is the one with the bullet). Empty placeholders it adds to slides that do
 * not use them would show "Click to add text" over the content in PowerPoint's editor. Bullets
 * take the theme's marker colour, as in the HTML deck.
 */
function cleanSlide(xml: string, bullet: string): string {
  return xml
    .replace(
      /<a:buSzPct val="100000"\/><a:buChar char="&#x2022;"/g,
      `<a:buClr><a:srgbClr val="${bullet}"/></a:buClr><a:buSzPct val="100000"/><a:buChar char="&#x2022;"`,
    )
    .replace(/(<\/a:r>|<a:br\/>)<a:pPr\b[^>]*?(?:\/>|>[\s\S]*?<\/a:pPr>)/g, '$1')
    .replace(/<p:sp>(?:(?!<\/p:sp>)[\s\S])*?<\/p:sp>/g, (sp) =>
      /<p:ph\b/.test(sp) && !/<a:t>[^<]/.test(sp) ? '' : sp,
    );
}

/** Media paths by relationship id in a slide's .rels file. */
function relTargets(rels: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) map.set(id, target);
  }
  return map;
}

async function setFallbacks(zip: JSZip, slide: number, xml: string, figures: readonly FigurePng[]): Promise<void> {
  const relsFile = `ppt/slides/_rels/slide${slide}.xml.rels`;
  const rels = relTargets((await zip.file(relsFile)?.async('string')) ?? '');
  for (const f of figures) {
    const rid = new RegExp(`name="${escapeRe(f.name)}"[\\s\\S]*?<a:blip r:embed="([^"]+)"`).exec(xml)?.[1];
    const target = rid ? rels.get(rid) : undefined;
    if (!target) throw new Error(`pptx: no fallback picture for ${f.name} on slide ${slide}`);
    zip.file(`ppt/${target.replace(/^\.\.\//, '')}`, f.png);
  }
}

/** pptxgenjs writes the notes as one run; PowerPoint wants a paragraph per line. */
function notesParagraphs(xml: string): string {
  return xml.replace(
    /<a:p><a:r><a:rPr lang="en-US" dirty="0"\/><a:t>([^<]*)<\/a:t><\/a:r><a:endParaRPr lang="en-US" dirty="0"\/><\/a:p>/,
    (_m, text: string) =>
      text
        .split(/\r?\n/)
        .map((line) => `<a:p><a:r><a:rPr lang="en-US" dirty="0"/><a:t>${line}</a:t></a:r></a:p>`)
        .join(''),
  );
}

function themeXml(xml: string, name: string, c: DeckColours): string {
  const clr = (tag: string, v: string) => `<a:${tag}><a:srgbClr val="${v}"/></a:${tag}>`;
  const scheme =
    `<a:clrScheme name="${escapeXml(name)}">${clr('dk1', c.text)}${clr('lt1', c.background)}${clr('dk2', c.accent)}${clr('lt2', c.callout)}` +
    `${clr('accent1', c.accent)}${clr('accent2', c.accent2)}${clr('accent3', c.muted)}${clr('accent4', c.rule)}${clr('accent5', c.code)}${clr('accent6', c.link)}` +
    `${clr('hlink', c.link)}${clr('folHlink', c.accent2)}</a:clrScheme>`;
  return xml
    .replace(/<a:clrScheme name="[^"]*">[\s\S]*?<\/a:clrScheme>/, scheme)
    .replace(/(<a:theme\b[^>]*\bname=")[^"]*"/, `$1${escapeXml(name)}"`)
    .replace(/(<a:fontScheme name=")[^"]*"/, `$1${escapeXml(name)}"`);
}

/** Applies the fixes above and re-zips with fixed dates, keeping the entry order. */
export async function finishPackage(raw: Uint8Array, o: FinishOptions): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(raw);
  const slides = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
  for (const path of slides) {
    const n = Number(/slide(\d+)\.xml$/.exec(path)![1]);
    let xml = await zip.file(path)!.async('string');
    xml = cleanSlide(
      placeGeometry(
        xml,
        o.geometry.filter((g) => g.slide === n),
      ),
      o.colours.accent2,
    );
    await setFallbacks(
      zip,
      n,
      xml,
      o.figures.filter((f) => f.slide === n),
    );
    zip.file(path, xml);
  }
  for (const path of Object.keys(zip.files).filter((n) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(n))) {
    zip.file(path, notesParagraphs(await zip.file(path)!.async('string')));
  }
  const edit = async (path: string, fn: (xml: string) => string) => {
    const f = zip.file(path);
    if (f) zip.file(path, fn(await f.async('string')));
  };
  await edit('ppt/theme/theme1.xml', (xml) => themeXml(xml, o.master, o.colours));
  await edit('ppt/slideMasters/slideMaster1.xml', (xml) =>
    xml.replace(/<p:cSld>/, `<p:cSld name="${escapeXml(o.master)}">`),
  );
  await edit('docProps/core.xml', (xml) =>
    xml.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, `$1${FIXED_ISO}`),
  );
  const out = new JSZip();
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) out.folder(name);
    else out.file(name, await entry.async('uint8array'), { date: FIXED_DATE, binary: true });
  }
  for (const entry of Object.values(out.files)) entry.date = FIXED_DATE;
  return out.generateAsync({
    type: 'uint8array',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
    platform: 'DOS',
  });
}
