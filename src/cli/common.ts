// What every subcommand shares: exit codes, the help text, the option table and its parsers.
// The dispatcher (main.ts) and the subcommands import this module; main.ts loads a subcommand
// only when it runs, so `--version` and `--help` load nothing heavy.
import type { parseArgs } from 'node:util';
import { THEMES, type Theme } from '../render/themes.ts';

export const EXIT = { ok: 0, errors: 1, usage: 2 } as const;

export const HELP = `Usage: coursemap <command> <input> [options]

Commands:
  model <input>     Print the course outline (parts, chapters, sections, counts)
  lint <input>      Check the course and its mermaid blocks (exit 1 on errors)
  build <input>     Build concept maps, authored diagrams, decks, print outputs and model.json
                    into --out; incremental: only outputs whose inputs changed are rebuilt
  dev <input>       Build, serve --out on http://127.0.0.1:<port>, rebuild on every change of the
                    course, templates or config, and live-reload open pages (Ctrl-C stops)
  init [dir]        Write a starter coursemap.config.json and a copy of the default templates
                    (coursemap-templates/) into dir (default: the current folder)

<input> is a course file, a course folder (plain, mdBook or mkdocs), or - for standard input.
Settings come from the command line, then coursemap.config.{json,js,mjs} (the nearest one
upward from the input), then the course's front matter (coursemap: …), then the defaults.

Options:
  --json                  model: print the model as JSON ({ "course": … })
  --depth <n>             model: section levels in the outline (default 1)
  --fix                   lint: repair authored mermaid blocks in the file, print each change
  --dry-run               lint --fix: print the changes without writing the file
  --out <dir>             build: output folder (default "out")
  --formats <list>        build: any of svg,png,pdf,pptx,flashcards,handout,book (default svg,png,flashcards);
                          HTML is always written; flashcards,pdf adds the printable cards
  --paper <size>          build: a4, letter or a3 for print outputs (default a3 study map, a4 companion)
  --orientation <o>       build: landscape or portrait for the study map (default landscape)
  --pdf-notes             build: add speaker notes to deck PDFs
  --handout-slides <n>    build: 1, 2, 3 or 6 slides a handout page (default 3)
  --handout-lines         build: ruled lines instead of speaker notes in handouts
  --theme <name>          build: ${THEMES.join(', ')} (default default)
  --background <colour>   build: PNG/SVG background, a CSS colour or "transparent" (default white; #333333 with --theme dark)
  --scale <n>             build: PNG pixels per SVG pixel (default 2)
  --timeout <ms>          build: time limit per diagram (default 15000)
  --templates <dir>       build: folder whose templates override the built-in ones
  --cache-dir <dir>       build, model: render and model cache (default .coursemap-cache)
  --no-cache              build, model: do not read or write the caches
  --browser-ws-endpoint <url>  build: use a running Chrome (ws://…) instead of launching one
  --check                 build: rebuild without writing; list stale, missing and extra outputs
                          of --out on stdout; exit 1 when anything differs
  --shard <i/n>           build: build shard i of n (a deterministic split by chapter); shards
                          1..n run into one --out give the same files as one build
  --force                 build, dev: ignore out/manifest.json and regenerate every output
                          (identical files are still not rewritten); init: overwrite files
  --config <file>         build, dev: use this config file instead of searching for one
  --port <n>              dev: port on 127.0.0.1 (default 4321; 0 picks a free one)
  --max-bytes <n>         refuse inputs larger than n bytes (default 20000000)
  --verbose               build, dev: a line per output (written, unchanged, reused, deleted)
  --quiet                 print errors only
  -h, --help              show this help
  -v, --version           show the version

Exit codes: 0 success (warnings allowed), 1 errors in the input or an output failed, 2 bad usage.`;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  stdin: () => Promise<string>;
  /** stderr is a terminal (progress updates in place). */
  isTTY?: boolean;
  /** Raw stderr write without a newline (progress on a TTY). */
  write?: (text: string) => void;
}

export const OPTIONS = {
  json: { type: 'boolean' },
  depth: { type: 'string' },
  fix: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  out: { type: 'string' },
  formats: { type: 'string' },
  paper: { type: 'string' },
  orientation: { type: 'string' },
  'pdf-notes': { type: 'boolean' },
  'handout-slides': { type: 'string' },
  'handout-lines': { type: 'boolean' },
  theme: { type: 'string' },
  background: { type: 'string' },
  scale: { type: 'string' },
  timeout: { type: 'string' },
  templates: { type: 'string' },
  'cache-dir': { type: 'string' },
  'no-cache': { type: 'boolean' },
  'browser-ws-endpoint': { type: 'string' },
  'max-bytes': { type: 'string' },
  check: { type: 'boolean' },
  shard: { type: 'string' },
  force: { type: 'boolean' },
  config: { type: 'string' },
  port: { type: 'string' },
  verbose: { type: 'boolean' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

export class UsageError extends Error {}

export function usage(io: Io, message: string): number {
  io.err(`coursemap: ${message}\n\n${HELP}`);
  return EXIT.usage;
}

/** A positive number option, or a UsageError naming the flag. */
export function numberOption(values: Values, name: 'scale' | 'timeout' | 'max-bytes' | 'depth', fallback: number, min = 0): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new UsageError(`--${name} takes a number${min > 0 ? ` of at least ${min}` : ''}, got "${raw}"`);
  return n;
}

export function themeOption(values: Values): Theme {
  const t = values.theme ?? 'default';
  if (!(THEMES as readonly string[]).includes(t)) throw new UsageError(`--theme must be one of ${THEMES.join(', ')}, got "${t}"`);
  return t as Theme;
}

