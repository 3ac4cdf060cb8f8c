// One cache folder (`cacheDir`) for the whole test run: the rendered diagrams (keyed by content,
// theme and options), the model and map caches. The DDIA fixture renders the course's maps into
// it and the files that build DDIA, the sample course or the same fixtures again read them
// instead of laying them out a second time. Entries are written atomically (temp file, then
// rename), so files running at the same time can share it.
//
//   await build(input, sharedBuild({ outDir, formats: ['svg'], cacheDir: runCache() }));
//
// Opt in only where the cache is not what the test is about: a test that asserts on caching or
// incremental builds (what came from the cache, what was reused or rendered, whether a browser
// started) keeps a cache of its own, which test/run-cache.test.ts checks file by file.
// The folder lives in the run's private TMPDIR (test/setup/leftovers.ts) and goes with it.
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The run's shared cache folder. */
export function runCache(): string {
  return join(process.env['COURSEMAP_TEST_RUN_TMP'] ?? tmpdir(), 'run-cache');
}
