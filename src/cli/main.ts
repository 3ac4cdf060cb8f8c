// The command-line shell: argument parsing, printing and exit codes. All work is done by the library.
import { parseArgs } from 'node:util';
import { reporter } from 'vfile-reporter';
import { loadCourse } from '../index.ts';
import { writeOutput } from '../write/files.ts';
import { formatOutline } from './outline.ts';

export const EXIT = { ok: 0, errors: 1, usage: 2 } as const;

const HELP = `Usage: coursemap <command> <input> [options]

Commands:
  model <input>     Print the course outline (parts, chapters, sections, counts)
  lint <input>      Check the course and print diagnostics (exit 1 on errors)
  build <input>     Build the outputs into --out (now: model.json)

<input> is a course file, a course folder (plain, mdBook or mkdocs), or - for standard input.

Options:
  --json            model: print the model as JSON ({ "course": … })
  --depth <n>       model: section levels to show in the outline (default 1)
  --out <dir>       build: output folder (default "out")
  --max-bytes <n>   refuse inputs larger than n bytes (default 20000000)
  --quiet           print errors only
  -h, --help        show this help
  -v, --version     show the version`;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  stdin: () => Promise<string>;
}

const OPTIONS = {
  json: { type: 'boolean' },
  depth: { type: 'string' },
  out: { type: 'string' },
  'max-bytes': { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

function usage(io: Io, message: string): number {
  io.err(`coursemap: ${message}\n\n${HELP}`);
  return EXIT.usage;
}

/** Runs the CLI and returns the exit code; never calls process.exit. */
export async function run(argv: readonly string[], io: Io, version: string): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    return usage(io, err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.out(version);
    return EXIT.ok;
  }
  const [command, input, ...extra] = positionals;
  if (values.help || !command) {
    io.out(HELP);
    return values.help ? EXIT.ok : EXIT.usage;
  }
  if (!['model', 'lint', 'build'].includes(command)) return usage(io, `unknown command "${command}"`);
  if (!input) return usage(io, `${command} needs an <input> (a course file or folder)`);
  if (extra.length > 0) return usage(io, `unexpected argument "${extra[0]}"`);
  const maxBytes = values['max-bytes'] === undefined ? undefined : Number(values['max-bytes']);
  if (maxBytes !== undefined && !(maxBytes > 0)) return usage(io, '--max-bytes takes a positive number');
  const depth = values.depth === undefined ? 1 : Number(values.depth);
  if (!Number.isInteger(depth) || depth < 0) return usage(io, '--depth takes a whole number');

  const source = input === '-' ? await io.stdin() : input;
  const { course, files } = await loadCourse(source, maxBytes === undefined ? {} : { maxBytes });
  const notFound = files.flatMap((f) => f.messages).find((m) => m.ruleId === 'input-not-found');
  if (notFound) return usage(io, notFound.reason.replace(/`/g, ''));
  const hasErrors = files.some((f) => f.messages.some((m) => m.fatal === true));
  // quiet: skip files without messages; silent (--quiet): errors only.
  const report = reporter(files, { quiet: true, silent: values.quiet ?? false });
  if (report) io.err(report);
  if (command === 'model') {
    io.out(values.json ? JSON.stringify({ course }, null, 2) : formatOutline(course, depth));
  } else if (command === 'build') {
    const outDir = values.out ?? 'out';
    await writeOutput(outDir, 'model.json', `${JSON.stringify({ course }, null, 2)}\n`);
    if (!values.quiet) io.out(`${formatOutline(course, depth)}\n\nwrote ${outDir}/model.json`);
  }
  return hasErrors ? EXIT.errors : EXIT.ok;
}
