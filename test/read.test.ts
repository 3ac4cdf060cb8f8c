import { mkdtemp, mkdir, rm, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileNameOrder, frontMatterOrder } from '../src/parse/folder.ts';
import { parseSummary, readTomlTable } from '../src/parse/layouts/mdbook.ts';
import { decodeSource, firstInvalidUtf8, lineColumnAt } from '../src/parse/normalize.ts';
import { hasFatal, inputMessages, readInput } from '../src/parse/read.ts';
import type { InputSet } from '../src/parse/read.ts';
import { runs } from './support/property.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'input');
const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

/** "file:line:col: reason" */
const fmt = (m: VFileMessage): string => `${m.file}:${m.line}:${m.column}: ${m.reason}`;
const all = (set: InputSet): string[] => inputMessages(set).map(fmt);
const paths = (set: InputSet): string[] => set.chapterFiles.map((f) => f.path);

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'coursemap-read-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('decodeSource', () => {
  it('strips a BOM and turns CRLF into LF without moving lines or columns', () => {
    const file = decodeSource(bytes([0xef, 0xbb, 0xbf], '# Seeds\r\n\r\nSow *thinly*.\r\n'), 'seeds.md');
    expect(file.value).toBe('# Seeds\n\nSow *thinly*.\n');
    expect(file.messages).toEqual([]);
    const tree = unified().use(remarkParse).parse(String(file.value));
    const paragraph = tree.children[1]!;
    expect(paragraph.position?.start).toMatchObject({ line: 3, column: 1 });
  });

  it('turns a lone CR into LF', () => {
    const file = decodeSource(bytes('# Moon\rPhases\r\rTides\n'), 'moon.md');
    expect(file.value).toBe('# Moon\nPhases\n\nTides\n');
  });

  it('replaces NUL by U+FFFD and warns at its place', () => {
    const file = decodeSource(bytes('# Soil\n\nloam', [0], 'clay', [0], '\n'), 'soil.md');
    expect(file.value).toBe('# Soil\n\nloam\uFFFDclay\uFFFD\n');
    expect(file.messages.map(fmt)).toEqual(['soil.md:3:5: NUL character (U+0000) replaced by U+FFFD (2 in this file)']);
    expect(file.messages[0]).toMatchObject({ ruleId: 'nul-character', source: 'coursemap', fatal: false });
    expect(file.messages[0]!.note).toMatch(/UTF-8/);
  });

  it('reports invalid UTF-8 with the byte offset and the line:column before it', () => {
    const file = decodeSource(bytes('# Stars\r\nVega é', [0xff], ' bright\n'), 'stars.md');
    expect(file.messages.map(fmt)).toEqual([
      'stars.md:2:7: Invalid UTF-8: byte 0xff at byte offset 16 is not valid UTF-8',
    ]);
    expect(file.messages[0]).toMatchObject({ ruleId: 'invalid-utf8', fatal: true });
    expect(file.value).toBe('# Stars\nVega é\uFFFD bright\n'); // lossy text is still there
  });

  it('finds overlong, surrogate and truncated sequences', () => {
    expect(firstInvalidUtf8(bytes('ab', [0xc0, 0x80]))).toBe(2);
    expect(firstInvalidUtf8(bytes('a', [0xed, 0xa0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(bytes('abc', [0xe2, 0x82]))).toBe(3);
    expect(firstInvalidUtf8(bytes('a', [0xf4, 0x90, 0x80, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(bytes('a', [0x80]))).toBe(1);
    expect(firstInvalidUtf8(bytes('naïve ✓ 🌱'))).toBe(-1);
  });

  it('agrees with the WHATWG decoder on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (b) => {
        const bad = firstInvalidUtf8(b);
        let valid = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(b);
        } catch {
          valid = false;
        }
        expect(bad === -1).toBe(valid);
        if (bad !== -1) new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, bad)); // prefix is valid
      }),
      { numRuns: runs(2000) },
    );
  });

  it('checks the size before decoding', () => {
    const file = decodeSource(new Uint8Array(2048).fill(0xff), 'big.md', 1024);
    expect(file.messages.map(fmt)).toEqual([
      'big.md:1:1: Input is too large: 2.0 KB (2048 bytes), the limit is 1.0 KB (1024 bytes)',
    ]);
    expect(file.messages[0]).toMatchObject({ ruleId: 'input-too-large', fatal: true });
    expect(file.messages[0]!.note).toMatch(/maxBytes/);
    expect(file.value).toBe('');
  });

  it('warns about empty input', () => {
    expect(decodeSource(new Uint8Array(0), 'empty.md').messages.map(fmt)).toEqual(['empty.md:1:1: Input is empty']);
  });

  it('computes line:column with any line ending', () => {
    expect(lineColumnAt('a\r\nb\rc\nd', 8)).toEqual({ line: 4, column: 2 });
    expect(lineColumnAt('ab\r\ncd', 2)).toEqual({ line: 1, column: 3 });
  });
});

describe('readInput: single files and text', () => {
  it('reads a file', async () => {
    const set = await readInput('numbered/01-dark-adaptation.md', { cwd: FIXTURES });
    expect(set.form).toBe('file');
    expect(set.courseFile?.path).toBe('numbered/01-dark-adaptation.md');
    expect(String(set.courseFile?.value)).toMatch(/^# Chapter 1: Dark Adaptation\n/);
    expect(set.chapterFiles).toEqual([]);
    expect(hasFatal(set)).toBe(false);
  });

  it('reads an empty file with a warning', async () => {
    const set = await readInput('empty.md', { cwd: FIXTURES });
    expect(all(set)).toEqual(['empty.md:1:1: Input is empty']);
    expect(set.courseFile?.value).toBe('');
  });

  it('reports a missing path with a hint', async () => {
    const set = await readInput('no-such-course.md', { cwd: FIXTURES });
    expect(all(set)).toEqual(['no-such-course.md:1:1: Input not found: `no-such-course.md`']);
    const [m] = inputMessages(set);
    expect(m).toMatchObject({ ruleId: 'input-not-found', fatal: true, source: 'coursemap' });
    expect(m!.note).toMatch(/newline/);
    expect(set.courseFile).toBeNull();
  });

  it('treats an argument with a newline as Markdown text', async () => {
    const set = await readInput('\uFEFF# Comets\r\n\r\nDirty snowballs.\r\n', { cwd: FIXTURES });
    expect(set.form).toBe('text');
    expect(set.courseFile?.path).toBe('<stdin>');
    expect(set.courseFile?.value).toBe('# Comets\n\nDirty snowballs.\n');
    const named = await readInput('# A\n', { textPath: 'course.md' });
    expect(named.courseFile?.path).toBe('course.md');
  });

  it('reads badly encoded files written at run time', async () => {
    const dir = join(tmp, 'encodings');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'bom-crlf.md'), bytes([0xef, 0xbb, 0xbf], '# Orbits\r\n\r\nKepler\r\n'));
    await writeFile(join(dir, 'lone-cr.md'), bytes('# Tides\rHigh\rLow\r'));
    await writeFile(join(dir, 'nul.md'), bytes('# Dust\n', [0], '\n'));
    await writeFile(join(dir, 'latin1.md'), bytes('# Caf', [0xe9], '\n'));
    const read = async (name: string): Promise<VFile> => (await readInput(join(dir, name), { cwd: dir })).courseFile!;
    expect((await read('bom-crlf.md')).value).toBe('# Orbits\n\nKepler\n');
    expect((await read('lone-cr.md')).value).toBe('# Tides\nHigh\nLow\n');
    expect((await read('nul.md')).messages.map(fmt)).toEqual(['nul.md:2:1: NUL character (U+0000) replaced by U+FFFD']);
    const latin1 = await read('latin1.md');
    expect(latin1.messages.map(fmt)).toEqual([
      'latin1.md:1:6: Invalid UTF-8: byte 0xe9 at byte offset 5 is not valid UTF-8',
    ]);
    expect(latin1.messages[0]!.fatal).toBe(true);
  });

  it('refuses files over maxBytes without reading them', async () => {
    const set = await readInput('numbered/10-meteors.md', { cwd: FIXTURES, maxBytes: 10 });
    expect(all(set)).toEqual([
      'numbered/10-meteors.md:1:1: Input is too large: 97 bytes (97 bytes), the limit is 10 bytes (10 bytes)',
    ]);
    expect(hasFatal(set)).toBe(true);
  });

  it('guards deep nesting generated at run time (10,000-deep list and quote)', async () => {
    const list = '# Deep\n\n' + '- '.repeat(10_000) + 'leaf\n\nAfter.\n';
    const quote = '# Deep\n\n' + '>'.repeat(10_000) + ' leaf\n\nAfter.\n';
    for (const [text, what] of [
      [list, 'Containers (block quotes, list items) nested 10000 deep'],
      [quote, 'Containers (block quotes, list items) nested 10000 deep'],
    ] as const) {
      const set = await readInput(text);
      const value = String(set.courseFile!.value);
      expect(value.length).toBe(text.length);
      expect(all(set)).toHaveLength(1);
      expect(all(set)[0]).toContain(`<stdin>:3:${text === list ? 201 : 101}: ${what}`);
      const tree = unified().use(remarkParse).use(remarkGfm).parse(value);
      expect(tree.children.at(-1)?.position?.start).toMatchObject({ line: 5, column: 1 });
    }
  });
});

describe('readInput: plain folders', () => {
  it('orders numbered files and keeps the course file apart', async () => {
    const set = await readInput('numbered', { cwd: FIXTURES });
    expect(set).toMatchObject({ form: 'folder', layout: 'plain' });
    expect(set.courseFile?.path).toBe('numbered/course.md');
    expect(paths(set)).toEqual(['numbered/01-dark-adaptation.md', 'numbered/chapter-2.md', 'numbered/10-meteors.md']);
    expect(set.chapterFiles.map((f) => f.data.chapter?.orderFrom)).toEqual(['file-name', 'file-name', 'file-name']);
    expect(all(set)).toEqual([
      'numbered/10-meteors.md:1:1: No chapter numbered 3–9 between `chapter-2.md` and `10-meteors.md`',
    ]);
  });

  it('orders by front matter, then alphabetically with warnings', async () => {
    const set = await readInput('frontmatter', { cwd: FIXTURES });
    expect(set.courseFile?.path).toBe('frontmatter/index.md');
    expect(paths(set)).toEqual([
      'frontmatter/shaping.md',
      'frontmatter/watering.md',
      'frontmatter/compost.md',
      'frontmatter/mulch.md',
    ]);
    expect(all(set)).toEqual([
      'frontmatter/compost.md:1:1: No chapter number for `compost.md`: ordered alphabetically, after the numbered chapters',
      'frontmatter/mulch.md:1:1: No chapter number for `mulch.md`: ordered alphabetically, after the numbered chapters',
    ]);
    expect(inputMessages(set).every((m) => m.ruleId === 'chapter-order-guessed' && !m.fatal && m.note)).toBe(true);
    expect(set.chapterFiles.map((f) => f.data.chapter?.order)).toEqual([1, 2, 3, 4]);
  });

  it('reports a folder without Markdown', async () => {
    const set = await readInput('empty-folder', { cwd: FIXTURES });
    expect(all(set)).toEqual(['empty-folder:1:1: No Markdown files (.md, .markdown) in this folder or its subfolders']);
    expect(inputMessages(set)[0]).toMatchObject({ ruleId: 'no-markdown-files', fatal: true });
  });

  it('warns about duplicate chapter numbers and bad files inside a folder', async () => {
    const dir = join(tmp, 'dupes');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, '1-orbits.md'), '# Orbits\n');
    await writeFile(join(dir, 'tides.md'), '---\nchapter: 1\n---\n# Tides\n');
    await writeFile(join(dir, '2-dust.md'), bytes('# Dust ', [0x80], '\n'));
    const set = await readInput(dir, { cwd: tmp });
    expect(paths(set)).toEqual(['dupes/1-orbits.md', 'dupes/tides.md', 'dupes/2-dust.md']);
    expect(all(set)).toEqual([
      'dupes/tides.md:2:1: Chapter number 1 is also used by `1-orbits.md`; ordered by file name',
      'dupes/2-dust.md:1:8: Invalid UTF-8: byte 0x80 at byte offset 7 is not valid UTF-8',
    ]);
  });

  it('reads chapter order helpers', () => {
    expect(fileNameOrder('01-intro.md')).toBe(1);
    expect(fileNameOrder('chapter-3.md')).toBe(3);
    expect(fileNameOrder('intro.md')).toBeNull();
    expect(frontMatterOrder('---\ntitle: x\nnumber: 7\n---\n# X\n')).toEqual({ value: 7, line: 3, column: 1 });
    expect(frontMatterOrder('---\norder: soon\n---\n')).toBeNull();
    expect(frontMatterOrder('# No front matter\n')).toBeNull();
  });
});

describe('readInput: mdBook', () => {
  it('follows SUMMARY.md and reads book.toml', async () => {
    const set = await readInput('mdbook', { cwd: FIXTURES });
    expect(set).toMatchObject({ form: 'folder', layout: 'mdbook' });
    expect(paths(set)).toEqual([
      'mdbook/src/preface.md',
      'mdbook/src/ch1-finding.md',
      'mdbook/src/ch2-moon.md',
      'mdbook/src/ch3-telescope.md',
      'mdbook/src/deep-sky/clusters.md',
    ]);
    expect(set.courseFile?.path).toBe('mdbook/book.toml');
    expect(set.courseFile?.value).toBe('');
    expect(set.courseFile?.data.meta).toEqual({
      title: 'Backyard Astronomy',
      author: 'Ada Quill, Tomas Reyes',
      language: 'en',
    });
    expect(set.courseFile?.data.course).toEqual({
      layout: 'mdbook',
      synthetic: true,
      orderFile: 'mdbook/src/SUMMARY.md',
      parts: [
        { title: 'Part I: The Sky by Eye', chapters: [1, 2], line: 5, column: 3 },
        { title: 'Part II: With a Telescope', chapters: [3, 4], line: 10, column: 3 },
      ],
    });
    expect(set.chapterFiles[4]?.data.chapter).toEqual({
      order: 5,
      orderFrom: 'summary',
      navTitle: 'Star Clusters',
      navLevel: 1,
      part: 'Part II: With a Telescope',
    });
    // The draft chapter "[Eclipses]()" is left out, and said so.
    expect(all(set)).toEqual([
      'mdbook/src/SUMMARY.md:14:3: "Eclipses" is a draft chapter (no file yet), so the course leaves it out',
    ]);
  });

  it('reports listed files that are missing, at the link', async () => {
    const dir = join(tmp, 'book');
    await cp(join(FIXTURES, 'mdbook'), dir, { recursive: true });
    await writeFile(
      join(dir, 'src', 'SUMMARY.md'),
      '# Summary\n\n- [The Moon](ch2-moon.md)\n- [Planets](planets.md)\n',
    );
    const set = await readInput(dir, { cwd: tmp });
    expect(paths(set)).toEqual(['book/src/ch2-moon.md']);
    expect(all(set)).toEqual([
      'book/src/SUMMARY.md:4:13: Chapter file not found: `book/src/planets.md`; the course is built without it',
    ]);
    expect(inputMessages(set)[0]).toMatchObject({ ruleId: 'chapter-file-missing', fatal: false }); // a warning: the rest still builds
  });

  it('reads a tiny subset of TOML', () => {
    const toml =
      '# c\ntitle = "top"\n[book]\ntitle = "A \\"quoted\\" title" # note\nauthors = [\n  "Ann",\n  \'Bo\',\n]\n[rust]\ntitle = "no"\n';
    expect(readTomlTable(toml, 'book')).toEqual({ title: 'A "quoted" title', authors: ['Ann', 'Bo'] });
  });

  it('parses SUMMARY.md structure', () => {
    const { listed, parts } = parseSummary(
      '# Summary\n[Intro](intro.md)\n# Part\n- [A](a.md)\n  - [B](b/b%20c.md#x)\n- [Draft]()\n',
      'SUMMARY.md',
      '/s',
    );
    expect(listed.map((l) => [l.target, l.level, l.part, l.line, l.column])).toEqual([
      ['/s/intro.md', 0, null, 2, 9],
      ['/s/a.md', 0, 'Part', 4, 7],
      ['/s/b/b c.md', 1, 'Part', 5, 9],
    ]);
    expect(parts).toEqual([{ title: 'Part', line: 3, column: 3 }]);
  });
});

describe('readInput: mkdocs', () => {
  it('follows nav under docs_dir, with site metadata and a positioned missing page', async () => {
    const set = await readInput('mkdocs', { cwd: FIXTURES });
    expect(set).toMatchObject({ form: 'folder', layout: 'mkdocs' });
    expect(paths(set)).toEqual([
      'mkdocs/pages/index.md',
      'mkdocs/pages/soil.md',
      'mkdocs/pages/seeds.md',
      'mkdocs/pages/harvest.md',
    ]);
    expect(set.courseFile?.data.meta).toEqual({ title: 'Kitchen Garden Basics', author: 'Mira Okafor' });
    expect(set.courseFile?.data.course?.parts.map((p) => [p.title, p.chapters])).toEqual([
      ['Getting Started', [1, 2]],
      ['Through the Season', [3]],
    ]);
    expect(all(set)).toEqual([
      'mkdocs/mkdocs.yml:15:19: Chapter file not found: `mkdocs/pages/watering.md`; the course is built without it',
    ]);
    expect(inputMessages(set)[0]!.note).toMatch(/docs_dir/);
  });

  it('falls back to the docs folder without nav, and reports bad YAML', async () => {
    const dir = join(tmp, 'site');
    await mkdir(join(dir, 'docs'), { recursive: true });
    await writeFile(join(dir, 'mkdocs.yml'), 'site_name: Comets\nsite_author: [unclosed\n');
    await writeFile(join(dir, 'docs', '2-tails.md'), '# Tails\n');
    await writeFile(join(dir, 'docs', '1-nucleus.md'), '# Nucleus\n');
    const set = await readInput(dir, { cwd: tmp });
    expect(paths(set)).toEqual(['site/docs/1-nucleus.md', 'site/docs/2-tails.md']);
    expect(set.courseFile?.data.meta?.title).toBe('Comets');
    expect(inputMessages(set).map((m) => [m.file, m.ruleId, m.fatal])).toEqual([
      ['site/mkdocs.yml', 'mkdocs-config-invalid', true],
    ]);
    expect(inputMessages(set)[0]!.line).toBeGreaterThanOrEqual(2);
  });
});

describe('messages', () => {
  it('are positioned, sourced and hinted', async () => {
    const sets = await Promise.all(
      ['mkdocs', 'frontmatter', 'empty-folder', 'nope', 'empty.md'].map((p) => readInput(p, { cwd: FIXTURES })),
    );
    const messages = sets.flatMap(inputMessages);
    expect(messages.length).toBeGreaterThan(3);
    for (const m of messages) {
      expect(m.source).toBe('coursemap');
      expect(m.ruleId).toMatch(/^[a-z0-9-]+$/);
      expect(m.line).toBeGreaterThanOrEqual(1);
      expect(m.column).toBeGreaterThanOrEqual(1);
      expect(m.file).toBeTruthy();
      expect(m.note).toBeTruthy();
      expect(String(m)).toBe(`${m.file}:${m.line}:${m.column}: ${m.reason}`);
    }
  });
});
