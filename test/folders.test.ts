// Folder layouts people use: a folder per chapter, part folders with part pages, mdBook src/
// without book.toml, mkdocs.yml in the parent; and the shape of the parse/model modules.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../src/index.ts';
import type { Course } from '../src/model/types.ts';
import { readInput } from '../src/parse/read.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const FIXTURES = join(root, 'test', 'fixtures', 'input');
const load = (dir: string) => loadCourse(dir, { cwd: FIXTURES }).then((r) => r.course);
const said = (course: Course, rule: string) =>
  course.messages.filter((m) => m.ruleId === rule).map((m) => `${m.file}:${m.line}:${m.column}: ${m.message}`);

describe('folder per chapter', () => {
  it('reads NN-name/README.md, index.md and single-file folders in number order', async () => {
    const course = await load('per-chapter');
    expect(course.chapters.map((c) => `${c.number} ${c.title} ${c.file}`)).toEqual([
      '1 Variables per-chapter/01-variables/README.md',
      '2 Types per-chapter/02-types/index.md',
      '3 Type Conversion per-chapter/03-conversion/conversion.md',
      '4 Loops per-chapter/03-loops/README.md',
      '5 Functions per-chapter/04-functions/README.md',
    ]);
    expect(course.title).toBe('First Steps in Programming');
  });

  it('reports the number tie and keeps an identical file once, naming both paths', async () => {
    const course = await load('per-chapter');
    expect(said(course, 'chapter-order-duplicate')).toEqual([
      'per-chapter/03-loops/README.md:1:1: Chapter number 3 is also used by `03-conversion/`; ordered by folder name',
    ]);
    expect(said(course, 'chapter-file-duplicate')).toEqual([
      'per-chapter/05-functions-again/README.md:1:1: `per-chapter/05-functions-again/README.md` is identical to `per-chapter/04-functions/README.md`; kept once',
    ]);
  });

  it('reports gaps in the numbering', async () => {
    const course = await load('numbered');
    expect(said(course, 'chapter-number-gap')).toEqual([
      'numbered/10-meteors.md:1:1: No chapter numbered 3–9 between `chapter-2.md` and `10-meteors.md`',
    ]);
  });
});

describe('part pages', () => {
  it('are parts, not chapters: a part title with a chapter list, or front matter part:', async () => {
    const course = await load('parts');
    expect(course.parts.map((p) => ({ number: p.number, title: p.title, chapters: p.chapters }))).toEqual([
      { number: 1, title: 'Ground Work', chapters: [1, 2] },
      { number: 2, title: 'Growing On', chapters: [3, 4] },
    ]);
    expect(course.chapters.map((c) => c.title)).toEqual(['Soil', 'Seeds', 'Water', 'Light']);
    expect(course.coverage.lost).toBe(0);
  });

  it('a chapter with a heading and a list that is not a table of contents stays a chapter', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coursemap-parts-'));
    writeFileSync(join(dir, '01-checklist.md'), '# Checklist\n\n- water the beds\n- close the gate\n');
    writeFileSync(join(dir, '02-toc.md'), '# In this part\n\n- [Checklist](01-checklist.md)\n');
    writeFileSync(join(dir, '03-tools.md'), '# Tools\n\nA spade and a fork.\n');
    const { course } = await loadCourse(dir);
    rmSync(dir, { recursive: true, force: true });
    expect(course.chapters.map((c) => c.title)).toEqual(['Checklist', 'Tools']);
    expect(course.parts.map((p) => `${p.number} ${p.title}: ${p.chapters.join(',')}`)).toEqual(['1 In this part: 2']);
  });
});

describe('listed layouts found where people put them', () => {
  it('reads an mdBook src/ with SUMMARY.md and no book.toml', async () => {
    const set = await readInput('mdbook-src', { cwd: FIXTURES });
    expect(set.layout).toBe('mdbook');
    const course = await load('mdbook-src');
    expect(course.chapters.map((c) => c.title)).toEqual(['What Is a Data Structure?', 'Arrays', 'Trees']);
    expect(course.parts.map((p) => `${p.title}: ${p.chapters.join(',')}`)).toEqual([
      'Fundamentals: 1,2',
      'Advanced: 3',
    ]);
    expect(course.preface.map((p) => p.title)).toEqual(['Introduction']);
  });

  it('finds mkdocs.yml in the parent of the folder given', async () => {
    const set = await readInput('mkdocs/pages', { cwd: FIXTURES });
    expect(set.layout).toBe('mkdocs');
    const course = await load('mkdocs/pages');
    expect(course.title).toBe('Kitchen Garden Basics');
  });

  it('ignores a parent mkdocs.yml whose docs_dir is another folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coursemap-mkdocs-'));
    writeFileSync(join(dir, 'mkdocs.yml'), 'site_name: Elsewhere\ndocs_dir: pages\nnav:\n  - a.md\n');
    mkdirSync(join(dir, 'notes'));
    writeFileSync(join(dir, 'notes', '01-a.md'), '# Chapter 1: A\n\nText.\n');
    const set = await readInput(join(dir, 'notes'));
    rmSync(dir, { recursive: true, force: true });
    expect(set.layout).toBe('plain');
  });
});

describe('module structure', () => {
  const src = join(root, 'src');
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
    );

  it('the model imports nothing from parse/ at runtime', () => {
    for (const f of files(join(src, 'model'))) {
      const runtime = readFileSync(f, 'utf8')
        .split('\n')
        .filter((l) => /^import (?!type )/.test(l) && l.includes('../parse/'));
      expect(runtime, f).toEqual([]);
    }
  });

  it('folder.ts and the layout readers do not import each other in a cycle', () => {
    for (const f of files(join(src, 'parse', 'layouts')))
      expect(readFileSync(f, 'utf8'), f).not.toMatch(/from '\.\.\/folder\.ts'/);
    const plain = readFileSync(join(src, 'parse', 'plain.ts'), 'utf8');
    expect(plain).not.toMatch(/from '\.\/(folder|layouts\/[\w-]+)\.ts'/);
  });

  it('keeps the model and folder-reading files under 400 lines', () => {
    const mine = [
      ...files(join(src, 'model')),
      ...files(join(src, 'parse', 'layouts')),
      ...['folder', 'folder-files', 'plain'].map((n) => join(src, 'parse', `${n}.ts`)),
    ];
    const long = mine.filter((f) => readFileSync(f, 'utf8').split('\n').length > 400);
    expect(long).toEqual([]);
  });
});
