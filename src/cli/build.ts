// `coursemap build`: runs the pipeline and prints a closing summary.
import { build, DEFAULT_BUILD, type BuildOptions, type OutputFormat } from '../build/index.ts';
import { EXIT, numberOption, themeOption, UsageError, type Io, type Values } from './main.ts';
import { printMessages } from './report.ts';

const FORMATS: readonly OutputFormat[] = ['svg', 'png', 'pdf', 'html'];

function settingsOption(values: Values): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  if (values.paper !== undefined) {
    if (!['a4', 'letter', 'a3'].includes(values.paper)) throw new UsageError(`--paper must be a4, letter or a3, got "${values.paper}"`);
    out['paper'] = values.paper;
  }
  if (values.orientation !== undefined) {
    if (!['landscape', 'portrait'].includes(values.orientation)) throw new UsageError(`--orientation must be landscape or portrait, got "${values.orientation}"`);
    out['orientation'] = values.orientation;
  }
  if (values['pdf-notes']) out['pdfNotes'] = true;
  return out;
}

function formatsOption(values: Values): OutputFormat[] {
  if (values.formats === undefined) return DEFAULT_BUILD.formats;
  const list = values.formats.split(',').map((f) => f.trim()).filter(Boolean);
  const bad = list.find((f) => !(FORMATS as readonly string[]).includes(f));
  if (bad) throw new UsageError(`--formats takes a list of ${FORMATS.join(', ')}, got "${bad}"`);
  return list as OutputFormat[];
}

export function buildOptions(values: Values, io: Io): BuildOptions {
  const quiet = values.quiet ?? false;
  return {
    outDir: values.out ?? DEFAULT_BUILD.outDir,
    formats: formatsOption(values),
    theme: themeOption(values),
    background: values.background ?? DEFAULT_BUILD.background,
    scale: numberOption(values, 'scale', DEFAULT_BUILD.scale, 0.1),
    timeoutMs: numberOption(values, 'timeout', DEFAULT_BUILD.timeoutMs, 1),
    settings: settingsOption(values),
    cacheDir: values['no-cache'] ? false : (values['cache-dir'] ?? DEFAULT_BUILD.cacheDir),
    ...(values.templates ? { templatesDir: values.templates } : {}),
    ...(values['browser-ws-endpoint'] ? { browserWSEndpoint: values['browser-ws-endpoint'] } : {}),
    ...(values['max-bytes'] ? { maxBytes: numberOption(values, 'max-bytes', 0, 1) } : {}),
    onPhase: (phase, detail) => {
      if (!quiet) io.err(`${phase.padEnd(6)} ${detail}`);
    },
  };
}

export async function runBuild(input: string, values: Values, io: Io): Promise<number> {
  const options = buildOptions(values, io);
  const result = await build(input, options);
  const hasErrors = printMessages(result.files, io, values.quiet ?? false);
  const { outputs } = result;
  for (const f of outputs.failed) io.err(`coursemap: could not write ${options.outDir}/${f.path}: ${f.error}`);
  const counts = result.files.flatMap((f) => f.messages);
  const warnings = counts.filter((m) => m.fatal === false).length;
  const errors = counts.filter((m) => m.fatal === true).length + outputs.failed.length;
  if (!values.quiet) {
    io.err(
      `done   ${outputs.written.length} files written to ${options.outDir}/ (${outputs.rendered} diagrams rendered, ${outputs.fromCache} from cache), ` +
        `${warnings} warning${warnings === 1 ? '' : 's'}, ${errors} error${errors === 1 ? '' : 's'}, ${(result.ms / 1000).toFixed(1)} s`,
    );
  }
  return hasErrors || outputs.failed.length > 0 ? EXIT.errors : EXIT.ok;
}
