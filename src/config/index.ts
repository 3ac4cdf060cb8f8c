// Build settings from a config file and from the course's front matter.
//
//   coursemap.config.json | coursemap.config.js | coursemap.config.mjs
//
// found upward from the input (the first folder that has one wins; --config names one; a .js/.mjs
// config runs only from the course folder or the working folder, see searchConfig), and a
// `coursemap:` mapping in the course's YAML front matter. Precedence: command line > config
// file > front matter > defaults. Every value is validated against the schema (./schema.ts, which
// also generates coursemap.schema.json for editors); an error names the file and the key.
// Paths (out, templates, cacheDir) are relative to the file that sets them.
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, parse as parsePath, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { lilconfigSync } from 'lilconfig';
import { parse as parseYaml } from 'yaml';
import { checkSetting, CONFIG_KEYS, SETTINGS, type CourseConfig, type SettingKey } from './schema.ts';

export { CONFIG_KEYS, type CourseConfig } from './schema.ts';

export const CONFIG_FILES = ['coursemap.config.json', 'coursemap.config.js', 'coursemap.config.mjs'] as const;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(
        d[i - 1]![j]! + 1,
        d[i]![j - 1]! + 1,
        d[i - 1]![j - 1]! + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1),
      );
    }
  }
  return d[a.length]![b.length]!;
}

function suggestion(key: string): string {
  const best = CONFIG_KEYS.map((k) => ({ k, d: distance(key, k) })).sort((x, y) => x.d - y.d)[0];
  return best && best.d <= 3 ? ` (did you mean "${best.k}"?)` : ` (known keys: ${CONFIG_KEYS.join(', ')})`;
}

/**
 * Validates a config object from `source` (a file name, "front matter of …") against the schema
 * (./schema.ts), key by key in the object's order; relative paths are resolved against `baseDir`.
 * Throws a ConfigError naming the source and the first bad key.
 */
export function validateConfig(raw: unknown, source: string, baseDir: string): CourseConfig {
  if (raw === null || raw === undefined) return {};
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw new ConfigError(
      `${source}: the config must be an object of settings, got ${Array.isArray(raw) ? 'a list' : typeof raw}`,
    );
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key === '$schema') {
      if (typeof value !== 'string')
        throw new ConfigError(
          `${source}: "$schema" must be a path or URL of the JSON schema, got ${JSON.stringify(value)}`,
        );
      continue; // for editors only
    }
    if (!Object.hasOwn(SETTINGS, key)) throw new ConfigError(`${source}: unknown key "${key}"${suggestion(key)}`);
    if (value === undefined) continue;
    const checked = checkSetting(key as SettingKey, value);
    if (!checked.ok) throw new ConfigError(`${source}: "${key}" ${checked.problem}, got ${JSON.stringify(value)}`);
    out[key] = checked.value;
  }
  const config = out as CourseConfig;
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(baseDir, p));
  if (config.out !== undefined) config.out = abs(config.out);
  if (config.templates !== undefined) config.templates = abs(config.templates);
  if (typeof config.cacheDir === 'string') config.cacheDir = abs(config.cacheDir);
  return config;
}

/** The folder to search from: the input's folder (the input itself when it is a folder), else the cwd. */
export function searchStart(input: string, cwd = process.cwd()): string {
  if (input === '-' || input.includes('\n')) return cwd;
  const full = resolve(cwd, input);
  const st = statSync(full, { throwIfNoEntry: false });
  if (st?.isDirectory()) return full;
  return dirname(full);
}

export interface ConfigSearch {
  /** The config file to use, or null. */
  file: string | null;
  /** Code configs (.js/.mjs) passed over because they are not in the course folder or the working folder. */
  skipped: string[];
}

export interface SearchOptions {
  /** The working folder: a code config there may run (default process.cwd()). */
  cwd?: string;
  /** false: JSON configs only (model, lint); default true. */
  code?: boolean;
}

const isCode = (path: string) => !path.endsWith('.json');

/**
 * The nearest config file upward from `start` (up to the filesystem root). A course comes from
 * anyone, and so do the folders above it: a `.js`/`.mjs` config, which runs as code, is used only
 * from `start` itself (the course folder) or the working folder; one anywhere else is passed over
 * (listed in `skipped`) and the search goes on upward for a JSON one.
 */
export function searchConfig(start: string, options: SearchOptions = {}): ConfigSearch {
  const from = resolve(start);
  const trusted = new Set([from, resolve(options.cwd ?? process.cwd())]);
  const skipped: string[] = [];
  // lilconfig finds the file; reading and checking it stay in loadConfigFile (messages, reloads).
  const found = () => true;
  const searcher = lilconfigSync('coursemap', {
    searchPlaces: [...CONFIG_FILES],
    loaders: { '.json': found, '.js': found, '.mjs': found },
    stopDir: parsePath(from).root,
    ignoreEmptySearchPlaces: false,
    cache: false,
  });
  for (let dir = from; ; ) {
    let file: string | null;
    try {
      file = searcher.search(dir)?.filepath ?? null;
    } catch (err) {
      // lilconfig reads what it finds: a folder or an unreadable file by a config file's name.
      throw new ConfigError(
        `${from}: cannot read the config file found upward from here (${err instanceof Error ? err.message : String(err)})`,
      );
    }
    if (file === null || !isCode(file) || (options.code !== false && trusted.has(dirname(file))))
      return { file, skipped };
    // JSON comes first in CONFIG_FILES, so that folder has none: go on from its parent.
    skipped.push(file);
    const parent = dirname(dirname(file));
    if (parent === dirname(file)) return { file: null, skipped };
    dir = parent;
  }
}

/** The config file `searchConfig` picks, or null. */
export function findConfigFile(start: string, options: SearchOptions = {}): string | null {
  return searchConfig(start, options).file;
}

/** Reads and validates a config file (JSON, or a JS/ESM module whose default export is the object). */
export async function loadConfigFile(path: string): Promise<CourseConfig> {
  let raw: unknown;
  if (path.endsWith('.json')) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      throw new ConfigError(`${path}: cannot read it (${err instanceof Error ? err.message : String(err)})`);
    }
    try {
      raw = JSON.parse(text);
    } catch (err) {
      throw new ConfigError(`${path}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
    }
  } else {
    try {
      const mod = (await import(`${pathToFileURL(path).href}?t=${statSync(path).mtimeMs}`)) as { default?: unknown };
      raw = await (typeof mod.default === 'function' ? (mod.default as () => unknown)() : mod.default);
    } catch (err) {
      throw new ConfigError(`${path}: could not load it (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  return validateConfig(raw, path, dirname(path));
}

/** The `coursemap:` mapping of a Markdown file's YAML front matter, validated. */
export function frontMatterConfig(text: string, path: string): CourseConfig {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\s*(?:\r?\n|$)/.exec(text);
  if (!m) return {};
  let data: unknown;
  try {
    data = parseYaml(m[1] ?? '');
  } catch {
    return {}; // the model reports invalid front matter itself
  }
  if (!data || typeof data !== 'object' || !Object.hasOwn(data, 'coursemap')) return {};
  return validateConfig(
    (data as { coursemap: unknown }).coursemap,
    `front matter of ${path} (coursemap:)`,
    dirname(resolve(path)),
  );
}

/** Later layers win: mergeConfig(defaults, frontMatter, file, cli). */
export function mergeConfig(...layers: CourseConfig[]): CourseConfig {
  const out: Record<string, unknown> = {};
  for (const layer of layers) for (const [k, v] of Object.entries(layer)) if (v !== undefined) out[k] = v;
  return out as CourseConfig;
}

/** The JSON schema shipped with this package (generated by `npm run schema`). */
export const SCHEMA_FILE = fileURLToPath(new URL('../../coursemap.schema.json', import.meta.url));

const relativeRef = (fromDir: string, to: string): string => {
  const r = relative(resolve(fromDir), to).split(sep).join('/');
  return r.startsWith('../') ? r : `./${r}`;
};

/**
 * The `"$schema"` that `init` writes into a config in `configDir`: a relative path, so editors
 * find it offline — node_modules/coursemap/coursemap.schema.json of the project that installs
 * coursemap (found upward), else this package's own copy (a checkout of coursemap, npx).
 */
export function schemaReference(configDir: string): string {
  for (let dir = resolve(configDir); ; dir = dirname(dir)) {
    const installed = join(dir, 'node_modules', 'coursemap', 'coursemap.schema.json');
    if (existsSync(installed)) return relativeRef(configDir, installed);
    if (dirname(dir) === dir) return relativeRef(configDir, SCHEMA_FILE);
  }
}

/** A starter config: the defaults, spelled out, with the schema reference first when given. */
export function starterConfig(templates: string | null, schema: string | null = null): string {
  const config: Record<string, unknown> = {
    ...(schema ? { $schema: schema } : {}),
    out: 'out',
    formats: ['svg', 'png', 'flashcards'],
    theme: 'default',
    background: 'white',
    scale: 2,
    timeout: 15000,
    ...(templates ? { templates } : {}),
    cacheDir: '.coursemap-cache',
    port: 4321,
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
