// Build settings from a config file and from the course's front matter.
//
//   coursemap.config.json | coursemap.config.js | coursemap.config.mjs
//
// found upward from the input (the first folder that has one wins; --config names one), and a
// `coursemap:` mapping in the course's YAML front matter. Precedence: command line > config
// file > front matter > defaults. Every value is validated; an error names the file and the key.
// Paths (out, templates, cacheDir) are relative to the file that sets them.
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { THEMES, type Theme } from '../render/index.ts';

export const CONFIG_FILES = ['coursemap.config.json', 'coursemap.config.js', 'coursemap.config.mjs'] as const;
export const OUTPUT_FORMATS = ['svg', 'png', 'pdf', 'html', 'pptx'] as const;
export type ConfigFormat = (typeof OUTPUT_FORMATS)[number];

export interface CourseConfig {
  out?: string;
  formats?: ConfigFormat[];
  theme?: Theme;
  background?: string;
  scale?: number;
  timeout?: number;
  templates?: string;
  cacheDir?: string | false;
  paper?: 'a4' | 'letter' | 'a3';
  orientation?: 'landscape' | 'portrait';
  pdfNotes?: boolean;
  browserWSEndpoint?: string;
  maxBytes?: number;
  port?: number;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Check = (value: unknown) => string | null;

const oneOf = (values: readonly string[]): Check => (v) => (typeof v === 'string' && values.includes(v) ? null : `must be one of ${values.join(', ')}`);
const number = (min: number, max = Infinity): Check => (v) => (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? null : `must be a number${max < Infinity ? ` from ${min} to ${max}` : ` of at least ${min}`}`);
const integer = (min: number, max: number): Check => (v) => (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? null : `must be a whole number from ${min} to ${max}`);
const string: Check = (v) => (typeof v === 'string' && v.trim() !== '' ? null : 'must be a non-empty string');
const boolean: Check = (v) => (typeof v === 'boolean' ? null : 'must be true or false');

/** The schema: one check per key. Hand-written to keep the dependency list short (see README). */
const SCHEMA: Record<keyof CourseConfig, Check> = {
  out: string,
  formats: (v) => {
    const list = typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v;
    if (!Array.isArray(list) || list.length === 0) return `must be a list of ${OUTPUT_FORMATS.join(', ')}`;
    const bad = list.find((f) => typeof f !== 'string' || !(OUTPUT_FORMATS as readonly string[]).includes(f));
    return bad === undefined ? null : `must be a list of ${OUTPUT_FORMATS.join(', ')} (${JSON.stringify(bad)} is not one)`;
  },
  theme: oneOf(THEMES),
  background: (v) => (typeof v === 'string' && /^[#\w(),.%\s-]+$/.test(v) ? null : 'must be a CSS colour or "transparent"'),
  scale: number(0.1, 8),
  timeout: number(1),
  templates: string,
  cacheDir: (v) => (v === false || (typeof v === 'string' && v.trim() !== '') ? null : 'must be a folder or false (no cache)'),
  paper: oneOf(['a4', 'letter', 'a3']),
  orientation: oneOf(['landscape', 'portrait']),
  pdfNotes: boolean,
  browserWSEndpoint: (v) => (typeof v === 'string' && /^wss?:\/\/\S+$/.test(v) ? null : 'must be a ws:// or wss:// URL'),
  maxBytes: integer(1, Number.MAX_SAFE_INTEGER),
  port: integer(0, 65535),
};

export const CONFIG_KEYS = Object.keys(SCHEMA) as Array<keyof CourseConfig>;

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
    }
  }
  return d[a.length]![b.length]!;
}

function suggestion(key: string): string {
  const best = CONFIG_KEYS.map((k) => ({ k, d: distance(key, k) })).sort((x, y) => x.d - y.d)[0];
  return best && best.d <= 3 ? ` (did you mean "${best.k}"?)` : ` (known keys: ${CONFIG_KEYS.join(', ')})`;
}

/**
 * Validates a config object from `source` (a file name, "front matter of …"); relative paths are
 * resolved against `baseDir`. Throws a ConfigError naming the source and the bad key.
 */
export function validateConfig(raw: unknown, source: string, baseDir: string): CourseConfig {
  if (raw === null || raw === undefined) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${source}: the config must be an object of settings, got ${Array.isArray(raw) ? 'a list' : typeof raw}`);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key === '$schema') continue;
    if (!Object.hasOwn(SCHEMA, key)) throw new ConfigError(`${source}: unknown key "${key}"${suggestion(key)}`);
    if (value === undefined) continue;
    const problem = SCHEMA[key as keyof CourseConfig](value);
    if (problem) throw new ConfigError(`${source}: "${key}" ${problem}, got ${JSON.stringify(value)}`);
    out[key] = value;
  }
  const config = out as CourseConfig;
  if (typeof (raw as { formats?: unknown }).formats === 'string') {
    config.formats = String((raw as { formats: string }).formats).split(',').map((s) => s.trim()).filter(Boolean) as ConfigFormat[];
  }
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

/** The nearest config file upward from `start`, or null. */
export function findConfigFile(start: string): string | null {
  let dir = resolve(start);
  for (;;) {
    for (const name of CONFIG_FILES) {
      const path = join(dir, name);
      if (existsSync(path)) return path;
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
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
  return validateConfig((data as { coursemap: unknown }).coursemap, `front matter of ${path} (coursemap:)`, dirname(resolve(path)));
}

/** Later layers win: mergeConfig(defaults, frontMatter, file, cli). */
export function mergeConfig(...layers: CourseConfig[]): CourseConfig {
  const out: Record<string, unknown> = {};
  for (const layer of layers) for (const [k, v] of Object.entries(layer)) if (v !== undefined) out[k] = v;
  return out as CourseConfig;
}

/** A starter config: the defaults, spelled out. */
export function starterConfig(templates: string | null): string {
  const config: Record<string, unknown> = {
    out: 'out',
    formats: ['svg', 'png'],
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
