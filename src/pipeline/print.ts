// The print stage: out/study-map.html (+ .pdf, .png) and out/companion.html (+ .pdf).
// The content of each is chosen by measuring candidates in Chromium's print layout: the first
// level of the documented condensing rules (src/generate/print/paper.ts) that fits is kept,
// and a warning names what it left out.
import { companionData, companionDropped } from '../generate/print/companion.ts';
import {
  COMPANION_LEVELS,
  companionPageBounds,
  MAX_MAP_FONT,
  pageBox,
  type MapLevel,
  type Orientation,
  type PageBox,
  type Paper,
} from '../generate/print/paper.ts';
import {
  STUDY_MAP_LEVELS,
  studyMapData,
  studyMapDropped,
  studyMapFontPt,
  type StudyMapOptions,
} from '../generate/print/study-map.ts';
import { diagnosticsFor } from '../model/messages.ts';
import { candidateFonts, embedPageFonts } from '../render/fonts/embed-fonts.ts';
import {
  fillCards,
  measureOverflow,
  pdfPageCount,
  printPdf,
  printPng,
  PX_PER_MM,
  setBaseFontPt,
  withPrintPage,
  type PrintSession,
} from '../render/documents/print.ts';
import { diagramSource, warnCompanionDiagrams } from './print-figures.ts';
import type { Stage, StageContext } from './stages.ts';

/** Resolution of study-map.png. */
export const PNG_DPI = 300;
/** Zoom steps tried when even the most condensed study map is too big. */
const MAX_ZOOM_STEPS = 6;

function setting<T extends string>(ctx: StageContext, key: string, allowed: readonly T[], fallback: T): T {
  const v = ctx.settings[key];
  return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
}

const PAPERS: readonly Paper[] = ['a4', 'letter', 'a3'];

export const printStage: Stage = {
  name: 'print',
  async run(ctx) {
    const orientation = setting<Orientation>(ctx, 'orientation', ['landscape', 'portrait'], 'landscape');
    const mapBox = pageBox(setting(ctx, 'paper', PAPERS, 'a3'), orientation);
    const companionBox = pageBox(setting(ctx, 'paper', PAPERS, 'a4'), 'portrait');
    if (ctx.course.chapters.length === 0) return;
    // Incremental builds: each output set is one unit, rebuilt only when the course or the options change.
    const unit =
      ctx.unit ??
      (async (_id: string, _inputs: unknown, produce: () => Promise<void>) => (await produce(), 'built' as const));
    // `version` changes when the print code changes its bytes (2: PDF bookmarks; 3: study map route, key terms, fill; 4: companion diagrams measured).
    const inputs = {
      course: { ...ctx.course, messages: [] },
      formats: ctx.formats.filter((f) => f === 'png' || f === 'pdf'),
      theme: ctx.theme,
      version: 4,
    };
    await unit('print:study-map', { ...inputs, box: mapBox }, () => studyMap(ctx, mapBox));
    await unit('print:companion', { ...inputs, box: companionBox }, () => companion(ctx, companionBox));
  },
};

function warn(ctx: StageContext, message: string, ruleId: string, hint?: string): void {
  const file = ctx.files.find((f) => f.path === ctx.course.files[0]) ?? ctx.files[0];
  if (file) diagnosticsFor(file).warn({ line: 1, column: 1, offset: 0 }, message, ruleId, hint);
}

function session<T>(ctx: StageContext, box: PageBox, fn: (s: PrintSession) => Promise<T>): Promise<T> {
  const warnings: string[] = [];
  return withPrintPage(
    ctx.renderer,
    {
      width: box.widthMm * PX_PER_MM,
      height: box.heightMm * PX_PER_MM,
      timeoutMs: Math.max(30_000, ctx.timeoutMs),
      warnings,
    },
    fn,
  ).finally(() => {
    for (const w of [...new Set(warnings)]) warn(ctx, `print: ${w}`, 'print-blocked-request');
  });
}

/** Font steps of the search for the largest text that still fits (scale units). */
const FONT_STEP = 0.02;
/** Key terms offered to each card beyond its level's count, kept where they fit. */
const EXTRA_TERMS = 6;

async function studyMap(ctx: StageContext, box: PageBox): Promise<void> {
  // The candidates measured share the fonts of every character seen so far; the HTML file gets a
  // subset of its own text. It links each card to its deck and map; the page that is measured
  // and printed has no links (PDF link annotations would carry the temp folder's absolute URL).
  const candidate = candidateFonts();
  const render = (level: MapLevel, options: StudyMapOptions = {}, links = false) => {
    const data = studyMapData(ctx.course, box, level, options);
    const parts = links
      ? data.parts
      : data.parts.map((p) => ({ ...p, cards: p.cards.map((c) => ({ ...c, deckHref: '', mapHref: '' })) }));
    const html = ctx.templates.render('print/study-map.html.hbs', { ...data, parts });
    return links ? embedPageFonts(html) : candidate(html);
  };
  await session(ctx, box, async (s) => {
    const measure = () => measureOverflow(s.page, '.body', '.part');
    let chosen = -1;
    let ratio = 1;
    for (let i = 0; i < STUDY_MAP_LEVELS.length && chosen < 0; i++) {
      await s.load(await render(STUDY_MAP_LEVELS[i]!));
      const m = await measure();
      ratio = m.ratio;
      if (m.fits) chosen = i;
    }
    let options: StudyMapOptions = {};
    let level = STUDY_MAP_LEVELS[Math.max(chosen, 0)]!;
    if (chosen < 0) {
      chosen = STUDY_MAP_LEVELS.length - 1;
      level = STUDY_MAP_LEVELS[chosen]!;
      options = { zoom: await shrinkToFit(s, (zoom) => render(level, { zoom }), ratio) };
    } else {
      // The level fits: grow its text while it still fits (measured on the loaded page), then
      // let each card keep the further key terms that fit in the room its row leaves it.
      const font = await largestFont(
        level.font,
        async (f) => (await setBaseFontPt(s.page, studyMapFontPt(box, f)), (await measure()).fits),
      );
      level = { ...level, font };
      await s.load(await render(level, { extraTerms: EXTRA_TERMS }));
      const counts = await fillCards(s.page, '.card', '.terms li', '.terms li.extra');
      options = { termCounts: new Map(Object.entries(counts).map(([n, k]) => [Number(n), k])) };
    }
    const zoom = options.zoom ?? 1;
    ctx.phase(
      'print',
      `study map: ${box.label}, level ${chosen}, text at ${Math.round(level.font * 100)} %${zoom < 1 ? `, zoom ${zoom}` : ''}`,
    );
    reportCondensed(
      ctx,
      'study map',
      `one ${box.label} page`,
      studyMapDropped(ctx.course, level, options.termCounts),
      zoom,
    );
    await s.load(await render(level, options));
    // Filling is measured card by card; should the whole ever not fit, the cards keep their level's terms.
    if (options.termCounts && !(await measure()).fits) await s.load(await render(level, (options = {})));
    await ctx.outputs.write('study-map.html', await render(level, options, true));
    if (ctx.formats.includes('pdf')) {
      const pdf = await printPdf(s.page, box);
      const pages = pdfPageCount(pdf);
      if (pages !== 1) warn(ctx, `study map: the PDF has ${pages} pages instead of one`, 'print-overflow');
      await ctx.outputs.write('study-map.pdf', pdf);
    }
    if (ctx.formats.includes('png'))
      await ctx.outputs.write('study-map.png', await printPng(s.page, { ...box, dpi: PNG_DPI }));
  });
}

/**
 * The largest font scale from `from` (known to fit) up to MAX_MAP_FONT, in FONT_STEP steps, at
 * which the page still fits, by bisection.
 */
async function largestFont(from: number, fitsAt: (font: number) => Promise<boolean>): Promise<number> {
  let lo = Math.round(from / FONT_STEP);
  let hi = Math.round(MAX_MAP_FONT / FONT_STEP);
  if (await fitsAt(hi * FONT_STEP)) return round2(hi * FONT_STEP);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (await fitsAt(mid * FONT_STEP)) lo = mid;
    else hi = mid;
  }
  return round2(lo * FONT_STEP);
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Scales the whole sheet down until the last level fits; returns the zoom (two decimals). */
async function shrinkToFit(s: PrintSession, render: (zoom: number) => Promise<string>, ratio: number): Promise<number> {
  let zoom = Math.floor(Math.min(0.99, 0.98 / Math.max(ratio, 1)) * 100) / 100;
  for (let step = 0; step < MAX_ZOOM_STEPS; step++) {
    await s.load(await render(zoom));
    const m = await measureOverflow(s.page, '.body', '.part');
    if (m.fits) return zoom;
    zoom = Math.floor(zoom * Math.min(0.96, 0.98 / Math.max(m.ratio, 1)) * 100) / 100;
  }
  return zoom;
}

function reportCondensed(ctx: StageContext, what: string, target: string, dropped: readonly string[], zoom = 1): void {
  const all = zoom < 1 ? [...dropped, `and the whole page was scaled to ${Math.round(zoom * 100)} %`] : dropped;
  if (all.length === 0) return;
  warn(
    ctx,
    `${what}: condensed to fit ${target}; left out ${all.join(', ')}`,
    'print-condensed',
    'See "Print outputs" in the README for the condensing rules; a larger --paper keeps more.',
  );
}

async function companion(ctx: StageContext, box: PageBox): Promise<void> {
  const bounds = companionPageBounds(ctx.course.chapters.length);
  const candidate = candidateFonts();
  await session(ctx, box, async (s) => {
    let html = '';
    let pdf: Uint8Array = new Uint8Array();
    let pages = 0;
    let chosen = 0;
    for (; chosen < COMPANION_LEVELS.length; chosen++) {
      html = ctx.templates.render(
        'print/companion.html.hbs',
        companionData(ctx.course, box, COMPANION_LEVELS[chosen]!, diagramSource(ctx)),
      );
      await s.load(await candidate(html));
      pdf = await printPdf(s.page, box);
      pages = pdfPageCount(pdf);
      if (pages <= bounds.max) break;
    }
    chosen = Math.min(chosen, COMPANION_LEVELS.length - 1);
    ctx.phase(
      'print',
      `companion: ${box.label}, ${pages} page${pages === 1 ? '' : 's'} (bounds ${bounds.min}–${bounds.max}), level ${chosen}`,
    );
    reportCondensed(
      ctx,
      'study companion',
      `${bounds.max} ${box.label} page${bounds.max === 1 ? '' : 's'}`,
      companionDropped(ctx.course, COMPANION_LEVELS[chosen]!),
    );
    warnCompanionDiagrams(ctx, box, COMPANION_LEVELS[chosen]!);
    if (pages > bounds.max)
      warn(
        ctx,
        `study companion: ${pages} pages, more than the ${bounds.max} planned even after condensing`,
        'print-overflow',
      );
    await ctx.outputs.write('companion.html', await embedPageFonts(html));
    if (ctx.formats.includes('pdf')) await ctx.outputs.write('companion.pdf', pdf);
  });
}
