// The run's shared cache (test/support/run-cache.ts) is used only by files that do not test
// caching: a file that asserts what came from a cache, what was reused or left unchanged, that
// nothing was rendered, or that no browser started, would pass or fail by what other files of
// the run happened to render first. Such files keep a cache of their own.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const TEST = import.meta.dirname;

/** Assertions whose outcome depends on what a cache already holds. */
const CACHE_ASSERTIONS: RegExp[] = [
  /fromCache\)\.toBe\(/,
  /fromCache\)\.toBeGreaterThan/,
  /\.reused\b/,
  /rendered\)\.toBe\(0\)/,
  /browserStarted\)\.toBe\(false\)/,
  /['"`/][^'"`\n]*\b(?:from cache|unchanged|reused|up to date)\b/,
  /\bincremental\b/i,
];

/** Test files and support modules, relative to test/. */
function sources(): string[] {
  return readdirSync(TEST, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.startsWith('fixtures/') && !f.startsWith('golden/'))
    .sort();
}

/** The files that call runCache(), and the cache assertion each one holds (if any). */
function offenders(files: Array<{ name: string; text: string }>): string[] {
  return files
    .filter((f) => /\brunCache\(\)/.test(f.text) && !f.name.startsWith('support/') && f.name !== 'run-cache.test.ts')
    .flatMap((f) => {
      const hit = CACHE_ASSERTIONS.find((re) => re.test(f.text));
      return hit ? [`${f.name}: ${hit.exec(f.text)![0]}`] : [];
    });
}

describe('the run cache', () => {
  const files = sources().map((name) => ({ name, text: readFileSync(join(TEST, name), 'utf8') }));

  it('is used by some files, and by none that asserts on caching or incremental builds', () => {
    expect(files.filter((f) => /\brunCache\(\)/.test(f.text)).length).toBeGreaterThan(2);
    expect(offenders(files)).toEqual([]);
  });

  it('the check finds a file that would test the cache through it', () => {
    const text = 'const r = await build(x, { cacheDir: runCache() });\nexpect(r.outputs.rendered).toBe(0);\n';
    expect(offenders([{ name: 'made-up.test.ts', text }])).toEqual(['made-up.test.ts: rendered).toBe(0)']);
    expect(offenders([{ name: 'made-up.test.ts', text: text.replace('runCache()', 'join(tmp, "cache")') }])).toEqual(
      [],
    );
  });
});
