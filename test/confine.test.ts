// Course files are read only from inside the course: symlinks, SUMMARY.md entries and mkdocs
// docs_dir leading out of it are refused with a warning naming the link; /proc, /sys and /dev are
// never read. Hostile courses are built in temp folders.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCourse } from '../src/index.ts';
import type { Course } from '../src/model/types.ts';

const SECRET = 'probe-token-7f3a9c';
let base: string;

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'coursemap-confine-'));
  mkdirSync(join(base, 'elsewhere'));
  writeFileSync(join(base, 'elsewhere', 'private.md'), `# Private notes\n\nThe ${SECRET} lives here.\n`);
  process.env.COURSEMAP_CONFINE_PROBE = SECRET;
});
afterEach(() => {
  rmSync(base, { recursive: true, force: true });
  delete process.env.COURSEMAP_CONFINE_PROBE;
});

const write = (rel: string, text: string) => {
  mkdirSync(join(base, rel, '..'), { recursive: true });
  writeFileSync(join(base, rel), text);
};
const chapter = (n: number, title: string) =>
  `# Chapter ${n}: ${title}\n\n## Idea\n\nA paragraph about ${title.toLowerCase()} in our own words.\n`;
const said = (course: Course, rule: string) =>
  course.messages.filter((m) => m.ruleId === rule).map((m) => `${m.file}: ${m.message}`);
const load = (input: string, roots?: string[]) =>
  loadCourse(input, { cwd: base, ...(roots ? { roots } : {}) }).then((r) => r.course);

describe('symlinked chapter files', () => {
  it('never reads /proc/self/environ or a file outside the course into the model', async () => {
    write('course/01-intro.md', chapter(1, 'Intro'));
    write('course/02-more.md', chapter(2, 'More'));
    symlinkSync('/proc/self/environ', join(base, 'course', '03-env.md'));
    symlinkSync(join(base, 'elsewhere', 'private.md'), join(base, 'course', '04-private.md'));
    const course = await load('course');
    const json = JSON.stringify(course);
    expect(json).not.toContain(SECRET);
    expect(json).not.toContain('PATH=');
    expect(course.chapters.map((c) => c.title)).toEqual(['Intro', 'More']);
    expect(said(course, 'input-outside-root')).toEqual([
      'course/03-env.md: Not read: `course/03-env.md` leads into /proc, a system folder',
      `course/04-private.md: Not read: \`course/04-private.md\` resolves to \`${join(base, 'elsewhere', 'private.md')}\`, outside the course folder`,
    ]);
  });

  it('follows a symlink that stays inside the course, and one into a root the user names', async () => {
    write('course/01-intro.md', chapter(1, 'Intro'));
    write('course/shared/two.md', chapter(2, 'Shared'));
    symlinkSync(join('shared', 'two.md'), join(base, 'course', '02-two.md'));
    symlinkSync(join(base, 'elsewhere', 'private.md'), join(base, 'course', '03-private.md'));
    const trusted = await load('course', ['elsewhere']);
    expect(said(trusted, 'input-outside-root')).toEqual([]);
    expect(JSON.stringify(trusted)).toContain(SECRET);
  });

  it('refuses a single course file that is a link to a system file', async () => {
    symlinkSync('/proc/self/environ', join(base, 'env.md'));
    const course = await load('env.md');
    expect(JSON.stringify(course)).not.toContain(SECRET);
    expect(said(course, 'input-outside-root')).toHaveLength(1);
  });
});

describe('tables of contents pointing out of the course', () => {
  it('mdBook SUMMARY.md entries with ../ or an absolute path are not read', async () => {
    write('book/book.toml', '[book]\ntitle = "A Book"\n');
    write('elsewhere/other.md', `# Other\n\nAlso ${SECRET}.\n`);
    symlinkSync('/proc/self/environ', join(base, 'elsewhere', 'env.md'));
    write(
      'book/src/SUMMARY.md',
      `# Summary\n\n- [One](one.md)\n- [Up](../../elsewhere/private.md)\n- [Abs](${join(base, 'elsewhere', 'other.md')})\n- [Env](../../elsewhere/env.md)\n`,
    );
    write('book/src/one.md', chapter(1, 'One'));
    const course = await load('book');
    expect(JSON.stringify(course)).not.toContain(SECRET);
    expect(course.chapters.map((c) => c.title)).toEqual(['One']);
    expect(said(course, 'input-outside-root').map((m) => m.replace(/ resolves to .*/, ''))).toEqual([
      'elsewhere/private.md: Not read: `elsewhere/private.md`',
      'elsewhere/other.md: Not read: `elsewhere/other.md`',
      'elsewhere/env.md: Not read: `elsewhere/env.md` leads into /proc, a system folder',
    ]);
  });

  it('mkdocs docs_dir with an absolute path elsewhere is not read', async () => {
    write(
      'site/mkdocs.yml',
      `site_name: A Site\ndocs_dir: ${join(base, 'elsewhere')}\nnav:\n  - Private: private.md\n`,
    );
    const course = await load('site');
    expect(JSON.stringify(course)).not.toContain(SECRET);
    expect(said(course, 'input-outside-root')).toEqual([
      `elsewhere/private.md: Not read: \`elsewhere/private.md\` resolves to \`${join(base, 'elsewhere', 'private.md')}\`, outside the course folder`,
    ]);
  });

  it('an mkdocs.yml in the parent folder still reads its docs folder', async () => {
    write('proj/mkdocs.yml', 'site_name: Proj\nnav:\n  - One: one.md\n');
    write('proj/docs/one.md', chapter(1, 'One'));
    const course = await load('proj/docs');
    expect(said(course, 'input-outside-root')).toEqual([]);
    expect(course.chapters.map((c) => c.title)).toEqual(['One']);
  });
});
