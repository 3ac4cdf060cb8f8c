// The command-line shell: argument parsing, printing and exit codes. All work is done by the library.
import { parseArgs } from 'node:util';
import { EXIT, HELP, OPTIONS, UsageError, usage, type Io, type Values } from './common.ts';

export type { Io } from './common.ts';

type Command = (input: string, values: Values, io: Io) => Promise<number>;

// Each subcommand is imported when it runs: the build pipeline, the renderer and the dev server
// stay unloaded for `--version`, `--help`, `model` and `lint`.
const COMMANDS: Record<string, () => Promise<Command>> = {
  model: async () => (await import('./model.ts')).runModel,
  lint: async () => (await import('./lint.ts')).runLint,
  build: async () => (await import('./build.ts')).runBuild,
  dev: async () => (await import('./dev.ts')).runDev,
  init: async () => (await import('./init.ts')).runInit,
};

/** Runs the CLI and returns the exit code; never calls process.exit. */
export async function run(argv: readonly string[], io: Io, version: string): Promise<number> {
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: true; strict: true }>
  >;
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
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) return usage(io, `unknown command "${command}"`);
  if (extra.length > 0) return usage(io, `unexpected argument "${extra[0]}"`);
  if (values.quiet && values.verbose) return usage(io, '--quiet and --verbose cannot be used together');
  if (command === 'init') {
    try {
      return await (await load())(input ?? '.', values, io);
    } catch (err) {
      if (err instanceof UsageError) return usage(io, err.message);
      throw err;
    }
  }
  if (!input) return usage(io, `${command} needs an <input> (a course file or folder)`);
  if (command === 'dev' && input === '-')
    return usage(io, 'dev needs a course file or folder to watch, not standard input');
  try {
    const source = input === '-' ? await io.stdin() : input;
    return await (await load())(source, values, io);
  } catch (err) {
    if (err instanceof UsageError) return usage(io, err.message);
    throw err;
  }
}
