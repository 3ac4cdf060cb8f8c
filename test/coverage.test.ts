// Coverage: every input line is counted once, by where it went; lost content and misplaced runs are reported.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../src/index.ts';
import { courseFromText } from '../src/load.ts';
import { lineCount } from '../src/model/coverage.ts';
import type { Course, LineUse } from '../src/model/types.ts';
import { hostileCourse } from './support/arbitraries.ts';
import { runs } from './support/property.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const USES: LineUse[] = [
  'chapters',
  'preface',
  'extras',
  'outline',
  'summary',
  'structure',
  'filler',
  'frontMatter',
  'blank',
  'lost',
];
const sum = (c: Course['coverage']) => USES.reduce((n, u) => n + c[u], 0);
const messages = (course: Course, rule: string) =>
  course.messages.filter((m) => m.ruleId === rule).map((m) => `${m.line}:${m.column} ${m.message}`);

/** Line shapes of courses, transcripts and notes, so random documents reach every rule. */
const line = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '',
    '---',
    '```',
    '> **Analogy:** a river',
    '| a | b |',
    '|---|---|',
    '- **Term:** text',
    '1. **Outline entry**',
    '*Pause and reflect*',
    '**Key idea**',
  ),
  fc
    .tuple(
      fc.constantFrom('#', '##', '###', '####'),
      fc.constantFrom(
        'Chapter 1: A',
        'Chapter 2 — B',
        '1.1 Intro',
        'Part I – One',
        'Course Outline',
        'Systems Map',
        'Introduction',
        'Cheat sheet',
        'Executive Summary',
      ),
    )
    .map(([h, t]) => `${h} ${t}`),
  fc.constantFrom(
    'Perfect, Sam ⚙️',
    'Would you like me to continue with **Chapter 2 — “B”**?',
    'Let’s begin **Chapter 3 — “C”** now.',
    '✅ With this, you’ve completed it',
    '  indented',
    '[ref]: https://example.com',
  ),
  fc.string({ unit: 'binary' }),
);
const doc = fc.oneof(
  fc.array(line, { maxLength: 60 }).map((l) => l.join('\n')),
  hostileCourse,
  fc.array(line, { maxLength: 20 }).map((l) => `---\ntitle: T\n---\n${l.join('\n\n')}\n`),
);

describe('coverage', () => {
  it('adds up to the input line count for arbitrary Markdown', () => {
    fc.assert(
      fc.property(doc, (text) => {
        const { course } = courseFromText(text);
        const c = course.coverage;
        expect(c.lines).toBe(lineCount(text.replace(/\r\n?/g, '\n')));
        expect(sum(c)).toBe(c.lines);
        expect(Object.values(c.fillerRules).reduce((n, k) => n + k, 0)).toBe(c.filler);
        expect(c.percent).toBeGreaterThanOrEqual(0);
        expect(c.percent).toBeLessThanOrEqual(100);
      }),
      { numRuns: runs(300) },
    );
  });

  it('names filler by rule, and front matter and blank lines', () => {
    const text =
      '---\ntitle: T\n---\n\nPerfect, Sam ⚙️\n\n# Chapter 1: One\n\nBody line.\n\nWould you like me to continue?\n';
    const c = courseFromText(text).course.coverage;
    expect({
      lines: c.lines,
      chapters: c.chapters,
      filler: c.filler,
      frontMatter: c.frontMatter,
      blank: c.blank,
      lost: c.lost,
    }).toEqual({
      lines: 11,
      chapters: 2,
      filler: 2,
      frontMatter: 3,
      blank: 4,
      lost: 0,
    });
    expect(c.fillerRules).toEqual({ acknowledgement: 1, offer: 1 });
  });

  it('counts lines from every file of a folder course', async () => {
    const { course } = await loadCourse('test/fixtures/input/numbered', { cwd: root });
    expect(course.coverage.lines).toBe(15);
    expect(course.coverage.lost).toBe(0);
  });

  it('warns when a chapter is empty because its lines went elsewhere', () => {
    const { course } = courseFromText('# Chapter 1: Start\n# Cheat sheet\n\n- a\n- b\n\n# Chapter 2: Next\n\nText.\n');
    expect(messages(course, 'chapter-empty')).toEqual([
      '1:1 Chapter 1 is empty: the lines after its heading went elsewhere (3 to extras)',
    ]);
  });

  it('warns about a run of more than 40 lines sent to extras between two chapters', () => {
    const filler = Array.from({ length: 45 }, (_, k) => `- shortcut ${k}`).join('\n');
    const { course } = courseFromText(
      `# Chapter 1: Start\n\nIntro.\n\n# Cheat sheet\n\n${filler}\n\n# Chapter 2: Next\n\nText.\n`,
    );
    expect(messages(course, 'extras-between-chapters')).toEqual([
      '5:1 47 lines between chapters went to extras (lines 5–51)',
    ]);
  });
});

describe('shapes of real courses keep their content', () => {
  const shapes = [
    ...['alternating', 'same-level', 'pseudo-headings'].map((f) => `test/fixtures/forms/${f}.md`),
    ...['per-chapter', 'parts', 'mdbook-src'].map((d) => `test/fixtures/input/${d}`),
  ];
  it.each(shapes)('%s: every chapter has content and coverage of at least 98', async (input) => {
    const { course } = await loadCourse(input, { cwd: root });
    expect(course.chapters.length).toBeGreaterThan(1);
    for (const c of course.chapters)
      expect(c.sections.length + c.intro.length, `chapter ${c.number}`).toBeGreaterThan(0);
    expect(course.coverage.percent).toBeGreaterThanOrEqual(98);
    expect(course.messages.filter((m) => m.ruleId === 'chapter-empty')).toEqual([]);
  });
});

describe('DDIA coverage', () => {
  it('is printed by coursemap model and is at least 99 %', () => {
    const course = fileURLToPath(new URL('../../shared/courses/ddia-course.md', import.meta.url));
    const out = execFileSync(process.execPath, ['bin/coursemap.js', 'model', course], { cwd: root, encoding: 'utf8' });
    const m =
      /^coverage {2}(\d+\.\d) % of ([\d,]+) content lines kept: ([\d,]+) in chapters, ([\d,]+) preface, ([\d,]+) extras; (\d+) lost$/m.exec(
        out,
      );
    expect(m, out.slice(0, 400)).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThanOrEqual(99);
    expect(out).toMatch(
      /^ {10}of 3,068 input lines: \d+ filler dropped \(acknowledgement \d+, .*offer \d+.*\), \d+ outline, \d+ summary, /m,
    );
    // The model guide shows these two lines as they are.
    const readme = readFileSync(join(root, 'docs', 'model.md'), 'utf8');
    const printed = out
      .split('\n')
      .filter((l) => l.startsWith('coverage  ') || l.startsWith('          of '))
      .join('\n');
    expect(readme).toContain(printed);
  });
});
