// Where a build's settings come from, for the command line and the library alike: the given
// settings (flags, or build()'s options) > the config file > the course's front matter > the
// defaults. The config file is found as src/config/index.ts says (upward from the input; a
// .js/.mjs one runs only from the course folder or the working folder), unless one is named or
// `config: false` turns it off. test/build-config.test.ts checks that `coursemap build` and
// build() resolve the same options from the same folder.
import {
  frontMatterConfig,
  loadConfigFile,
  mergeConfig,
  searchConfig,
  searchStart,
  type CourseConfig,
} from '../config/index.ts';
import type { SettingKey } from '../config/settings.ts';
import type { LoadResult } from '../load.ts';
import type { BuildOptions } from './index.ts';
import { loadCourse } from './load.ts';
import { DEFAULT_BUILD } from './defaults.ts';

/** Which config file: found upward from the input (undefined), this one (a path), or none (false). */
export type ConfigChoice = string | false | undefined;

export interface ResolveOptions {
  config?: ConfigChoice;
  /** The working folder: a code config there may run, and relative inputs start there. */
  cwd?: string;
  /** Load the course without the model cache (--force). */
  force?: boolean;
  /** Folders a course's links may reach beyond its own (--root). */
  roots?: string[];
  /** The course, when the caller has loaded it already. */
  loaded?: LoadResult;
}

export interface Resolved {
  config: CourseConfig;
  configFile: string | null;
  /** Code configs passed over because they lie above the course folder and the working folder. */
  skippedConfigs: string[];
  loaded: LoadResult;
  options: BuildOptions;
}

/** BuildOptions fields that are settings, with the setting each one is. */
export const SETTING_FIELDS: ReadonlyArray<readonly [keyof BuildOptions, SettingKey]> = [
  ['outDir', 'out'],
  ['formats', 'formats'],
  ['theme', 'theme'],
  ['background', 'background'],
  ['scale', 'scale'],
  ['timeoutMs', 'timeout'],
  ['cacheDir', 'cacheDir'],
  ['templatesDir', 'templates'],
  ['browserWSEndpoint', 'browserWSEndpoint'],
  ['maxBytes', 'maxBytes'],
];

/** The settings among build()'s options (only those given), as config keys. */
export function optionsConfig(options: Partial<BuildOptions>): CourseConfig {
  const c: Record<string, unknown> = {};
  for (const [field, key] of SETTING_FIELDS) if (options[field] !== undefined) c[key] = options[field];
  return c as CourseConfig;
}

/** BuildOptions from resolved settings. */
export function toBuildOptions(c: CourseConfig): BuildOptions {
  const settings: Record<string, string | number | boolean> = {};
  if (c.paper) settings['paper'] = c.paper;
  if (c.orientation) settings['orientation'] = c.orientation;
  if (c.pdfNotes) settings['pdfNotes'] = true;
  if (c.cardSources) settings['cardSources'] = true;
  if (c.lectureSlides !== undefined) settings['lectureSlides'] = c.lectureSlides;
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

/**
 * The config file (found, named or none), then the course (loaded with the cache folder the
 * given settings or the file choose), then its front matter; `given` wins over all of them.
 * Throws a ConfigError naming the file and key of a bad value.
 */
export async function resolveBuild(input: string, given: CourseConfig, how: ResolveOptions = {}): Promise<Resolved> {
  const cwd = how.cwd ?? process.cwd();
  const search =
    how.config === false
      ? { file: null, skipped: [] }
      : typeof how.config === 'string'
        ? { file: how.config, skipped: [] }
        : searchConfig(searchStart(input, cwd), { cwd });
  const configFile = search.file;
  const file = configFile ? await loadConfigFile(configFile) : {};
  const maxBytes = given.maxBytes ?? file.maxBytes;
  // The model cache lives in the build's cache folder (front matter cannot move it: it is read from the course).
  const cacheDir = how.force ? false : (given.cacheDir ?? file.cacheDir ?? DEFAULT_BUILD.cacheDir);
  const loaded =
    how.loaded ??
    (await loadCourse(input, {
      cwd,
      cacheDir,
      ...(how.roots ? { roots: how.roots } : {}),
      ...(maxBytes === undefined ? {} : { maxBytes }),
    }));
  const courseFile =
    loaded.files.find((f) => f.path === loaded.course.files[0]) ??
    loaded.files.find((f) => String(f.value).startsWith('---'));
  const front = courseFile ? frontMatterConfig(String(courseFile.value), courseFile.path || 'stdin') : {};
  const config = mergeConfig(front, file, given);
  return { config, configFile, skippedConfigs: search.skipped, loaded, options: { ...toBuildOptions(config), loaded } };
}
