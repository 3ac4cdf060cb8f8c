// Acceptance: the real transcript course in ../shared must give the model its expected.json describes.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { inlineText } from '../src/model/text.ts';
import type { Course, Inline, Section } from '../src/model/types.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const coursePath = fileURLToPath(new URL('../../shared/courses/ddia-course.md', import.meta.url));
const expectedPath = fileURLToPath(new URL('../../shared/courses/ddia-course.expected.json', import.meta.url));

interface Expected {
  course: { title: string; author: string };
  parts: Array<{ title: string; chapters: number[] }>;
  chapters: Array<{
    number: number;
    acceptedTitles: string[];
    sections: Array<{ id: string; title: string; line: number }>;
  }>;
  authoredDiagrams: Array<{
    kind: string;
    fenceLine: number;
    valid: boolean;
    firstErrorLine: number;
    errorLines: number[];
  }>;
}

const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as Expected;
let course: Course;

beforeAll(() => {
  // Through the real CLI, as a user would: npx coursemap model <file> --json.
  const out = execFileSync(process.execPath, ['bin/coursemap.js', 'model', coursePath, '--json'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  course = (JSON.parse(out) as { course: Course }).course;
});

/** All prose the model holds, paragraphs flattened to plain text, so markup cannot hide a leak. */
function modelText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(modelText).join('\n');
  if (!value || typeof value !== 'object') return '';
  const node = value as { type?: string; children?: Inline[] };
  if (node.type === 'paragraph' && node.children) return inlineText(node.children).replace(/\s+/g, ' ');
  return Object.values(value).map(modelText).join('\n');
}

const chapter = (n: number) => {
  const c = course.chapters.find((x) => x.number === n);
  if (!c) throw new Error(`chapter ${n} missing`);
  return c;
};

describe('DDIA transcript course', () => {
  it('has the course title and author', () => {
    expect(course.title).toBe(expected.course.title);
    expect(course.author).toBe(expected.course.author);
    expect(course.form).toBe('transcript');
  });

  it('has the three parts with their chapters', () => {
    expect(course.parts.map((p) => ({ title: p.title, chapters: p.chapters }))).toEqual(expected.parts);
  });

  it('has all chapters, in order, each with an accepted title', () => {
    expect(course.chapters.map((c) => c.number)).toEqual(expected.chapters.map((c) => c.number));
    for (const e of expected.chapters) expect(e.acceptedTitles).toContain(chapter(e.number).title);
  });

  it('has every numbered section with its title and start line, in order', () => {
    for (const e of expected.chapters) {
      const got = chapter(e.number).sections.map((s: Section) => ({
        id: s.id,
        title: s.title,
        line: s.position.start.line,
      }));
      expect(got, `chapter ${e.number}`).toEqual(e.sections);
    }
  });

  it('finds analogies in every chapter, and the executive summary of each', () => {
    for (const e of expected.chapters) {
      const c = chapter(e.number);
      expect(c.analogies.length, `chapter ${e.number}`).toBeGreaterThan(0);
      expect(c.summary, `chapter ${e.number}`).toMatch(/\w{3,}/);
    }
  });

  it('finds the takeaway table where a Key/Core Takeaways section exists', () => {
    for (const e of expected.chapters) {
      const has = e.sections.some((s) => /takeaways/i.test(s.title));
      const t = chapter(e.number).takeaways;
      if (!has) continue;
      expect(t, `chapter ${e.number}`).not.toBeNull();
      expect(t?.header.length).toBeGreaterThanOrEqual(2);
      expect(t?.rows.length).toBeGreaterThan(0);
    }
  });

  it('finds the final insight where there is one', () => {
    for (const e of expected.chapters) {
      if (!e.sections.some((s) => /final insight/i.test(s.title))) continue;
      expect(chapter(e.number).finalInsight?.text, `chapter ${e.number}`).toMatch(/\w{3,}/);
    }
  });

  it('keeps the systems map as an extra and the mermaid block as a course diagram', () => {
    expect(course.extras.some((x) => /systems map/i.test(x.title))).toBe(true);
    const lines = course.diagrams.map((d) => d.position.start.line);
    for (const d of expected.authoredDiagrams) expect(lines).toContain(d.fenceLine);
    expect(course.diagrams[0]?.kind).toBe('graph');
  });

  it('lets no chat filler into the model', () => {
    const text = modelText(course);
    // The transcript's own chat lines: greetings, offers and wrap-ups, taken from the input itself.
    const chat = readFileSync(coursePath, 'utf8')
      .split('\n')
      .filter((l) => /^((perfect|excellent|great)\b[^.]{0,30}$|would you like|✅)/i.test(l.trim()))
      .map((l) => l.trim().replace(/[*_]/g, '').slice(0, 40));
    expect(chat.length).toBeGreaterThan(10);
    for (const line of chat) expect(text, line).not.toContain(line);
    expect(text).not.toMatch(/Diego/);
  });
});
