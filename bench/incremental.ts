// bench/incremental: how long a rebuild takes after a one-character edit in one chapter,
// against the reference "browser launch + that chapter's diagrams and deck" (a cold build of a
// course made of that chapter alone), and what the rebuild re-rendered (its summary counts).
//
//   node bench/incremental.ts [course.md] [--formats svg,png] [--chapter n]
//
// Default: the DDIA transcript, formats svg,png, the middle chapter. Target: ratio <= 1.5.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, DEFAULT_BUILD, type BuildOptions, type BuildResult, type OutputFormat } from '../src/pipeline/index.ts';
import { loadCourse } from '../src/index.ts';

const { values, positionals } = parseArgs({
  options: { formats: { type: 'string' }, chapter: { type: 'string' } },
  allowPositionals: true,
});
const coursePath = positionals[0] ?? fileURLToPath(new URL('../../shared/courses/ddia-course.md', import.meta.url));
const formats = (values.formats ?? 'svg,png').split(',') as OutputFormat[];
const work = mkdtempSync(join(tmpdir(), 'coursemap-bench-incr-'));

const text = readFileSync(coursePath, 'utf8');
const input = join(work, 'course.md');
writeFileSync(input, text);
const { course } = await loadCourse(input);
const chapter =
  course.chapters.find((c) => c.number === Number(values.chapter)) ??
  course.chapters[Math.floor(course.chapters.length / 2)]!;
const next = course.chapters[course.chapters.indexOf(chapter) + 1];

const options = (out: string, cacheDir: string | false): BuildOptions => ({
  ...DEFAULT_BUILD,
  formats,
  outDir: join(work, out),
  cacheDir,
});
const summary = (r: BuildResult) => {
  const o = r.outputs;
  return `${(r.ms / 1000).toFixed(2)} s — ${o.changed.length} written, ${o.unchanged.length} unchanged, ${o.reused.length} reused, ${o.deleted.length} deleted; diagrams ${o.rendered} rendered, ${o.fromCache} from cache; browser ${r.browserStarted ? 'started' : 'not started'}`;
};

try {
  console.log(
    `course ${coursePath}: ${course.chapters.length} chapters; formats ${formats.join(',')}; edited chapter ${chapter.number} (${chapter.slug})`,
  );
  const cache = join(work, 'cache');
  const full = await build(input, options('out', cache));
  console.log(`full build (cold cache)          ${summary(full)}`);
  const same = await build(input, options('out', cache));
  console.log(`rebuild, nothing changed         ${summary(same)}`);

  // One character inside the chapter's first paragraph of body text.
  const lines = text.split('\n');
  const from = chapter.position.start.line;
  const to = next ? next.position.start.line - 1 : lines.length;
  const at = lines.findIndex((l, i) => i >= from && i < to && /^[A-Za-z].{40,}/.test(l) && / the /.test(l));
  if (at < 0) throw new Error('no paragraph line to edit');
  lines[at] = lines[at]!.replace(' the ', ' thE ');
  writeFileSync(input, lines.join('\n'));
  const edited = await build(input, options('out', cache));
  console.log(`rebuild after a 1-char edit      ${summary(edited)}`);
  const check = await build(input, { ...options('out', cache), check: true });
  console.log(
    `--check after that               ${summary(check)}; drift ${check.report.stale.length + check.report.missing.length + check.report.extra.length}`,
  );

  // Reference: that chapter alone, cold (browser launch + its diagrams + its deck).
  const front = /^---\n[\s\S]*?\n---\n/.exec(text)?.[0] ?? '';
  const alone = join(work, 'alone.md');
  writeFileSync(alone, `${front}\n${lines.slice(from - 1, to).join('\n')}\n`);
  const ref = await build(alone, options('alone-out', false));
  console.log(`reference: that chapter alone    ${summary(ref)}`);
  const ratio = edited.ms / ref.ms;
  console.log(`ratio rebuild / reference        ${ratio.toFixed(2)} (target <= 1.5) ${ratio <= 1.5 ? 'OK' : 'OVER'}`);
  const otherDiagrams = edited.outputs.rendered + edited.outputs.fromCache;
  console.log(
    `diagrams sent to the renderer    ${otherDiagrams} (only the edited chapter's: its map${chapter.diagrams.length ? ` and ${chapter.diagrams.length} authored` : ''}, plus the course map when its core idea changed)`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
