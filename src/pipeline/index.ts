// `coursemap build`: the whole pipeline for one course, with one shared browser.
// parse → model → generate → render → write; a failure in one output never loses the others.
//
// Incremental: out/manifest.json (manifest.ts) records every output with the key of what
// produced it; units whose key is unchanged and whose files are intact are reused (outputs.ts),
// outputs of removed chapters are deleted (only files the manifest lists), identical files are
// not rewritten. `check: true` writes nothing and reports drift. `shard` builds one part of the
// units (shard.ts).
import { availableParallelism } from 'node:os';
import type { VFile } from 'vfile';
import { templateSet } from '../generate/templates.ts';
import { checkBuildOptions } from './check-options.ts';
import { optionsConfig, resolveBuild, type ConfigChoice } from './resolve.ts';
import type { LoadResult } from '../load.ts';
import { loadCourse } from './load.ts';
import { toModelMessages } from '../model/messages.ts';
import type { Course } from '../model/types.ts';
import { MERMAID_VERSION, Renderer, type Format, type RenderEvent, type Theme } from '../render/index.ts';
import { useValidationStore } from '../generate/mermaid/mermaid-validate.ts';
import { openValidationStore } from './validate-cache.ts';
import { diagramJobs } from './diagrams.ts';
import { mapsLine, renderDiagrams } from './diagram-units.ts';
import { generatedMaps } from './maps-cache.ts';
import { folderFingerprint, keyOf, readManifest, toolFingerprint } from './manifest.ts';
import { lockOutput } from '../write/lock.ts';
import { checkOutputFolder } from '../write/out-folder.ts';
import { inputFailure, keptAsIs } from './keep.ts';
import { StatIndex } from './stat-index.ts';
import { Outputs, type CheckReport, type OutputStatus } from './outputs.ts';
import type { Shard } from './shard.ts';
import type { OutputFormat, StageName, StageContext } from './stages.ts';
import { runStages } from './run-stages.ts';
import { Timings, type BuildTimings } from './timings.ts';
import { fontSubsetStats } from '../render/fonts/fonts.ts';

export type { OutputFormat, StageName } from './stages.ts';
export { DEFAULT_BUILD } from './defaults.ts';
export type { CheckReport, OutputStatus } from './outputs.ts';
export type { Shard } from './shard.ts';
export type { BuildTimings } from './timings.ts';

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
  settings?: Record<string, string | number | boolean>;
  onPhase?: (phase: string, detail: string) => void;
  /** Write nothing; compare what the build produces with outDir (BuildResult.report). */
  check?: boolean;
  /** Build only this shard's units (and keep the other shards' manifest entries). */
  shard?: Shard;
  /** Ignore out/manifest.json: run every unit (identical files are still not rewritten). */
  full?: boolean;
  /** Per-output events: written, unchanged, reused, deleted, stale, missing, extra. */
  onOutput?: (path: string, status: OutputStatus) => void;
  /** Renderer lifecycle events (launch, each diagram), for progress displays. */
  onRenderEvent?: (event: RenderEvent) => void;
  /** A renderer kept open by the caller across builds (coursemap dev); not closed by build(). */
  renderer?: Renderer;
  /** An already loaded course (the CLI loads it first to read its front matter). */
  loaded?: LoadResult;
  /** Library only: the document stages to run (default all; the diagrams always are), their outputs alone made. */
  stages?: readonly StageName[];
  /** Library only: the document stages one after another, not overlapped (./run-stages.ts; to compare). */
  sequentialStages?: boolean;
}

/**
 * What build() takes: any of the options; a setting left out comes from the config file, the
 * course's front matter, then the defaults, as on the command line (./resolve.ts).
 */
export type BuildRequest = Partial<BuildOptions> & {
  /** The config file: found upward from the input (default), this path, or none (false). */
  config?: ConfigChoice;
  /** The working folder: a .js/.mjs config there may run (default process.cwd()). */
  cwd?: string;
};

export interface BuildResult {
  course: Course;
  files: VFile[];
  outputs: Outputs;
  ms: number;
  browserStarted: boolean;
  /** Drift with `check: true` (empty lists otherwise). */
  report: CheckReport;
  /** The options the build ran with, after the config file, front matter and defaults. */
  options: BuildOptions;
  /** The config file read, or null. */
  configFile: string | null;
  /** .js/.mjs configs passed over: above the course folder and the working folder, they do not run. */
  skippedConfigs: string[];
  /** Where the time went (`build --timings`). */
  timings: BuildTimings;
}

/**
 * Everything every output depends on besides its own inputs. The formats are not in it: each
 * unit keys on the formats its own files depend on, so adding or removing a format builds or
 * deletes only that format's outputs.
 */
function globalKey(options: BuildOptions): { key: string; tool: string } {
  const tool = toolFingerprint();
  return {
    tool: `coursemap ${tool.version}`,
    key: keyOf({
      tool: tool.fingerprint,
      templates: folderFingerprint(options.templatesDir),
      theme: options.theme,
      background: options.background,
      scale: options.scale,
      settings: options.settings ?? {},
    }),
  };
}

/**
 * Builds into options.outDir, holding its lock (a second build into the same folder fails with
 * LockedError). A folder that is a file, cannot be written, or is not empty and holds no coursemap
 * manifest (unless `full`, i.e. --force) fails with OutputFolderError before anything is written.
 */
export async function build(input: string, request: BuildRequest = {}): Promise<BuildResult> {
  checkBuildOptions(request);
  const { config, cwd, ...given } = request;
  const resolved = await resolveBuild(input, optionsConfig(given), {
    config,
    ...(cwd === undefined ? {} : { cwd }),
    ...(given.loaded ? { loaded: given.loaded } : {}),
    ...(given.full ? { force: true } : {}),
  });
  const options: BuildOptions = {
    ...given,
    ...resolved.options,
    settings: { ...resolved.options.settings, ...given.settings },
  };
  const found = { options, configFile: resolved.configFile, skippedConfigs: resolved.skippedConfigs };
  if (options.check) return { ...(await runPipeline(input, options)), ...found };
  await checkOutputFolder(options.outDir, {
    hasManifest: (await readManifest(options.outDir)) !== null,
    force: options.full ?? false,
  });
  const release = await lockOutput(options.outDir);
  try {
    return { ...(await runPipeline(input, options)), ...found };
  } finally {
    await release();
  }
}

async function runPipeline(
  input: string,
  options: BuildOptions,
): Promise<Omit<BuildResult, 'options' | 'configFile' | 'skippedConfigs'>> {
  const started = performance.now();
  const timings = new Timings();
  const fontsBefore = fontSubsetStats();
  let browserLaunchMs: number | undefined;
  const phase = options.onPhase ?? (() => undefined);
  const { course, files } =
    options.loaded ??
    (await timings.time('parse', () =>
      loadCourse(input, {
        cacheDir: options.full ? false : options.cacheDir,
        ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
      }),
    ));
  phase(
    'parse',
    `${course.chapters.length} chapters, ${course.chapters.reduce((n, c) => n + c.sections.length, 0)} sections`,
  );
  // A wrong input (a typo in the path, an empty file, a folder without Markdown…) builds nothing:
  // out/ keeps the last good outputs, reported stale (BuildResult.outputs.kept).
  if (inputFailure(files)) return keptAsIs(course, files, await readManifest(options.outDir), options.outDir, started);
  const found = await readManifest(options.outDir);
  const previous = options.full ? null : found;
  const global = globalKey(options);
  const outputs = new Outputs(options.outDir, {
    check: options.check ?? false,
    previous,
    globalKey: global.key,
    tool: global.tool,
    shard: options.shard ?? null,
    files,
    ...(options.onOutput ? { onOutput: options.onOutput } : {}),
    ...(options.cacheDir !== false && !options.check
      ? { statIndex: await StatIndex.open(options.cacheDir, options.outDir) }
      : {}),
    ...(options.full ? { force: true, replaced: found } : {}),
  });
  const templates = templateSet(options.templatesDir);
  const renderer =
    options.renderer ??
    (await Renderer.open({
      poolSize: Math.min(4, Math.max(1, availableParallelism())),
      cache: options.cacheDir === false ? false : { dir: options.cacheDir },
      keepSvgs: true,
      ...(options.browserWSEndpoint ? { browserWSEndpoint: options.browserWSEndpoint } : {}),
      onEvent: (event) => {
        if (event.type === 'launch') browserLaunchMs = event.ms;
        options.onRenderEvent?.(event);
      },
    }));
  const ownRenderer = options.renderer === undefined;
  const courseHash = keyOf(course); // hashed once: the maps and every stage's key depend on the whole course
  const endMaps = timings.start('maps');
  try {
    // Authored diagrams checked by an earlier build are not parsed again (mermaid stays unloaded).
    const validation =
      options.cacheDir === false || options.full
        ? undefined
        : await openValidationStore(options.cacheDir, `${global.tool} mermaid ${MERMAID_VERSION}`);
    useValidationStore(validation);
    const maps = await generatedMaps({
      course,
      courseHash,
      templates,
      templatesDir: options.templatesDir,
      cacheDir: options.full ? false : options.cacheDir,
      input,
    });
    const lectureSlides = options.settings?.['lectureSlides'];
    const jobs = await diagramJobs(
      course,
      files,
      templates,
      maps,
      typeof lectureSlides === 'number' ? lectureSlides : undefined,
    ).finally(() => useValidationStore(undefined));
    await validation?.save();
    const formats = options.formats.filter((f): f is Format => f === 'svg' || f === 'png');
    const diagramOptions = {
      formats,
      theme: options.theme,
      background: options.background,
      scale: options.scale,
      timeoutMs: options.timeoutMs,
    };
    const { diagrams, counts } = await renderDiagrams(jobs, renderer, outputs, diagramOptions, options);
    endMaps();
    phase('maps', mapsLine(counts));
    const ctx: StageContext = {
      course,
      files,
      templates,
      renderer,
      outputs,
      diagrams,
      phase,
      formats: options.formats,
      theme: options.theme,
      background: options.background,
      timeoutMs: options.timeoutMs,
      settings: options.settings ?? {},
      unit: (id, inputs, produce, unitOptions) =>
        outputs.unit(id, inputs, produce, unitOptions?.chapter === undefined ? {} : { chapter: unitOptions.chapter }),
      ...(options.shard ? { shard: options.shard } : {}),
    };
    await runStages({
      ctx,
      outputs,
      courseHash,
      formats: options.formats,
      timeoutMs: options.timeoutMs,
      timings,
      ...(options.stages ? { only: options.stages } : {}),
      ...(options.sequentialStages ? { sequential: true } : {}),
    });
  } finally {
    if (ownRenderer) await renderer.close();
  }
  // The model goes last: it carries every message of the build. Course level: the last shard.
  course.messages = toModelMessages(files);
  const report = await timings.time('model', async () => {
    if (outputs.owns(null)) await outputs.write('model.json', `${JSON.stringify({ course }, null, 2)}\n`);
    return outputs.finish();
  });
  return {
    timings: {
      steps: timings.list,
      ...(browserLaunchMs === undefined ? {} : { browserLaunchMs }),
      fonts: { count: fontSubsetStats().count - fontsBefore.count, ms: fontSubsetStats().ms - fontsBefore.ms },
    },
    course,
    files,
    outputs,
    ms: performance.now() - started,
    browserStarted: renderer.browserStarted || renderer.launches > 0,
    report,
  };
}
