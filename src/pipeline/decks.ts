// The decks stage: a reveal.js deck per chapter and one for the course, as self-contained HTML
// (always), PNG per slide (--formats png) and PDF (--formats pdf). Each deck is generated, opened
// in one page of the shared browser to measure what fits, regenerated with continuation slides,
// then exported from that same page.
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pLimit from 'p-limit';
import { courseDeck } from '../generate/slides/course-deck.ts';
import { chapterLectures, type LectureSplit } from '../generate/slides/lectures.ts';
import { lectureTarget } from '../generate/slides/lecture-plan.ts';
import { applyFit } from '../generate/slides/fit.ts';
import { loadGrammars } from '../generate/slides/highlight.ts';
import { deckHtml } from '../generate/slides/html.ts';
import { slideTemplates, type SlideTemplates } from '../generate/slides/partials.ts';
import type { Deck, FitDecision } from '../generate/slides/types.ts';
import { diagnosticsFor } from '../model/messages.ts';
import type { Block, Section } from '../model/types.ts';
import {
  deckPdf,
  deckPngs,
  loadDeck,
  measureFit,
  overflowing,
  replaceDeck,
  withDeckPage,
  type DeckPage,
} from '../render/documents/deck.ts';
import { DeckPages } from '../render/documents/deck-pages.ts';
import { embedPageFonts } from '../render/fonts/embed-fonts.ts';
import { lectureSummary, reportDeckCoverage, reportLength, reportProblems } from './deck-reports.ts';
import { deckPptxStep, PPTX_VERSION, wantsPptx } from './pptx.ts';
import type { Stage, StageContext } from './stages.ts';

/** Bump when a change of the deck code changes output bytes (invalidates incremental builds). */
export const DECKS_VERSION = 4;
const REVEAL_VERSION = (
  JSON.parse(
    readFileSync(fileURLToPath(new URL('../package.json', import.meta.resolve('reveal.js/reveal.css'))), 'utf8'),
  ) as { version: string }
).version;

/** PNG pixels per CSS pixel: 1280×720 slides → 1920×1080 images. */
export const PNG_SCALE = 1.5;

export interface DeckJob {
  deck: Deck;
  chapter: number | null;
  /** The chapter's lecture split (chapter decks only). */
  split?: LectureSplit;
}

export interface DeckReport {
  slug: string;
  slides: number;
  pngs: number;
  overflow: string[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Pages capturing one deck's slides at once: a screenshot keeps about one core busy. */
export const CAPTURE_PAGES = Math.max(1, Math.min(2, availableParallelism()));

/**
 * Capture pages for a deck, given how many decks are in the browser now. A second page loads the
 * whole deck again (about 0.45 s of CPU, as much as 7 slide captures): worth it only to use a core
 * no other deck keeps busy, so one page while two decks run, two for a deck alone (the last one).
 */
export const capturePages = (running: number): number => (running > 1 ? 1 : CAPTURE_PAGES);

async function exportDeck(
  ctx: StageContext,
  page: DeckPage,
  file: string,
  slug: string,
  timeoutMs: number,
  pages: () => number,
): Promise<number> {
  let pngs = 0;
  if (ctx.formats.includes('png')) {
    const write = async (i: number, png: Uint8Array) => {
      await ctx.outputs.write(`decks/${slug}/slide-${pad(i + 1)}.png`, png);
    };
    pngs = await deckPngs(ctx.renderer, page, { file, scale: PNG_SCALE, timeoutMs, warnings: [] }, pages(), write);
  }
  if (ctx.formats.includes('pdf'))
    await ctx.outputs.write(
      `decks/${slug}.pdf`,
      await deckPdf(page, file, ctx.settings['pdfNotes'] === true, ctx.timeoutMs * 4),
    );
  return pngs;
}

/** PNG pixels per CSS pixel of the deck pages: the capture's when the decks are exported, else 1. */
const pageScale = (ctx: StageContext) =>
  ctx.formats.includes('png') || ctx.formats.includes('pdf') || wantsPptx(ctx) ? PNG_SCALE : 1;
const deckTimeout = (ctx: StageContext) => Math.max(30_000, ctx.timeoutMs * 2);

export async function buildDeck(
  ctx: StageContext,
  templates: SlideTemplates,
  job: DeckJob,
  dir: string,
  pages: () => number = () => CAPTURE_PAGES,
  /** Pages kept open across the stage's decks (else the deck gets a page of its own). */
  deckPages?: DeckPages,
): Promise<DeckReport> {
  const file = join(dir, `${job.deck.slug}.html`);
  // One shared copy of the bundled fonts (subset to the deck's text) serves every slide and inlined SVG.
  const draft = await embedPageFonts(deckHtml(job.deck, templates));
  await writeFile(file, draft);
  const warnings: string[] = [];
  const images = ctx.formats.includes('png') || ctx.formats.includes('pdf');
  const exporting = pageScale(ctx) !== 1;
  const timeoutMs = deckTimeout(ctx);
  const inPage = async (page: DeckPage): Promise<DeckReport> => {
    const plan = new Map<string, FitDecision>(
      (await measureFit(page)).map((r) => [r.key, { chunks: r.chunks, shrink: r.shrink }]),
    );
    const deck = applyFit(job.deck, plan);
    const html = plan.size > 0 ? await embedPageFonts(deckHtml(deck, templates)) : draft;
    await ctx.outputs.write(`decks/${deck.slug}.html`, html);
    if (!exporting) return { slug: deck.slug, slides: deck.slides.length, pngs: 0, overflow: [] };
    if (html !== draft) {
      await writeFile(file, html);
      await replaceDeck(page, html, timeoutMs);
    }
    const overflow = await overflowing(page);
    if (wantsPptx(ctx)) {
      // The PPTX pass puts the page back as it was; only a failed one leaves it to be loaded again.
      if (!(await deckPptxStep(ctx, page, job.chapter, deck.slug)) && images) await loadDeck(page, file, timeoutMs);
    }
    const pngs = await exportDeck(ctx, page, file, deck.slug, timeoutMs, pages);
    return { slug: deck.slug, slides: deck.slides.length, pngs, overflow };
  };
  const report = deckPages
    ? await deckPages.use(file, warnings, inPage)
    : await withDeckPage(ctx.renderer, { file, scale: pageScale(ctx), timeoutMs, warnings }, inPage);
  reportProblems(ctx, job, warnings, report.overflow);
  reportLength(ctx, job, report.slides);
  return report;
}

/** One deck failing in the browser (timeout, crash) still gets its unfitted HTML and an error; the others go on. */
async function safeDeck(
  ctx: StageContext,
  templates: SlideTemplates,
  job: DeckJob,
  dir: string,
  pages: () => number,
  deckPages: DeckPages,
): Promise<DeckReport> {
  try {
    return await buildDeck(ctx, templates, job, dir, pages, deckPages);
  } catch (err) {
    const rel = `decks/${job.deck.slug}.html`;
    if (!ctx.outputs.written.some((w) => w.path === rel))
      await ctx.outputs.write(rel, await embedPageFonts(deckHtml(job.deck, templates)));
    const vfile =
      ctx.files.find((f) => f.path === ctx.course.chapters.find((c) => c.number === job.chapter)?.file) ?? ctx.files[0];
    if (vfile)
      diagnosticsFor(vfile).error(
        { line: 1, column: 1, offset: 0 },
        `decks/${job.deck.slug}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
        'deck-failed',
        'The HTML deck was still written; its exports may be missing.',
      );
    return { slug: job.deck.slug, slides: job.deck.slides.length, pngs: 0, overflow: [] };
  }
}

export function deckJobs(
  ctx: Pick<StageContext, 'course' | 'theme' | 'diagrams'> & Partial<Pick<StageContext, 'settings'>>,
): DeckJob[] {
  const input = {
    theme: ctx.theme === 'dark' ? ('dark' as const) : ('light' as const),
    svg: (name: string) => ctx.diagrams.get(name)?.svg ?? null,
    parts: (name: string) => diagramParts(ctx.diagrams, name),
  };
  const max = lectureTarget(ctx.settings);
  const splits = ctx.course.chapters.map((c) => ({ chapter: c, split: chapterLectures(ctx.course, c, input, max) }));
  const links = new Map(
    splits.map(({ chapter, split }) => [
      chapter.number,
      split.decks.map((d) => ({ slug: d.slug, title: d.slides[0]?.title ?? d.title })),
    ]),
  );
  return [
    ...splits.flatMap(({ chapter, split }) => split.decks.map((deck) => ({ deck, chapter: chapter.number, split }))),
    { deck: courseDeck(ctx.course, input, links), chapter: null },
  ];
}

/** Fence languages of every code block of the course (grammars to load before highlighting). */
export function codeLanguages(course: StageContext['course']): Set<string> {
  const langs = new Set<string>();
  const walk = (blocks: readonly Block[]) => {
    for (const b of blocks) {
      if (b.type === 'code' && b.lang) langs.add(b.lang);
      else if (b.type === 'list') for (const i of b.items) walk(i.children);
      else if (b.type === 'quote') walk(b.children);
    }
  };
  const sections = (list: readonly Section[]) => list.forEach((s) => (walk(s.blocks), sections(s.sections)));
  for (const c of course.chapters) walk(c.intro), sections(c.sections);
  return langs;
}

export async function runDecks(ctx: StageContext): Promise<DeckReport[]> {
  const started = performance.now();
  await loadGrammars(codeLanguages(ctx.course));
  const templates = slideTemplates(ctx.templates);
  const dir = await mkdtemp(join(tmpdir(), 'coursemap-decks-'));
  const limit = pLimit(Math.max(1, Math.min(2, ctx.renderer.poolSize)));
  const deckPages = new DeckPages(ctx.renderer, { dir, scale: pageScale(ctx), timeoutMs: deckTimeout(ctx) });
  try {
    const reports: DeckReport[] = [];
    const unit =
      ctx.unit ??
      (async (_id: string, _inputs: unknown, produce: () => Promise<void>) => (await produce(), 'built' as const));
    // One unit per deck: an incremental build redoes only the decks whose slides, formats or templates changed.
    // Only the formats a deck exports: adding flashcards or svg leaves every deck as it is.
    const exports = ctx.formats.filter((f) => f === 'png' || f === 'pdf' || f === 'pptx');
    const key = {
      formats: exports,
      pdfNotes: ctx.settings['pdfNotes'] === true,
      templates: templates.fingerprint,
      reveal: REVEAL_VERSION,
      version: DECKS_VERSION,
      ...(wantsPptx(ctx) ? { pptx: PPTX_VERSION } : {}),
    };
    const jobs = deckJobs(ctx);
    let running = 0;
    const pages = () => capturePages(running);
    await Promise.all(
      jobs.map((job) =>
        limit(() =>
          unit(
            `decks:${job.deck.slug}`,
            { ...key, deck: job.deck },
            async () => {
              running++;
              try {
                reports.push(await safeDeck(ctx, templates, job, dir, pages, deckPages));
              } finally {
                running--;
              }
            },
            { chapter: job.chapter },
          ),
        ),
      ),
    );
    reportDeckCoverage(ctx, jobs);
    const slides = reports.reduce((n, r) => n + r.slides, 0);
    ctx.phase(
      'decks',
      `${reports.length} decks built, ${slides} slides${ctx.formats.includes('png') ? ', PNG' : ''}${ctx.formats.includes('pdf') ? ', PDF' : ''}${lectureSummary(jobs)} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    return reports;
  } finally {
    await deckPages.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export const decksStage: Stage = {
  name: 'decks',
  run: async (ctx) => {
    await runDecks(ctx);
  },
};

/** The parts an authored diagram is shown in on slides, with their SVGs (src/pipeline/diagram-fit.ts). */
export function diagramParts(
  diagrams: StageContext['diagrams'],
  name: string,
): Array<{ name: string; title: string | null; svg: string }> {
  return (diagrams.get(name)?.parts ?? []).flatMap((p) => {
    const svg = diagrams.get(p.name)?.svg;
    return svg ? [{ name: p.name, title: p.title, svg }] : [];
  });
}
