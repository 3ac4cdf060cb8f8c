// What every subcommand shares: exit codes, the help text, the option table and its parsers.
// The dispatcher (main.ts) and the subcommands import this module; main.ts loads a subcommand
// only when it runs, so `--version` and `--help` load nothing heavy.
import type { parseArgs } from 'node:util';
import { settingHelpLines } from '../config/settings.ts';

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
upward from the input; a .js/.mjs one only from the course folder or the working folder, and
model reads JSON only), then the course's front matter (coursemap: …), then the defaults.

Options:
  --json                  model: print the model as JSON ({ "course": … })
  --depth <n>             model: section levels in the outline (default 1)
  --fix                   lint: repair authored mermaid blocks in the file, print each change
  --dry-run               lint --fix: print the changes without writing the file
${settingHelpLines().join('\n')}
  --no-cache              build, model: do not read or write the caches
  --check                 build: rebuild without writing; list stale, missing and extra outputs
                          of --out on stdout; exit 1 when anything differs
  --shard <i/n>           build: build shard i of n (a deterministic split by chapter); shards
                          1..n run into one --out give the same files as one build
  --force                 build, dev: regenerate every output, reusing nothing out/manifest.json lists
                          (identical files are still not rewritten), also into a non-empty
                          folder coursemap did not make; init: overwrite files
  --config <file>         build, dev, model: use this config file instead of searching for one
  --no-config             build, dev, model: read no config file
  --root <dir>            course files may also resolve (through symlinks, SUMMARY.md, docs_dir)
                          into this folder; repeatable
  --verbose               build, dev: a line per output (written, unchanged, reused, deleted)
  --timings               build: print each step's wall time, Node CPU and loop idle (parse, maps, decks…)
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
  'card-sources': { type: 'boolean' },
  'handout-slides': { type: 'string' },
  'handout-lines': { type: 'boolean' },
  'lecture-slides': { type: 'string' },
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
  'no-config': { type: 'boolean' },
  root: { type: 'string', multiple: true },
  port: { type: 'string' },
  verbose: { type: 'boolean' },
  timings: { type: 'boolean' },
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
export function numberOption(
  values: Values,
  name: 'scale' | 'timeout' | 'max-bytes' | 'depth',
  fallback: number,
  min = 0,
): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min)
    throw new UsageError(`--${name} takes a number${min > 0 ? ` of at least ${min}` : ''}, got "${raw}"`);
  return n;
}

/** Extra course roots (--root, repeatable): folders course files may resolve into. */
export function rootsOption(values: Values): { roots?: string[] } {
  return values.root && values.root.length > 0 ? { roots: values.root } : {};
}
