// `coursemap build`: the whole pipeline for one course, with one shared browser.
// parse → model → generate → render → write; a failure in one output never loses the others.
import { availableParallelism } from 'node:os';
import type { VFile } from 'vfile';
import { templateSet } from '../generate/templates.ts';
import { loadCourse } from '../index.ts';
import { diagnosticsFor, toModelMessages } from '../model/messages.ts';
import type { Course } from '../model/types.ts';
import { Renderer, type Format, type Theme } from '../render/index.ts';
import { buildDiagrams, diagramJobs } from './diagrams.ts';
import { Outputs } from './outputs.ts';
import { STAGES, type OutputFormat } from './stages.ts';

export type { OutputFormat } from './stages.ts';

export interface BuildOptions {
  outDir: string;
  formats: OutputFormat[];
  theme: Theme;
  background: string;
  scale: number;
  timeoutMs: number;
  templatesDir?: string;
  /** Render cache folder, or false for none. */
  cacheDir: string | false;
  browserWSEndpoint?: string;
  maxBytes?: number;
  /** Stage settings from the CLI (paper size, PDF notes…). */
  settings?: Record<string, string | boolean>;
  onPhase?: (phase: string, detail: string) => void;
}

export const DEFAULT_BUILD: BuildOptions = {
  outDir: 'out',
  formats: ['svg', 'png'],
  theme: 'default',
  background: 'white',
  scale: 2,
  timeoutMs: 15_000,
  cacheDir: '.coursemap-cache',
};

export interface BuildResult {
  course: Course;
  files: VFile[];
  outputs: Outputs;
  ms: number;
  browserStarted: boolean;
}

export async function build(input: string, options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const phase = options.onPhase ?? (() => undefined);
  const { course, files } = await loadCourse(input, options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes });
  phase('parse', `${course.chapters.length} chapters, ${course.chapters.reduce((n, c) => n + c.sections.length, 0)} sections`);
  const outputs = new Outputs(options.outDir);
  const templates = templateSet(options.templatesDir);
  const renderer = await Renderer.open({
    poolSize: Math.min(4, Math.max(1, availableParallelism())),
    cache: options.cacheDir === false ? false : { dir: options.cacheDir },
    ...(options.browserWSEndpoint ? { browserWSEndpoint: options.browserWSEndpoint } : {}),
  });
  try {
    const jobs = await diagramJobs(course, files, templates);
    const formats = options.formats.filter((f): f is Format => f === 'svg' || f === 'png');
    const diagrams = await buildDiagrams(jobs, renderer, outputs, { formats, theme: options.theme, background: options.background, scale: options.scale, timeoutMs: options.timeoutMs });
    phase('maps', `${jobs.length} diagrams (${outputs.rendered} rendered, ${outputs.fromCache} from cache)`);
    const ctx = {
      course, files, templates, renderer, outputs, diagrams, phase,
      formats: options.formats, theme: options.theme, background: options.background, timeoutMs: options.timeoutMs, settings: options.settings ?? {},
    };
    for (const stage of STAGES) {
      try {
        await stage.run(ctx);
      } catch (err) {
        // A stage that throws is a bug; the other stages and outputs still go on.
        const file = files[files.length - 1];
        if (file) diagnosticsFor(file).error({ line: 1, column: 1, offset: 0 }, `${stage.name} failed: ${err instanceof Error ? err.message : String(err)}`, 'stage-failed');
      }
    }
  } finally {
    await renderer.close();
  }
  // The model goes last: it carries every message of the build.
  course.messages = toModelMessages(files);
  await outputs.write('model.json', `${JSON.stringify({ course }, null, 2)}\n`);
  return { course, files, outputs, ms: performance.now() - started, browserStarted: renderer.browserStarted };
}
