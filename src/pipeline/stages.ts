// The document stages of a build (decks, print…), run after the diagrams, in order, with the
// build's shared renderer. Each stage writes its own outputs and reports its own problems;
// one failing stage never stops the others.
import type { VFile } from 'vfile';
import type { ConfigFormat } from '../config/schema.ts';
import type { TemplateSet } from '../generate/templates.ts';
import type { Course } from '../model/types.ts';
import type { Renderer, Theme } from '../render/index.ts';
import type { Outputs } from './outputs.ts';

/** The output formats, declared once with the settings (OUTPUT_FORMATS in src/config/schema.ts). */
export type OutputFormat = ConfigFormat;

export interface RenderedDiagram {
  /** Output name without extension, e.g. "maps/course-map" or "diagrams/3-storage-1". */
  name: string;
  svg: string | null;
  chapter: number | null;
  /** An authored diagram too big for a slide: the diagrams to show instead, a slide each (src/pipeline/diagram-fit.ts). */
  parts?: Array<{ name: string; title: string | null }>;
  /** The Mermaid source it was rendered from (an authored block's repaired text), for variants drawn later (the book's page parts). */
  source?: string;
}

export interface StageContext {
  course: Course;
  /** The course's files; report problems on them with diagnosticsFor(file). */
  files: readonly VFile[];
  templates: TemplateSet;
  renderer: Renderer;
  outputs: Outputs;
  formats: readonly OutputFormat[];
  theme: Theme;
  background: string;
  /** Rendered diagrams by name (maps and authored blocks), for inlining. */
  diagrams: ReadonlyMap<string, RenderedDiagram>;
  timeoutMs: number;
  /** Extra build settings that a stage understands (paper size, PDF notes…). */
  settings: Readonly<Record<string, string | number | boolean>>;
  phase: (phase: string, detail: string) => void;
  /**
   * Incremental builds (optional; absent in older callers): runs `produce` only when this
   * unit's `inputs` (any JSON: the chapter, the diagrams it inlines…) changed since the last
   * build or its files are gone, else keeps its files from out/. Files written inside are
   * attributed to the unit. Pass `chapter` for per-chapter work so that `--shard` gives it to
   * the chapter's shard (it returns 'skipped' in the others). Without units, a stage re-runs
   * as a whole whenever the course changes (identical files are still not rewritten).
   *
   *   for (const chapter of ctx.course.chapters)
   *     await (ctx.unit ?? ((_id, _in, p) => p()))(`decks:${chapter.slug}`, { chapter, title: ctx.course.title }, () => writeDeck(chapter), { chapter: chapter.number });
   */
  unit?: (
    id: string,
    inputs: unknown,
    produce: () => Promise<void>,
    options?: { chapter?: number | null },
  ) => Promise<'built' | 'reused' | 'skipped'>;
  /** --shard i/n of this build, when sharded. */
  shard?: { index: number; count: number };
}

export interface Stage {
  name: string;
  run(ctx: StageContext): Promise<void>;
}

/** How a document stage is scheduled (./run-stages.ts). */
export interface StagePlan {
  /**
   * The stages whose outputs this one reads (the handout opens the decks' HTML; the site lists
   * every output): it starts once they are done, and its key holds their outputs.
   */
  after: readonly StageName[];
  /**
   * The stages of one lane run one after another, in this list's order; lanes run side by side.
   * The browser stages share one: the print outputs beside the decks made a cold build no faster
   * on a loaded 2-core machine and made `coursemap dev` show a changed deck later (see
   * docs/benchmarks.md). The stages made in Node have their own: the browser stages leave Node's
   * event loop idle three quarters of the time.
   */
  lane: 'browser' | 'node';
}

/**
 * A stage whose module is imported when it first runs: a build that reuses the stage's outputs
 * never loads its code (slide markdown, reveal.js, print layout…).
 */
function lazy(name: StageName, plan: StagePlan, load: () => Promise<Stage>): Stage & StagePlan & { name: StageName } {
  return { name, ...plan, run: async (ctx) => (await load()).run(ctx) };
}

/** The document stages, in the order their messages are reported (and each lane's stages run). */
export type StageName = 'decks' | 'handout' | 'print' | 'book' | 'flashcards' | 'site';

const EVERY_OTHER: readonly StageName[] = ['decks', 'handout', 'print', 'book', 'flashcards'];

export const STAGES: Array<Stage & StagePlan & { name: StageName }> = [
  lazy('decks', { after: [], lane: 'browser' }, async () => (await import('./decks.ts')).decksStage),
  lazy('handout', { after: ['decks'], lane: 'browser' }, async () => (await import('./handouts.ts')).handoutStage),
  lazy('print', { after: [], lane: 'browser' }, async () => (await import('./print.ts')).printStage),
  lazy('book', { after: [], lane: 'browser' }, async () => (await import('./book.ts')).bookStage),
  // Cards, CSV and the Anki package are made in Node (cards.pdf, with `pdf`, prints one sheet).
  lazy('flashcards', { after: [], lane: 'node' }, async () => (await import('./flashcards.ts')).flashcardsStage),
  // Last: its home page lists every output written before it.
  lazy('site', { after: EVERY_OTHER, lane: 'node' }, async () => (await import('./site.ts')).siteStage),
];
