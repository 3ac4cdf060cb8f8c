// The settings schema (valibot): one entry per key, each with its check, the problem an error
// message names and the description editors show. Adding a key is a change here only: the
// loader's validation, the CourseConfig type and coursemap.schema.json (`npm run schema`) all
// derive from SETTINGS. Only the *input* is described here; paths are resolved by the loader.
// Defaults, flags and help text live in settings.ts (plain data, read by --help without valibot).
import * as v from 'valibot';
import { THEMES } from '../render/themes.ts';
import { type ConfigFormat, describeSetting as d, OUTPUT_FORMATS, SETTING_KEYS, type SettingKey } from './settings.ts';

export type { ConfigFormat } from './settings.ts';

/** A problem, said after the key: `"scale" must be a number from 0.1 to 8, got 0`. */
type Problem = string | ((value: unknown) => string);

interface Setting<S extends v.GenericSchema> {
  schema: S;
  problem: Problem;
}

function setting<S extends v.GenericSchema>(schema: S, problem: Problem, description: string) {
  return { schema: v.pipe(schema, v.description(description)), problem } satisfies Setting<v.GenericSchema>;
}

const nonEmpty = () => v.pipe(v.string(), v.regex(/\S/));
const oneOf = <const T extends readonly string[]>(values: T, description: string) =>
  setting(v.picklist(values), `must be one of ${values.join(', ')}`, description);
const numberFrom = (min: number, max: number | null, description: string) =>
  setting(
    max === null
      ? v.pipe(v.number(), v.finite(), v.minValue(min))
      : v.pipe(v.number(), v.finite(), v.minValue(min), v.maxValue(max)),
    `must be a number${max === null ? ` of at least ${min}` : ` from ${min} to ${max}`}`,
    description,
  );
const wholeNumber = (min: number, max: number, description: string) =>
  setting(
    v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max)),
    `must be a whole number from ${min} to ${max}`,
    description,
  );

const FORMAT_NAME = `(?:${OUTPUT_FORMATS.join('|')})`;
/** "svg, pdf": a comma-separated list, as on the command line (empty items are ignored). */
const FORMAT_LIST = new RegExp(`^[\\s,]*${FORMAT_NAME}(?:\\s*,[\\s,]*${FORMAT_NAME})*[\\s,]*$`);
const splitList = (s: string): string[] =>
  s
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);

function formatsProblem(value: unknown): string {
  const expected = `must be a list of ${OUTPUT_FORMATS.join(', ')}`;
  const list = typeof value === 'string' ? splitList(value) : value;
  if (!Array.isArray(list) || list.length === 0) return expected;
  const bad: unknown = list.find((f) => typeof f !== 'string' || !(OUTPUT_FORMATS as readonly string[]).includes(f));
  return bad === undefined ? expected : `${expected} (${JSON.stringify(bad)} is not one)`;
}

/** Every setting of a config file and of the front matter's `coursemap:` mapping. */
export const SETTINGS = {
  out: setting(nonEmpty(), 'must be a non-empty string', d('out')),
  formats: setting(
    v.union([
      v.pipe(v.array(v.picklist(OUTPUT_FORMATS)), v.minLength(1)),
      v.pipe(
        v.string(),
        v.regex(FORMAT_LIST),
        v.transform((s) => splitList(s) as ConfigFormat[]),
      ),
    ]),
    formatsProblem,
    d('formats'),
  ),
  theme: oneOf(THEMES, d('theme')),
  background: setting(
    v.pipe(v.string(), v.regex(/^[#\w(),.%\s-]+$/)),
    'must be a CSS colour or "transparent"',
    d('background'),
  ),
  scale: numberFrom(0.1, 8, d('scale')),
  timeout: numberFrom(1, null, d('timeout')),
  templates: setting(nonEmpty(), 'must be a non-empty string', d('templates')),
  cacheDir: setting(v.union([nonEmpty(), v.literal(false)]), 'must be a folder or false (no cache)', d('cacheDir')),
  paper: oneOf(['a4', 'letter', 'a3'], d('paper')),
  orientation: oneOf(['landscape', 'portrait'], d('orientation')),
  pdfNotes: setting(v.boolean(), 'must be true or false', d('pdfNotes')),
  cardSources: setting(v.boolean(), 'must be true or false', d('cardSources')),
  lectureSlides: wholeNumber(0, 1000, d('lectureSlides')),
  handoutSlides: setting(v.picklist([1, 2, 3, 6]), 'must be 1, 2, 3 or 6', d('handoutSlides')),
  handoutLines: setting(v.boolean(), 'must be true or false', d('handoutLines')),
  browserWSEndpoint: setting(
    v.pipe(v.string(), v.regex(/^wss?:\/\/\S+$/)),
    'must be a ws:// or wss:// URL',
    d('browserWSEndpoint'),
  ),
  maxBytes: wholeNumber(1, Number.MAX_SAFE_INTEGER, d('maxBytes')),
  port: wholeNumber(0, 65535, d('port')),
} satisfies Record<SettingKey, Setting<v.GenericSchema>>;

export type { SettingKey } from './settings.ts';
export const CONFIG_KEYS: SettingKey[] = SETTING_KEYS;

type Entries = { [K in SettingKey]: v.ExactOptionalSchema<(typeof SETTINGS)[K]['schema'], undefined> };
const entries = Object.fromEntries(CONFIG_KEYS.map((k) => [k, v.exactOptional(SETTINGS[k].schema)])) as Entries;

/** The whole config object: the settings, plus `$schema` for editors. */
export const CONFIG_SCHEMA = v.pipe(
  v.strictObject({
    $schema: v.exactOptional(
      v.pipe(v.string(), v.description('The JSON schema of this file, for editor completion and checks.')),
    ),
    ...entries,
  }),
  v.title('coursemap config'),
  v.description(
    "Settings of coursemap (coursemap.config.json, or the `coursemap:` mapping of a course's front matter).",
  ),
);

/** The validated settings, formats as a list and paths as written (the loader resolves them). */
export type CourseConfig = Omit<v.InferOutput<typeof CONFIG_SCHEMA>, '$schema'>;

/** Checks one setting: its value, or the problem to report. */
export function checkSetting<K extends SettingKey>(
  key: K,
  value: unknown,
): { ok: true; value: NonNullable<CourseConfig[K]> } | { ok: false; problem: string } {
  const { schema, problem } = SETTINGS[key];
  const result = v.safeParse(schema as v.GenericSchema, value);
  if (result.success) return { ok: true, value: result.output as NonNullable<CourseConfig[K]> };
  return { ok: false, problem: typeof problem === 'function' ? problem(value) : problem };
}
