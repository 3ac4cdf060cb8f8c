// Every setting's plain facts, declared once: its default, its command-line flag and the help
// text. The config schema (schema.ts: checks and the problem an error names), the JSON schema
// (`npm run schema`), the CLI's parser and --help, the library's build() defaults and the
// configuration guide (docs/configuration.md) all read this table, so they cannot drift.
// Plain data with no dependencies: `coursemap --help` and `--version` load it without valibot.
import { THEMES } from '../render/themes.ts';

/**
 * Every output format, declared once: the config, the command line (--formats) and the pipeline
 * (`OutputFormat`) take the list from here. A new format is added here first.
 */
export const OUTPUT_FORMATS = ['svg', 'png', 'pdf', 'html', 'pptx', 'flashcards', 'handout', 'book'] as const;
export type ConfigFormat = (typeof OUTPUT_FORMATS)[number];

export type SettingValue = string | number | boolean | readonly string[];

export interface SettingInfo {
  /** What a build uses when no flag, config file or front matter sets it; null: none (or it depends). */
  default: SettingValue | null;
  /** How the default reads in help and docs when it is not a plain value. */
  defaultText?: string;
  /** Command-line flag, without the dashes; absent when the setting is config-only. */
  flag?: string;
  /** The flag's argument in help ("<dir>"); absent for a switch. */
  arg?: string;
  /** The commands that take the flag, as help shows them ("build", "build, model"). */
  commands?: string;
  /** One line for help and the editor: what the setting does. */
  help: string;
}

const MiB = 1024 * 1024;

export const SETTING_INFO = {
  out: {
    default: 'out',
    flag: 'out',
    arg: '<dir>',
    commands: 'build',
    help: 'Output folder (relative to the config file when set there).',
  },
  formats: {
    default: ['svg', 'png', 'flashcards'],
    flag: 'formats',
    arg: '<list>',
    commands: 'build',
    help: `Outputs to make: any of ${OUTPUT_FORMATS.join(',')} (HTML decks, study map and site are always written; flashcards,pdf adds printable cards).`,
  },
  theme: {
    default: 'default',
    flag: 'theme',
    arg: '<name>',
    commands: 'build',
    help: `Mermaid theme of the diagrams: ${THEMES.join(', ')}.`,
  },
  background: {
    default: 'white',
    defaultText: 'white; #333333 with the dark theme',
    flag: 'background',
    arg: '<colour>',
    commands: 'build',
    help: 'CSS colour behind diagrams, or "transparent".',
  },
  scale: { default: 2, flag: 'scale', arg: '<n>', commands: 'build', help: 'PNG pixels per SVG pixel, from 0.1 to 8.' },
  timeout: {
    default: 15_000,
    flag: 'timeout',
    arg: '<ms>',
    commands: 'build',
    help: 'Milliseconds allowed to render one diagram.',
  },
  templates: {
    default: null,
    flag: 'templates',
    arg: '<dir>',
    commands: 'build',
    help: 'Folder of templates overriding the built-in ones.',
  },
  cacheDir: {
    default: '.coursemap-cache',
    flag: 'cache-dir',
    arg: '<dir>',
    commands: 'build, model',
    help: 'Render and model cache folder, or false (--no-cache) for none.',
  },
  paper: {
    default: null,
    defaultText: 'a3 for the study map, a4 for the companion',
    flag: 'paper',
    arg: '<size>',
    commands: 'build',
    help: 'Paper size of the print outputs: a4, letter or a3.',
  },
  orientation: {
    default: 'landscape',
    flag: 'orientation',
    arg: '<o>',
    commands: 'build',
    help: 'Orientation of the study map: landscape or portrait.',
  },
  pdfNotes: { default: false, flag: 'pdf-notes', commands: 'build', help: 'Put speaker notes in the deck PDFs.' },
  cardSources: {
    default: false,
    flag: 'card-sources',
    commands: 'build',
    help: "Print each flashcard's source file:line on the printed cards (CSV and Anki always have it).",
  },
  lectureSlides: {
    default: 45,
    flag: 'lecture-slides',
    arg: '<n>',
    commands: 'build',
    help: 'Longest chapter deck in slides: a chapter that needs more becomes several lectures, split at its top-level sections (0: never split).',
  },
  handoutSlides: {
    default: 3,
    flag: 'handout-slides',
    arg: '<n>',
    commands: 'build',
    help: 'Slides a page in the handouts: 1, 2, 3 or 6.',
  },
  handoutLines: {
    default: false,
    flag: 'handout-lines',
    commands: 'build',
    help: "Ruled lines for the student's own notes in the handouts instead of the speaker notes.",
  },
  browserWSEndpoint: {
    default: null,
    flag: 'browser-ws-endpoint',
    arg: '<url>',
    commands: 'build',
    help: 'Connect to a running Chrome at this ws:// URL instead of launching one.',
  },
  maxBytes: {
    default: 20 * MiB,
    defaultText: `${20 * MiB} (20 MiB)`,
    flag: 'max-bytes',
    arg: '<n>',
    commands: 'all',
    help: 'Refuse inputs larger than this many bytes.',
  },
  port: {
    default: 4321,
    flag: 'port',
    arg: '<n>',
    commands: 'dev',
    help: 'Port of `coursemap dev` on 127.0.0.1 (0 picks a free one).',
  },
} satisfies Record<string, SettingInfo>;

export type SettingKey = keyof typeof SETTING_INFO;
export const SETTING_KEYS = Object.keys(SETTING_INFO) as SettingKey[];

/** A default as help and docs show it: `"out"`, `2`, `svg,png,flashcards`, or its text. */
export function defaultText(key: SettingKey): string | null {
  const info: SettingInfo = SETTING_INFO[key];
  if (info.defaultText) return info.defaultText;
  const d = info.default;
  if (d === null) return null;
  if (Array.isArray(d)) return d.join(',');
  return typeof d === 'string' ? `"${d}"` : String(d);
}

/** The editor/schema description: the help line and its default. */
export function describeSetting(key: SettingKey): string {
  const info: SettingInfo = SETTING_INFO[key];
  const d = defaultText(key);
  return d === null ? info.help : `${info.help} Default: ${d}.`;
}

/** The --help lines of the settings that have a flag, aligned and wrapped like the other options. */
export function settingHelpLines(width = 26, columns = 100): string[] {
  const lines: string[] = [];
  for (const key of SETTING_KEYS) {
    const info: SettingInfo = SETTING_INFO[key];
    if (!info.flag) continue;
    const head = `  --${info.flag}${info.arg ? ` ${info.arg}` : ''}`;
    const d = defaultText(key);
    const where = info.commands && info.commands !== 'all' ? `${info.commands}: ` : '';
    const text = `${where}${info.help.replace(/\.$/, '')}${d === null ? '' : ` (default ${d})`}`;
    const wrapped = wrapWords(text, columns - width);
    const first =
      head.length < width
        ? `${head.padEnd(width)}${wrapped[0] ?? ''}`
        : `${head}\n${' '.repeat(width)}${wrapped[0] ?? ''}`;
    lines.push(first, ...wrapped.slice(1).map((l) => `${' '.repeat(width)}${l}`));
  }
  return lines;
}

function wrapWords(text: string, max: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > max) {
      out.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') out.push(line);
  return out;
}
