// coursemap never loses the user's files: it deletes or overwrites only files whose bytes the
// manifest proves it wrote, never through a symlinked folder, never into a folder it did not make
// (unless --force), and a wrong input or a failed stage keeps the last good outputs (stale).
// Hostile out/ folders are built in temp folders; no browser is needed (Outputs, or builds that
// stop before rendering).
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run as cli } from '../src/cli/main.ts';
import { build, DEFAULT_BUILD } from '../src/pipeline/index.ts';
import { manifestText, readManifest, sha256, type Manifest } from '../src/pipeline/manifest.ts';
import { Outputs } from '../src/pipeline/outputs.ts';
import { StatIndex } from '../src/pipeline/stat-index.ts';
import { OutputFolderError, outputFolderError } from '../src/write/out-folder.ts';

const temps: string[] = [];
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'coursemap-outsafe-'));
  temps.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A previous build: Outputs writing `files` (one unit each) and its manifest. */
async function previousBuild(out: string, files: Record<string, string>): Promise<void> {
  const outputs = new Outputs(out, { previous: await readManifest(out), globalKey: 'g' });
  for (const [path, text] of Object.entries(files))
    await outputs.unit(`u:${path}`, { text }, () => outputs.write(path, text).then(() => undefined));
  await outputs.finish();
}

function craftManifest(out: string, outputs: Record<string, string>): void {
  const m: Manifest = {
    version: 1,
    tool: 'coursemap',
    outputs: {},
    units: { u: { key: 'k', parent: null, chapter: null } },
  };
  for (const [path, sha] of Object.entries(outputs)) m.outputs[path] = { sha256: sha, bytes: 1, unit: 'u' };
  writeFileSync(join(out, 'manifest.json'), manifestText(m));
}

const tree = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else out[r] = readFileSync(join(dir, r), 'utf8');
    }
  };
  walk('');
  return out;
};

describe('the manifest is not trusted', () => {
  it('a crafted manifest cannot delete a user file (its recorded hash does not match)', async () => {
    const out = temp();
    writeFileSync(join(out, 'notes.txt'), 'my own notes');
    craftManifest(out, { 'notes.txt': sha256('something else') });
    const outputs = new Outputs(out, { previous: await readManifest(out) });
    await outputs.finish();
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('my own notes');
    expect(outputs.deleted).toEqual([]);
    expect(outputs.kept).toEqual([{ path: 'notes.txt', reason: 'edited' }]);
  });

  it('never deletes through a symlinked subfolder (out/evil → ../elsewhere), even with the right hash', async () => {
    const base = temp();
    const out = join(base, 'out');
    mkdirSync(out);
    mkdirSync(join(base, 'elsewhere'));
    writeFileSync(join(base, 'elsewhere', 'victim.txt'), 'precious');
    symlinkSync(join(base, 'elsewhere'), join(out, 'evil'));
    craftManifest(out, { 'evil/victim.txt': sha256('precious'), '../elsewhere/victim.txt': sha256('precious') });
    const outputs = new Outputs(out, { previous: await readManifest(out) });
    await outputs.finish();
    expect(readFileSync(join(base, 'elsewhere', 'victim.txt'), 'utf8')).toBe('precious');
    expect(outputs.deleted).toEqual([]);
    expect(outputs.failed.map((f) => f.path)).toEqual(['evil/victim.txt']);
    expect(outputs.failed[0]!.error).toMatch(/outside the output folder/);
  });

  it('never writes through a symlinked out/decks', async () => {
    const base = temp();
    const out = join(base, 'out');
    mkdirSync(out);
    mkdirSync(join(base, 'elsewhere'));
    symlinkSync(join(base, 'elsewhere'), join(out, 'decks'));
    const outputs = new Outputs(out, { previous: null });
    expect(await outputs.write('decks/01-intro.html', '<p>deck</p>')).toBe(false);
    expect(readdirSync(join(base, 'elsewhere'))).toEqual([]);
    expect(outputs.failed[0]!.error).toMatch(/refusing to write decks\/01-intro\.html \(through a symlinked folder\)/);
  });

  it('deletes an output it no longer produces only while its bytes are still the ones it wrote', async () => {
    const out = temp();
    await previousBuild(out, { 'a.html': 'A', 'b.html': 'B' });
    writeFileSync(join(out, 'b.html'), 'B, annotated by the user');
    const outputs = new Outputs(out, { previous: await readManifest(out), globalKey: 'g' });
    await outputs.finish();
    expect(outputs.deleted).toEqual(['a.html']);
    expect(existsSync(join(out, 'a.html'))).toBe(false);
    expect(readFileSync(join(out, 'b.html'), 'utf8')).toBe('B, annotated by the user');
    expect(outputs.kept).toEqual([{ path: 'b.html', reason: 'edited' }]);
  });
});

describe('hand-edited outputs', () => {
  it('an edit that keeps size and mtime is seen by build (the stat index compares ctime) and the output restored', async () => {
    const out = temp();
    const cache = temp();
    const build2 = async (force: boolean) => {
      const o = new Outputs(out, {
        previous: await readManifest(out),
        globalKey: 'g',
        statIndex: await StatIndex.open(cache, out),
        ...(force ? { force } : {}),
      });
      await o.unit('u', { v: 1 }, () => o.write('page.html', 'original').then(() => undefined));
      await o.finish();
      return o;
    };
    await build2(false);
    const page = join(out, 'page.html');
    utimesSync(page, 1_700_000_000, 1_700_000_000); // whole seconds: an edit can keep it exactly
    expect((await build2(false)).reused).toEqual(['page.html']); // the stat index now holds this mtime
    writeFileSync(page, 'edited!!'); // same size
    utimesSync(page, 1_700_000_000, 1_700_000_000); // same mtime
    expect(statSync(page).size).toBe('original'.length);
    const second = await build2(false);
    expect(second.reused).toEqual([]); // not trusted as intact: the ctime changed
    expect(second.changed).toEqual(['page.html']);
    expect(readFileSync(page, 'utf8')).toBe('original');
  });
});

describe('files coursemap did not write', () => {
  it('a new output whose path holds a file the manifest does not list is not overwritten (unless --force)', async () => {
    const out = temp();
    await previousBuild(out, { 'index.html': 'I' });
    writeFileSync(join(out, 'mine.html'), "the user's page");
    const outputs = new Outputs(out, { previous: await readManifest(out), globalKey: 'g' });
    await outputs.unit('u:index.html', { text: 'I' }, () => outputs.write('index.html', 'I').then(() => undefined));
    await outputs.unit('u:mine.html', { text: 'M' }, () =>
      outputs.write('mine.html', 'generated').then(() => undefined),
    );
    await outputs.finish();
    expect(readFileSync(join(out, 'mine.html'), 'utf8')).toBe("the user's page");
    expect(outputs.failed.map((f) => `${f.path}: ${f.error}`)).toEqual([
      'mine.html: a file coursemap did not write (out/manifest.json does not list it) is in the way: kept as it is; build --force replaces it',
    ]);
    expect(Object.keys((await readManifest(out))!.outputs)).toEqual(['index.html']); // never claimed as coursemap's
    const forced = new Outputs(out, { previous: null, globalKey: 'g', force: true });
    await forced.unit('u:mine.html', { text: 'M' }, () => forced.write('mine.html', 'generated').then(() => undefined));
    await forced.finish();
    expect(readFileSync(join(out, 'mine.html'), 'utf8')).toBe('generated');
  });
});

describe('--force over an earlier build', () => {
  it('rewrites everything, and still removes what the earlier build wrote and this one no longer makes (intact files only)', async () => {
    const out = temp();
    await previousBuild(out, { 'decks/slide-1.png': '1', 'decks/slide-2.png': '2', 'decks/slide-3.png': '3' });
    writeFileSync(join(out, 'decks/slide-3.png'), 'annotated by the user');
    const found = await readManifest(out);
    const forced = new Outputs(out, { previous: null, globalKey: 'g', force: true, replaced: found });
    await forced.unit('u:deck', { slides: 1 }, () => forced.write('decks/slide-1.png', '1').then(() => undefined));
    await forced.finish();
    expect(forced.reused).toEqual([]); // nothing of the earlier build is reused under --force
    expect(forced.deleted).toEqual(['decks/slide-2.png']);
    expect(readFileSync(join(out, 'decks/slide-3.png'), 'utf8')).toBe('annotated by the user');
    expect(Object.keys((await readManifest(out))!.outputs)).toEqual(['decks/slide-1.png']);
  });
});

describe('a failed stage keeps its last good outputs', () => {
  it('keeps the files of a unit that throws, lists them stale, and runs the unit again next time', async () => {
    const out = temp();
    await previousBuild(out, { 'decks/a.html': 'A', 'decks/b.html': 'B', 'index.html': 'I' });
    const outputs = new Outputs(out, { previous: await readManifest(out), globalKey: 'g' });
    await outputs.unit('u:index.html', { text: 'I' }, () => outputs.write('index.html', 'I').then(() => undefined));
    for (const path of ['decks/a.html', 'decks/b.html']) {
      await outputs
        .unit(`u:${path}`, { text: 'changed' }, async () => {
          throw new Error('deck stage crashed');
        })
        .catch(() => undefined);
    }
    await outputs.finish();
    expect(tree(out)).toMatchObject({ 'decks/a.html': 'A', 'decks/b.html': 'B', 'index.html': 'I' });
    expect(outputs.deleted).toEqual([]);
    expect(outputs.kept).toEqual([
      { path: 'decks/a.html', reason: 'stale' },
      { path: 'decks/b.html', reason: 'stale' },
    ]);
    const m = await readManifest(out);
    expect(Object.keys(m!.outputs).sort()).toEqual(['decks/a.html', 'decks/b.html', 'index.html']);
    expect(m!.units['u:decks/a.html']!.key).toBe(''); // rebuilt next time
  });
});

describe('a wrong input never touches out/', () => {
  const good = async () => {
    const out = temp();
    await previousBuild(out, { 'index.html': '<h1>Course</h1>', 'decks/01.html': 'deck', 'model.json': '{}' });
    return { out, before: tree(out) };
  };

  for (const [name, make] of [
    ['a typo in the path', () => 'cuorse.md'],
    ['an empty file', (dir: string) => (writeFileSync(join(dir, 'empty.md'), ''), 'empty.md')],
    [
      'a folder with no Markdown',
      (dir: string) => (mkdirSync(join(dir, 'notes')), writeFileSync(join(dir, 'notes', 'a.txt'), 'x'), 'notes'),
    ],
  ] as const) {
    it(`${name}: every output stays, listed stale`, async () => {
      const { out, before } = await good();
      const cwd = temp();
      const input = join(cwd, make(cwd));
      const result = await build(input, { ...DEFAULT_BUILD, outDir: out, cacheDir: false });
      expect(tree(out)).toEqual(before);
      expect(result.outputs.kept.map((k) => `${k.reason} ${k.path}`)).toEqual([
        'stale decks/01.html',
        'stale index.html',
        'stale model.json',
      ]);
      expect(result.browserStarted).toBe(false);
    });
  }

  it('the CLI says the outputs are stale and exits 1', async () => {
    const { out, before } = await good();
    const cwd = temp();
    writeFileSync(join(cwd, 'empty.md'), '');
    const err: string[] = [];
    const code = await cli(
      ['build', join(cwd, 'empty.md'), '--out', out, '--no-cache'],
      { out: () => undefined, err: (t) => err.push(t), stdin: async () => '' },
      '0',
    );
    expect(code).toBe(1);
    expect(err.join('\n')).toContain(
      `coursemap: kept 3 outputs of the last good build in ${out}/, now stale (not rebuilt because of the errors above)`,
    );
    expect(tree(out)).toEqual(before);
  });
});

describe('the output folder', () => {
  const course = () => {
    const dir = temp();
    writeFileSync(join(dir, 'course.md'), '# Chapter 1: One\n\n## Idea\n\nA paragraph.\n');
    return join(dir, 'course.md');
  };
  const io = () => {
    const err: string[] = [];
    return { err, io: { out: () => undefined, err: (t: string) => void err.push(t), stdin: async () => '' } };
  };

  it("a non-empty folder without a coursemap manifest is refused (the user's index.html and manifest.json stay)", async () => {
    const out = temp();
    writeFileSync(join(out, 'index.html'), 'my site');
    writeFileSync(join(out, 'manifest.json'), '{"name":"my web app","icons":[]}');
    const t = io();
    expect(await cli(['build', course(), '--out', out, '--no-cache'], t.io, '0')).toBe(1);
    expect(t.err.join('\n')).toContain(
      `coursemap: the output folder ${out} is not empty (index.html, manifest.json) and holds no coursemap manifest.json`,
    );
    expect(tree(out)).toEqual({ 'index.html': 'my site', 'manifest.json': '{"name":"my web app","icons":[]}' });
  });

  it('an empty or missing folder, or one with only dot files, is fine', async () => {
    const { checkOutputFolder } = await import('../src/write/out-folder.ts');
    const out = temp();
    await checkOutputFolder(out, { hasManifest: false, force: false });
    await checkOutputFolder(join(out, 'new'), { hasManifest: false, force: false });
    writeFileSync(join(out, '.DS_Store'), '');
    await checkOutputFolder(out, { hasManifest: false, force: false });
    writeFileSync(join(out, 'x.txt'), '');
    await expect(checkOutputFolder(out, { hasManifest: false, force: false })).rejects.toThrow(OutputFolderError);
    await checkOutputFolder(out, { hasManifest: false, force: true });
  });

  it('--out naming a file: a clean error, no stack trace, the file untouched', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'out'), 'a file');
    const t = io();
    expect(await cli(['build', course(), '--out', join(dir, 'out'), '--no-cache'], t.io, '0')).toBe(1);
    expect(t.err.join('\n')).toBe(
      `coursemap: the output folder ${join(dir, 'out')} is a file, not a folder; choose another folder with --out`,
    );
    expect(readFileSync(join(dir, 'out'), 'utf8')).toBe('a file');
  });

  it('read-only or unwritable folders: plain-language errors naming the folder', () => {
    const e = (code: string) => outputFolderError('/srv/out', Object.assign(new Error('x'), { code })).message;
    expect(e('EROFS')).toBe(
      'cannot write the output folder /srv/out: it is on a read-only file system (EROFS); choose another folder with --out',
    );
    expect(e('EACCES')).toBe(
      'cannot write the output folder /srv/out: you may not write there (EACCES); choose another folder with --out',
    );
    expect(e('ENOTDIR')).toBe(
      'cannot write the output folder /srv/out: a part of the path is a file, not a folder (ENOTDIR); choose another folder with --out',
    );
  });

  it('a path through a file: a clean error from the lock, not a stack trace', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'file'), 'x');
    const t = io();
    expect(await cli(['build', course(), '--out', join(dir, 'file', 'out'), '--no-cache'], t.io, '0')).toBe(1);
    expect(t.err.join('\n')).toMatch(
      /^coursemap: cannot write the output folder .*file\/out: a part of the path is a file, not a folder \(ENOTDIR\)/,
    );
  });
});
