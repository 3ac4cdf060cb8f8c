// Golden tests: the whole chapter model of the bundled sample course and of one small fixture
// per input form, compared with committed JSON snapshots in test/golden/.
//
//   npx vitest run test/golden.test.ts                   compare (a missing golden file fails)
//   UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts   (re)write the golden files
//
// Paths in the output are relative to the project root, so the files are machine-independent:
// the test runs from the project root and hands loadCourse relative paths.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCourse } from '../src/index.ts';
import type { ModelMessage } from '../src/model/types.ts';

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]+$/, '');
const goldenDir = join(root, 'test', 'golden');
const formsDir = join(root, 'test', 'fixtures', 'forms');
const update = process.env['UPDATE_GOLDEN'] === '1';

interface Case {
  /** Golden file name, without .json. */
  name: string;
  /** Input path relative to the project root, with forward slashes. */
  input: string;
}

const cases: Case[] = [
  { name: 'course', input: 'content/course.md' },
  ...readdirSync(formsDir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => ({ name: f.replace(/\.md$/, ''), input: `test/fixtures/forms/${f}` })),
  // Folder courses: plain numbered files, front-matter order, mdBook and mkdocs layouts, a folder per
  // chapter (duplicate file, number tie), part folders with part pages, mdBook src/ without book.toml.
  ...['numbered', 'frontmatter', 'mdbook', 'mkdocs', 'per-chapter', 'parts', 'mdbook-src'].map((d) => ({
    name: `folder-${d}`,
    input: `test/fixtures/input/${d}`,
  })),
];

/** "file:line:col: message [rule-id]", the way the diagnostics are asserted. */
function messageString(m: ModelMessage): string {
  return `${m.file}:${m.line}:${m.column}: ${m.message} [${m.ruleId}]`;
}

/** Any absolute path under the project root that slipped into the output becomes relative. */
function relativize(value: unknown): unknown {
  if (typeof value === 'string') {
    const at = value.indexOf(root + sep);
    if (at === -1 && value !== root) return value;
    return value
      .split(root + sep)
      .join('')
      .split(sep)
      .join('/');
  }
  if (Array.isArray(value)) return value.map(relativize);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, relativize(v)]));
  }
  return value;
}

async function render(input: string): Promise<string> {
  const { course } = await loadCourse(input);
  const snapshot = { course, messages: course.messages.map(messageString) };
  return `${JSON.stringify(relativize(snapshot), null, 2)}\n`;
}

beforeAll(() => {
  if (process.cwd() === root) return;
  try {
    process.chdir(root);
  } catch {
    throw new Error(`Run the golden tests from the project root (${root}), not ${process.cwd()}`);
  }
});

describe('golden models', () => {
  it.each(cases)('$input matches its golden file ($name)', async ({ name, input }) => {
    const actual = await render(input);
    const goldenPath = join(goldenDir, `${name}.json`);
    if (update) {
      mkdirSync(goldenDir, { recursive: true });
      writeFileSync(goldenPath, actual);
      return;
    }
    if (!existsSync(goldenPath)) {
      throw new Error(
        `Missing golden file ${relative(root, goldenPath)}; create it with UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts and review it`,
      );
    }
    expect(actual).toBe(readFileSync(goldenPath, 'utf8'));
  });

  it('has no stale golden files', () => {
    if (update) return;
    const expected = new Set(cases.map((c) => `${c.name}.json`));
    const stale = existsSync(goldenDir)
      ? readdirSync(goldenDir).filter((f) => f.endsWith('.json') && !expected.has(f))
      : [];
    expect(stale, 'golden files without an input; delete them').toEqual([]);
  });
});
