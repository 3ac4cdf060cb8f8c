// `coursemap build`: resolves the settings (CLI > config file > front matter > defaults), runs
// the pipeline with progress, prints the drift list (--check) and a closing summary.
import { build, type BuildRequest, type BuildResult } from '../pipeline/index.ts';
import { parseShard } from '../pipeline/shard.ts';
import { ConfigError, CONFIG_KEYS, type CourseConfig } from '../config/index.ts';
import { checkSetting } from '../config/schema.ts';
import { SETTING_INFO, type SettingInfo, type SettingKey } from '../config/settings.ts';
import { resolveBuild, type Resolved } from '../pipeline/resolve.ts';
import { LockedError } from '../write/lock.ts';
import { OutputFolderError } from '../write/out-folder.ts';
import { EXIT, rootsOption, UsageError, type Io, type Values } from './common.ts';
import { Progress } from './progress.ts';
import { timed, timingLines } from '../pipeline/timings.ts';
import { printMessages } from './report.ts';

/**
 * A flag's text as the value its setting's check expects: numbers as numbers (a text that is not
 * one stays text, so the check names it), switches as true, everything else as written.
 */
function flagValue(key: SettingKey, raw: string | boolean): unknown {
  if (typeof raw === 'boolean') return raw;
  if (typeof SETTING_INFO[key].default === 'number' && /^\s*-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?\s*$/i.test(raw))
    return Number(raw);
  return raw;
}

/**
 * The settings given on the command line (only those given), each checked by the same check as a
 * config file's: `--scale must be a number from 0.1 to 8, got "0"`.
 */
export function cliConfig(values: Values): CourseConfig {
  const c: Record<string, unknown> = {};
  const given = values as Record<string, string | boolean | undefined>;
  for (const key of CONFIG_KEYS) {
    const flag = (SETTING_INFO[key] as SettingInfo).flag;
    const raw = flag === undefined ? undefined : given[flag];
    if (raw === undefined) continue;
    const checked = checkSetting(key, flagValue(key, raw));
    if (!checked.ok) throw new UsageError(`--${flag} ${checked.problem}, got ${JSON.stringify(raw)}`);
    c[key] = checked.value;
  }
  if (values['no-cache']) c['cacheDir'] = false;
  return c as CourseConfig;
}

/**
 * The settings (flags > config file, found upward from the input or named by --config > front
 * matter > defaults, as build() resolves them), or the usage exit code after printing a config
 * error naming the file and key.
 */
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
  const config = values['no-config'] ? false : values.config;
  return resolveBuild(input, cliConfig(values), {
    config,
    ...(values.force ? { force: true } : {}),
    ...rootsOption(values),
  });
}

/** The warning for a code config found above the course folder and the working folder. */
export function skippedConfigWarning(path: string): string {
  return `coursemap: warning: not running ${path}: a .js/.mjs config runs only from the course folder or the working folder (name it with --config to use it)`;
}

export function countMessages(result: Pick<BuildResult, 'files' | 'outputs'>): { warnings: number; errors: number } {
  const all = result.files.flatMap((f) => f.messages);
  return {
    warnings: all.filter((m) => m.fatal === false).length,
    errors: all.filter((m) => m.fatal === true).length + result.outputs.failed.length,
  };
}

/** --check: the drift list on stdout. */
function printDrift(report: BuildResult['report'], io: Io): void {
  for (const p of report.stale) io.out(`stale    ${p}`);
  for (const p of report.missing) io.out(`missing  ${p}`);
  for (const p of report.extra) io.out(`extra    ${p}`);
}

/** `--timings`: the command line reads the course (and its settings) before build(): that is its parse step. */
function printTimings(result: BuildResult, settingsMs: number, io: Io): void {
  const steps = result.timings.steps.some((s) => s.name === 'parse')
    ? result.timings.steps
    : [{ name: 'parse', ms: settingsMs }, ...result.timings.steps];
  for (const line of timingLines({ ...result.timings, steps }, result.ms + settingsMs)) io.err(line);
}

export async function runBuild(input: string, values: Values, io: Io): Promise<number> {
  if (values.check && values.shard)
    throw new UsageError('--check and --shard cannot be used together: check the merged out/ without --shard');
  let shard: ReturnType<typeof parseShard> | undefined;
  try {
    shard = values.shard === undefined ? undefined : parseShard(values.shard);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const [resolved, settingsMs] = await timed(() => settingsOrExit(input, values, io));
  if (typeof resolved === 'number') return resolved;
  const quiet = values.quiet ?? false;
  const progress = new Progress(io, { quiet, verbose: values.verbose ?? false });
  const options: BuildRequest & typeof resolved.options = {
    ...resolved.options,
    config: false, // resolved above
    check: values.check ?? false,
    ...(shard ? { shard } : {}),
    ...(values.force ? { full: true } : {}),
    onPhase: progress.phase,
    onOutput: progress.output,
    onRenderEvent: progress.render,
  };
  if (values.verbose && resolved.configFile) io.err(`config ${resolved.configFile}`);
  for (const skipped of resolved.skippedConfigs) io.err(skippedConfigWarning(skipped));
  let result: BuildResult;
  try {
    result = await build(input, options);
  } catch (err) {
    if (!(err instanceof LockedError || err instanceof OutputFolderError)) throw err;
    io.err(`coursemap: ${err.message}`);
    return EXIT.errors;
  } finally {
    progress.end();
  }
  const hasErrors = printMessages(result.files, io, quiet);
  const { outputs, report } = result;
  for (const f of outputs.failed) io.err(`coursemap: could not write ${options.outDir}/${f.path}: ${f.error}`);
  const stale = outputs.kept.filter((k) => k.reason === 'stale');
  if (stale.length > 0)
    io.err(
      `coursemap: kept ${stale.length} output${stale.length === 1 ? '' : 's'} of the last good build in ${options.outDir}/, now stale (not rebuilt because of the errors above)${values.verbose ? `:\n${stale.map((k) => `  stale    ${k.path}`).join('\n')}` : ''}`,
    );
  const failedPaths = new Set(outputs.failed.map((f) => f.path));
  for (const k of outputs.kept)
    if (k.reason === 'edited' && !failedPaths.has(k.path))
      io.err(
        `coursemap: kept ${options.outDir}/${k.path}: no longer produced, but changed since coursemap wrote it, so not deleted`,
      );
  const { warnings, errors } = countMessages(result);
  const drift = report.stale.length + report.missing.length + report.extra.length;
  if (options.check) printDrift(report, io);
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
  if (values.timings && !quiet) printTimings(result, settingsMs, io);
  if (options.check) {
    if (!quiet)
      io.err(
        drift === 0
          ? `check  ${options.outDir}/ is up to date`
          : `check  ${drift} output${drift === 1 ? '' : 's'} of ${options.outDir}/ out of date (${report.stale.length} stale, ${report.missing.length} missing, ${report.extra.length} extra)`,
      );
    if (drift > 0) return EXIT.errors;
  }
  return hasErrors || outputs.failed.length > 0 || stale.length > 0 ? EXIT.errors : EXIT.ok;
}
