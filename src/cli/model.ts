// `coursemap model`: the outline, or the model as JSON.
import { ConfigError, findConfigFile, loadConfigFile, searchStart } from '../config/index.ts';
import { DEFAULT_CACHE_DIR, loadCourse } from '../pipeline/load.ts';
import { EXIT, numberOption, rootsOption, type Io, type Values } from './common.ts';
import { formatOutline } from './outline.ts';
import { printMessages } from './report.ts';

export async function runModel(input: string, values: Values, io: Io): Promise<number> {
  const depth = numberOption(values, 'depth', 1);
  const maxBytes = numberOption(values, 'max-bytes', 0, 1);
  let cacheDir: string | false;
  try {
    cacheDir = await cacheDirFor(input, values);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.err(`coursemap: ${err.message}`);
    return EXIT.usage;
  }
  const { course, files } = await loadCourse(input, {
    cacheDir,
    ...rootsOption(values),
    ...(maxBytes > 0 ? { maxBytes } : {}),
  });
  const hasErrors = printMessages(files, io, values.quiet ?? false);
  io.out(values.json ? JSON.stringify({ course }, null, 2) : formatOutline(course, depth));
  return hasErrors ? EXIT.errors : EXIT.ok;
}

/** The build's cache folder (--cache-dir, --no-cache, the config file, the default): the model is kept there too. */
async function cacheDirFor(input: string, values: Values): Promise<string | false> {
  if (values['no-cache']) return false;
  if (values['cache-dir'] !== undefined) return values['cache-dir'];
  if (values['no-config']) return DEFAULT_CACHE_DIR;
  // model runs no config code unless --config names the file: JSON configs only.
  const configFile = values.config ?? findConfigFile(searchStart(input), { code: false });
  return (configFile ? (await loadConfigFile(configFile)).cacheDir : undefined) ?? DEFAULT_CACHE_DIR;
}
