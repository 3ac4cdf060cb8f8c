// Cost of the opt-in study outputs on DDIA: handouts, the book and the Anki package, each as the
// time of a warm build (diagrams from the render cache) that adds it, next to the same build
// without it, and their sizes. A changed format list rebuilds the other outputs too, so the
// difference to the baseline is the output's own cost. Left out, they cost nothing: the
// baseline is the default formats.
//
//   node bench/peers.ts [--course path]
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, DEFAULT_BUILD, type BuildOptions } from '../src/pipeline/index.ts';

const { values } = parseArgs({
  options: {
    course: { type: 'string', default: fileURLToPath(new URL('../../shared/courses/ddia-course.md', import.meta.url)) },
  },
});
const tmp = mkdtempSync(join(tmpdir(), 'coursemap-bench-peers-'));
const options = (formats: BuildOptions['formats']): BuildOptions => ({
  ...DEFAULT_BUILD,
  outDir: join(tmp, 'out'),
  formats,
  cacheDir: join(tmp, 'cache'),
});
const size = (path: string): number => {
  try {
    const s = statSync(path);
    return s.isDirectory() ? readdirSync(path).reduce((n, f) => n + size(join(path, f)), 0) : s.size;
  } catch {
    return 0;
  }
};
const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;

try {
  const base: BuildOptions['formats'] = ['svg', 'flashcards'];
  await build(values.course!, options(base)); // cold: diagrams into the cache, decks HTML
  const t0 = performance.now();
  await build(values.course!, { ...options(base), full: true });
  const baseline = performance.now() - t0;
  console.log(
    `baseline (svg, flashcards incl. cards.apkg), full warm build: ${(baseline / 1000).toFixed(1)} s; cards.apkg ${mb(size(join(tmp, 'out', 'flashcards', 'cards.apkg')))}`,
  );
  for (const extra of ['handout', 'book'] as const) {
    const t = performance.now();
    const r = await build(values.course!, options([...base, extra]));
    const ms = performance.now() - t;
    const path = extra === 'handout' ? join(tmp, 'out', 'handouts') : join(tmp, 'out', 'book.pdf');
    console.log(
      `+ ${extra}: ${(ms / 1000).toFixed(1)} s (whole build; ${r.outputs.reused.length} outputs reused), ${mb(size(path))}`,
    );
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
