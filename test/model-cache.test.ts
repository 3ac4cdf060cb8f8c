// The model cache (src/pipeline/model-cache.ts): a load of unchanged files returns the model built
// before, with the same messages on the same files; any change to the files is a new model; a
// broken cache file is ignored; without a cache folder nothing is written. The maps cache
// (src/pipeline/maps-cache.ts): generated maps come back unchanged until the course or templates change.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reporter } from 'vfile-reporter';
import { writeCacheJson } from '../src/write/cache-file.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCourse } from '../src/index.ts';
import { generateMaps } from '../src/generate/maps/maps.ts';
import { templateSet } from '../src/generate/templates.ts';
import { keyOf } from '../src/pipeline/manifest.ts';
import { generatedMaps } from '../src/pipeline/maps-cache.ts';
import { modelCodeFingerprint } from '../src/pipeline/model-cache.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TMP = mkdtempSync(join(tmpdir(), 'coursemap-model-cache-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const cacheFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.startsWith('model-')) : []);
/** What a user sees of a load: the model as JSON and the reporter's listing. */
const seen = (r: Awaited<ReturnType<typeof loadCourse>>) => ({
  model: JSON.stringify(r.course),
  report: reporter(r.files, { color: false }),
});

describe('model cache', () => {
  it('gives the same model and messages as a fresh load, read from the cache the second time', async () => {
    const course = join(TMP, 'pseudo-headings.md');
    cpSync(join(ROOT, 'test/fixtures/forms/pseudo-headings.md'), course);
    const cacheDir = join(TMP, 'cache-1');
    const fresh = seen(await loadCourse(course, { cwd: TMP }));
    const first = seen(await loadCourse(course, { cwd: TMP, cacheDir }));
    expect(cacheFiles(cacheDir)).toHaveLength(1);
    const second = seen(await loadCourse(course, { cwd: TMP, cacheDir }));
    expect(first).toEqual(fresh);
    expect(second).toEqual(fresh);
    expect(fresh.report).toMatch(/\d+:\d+/); // the fixture has messages, so restoring them is tested

    // Proof that the second load came from the cache: a marked entry is what comes back.
    const [name] = cacheFiles(cacheDir);
    const file = join(cacheDir, name ?? '');
    const entry = JSON.parse(readFileSync(file, 'utf8')) as { course: { title: string } };
    entry.course.title = 'Marked in the cache';
    writeFileSync(file, JSON.stringify(entry)); // not matching its recorded hash: ignored
    expect((await loadCourse(course, { cwd: TMP, cacheDir })).course.title).not.toBe('Marked in the cache');
    const { sha256: _hash, ...marked } = entry as typeof entry & { sha256?: string };
    await writeCacheJson(cacheDir, name ?? '', marked); // sealed again: served
    expect((await loadCourse(course, { cwd: TMP, cacheDir })).course.title).toBe('Marked in the cache');

    // One character changed in the course: a new model, and the entry is replaced (one file per input).
    writeFileSync(course, readFileSync(course, 'utf8').replace(/\n$/, ' \nOne more line.\n'));
    const edited = await loadCourse(course, { cwd: TMP, cacheDir });
    expect(edited.course.title).not.toBe('Marked in the cache');
    expect(seen(edited)).toEqual(seen(await loadCourse(course, { cwd: TMP })));
    expect(cacheFiles(cacheDir)).toHaveLength(1);
  });

  it('keeps the messages of a folder course on their own files', async () => {
    const folder = join(TMP, 'per-chapter');
    cpSync(join(ROOT, 'test/fixtures/input/per-chapter'), folder, { recursive: true });
    const cacheDir = join(TMP, 'cache-2');
    const fresh = await loadCourse(folder, { cwd: TMP });
    await loadCourse(folder, { cwd: TMP, cacheDir });
    const cached = await loadCourse(folder, { cwd: TMP, cacheDir });
    expect(cached.files.map((f) => [f.path, f.messages.map(String)])).toEqual(
      fresh.files.map((f) => [f.path, f.messages.map(String)]),
    );
    expect(cached.course.messages.length).toBeGreaterThan(0);
    expect(cached.course).toEqual(fresh.course);
  });

  it('ignores a broken cache file and replaces it', async () => {
    const course = join(TMP, 'tidy.md');
    cpSync(join(ROOT, 'test/fixtures/forms/tidy.md'), course);
    const cacheDir = join(TMP, 'cache-3');
    const fresh = seen(await loadCourse(course, { cwd: TMP, cacheDir }));
    const [name] = cacheFiles(cacheDir);
    writeFileSync(join(cacheDir, name ?? ''), '{"key": "not json');
    expect(seen(await loadCourse(course, { cwd: TMP, cacheDir }))).toEqual(fresh);
    expect(() => JSON.parse(readFileSync(join(cacheDir, name ?? ''), 'utf8'))).not.toThrow();
  });

  it('writes nothing without a cache folder', async () => {
    const course = join(TMP, 'plain.md');
    cpSync(join(ROOT, 'test/fixtures/forms/tidy.md'), course);
    await loadCourse(course, { cwd: TMP, cacheDir: false });
    expect(readdirSync(TMP).filter((f) => f.startsWith('.coursemap'))).toEqual([]);
  });

  it('keys on the code that builds the model (the parse and model modules and the loader)', () => {
    const code = join(TMP, 'code');
    for (const part of ['parse', 'model', 'load.ts'])
      cpSync(join(ROOT, 'src', part), join(code, part), { recursive: true });
    const before = modelCodeFingerprint(code);
    expect(before).toBe(modelCodeFingerprint(join(ROOT, 'src')));
    const edited = join(code, 'model', 'recognisers', 'pseudo.ts');
    writeFileSync(edited, `${readFileSync(edited, 'utf8')}\n// an edit\n`);
    expect(modelCodeFingerprint(code)).not.toBe(before);
    writeFileSync(join(code, 'load.ts'), '// another loader\n');
    const renderOnly = modelCodeFingerprint(code);
    cpSync(join(ROOT, 'src', 'render'), join(code, 'render'), { recursive: true });
    expect(modelCodeFingerprint(code)).toBe(renderOnly); // other stages do not change the model
  });
});

describe('maps cache', () => {
  it('gives the generated maps, from the cache when the course, templates and code are unchanged', async () => {
    const { course } = await loadCourse(join(ROOT, 'test/fixtures/forms/tidy.md'));
    const cacheDir = join(TMP, 'maps-cache');
    const request = {
      course,
      courseHash: keyOf(course),
      templates: templateSet(),
      templatesDir: undefined,
      cacheDir,
      input: 'tidy.md',
    };
    const fresh = generateMaps(course, templateSet());
    expect(await generatedMaps(request)).toEqual(fresh);
    const [name] = readdirSync(cacheDir).filter((f) => f.startsWith('maps-'));
    const file = join(cacheDir, name ?? '');
    const entry = JSON.parse(readFileSync(file, 'utf8')) as { maps: Array<{ source: string }> };
    expect(entry.maps).toEqual(fresh);
    (entry.maps[0] as { source: string }).source = 'marked in the cache';
    writeFileSync(file, JSON.stringify(entry)); // not matching its recorded hash: ignored
    expect((await generatedMaps(request))[0]?.source).not.toBe('marked in the cache');
    const { sha256: _hash, ...marked } = JSON.parse(JSON.stringify(entry)) as typeof entry & { sha256?: string };
    marked.maps[0]!.source = 'marked in the cache';
    await writeCacheJson(cacheDir, name ?? '', marked);
    expect((await generatedMaps(request))[0]?.source).toBe('marked in the cache');

    // A user template folder, or another course, is a new key: generated again.
    const userTemplates = join(TMP, 'templates');
    cpSync(join(ROOT, 'templates/maps'), join(userTemplates, 'maps'), { recursive: true });
    writeFileSync(
      join(userTemplates, 'maps/chapter-map.mmd.hbs'),
      `%% my own template\n${readFileSync(join(userTemplates, 'maps/chapter-map.mmd.hbs'), 'utf8')}`,
    );
    const own = await generatedMaps({ ...request, templates: templateSet(userTemplates), templatesDir: userTemplates });
    expect(own[1]?.source.startsWith('%% my own template')).toBe(true);
    const other = { ...course, title: 'Another title' };
    expect((await generatedMaps({ ...request, course: other, courseHash: keyOf(other) }))[0]?.source).toBe(
      generateMaps(other, templateSet())[0]?.source,
    );
  });
});
