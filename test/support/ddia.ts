// The DDIA course built once per test run, read-only, for every test file that reads its outputs
// (decks, site, cards, PPTX, handouts, book, maps, model.json). The browser project's global
// setup (test/setup/ddia.ts) starts the build at the start of the run, in a child process, when
// a selected file reads it; files that ask meanwhile wait on its lock file, and later ones read
// it straight away. Run outside that project, the first file that asks builds it. It lives in the
// run's private folder (test/setup/leftovers.ts), so each `vitest run` starts from a cold build.
//
//   const DDIA_OUT = ddiaOut();                          // known at collection time
//   beforeAll(() => ddiaFixture(), DDIA_TIMEOUT);        // builds or waits; returns the summary
//
// The build has every format that these tests read and none they do not: no slide PNGs or
// PDFs (342 PNGs cost a minute of CPU); files that need those build a small fixture of their own.
// Never write into DDIA_OUT: other files read it at the same time.
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { build, DEFAULT_BUILD, type BuildOptions } from '../../src/pipeline/index.ts';
import { sharedEndpoint } from './browser.ts';
import { runCache } from './run-cache.ts';

export const DDIA = fileURLToPath(new URL('../../../shared/courses/ddia-course.md', import.meta.url));
export const DDIA_FORMATS: BuildOptions['formats'] = ['svg', 'flashcards', 'pptx', 'handout', 'book'];
/** For the beforeAll that calls ddiaFixture(): a cold build on a loaded machine, or the wait for it. */
export const DDIA_TIMEOUT = 900_000;

/** One message of the build, as BuildResult.files[].messages has it. */
export interface FixtureMessage {
  file: string;
  line: number | undefined;
  column: number | undefined;
  ruleId: string | null;
  reason: string;
  fatal: boolean | null | undefined;
}

export interface DdiaFixture {
  out: string;
  messages: FixtureMessage[];
  /** BuildResult.outputs: diagrams rendered, files written, outputs that failed. */
  rendered: number;
  written: string[];
  failed: Array<{ path: string; error: string }>;
  browserStarted: boolean;
  ms: number;
}

const root = (): string => join(process.env['COURSEMAP_TEST_RUN_TMP'] ?? tmpdir(), 'ddia-fixture');

/** The fixture's output folder (it exists once ddiaFixture() has resolved). */
export function ddiaOut(): string {
  return join(root(), 'out');
}

/**
 * The built fixture: builds it when no file of this run has, else waits for it or reads it.
 * `endpoint` is the shared browser's (the global setup passes it: `inject` works only in a test file).
 */
export async function ddiaFixture(endpoint = sharedEndpoint()): Promise<DdiaFixture> {
  const summary = join(root(), 'summary.json');
  const lock = join(root(), 'lock');
  mkdirSync(root(), { recursive: true });
  const deadline = Date.now() + DDIA_TIMEOUT;
  while (Date.now() < deadline) {
    if (existsSync(summary)) return JSON.parse(readFileSync(summary, 'utf8')) as DdiaFixture;
    let fd: number;
    try {
      fd = openSync(lock, 'wx');
    } catch {
      // Another file is building it. A builder that failed removed the lock; one that died left
      // it with its pid: take it over.
      if (!alive(lockOwner(lock))) rmSync(lock, { force: true });
      await sleep(250);
      continue;
    }
    writeSync(fd, String(process.pid));
    closeSync(fd);
    try {
      const fixture = await buildFixture(endpoint);
      writeFileSync(`${summary}.tmp`, JSON.stringify(fixture));
      renameSync(`${summary}.tmp`, summary); // atomic: a reader never sees half a file
      return fixture;
    } finally {
      rmSync(lock, { force: true });
    }
  }
  throw new Error(`the DDIA fixture was not built within ${DDIA_TIMEOUT / 1000} s (${root()})`);
}

/** The pid written in the lock file; 0 when it is gone or not written yet. */
function lockOwner(lock: string): number {
  try {
    return Number(readFileSync(lock, 'utf8'));
  } catch {
    return 0;
  }
}

/** Whether a process with this pid runs (0 or NaN: a lock being written, counted as alive). */
function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function buildFixture(endpoint: string | undefined): Promise<DdiaFixture> {
  const out = ddiaOut();
  const result = await build(DDIA, {
    ...DEFAULT_BUILD,
    ...(endpoint ? { browserWSEndpoint: endpoint } : {}),
    outDir: out,
    formats: DDIA_FORMATS,
    // The run's cache: files that build DDIA's diagrams again (build-diagrams, contrast) read its SVGs.
    cacheDir: runCache(),
  });
  return {
    out,
    messages: result.files.flatMap((f) =>
      f.messages.map((m) => ({
        file: f.path,
        line: m.line,
        column: m.column,
        ruleId: m.ruleId ?? null,
        reason: m.reason,
        fatal: m.fatal,
      })),
    ),
    rendered: result.outputs.rendered,
    written: result.outputs.written.map((w) => w.path),
    failed: [...result.outputs.failed],
    browserStarted: result.browserStarted,
    ms: Math.round(result.ms),
  };
}
