// When the input itself is wrong (not found, unreadable, empty, too large, no Markdown, no
// chapters, a listed chapter missing), a build writes nothing: the outputs of the last good build
// stay in out/ and are reported stale, and the errors give the exit code. Without this, a typo in
// the path built an empty course over a good site.
import type { VFile } from 'vfile';
import type { Course } from '../model/types.ts';
import type { Manifest } from './manifest.ts';
import { Outputs } from './outputs.ts';

/** Errors that mean the course was not read as the user meant it. */
export const INPUT_FAILURES: ReadonlySet<string> = new Set([
  'input-not-found',
  'input-unreadable',
  'input-too-large',
  'invalid-utf8',
  'empty-input',
  'empty-course',
  'no-markdown-files',
  'no-chapters',
  'chapter-file-missing',
  'mkdocs-config-invalid',
]);

/** The first input-level error of the loaded files, or null. */
export function inputFailure(files: readonly VFile[]): string | null {
  for (const f of files)
    for (const m of f.messages) if (m.fatal === true && m.ruleId && INPUT_FAILURES.has(m.ruleId)) return m.ruleId;
  return null;
}

/** The result of a build that wrote nothing: every output of `previous` kept and listed stale. */
export function keptAsIs(course: Course, files: VFile[], previous: Manifest | null, outDir: string, started: number) {
  const outputs = new Outputs(outDir, { previous });
  for (const path of Object.keys(previous?.outputs ?? {}).sort()) outputs.kept.push({ path, reason: 'stale' as const });
  return {
    course,
    files,
    outputs,
    ms: performance.now() - started,
    browserStarted: false,
    report: { stale: [], missing: [], extra: [] },
    timings: { steps: [], fonts: { count: 0, ms: 0 } },
  };
}
