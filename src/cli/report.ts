// Printing diagnostics the way unified tools do (vfile-reporter), and the input-not-found rule.
import type { VFile } from 'vfile';
import { reporter } from 'vfile-reporter';
import { UsageError, type Io } from './common.ts';

/** Prints the files' messages (errors only with --quiet); returns whether any is an error. */
export function printMessages(files: readonly VFile[], io: Io, quiet: boolean): boolean {
  const notFound = files.flatMap((f) => f.messages).find((m) => m.ruleId === 'input-not-found');
  if (notFound) throw new UsageError(notFound.reason.replace(/`/g, ''));
  // quiet: skip files without messages; silent (--quiet): errors only.
  const report = reporter([...files], { quiet: true, silent: quiet });
  if (report) io.err(report);
  return files.some((f) => f.messages.some((m) => m.fatal === true));
}
