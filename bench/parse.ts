// Benchmark: Markdown parsing time of coursemap's chunked `parseMarkdown`
// versus plain `unified().use(remarkParse).parse` on the DDIA course and on
// synthetic courses of 1, 2, 4 and 10 MB (DDIA chapters repeated, chapter and
// section numbers shifted so every copy stays distinct).
//
//   node bench/parse.ts [--skip-plain-over <MB>] [--sizes 1,2,4,10]
//                       [--chunk-bytes <n>] [--check] [--chunk-sweep]
//
// --skip-plain-over <MB>  don't run the plain parser on texts larger than MB;
//                         extrapolate its time instead (marked "est.").
// --sizes                 synthetic sizes in MB (default 1,2,4,10).
// --chunk-bytes <n>       chunk size passed to parseMarkdown.
// --check                 also assert that both trees are deep-equal (slow,
//                         memory hungry); the plain parser then gets the same
//                         GFM + front-matter plugins as coursemap.
// --chunk-sweep           time parseMarkdown on the largest size for several
//                         chunk sizes, then exit.
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { courseFromText } from '../src/load.ts';
import { parseMarkdown, type ParseMarkdownOptions } from '../src/parse/markdown.ts';

const MB = 1024 * 1024;
const COURSE_URL = new URL('../../shared/courses/ddia-course.md', import.meta.url);

interface Args {
  skipPlainOver: number;
  sizes: number[];
  chunkBytes?: number;
  check: boolean;
  chunkSweep: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { skipPlainOver: Infinity, sizes: [1, 2, 4, 10], check: false, chunkSweep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--skip-plain-over') args.skipPlainOver = Number(value());
    else if (arg === '--sizes') args.sizes = value().split(',').map(Number);
    else if (arg === '--chunk-bytes') args.chunkBytes = Number(value());
    else if (arg === '--check') args.check = true;
    else if (arg === '--chunk-sweep') args.chunkSweep = true;
    else throw new Error(`unknown argument ${arg}`);
  }
  return args;
}

/**
 * A synthetic course of at least `megabytes` MB (UTF-8): the DDIA course's
 * introduction, then its chapters over and over, copy k numbered as chapters
 * 12k+1…12k+12 ("Chapter 3" → "Chapter 15", "## 🧩 3.1 …" → "## 🧩 15.1 …").
 */
function syntheticCourse(course: string, megabytes: number): string {
  const lines = course.split('\n');
  // The chapters start at the first line mentioning "Chapter 1 —".
  const bodyStart = lines.findIndex((line) => /Chapter 1 —/.test(line));
  const intro = lines.slice(0, Math.max(0, bodyStart - 1)).join('\n') + '\n';
  const body = lines
    .slice(Math.max(0, bodyStart - 1))
    .join('\n')
    .replace(/\n*$/, '\n\n');
  const parts = [intro];
  let bytes = Buffer.byteLength(intro);
  const bodyBytes = Buffer.byteLength(body);
  for (let copy = 0; bytes < megabytes * MB; copy++) {
    const shiftBy = 12 * copy;
    const renumbered =
      shiftBy === 0
        ? body
        : body
            .replace(/\b(Chapters?) (\d+)/g, (_, word: string, n: string) => `${word} ${Number(n) + shiftBy}`)
            .replace(
              /^(#{1,6} [^\d\n]*?)(\d+)\.(\d)/gm,
              (_, head: string, n: string, rest: string) => `${head}${Number(n) + shiftBy}.${rest}`,
            );
    parts.push(renumbered);
    bytes += bodyBytes;
  }
  return parts.join('');
}

const plainProcessor = unified().use(remarkParse).freeze();
const plainFullProcessor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();

interface ParseTimes {
  /** Seconds for courseFromText: normalise, guard, chunked parse and model. */
  coursemap: number;
  /** Seconds for coursemap's parseMarkdown alone. */
  parseOnly: number;
  /** Chapters the model found (a sanity check that the model did its work). */
  chapters: number;
  /** Seconds for plain remark-parse, or undefined when skipped. */
  plain: number | undefined;
  /** Whether the trees were deep-equal (only with --check). */
  equal?: boolean;
}

function seconds(fn: () => unknown): [number, unknown] {
  const t0 = performance.now();
  const result = fn();
  return [(performance.now() - t0) / 1000, result];
}

/**
 * Time the Markdown parse of one course text: coursemap's `parseMarkdown`
 * and (unless skipped) plain remark-parse. Kept separate so that the model
 * step (loadCourse) can be timed next to it.
 */
function timeParse(
  text: string,
  options: { plain: boolean; check: boolean; parse?: ParseMarkdownOptions },
): ParseTimes {
  const [parseOnly, tree] = seconds(() => parseMarkdown(text, options.parse));
  // What users wait for: normalise + guard + chunked parse + model, as loadCourse does it.
  const [coursemap, loaded] = seconds(() => courseFromText(text, 'bench.md'));
  const chapters = (loaded as ReturnType<typeof courseFromText>).course.chapters.length;
  if (!options.plain) return { coursemap, parseOnly, chapters, plain: undefined };
  // With --check, parse with the same plugins so the trees are comparable.
  const [plain, plainTree] = seconds(() => (options.check ? plainFullProcessor : plainProcessor).parse(text));
  if (!options.check) return { coursemap, parseOnly, chapters, plain };
  return { coursemap, parseOnly, chapters, plain, equal: isDeepStrictEqual(tree, plainTree) };
}

function fmt(n: number | undefined, digits = 2): string {
  return n === undefined ? '–' : n.toFixed(digits);
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const course = readFileSync(COURSE_URL, 'utf8');
  const parseOptions: ParseMarkdownOptions = args.chunkBytes === undefined ? {} : { chunkBytes: args.chunkBytes };

  // Warm up the JIT on the real course.
  for (let i = 0; i < 3; i++) parseMarkdown(course, parseOptions);
  plainProcessor.parse(course);

  if (args.chunkSweep) {
    const size = Math.max(...args.sizes);
    const text = syntheticCourse(course, size);
    console.log(`chunk-size sweep on ${fmt(Buffer.byteLength(text) / MB)} MB`);
    for (const chunkBytes of [4096, 8192, 16384, 32768, 65536, 131072, 262144]) {
      const [t] = seconds(() => parseMarkdown(text, { chunkBytes }));
      console.log(`  chunkBytes ${String(chunkBytes).padStart(6)}: ${fmt(t)} s`);
    }
    return;
  }

  const inputs: { name: string; text: string }[] = [{ name: 'ddia-course.md', text: course }];
  for (const size of args.sizes) inputs.push({ name: `synthetic ${size} MB`, text: syntheticCourse(course, size) });

  interface Row {
    name: string;
    megabytes: number;
    times: ParseTimes;
    plainEstimated?: number;
  }
  const rows: Row[] = [];
  for (const { name, text } of inputs) {
    const megabytes = Buffer.byteLength(text) / MB;
    const plain = megabytes <= args.skipPlainOver;
    process.stderr.write(`${name} (${fmt(megabytes)} MB)${plain ? '' : ', plain parse skipped'}…\n`);
    const times = timeParse(text, { plain, check: args.check, parse: parseOptions });
    rows.push({ name, megabytes, times });
  }

  // Extrapolate skipped plain times with a power law through the two largest measured sizes.
  const measured = rows.filter((r) => r.times.plain !== undefined).sort((a, b) => a.megabytes - b.megabytes);
  const a = measured[measured.length - 2];
  const b = measured[measured.length - 1];
  for (const row of rows) {
    if (row.times.plain !== undefined || !a || !b || a.times.plain === undefined || b.times.plain === undefined)
      continue;
    const exponent = Math.log(b.times.plain / a.times.plain) / Math.log(b.megabytes / a.megabytes);
    row.plainEstimated = b.times.plain * (row.megabytes / b.megabytes) ** exponent;
  }

  const plainOf = (row: Row) => row.times.plain ?? row.plainEstimated;
  const plainCell = (row: Row) =>
    row.times.plain !== undefined
      ? fmt(row.times.plain)
      : row.plainEstimated !== undefined
        ? `~${fmt(row.plainEstimated)} est.`
        : '–';
  const header = ['course', 'MB', 'chapters', 'parse s', 'parse+model s', 'plain remark s', 'speed-up'];
  if (args.check) header.push('equal');
  console.log(
    table(
      header,
      rows.map((row) => {
        const plain = plainOf(row);
        const cells = [
          row.name,
          fmt(row.megabytes),
          String(row.times.chapters),
          fmt(row.times.parseOnly),
          fmt(row.times.coursemap),
          plainCell(row),
          plain === undefined
            ? '–'
            : `${fmt(plain / row.times.coursemap, 1)}×${row.times.plain === undefined ? ' est.' : ''}`,
        ];
        if (args.check) cells.push(row.times.equal === undefined ? '–' : String(row.times.equal));
        return cells;
      }),
    ),
  );

  // Ratios between the smallest and the largest synthetic size.
  const synthetic = rows.slice(1);
  const small = synthetic[0];
  const large = synthetic[synthetic.length - 1];
  if (small && large && large !== small) {
    const sizeRatio = large.megabytes / small.megabytes;
    const linearity = large.times.coursemap / small.times.coursemap;
    console.log('');
    console.log(
      `linearity, coursemap parse+model: ${fmt(large.megabytes, 1)} MB / ${fmt(small.megabytes, 1)} MB time = ${fmt(linearity, 1)} ` +
        `(size ratio ${fmt(sizeRatio, 1)}; target ≤ 12)`,
    );
    const plainSmall = plainOf(small);
    const plainLarge = plainOf(large);
    if (plainSmall !== undefined && plainLarge !== undefined) {
      const est = large.times.plain === undefined ? ' (est.)' : '';
      console.log(`linearity, plain remark: ${fmt(plainLarge / plainSmall, 1)}${est}`);
      console.log(
        `speed-up at ${fmt(large.megabytes, 1)} MB: ${fmt(plainLarge / large.times.coursemap, 1)}×${est} (target ≥ 10×)`,
      );
    }
  }
  if (args.check && rows.some((r) => r.times.equal === false)) process.exitCode = 1;
}

main();
