// Negative fixtures through the CLI: every bad input gives a positioned diagnostic and the right
// exit code, never a crash or a hang. Diagnostics are asserted as "file:line:col: message".
import { describe, expect, it } from 'vitest';
import { cli } from './support/cli.ts';
import { loadCourse } from '../src/index.ts';
import { courseFromText } from '../src/load.ts';

const dir = 'test/fixtures/negative';

async function diagnostics(input: string): Promise<string[]> {
  const { course } = await loadCourse(input);
  return course.messages.map((m) => `${m.file}:${m.line}:${m.column}: ${m.message}`);
}

describe('negative inputs', () => {
  it('empty file: one error, exit 1', async () => {
    expect(await diagnostics(`${dir}/empty.md`)).toEqual([`${dir}/empty.md:1:1: Input is empty`]);
    expect((await cli('lint', `${dir}/empty.md`)).code).toBe(1);
  });

  it('no chapters: an error at 1:1 with a hint, exit 1', async () => {
    expect(await diagnostics(`${dir}/no-chapters.md`)).toEqual([`${dir}/no-chapters.md:1:1: No chapters found`]);
    const { code, err } = await cli('lint', `${dir}/no-chapters.md`);
    expect(code).toBe(1);
    expect(err).toMatch(/1:1\s+error\s+No chapters found\s+no-chapters/);
  });

  it('headings only: chapters from headings, with a warning, exit 0', async () => {
    expect(await diagnostics(`${dir}/headings-only.md`)).toEqual([
      `${dir}/headings-only.md:2:1: No "Chapter N" headings or announcements found; using the 3 level-2 headings as chapters`,
    ]);
    const { course } = await loadCourse(`${dir}/headings-only.md`);
    expect(course.title).toBe('Notes on Rivers');
    expect(course.chapters.map((c) => c.title)).toEqual(['Where Rivers Begin', 'How Rivers Bend', 'Where Rivers End']);
    expect((await cli('lint', `${dir}/headings-only.md`)).code).toBe(0);
  });

  it('duplicate chapter numbers: warned at the second, both kept', async () => {
    const messages = await diagnostics(`${dir}/duplicate-chapters.md`);
    expect(messages[0]).toBe(
      `${dir}/duplicate-chapters.md:11:1: Chapter 2 appears twice (also at line 6); this one is numbered after the last chapter`,
    );
    const { course } = await loadCourse(`${dir}/duplicate-chapters.md`);
    expect(course.chapters.map((c) => [c.number, c.title])).toEqual([
      [1, 'Springs'],
      [2, 'Streams'],
      [3, 'Deltas'],
    ]);
  });

  it('a duplicate chapter whose title has no letters gets a valid slug (found by the soak run)', () => {
    const { course } = courseFromText('# Chapter 1: A\n\ntext\n\n# Chapter 1: -->\n\ntext\n');
    expect(course.chapters.map((c) => c.slug)).toEqual(['1-a', '2']);
    expect(course.messages.filter((m) => m.ruleId === 'model-invariant')).toEqual([]);
  });

  it('CRLF and a BOM give the same model, lines and columns as LF', async () => {
    const crlf = (await loadCourse(`${dir}/bom-crlf.md`)).course;
    const lf = (await loadCourse(`${dir}/lf.md`)).course;
    expect(crlf.chapters).toEqual(lf.chapters.map((c) => ({ ...c, file: `${dir}/bom-crlf.md` })));
    expect(crlf.chapters[0]?.sections[0]?.position.start).toEqual({ line: 3, column: 1, offset: 20 });
  });

  it('invalid UTF-8: an error naming the byte offset, exit 1', async () => {
    expect(await diagnostics(`${dir}/invalid-utf8.md`)).toEqual([
      `${dir}/invalid-utf8.md:1:17: Invalid UTF-8: byte 0xe9 at byte offset 16 is not valid UTF-8`,
    ]);
    expect((await cli('lint', `${dir}/invalid-utf8.md`)).code).toBe(1);
  });

  it.each([
    ['lists', `${'- '.repeat(10_000)}deep`],
    ['quotes over lines', Array.from({ length: 300 }, (_, i) => `${'>'.repeat(i + 1)} line ${i}`).join('\n')],
    ['quotes', `${'>'.repeat(10_000)} deep`],
    ['brackets', `${'['.repeat(10_000)}x${']'.repeat(10_000)}`],
  ])('10,000-deep nested %s: a positioned warning, quickly', (_, body) => {
    const started = performance.now();
    const { course } = courseFromText(`# Chapter 1: Deep\n\n${body}\n`, 'deep.md');
    expect(performance.now() - started).toBeLessThan(20_000);
    const warning = course.messages.find((m) => m.ruleId === 'nesting-too-deep');
    expect(warning && `${warning.file}:${warning.line}`).toMatch(/^deep\.md:\d+$/);
    expect(course.chapters).toHaveLength(1);
  });

  it('missing file and unknown flag: a one-line error and the help, exit 2', async () => {
    const missing = await cli('model', 'no/such/course.md');
    expect(missing.code).toBe(2);
    expect(missing.err.split('\n')[0]).toBe('coursemap: Input not found: no/such/course.md');
    expect(missing.err).toContain('Usage: coursemap');
    const flag = await cli('model', `${dir}/lf.md`, '--frobnicate');
    expect(flag.code).toBe(2);
    expect(flag.err.split('\n')[0]).toMatch(/^coursemap: Unknown option '--frobnicate'/);
  });
});
