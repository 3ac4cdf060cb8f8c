// `coursemap build`: resolves the settings (CLI > config file > front matter > defaults), runs
// the pipeline with progress, prints the drift list (--check) and a closing summary.
import { build, DEFAULT_BUILD, type BuildOptions, type BuildResult, type OutputFormat } from '../pipeline/index.ts';
import { parseShard } from '../pipeline/shard.ts';
import { ConfigError, findConfigFile, frontMatterConfig, loadConfigFile, mergeConfig, OUTPUT_FORMATS, searchStart, type CourseConfig } from '../config/index.ts';
import type { LoadResult } from '../load.ts';
import { loadCourse } from '../pipeline/load.ts';
import { LockedError } from '../write/lock.ts';
import { EXIT, numberOption, themeOption, UsageError, type Io, type Values } from './common.ts';
import { Progress } from './progress.ts';
import { printMessages } from './report.ts';

const FORMATS: readonly OutputFormat[] = OUTPUT_FORMATS;

function formatsOption(values: Values): OutputFormat[] | undefined {
  if (values.formats === undefined) return undefined;
  const list = values.formats.split(',').map((f) => f.trim()).filter(Boolean);
  const bad = list.find((f) => !(FORMATS as readonly string[]).includes(f));
  if (bad) throw new UsageError(`--formats takes a list of ${FORMATS.join(', ')}, got "${bad}"`);
  return list as OutputFormat[];
}

/** The settings given on the command line (only those given). */
export function cliConfig(values: Values): CourseConfig {
  const c: CourseConfig = {};
  if (values.out !== undefined) c.out = values.out;
  const formats = formatsOption(values);
  if (formats) c.formats = formats;
  if (values.theme !== undefined) c.theme = themeOption(values);
  if (values.background !== undefined) c.background = values.background;
  if (values.scale !== undefined) c.scale = numberOption(values, 'scale', DEFAULT_BUILD.scale, 0.1);
  if (values.timeout !== undefined) c.timeout = numberOption(values, 'timeout', DEFAULT_BUILD.timeoutMs, 1);
  if (values.templates !== undefined) c.templates = values.templates;
  if (values['cache-dir'] !== undefined) c.cacheDir = values['cache-dir'];
  if (values['no-cache']) c.cacheDir = false;
  if (values.paper !== undefined) {
    if (!['a4', 'letter', 'a3'].includes(values.paper)) throw new UsageError(`--paper must be a4, letter or a3, got "${values.paper}"`);
    c.paper = values.paper as 'a4';
  }
  if (values.orientation !== undefined) {
    if (!['landscape', 'portrait'].includes(values.orientation)) throw new UsageError(`--orientation must be landscape or portrait, got "${values.orientation}"`);
    c.orientation = values.orientation as 'landscape';
  }
  if (values['pdf-notes']) c.pdfNotes = true;
  if (values['handout-slides'] !== undefined) {
    const n = Number(values['handout-slides']);
    if (![1, 2, 3, 6].includes(n)) throw new UsageError(`--handout-slides must be 1, 2, 3 or 6, got "${values['handout-slides']}"`);
    c.handoutSlides = n as 3;
  }
  if (values['handout-lines']) c.handoutLines = true;
  if (values['browser-ws-endpoint'] !== undefined) {
    if (!/^wss?:\/\/\S+$/.test(values['browser-ws-endpoint'])) throw new UsageError(`--browser-ws-endpoint takes a ws:// or wss:// URL, got "${values['browser-ws-endpoint']}"`);
    c.browserWSEndpoint = values['browser-ws-endpoint'];
  }
  if (values['max-bytes'] !== undefined) c.maxBytes = numberOption(values, 'max-bytes', 0, 1);
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port takes a port number (0-65535), got "${values.port}"`);
    c.port = port;
  }
  return c;
}

/** BuildOptions from resolved settings. */
export function toBuildOptions(c: CourseConfig): BuildOptions {
  const settings: Record<string, string | boolean> = {};
  if (c.paper) settings['paper'] = c.paper;
  if (c.orientation) settings['orientation'] = c.orientation;
  if (c.pdfNotes) settings['pdfNotes'] = true;
  if (c.handoutSlides) settings['handoutSlides'] = String(c.handoutSlides);
  if (c.handoutLines) settings['handoutLines'] = true;
  return {
    outDir: c.out ?? DEFAULT_BUILD.outDir,
    formats: c.formats ?? DEFAULT_BUILD.formats,
    theme: c.theme ?? DEFAULT_BUILD.theme,
    // The dark theme's text is light: its default background is mermaid's dark one, not white.
    background: c.background ?? (c.theme === 'dark' ? '#333333' : DEFAULT_BUILD.background),
    scale: c.scale ?? DEFAULT_BUILD.scale,
    timeoutMs: c.timeout ?? DEFAULT_BUILD.timeoutMs,
    settings,
    cacheDir: c.cacheDir ?? DEFAULT_BUILD.cacheDir,
    ...(c.templates ? { templatesDir: c.templates } : {}),
    ...(c.browserWSEndpoint ? { browserWSEndpoint: c.browserWSEndpoint } : {}),
    ...(c.maxBytes ? { maxBytes: c.maxBytes } : {}),
  };
}

/** Kept for callers of the earlier API: options from the command line alone. */
export interface Resolved {
  config: CourseConfig;
  configFile: string | null;
  loaded: LoadResult;
  options: BuildOptions;
}

/** Config file (found upward from the input, or --config), then the course, then its front matter. */
/** The settings, or the usage exit code after printing a config error naming the file and key. */
export async function settingsOrExit(input: string, values: Values, io: Io): Promise<Resolved | number> {
  try {
    return await resolveSettings(input, values);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.err(`coursemap: ${err.message}`);
    return EXIT.usage;
  }
}

export async function resolveSettings(input: string, values: Values): Promise<Resolved> {
  const cli = cliConfig(values);
  const configFile = values.config ?? findConfigFile(searchStart(input));
  const file = configFile ? await loadConfigFile(configFile) : {};
  const maxBytes = cli.maxBytes ?? file.maxBytes;
  // The model cache lives in the build's cache folder (front matter cannot move it: it is read from the course).
  const cacheDir = values.force ? false : (cli.cacheDir ?? file.cacheDir ?? DEFAULT_BUILD.cacheDir);
  const loaded = await loadCourse(input, { cacheDir, ...(maxBytes === undefined ? {} : { maxBytes }) });
  const courseFile = loaded.files.find((f) => f.path === loaded.course.files[0]) ?? loaded.files.find((f) => String(f.value).startsWith('---'));
  const front = courseFile ? frontMatterConfig(String(courseFile.value), courseFile.path || 'stdin') : {};
  const config = mergeConfig(front, file, cli);
  return { config, configFile, loaded, options: { ...toBuildOptions(config), loaded } };
}

export function countMessages(result: Pick<BuildResult, 'files' | 'outputs'>): { warnings: number; errors: number } {
  const all = result.files.flatMap((f) => f.messages);
  return { warnings: all.filter((m) => m.fatal === false).length, errors: all.filter((m) => m.fatal === true).length + result.outputs.failed.length };
}

export async function runBuild(input: string, values: Values, io: Io): Promise<number> {
  if (values.check && values.shard) throw new UsageError('--check and --shard cannot be used together: check the merged out/ without --shard');
  let shard;
  try {
    shard = values.shard === undefined ? undefined : parseShard(values.shard);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const resolved = await settingsOrExit(input, values, io);
  if (typeof resolved === 'number') return resolved;
  const quiet = values.quiet ?? false;
  const progress = new Progress(io, { quiet, verbose: values.verbose ?? false });
  const options: BuildOptions = {
    ...resolved.options,
    check: values.check ?? false,
    ...(shard ? { shard } : {}),
    ...(values.force ? { full: true } : {}),
    onPhase: progress.phase,
    onOutput: progress.output,
    onRenderEvent: progress.render,
  };
  if (values.verbose && resolved.configFile) io.err(`config ${resolved.configFile}`);
  let result: BuildResult;
  try {
    result = await build(input, options);
  } catch (err) {
    if (!(err instanceof LockedError)) throw err;
    io.err(`coursemap: ${err.message}`);
    return EXIT.errors;
  } finally {
    progress.end();
  }
  const hasErrors = printMessages(result.files, io, quiet);
  const { outputs, report } = result;
  for (const f of outputs.failed) io.err(`coursemap: could not write ${options.outDir}/${f.path}: ${f.error}`);
  const { warnings, errors } = countMessages(result);
  const drift = report.stale.length + report.missing.length + report.extra.length;
  if (options.check) {
    for (const p of report.stale) io.out(`stale    ${p}`);
    for (const p of report.missing) io.out(`missing  ${p}`);
    for (const p of report.extra) io.out(`extra    ${p}`);
  }
  progress.summary({
    outDir: options.outDir,
    written: outputs.changed.length,
    unchanged: outputs.unchanged.length,
    reused: outputs.reused.length,
    deleted: options.check ? report.extra.length : outputs.deleted.length,
    rendered: outputs.rendered,
    fromCache: outputs.fromCache,
    warnings,
    errors,
    ms: result.ms,
    check: options.check ?? false,
  });
  if (options.check) {
    if (!quiet) io.err(drift === 0 ? `check  ${options.outDir}/ is up to date` : `check  ${drift} output${drift === 1 ? '' : 's'} of ${options.outDir}/ out of date (${report.stale.length} stale, ${report.missing.length} missing, ${report.extra.length} extra)`);
    if (drift > 0) return EXIT.errors;
  }
  return hasErrors || outputs.failed.length > 0 ? EXIT.errors : EXIT.ok;
}
