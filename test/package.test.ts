// The published package, as a user gets it: `npm pack`, install the tarball into a fresh course
// project offline (from the npm cache the project's own install filled), then run the installed
// `coursemap` on Node 22 (the oldest supported; `npm test`'s set-up provides it) and on Node 24:
// --version, model, build (SVG, PNG, HTML), `import { loadCourse } from 'coursemap'` in a .mjs,
// and the types from a .ts compiled by tsc. Type stripping is switched off for every run, so a
// .ts file loaded from node_modules would fail the run instead of being executed.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const NODE22 = join(ROOT, 'node_modules', '.cache', 'coursemap-node22', 'node_modules', 'node', 'bin', 'node');
const NODE24 = process.execPath;
const TMP = mkdtempSync(join(tmpdir(), 'coursemap-pkg-'));
const PROJECT = join(TMP, 'my-course');
const BIN = join(PROJECT, 'node_modules', '.bin', 'coursemap');
const timings: Record<string, number> = {};

const COURSE = `---
title: Tides and Currents
author: Test Author
---
# Part I: The Sea

## Chapter 1: Tides

Tides are the slow rise and fall of the sea.

### 1.1 What pulls the water

- **Gravity:** the moon pulls the near side of the ocean a little harder.

\`\`\`mermaid
flowchart LR
  Moon --> Ocean
  Ocean --> Tide
\`\`\`

### 1.2 Key Takeaways

| Idea | Why it matters |
| ---- | -------------- |
| Gravity | It moves whole oceans |

## Chapter 2: Currents

Currents carry warm water a long way.

### 2.1 Why water moves

- **Wind:** it pushes the surface along.
`;

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node <args>` in the course project; type stripping off, so no .ts can run. */
function node(binary: string, args: string[]): Ran {
  const r = spawnSync(binary, ['--no-experimental-strip-types', ...args], {
    cwd: PROJECT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 64 << 20,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function npm(args: string[], cwd: string): string {
  // The outer `npm test` exports npm_config_* settings (its own prefix, scripts…): start clean.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  // A time limit: on a machine shared with other npm runs, npm was once seen idle forever after its last fetch.
  return execFileSync('npm', args, {
    cwd,
    encoding: 'utf8',
    env: { ...env, PUPPETEER_SKIP_DOWNLOAD: 'true' },
    maxBuffer: 64 << 20,
    timeout: 480_000,
  });
}

function timed<T>(name: string, fn: () => T): T {
  const t = performance.now();
  const result = fn();
  timings[name] = Math.round(performance.now() - t);
  return result;
}

type LockEntry = { dev?: boolean; [key: string]: unknown };

/**
 * The course project's lockfile: the tarball, plus the production part of coursemap's own
 * lockfile (the tree its tests ran with), so that npm resolves nothing and needs only the cache.
 */
function courseLock(tarball: string, dependencies: Record<string, string>): object {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const self = lock.packages[''] ?? {};
  const wanted = new Set(['node_modules/@types/node', 'node_modules/undici-types']);
  const packages: Record<string, LockEntry> = {
    '': { name: 'my-course', dependencies },
    'node_modules/coursemap': {
      version: PKG.version,
      resolved: tarball,
      license: self['license'],
      dependencies: self['dependencies'],
      bin: self['bin'],
      engines: self['engines'],
    },
  };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path || path === 'node_modules/coursemap' || (entry.dev === true && !wanted.has(path))) continue;
    const { dev: _dev, ...rest } = entry;
    packages[path] = rest;
  }
  return { name: 'my-course', lockfileVersion: 3, requires: true, packages };
}

let packed: string[] = [];

beforeAll(() => {
  const out = timed('npm pack (with prepare: compile dist/)', () =>
    npm(['pack', '--json', '--loglevel=error', '--pack-destination', TMP], ROOT),
  );
  const [info] = JSON.parse(out.slice(out.indexOf('['))) as Array<{ filename: string; files: Array<{ path: string }> }>;
  if (!info) throw new Error(`npm pack printed no package: ${out}`);
  packed = info.files.map((f) => f.path);
  mkdirSync(PROJECT);
  const tarball = `file:../${info.filename}`;
  const typesNode = (
    JSON.parse(readFileSync(join(ROOT, 'node_modules', '@types', 'node', 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const dependencies = { coursemap: tarball, '@types/node': typesNode };
  writeFileSync(
    join(PROJECT, 'package.json'),
    `${JSON.stringify({ name: 'my-course', private: true, type: 'module', dependencies }, null, 2)}\n`,
  );
  writeFileSync(join(PROJECT, 'package-lock.json'), `${JSON.stringify(courseLock(tarball, dependencies), null, 2)}\n`);
  writeFileSync(join(PROJECT, 'course.md'), COURSE);
  // --offline: every package comes from the local npm cache, at the versions of the project's own
  // lockfile. Install scripts are not needed (puppeteer's would download a browser; the build
  // uses the system Chromium).
  timed('npm ci --offline (tarball + dependencies)', () =>
    npm(['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], PROJECT),
  );
}, 600_000);

afterAll(() => {
  rmSync(TMP, { recursive: true, force: true });
  console.log(`packaging test timings (ms): ${JSON.stringify(timings)}`);
}, 300_000);

describe('the packed tarball', () => {
  it('ships compiled JavaScript, declarations, templates, assets, the config schema, README and LICENSE, and no sources', () => {
    expect(packed).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'LICENSE',
        'dist/cli/bin.js',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/render/assets/page.js',
        'templates/maps/chapter-map.mmd.hbs',
        'coursemap.schema.json',
      ]),
    );
    expect(packed.filter((p) => /\.[cm]?ts$/.test(p) && !/\.d\.[cm]?ts$/.test(p))).toEqual([]);
    expect(
      packed.filter(
        (p) =>
          !/^(dist|templates)\//.test(p) &&
          !['package.json', 'README.md', 'LICENSE', 'coursemap.schema.json'].includes(p),
      ),
    ).toEqual([]);
    // Every browser asset of src/ is next to its compiled module.
    for (const asset of readdirSync(join(ROOT, 'src', 'render', 'assets')))
      expect(packed).toContain(`dist/render/assets/${asset}`);
  });

  it('installs without sources: only compiled JavaScript and declarations under node_modules/coursemap', () => {
    const installed = join(PROJECT, 'node_modules', 'coursemap');
    expect(existsSync(join(installed, 'src'))).toBe(false);
    const files = readdirSync(installed, { recursive: true, encoding: 'utf8' });
    expect(files.filter((p) => /\.[cm]?ts$/.test(p) && !/\.d\.[cm]?ts$/.test(p))).toEqual([]);
  });
});

describe.each([
  ['22', NODE22],
  ['24', NODE24],
])('the installed coursemap on Node %s', (major, binary) => {
  it('runs on that Node', () => {
    expect(existsSync(binary), `${binary} missing: run npm test (its set-up installs Node 22)`).toBe(true);
    expect(execFileSync(binary, ['--version'], { encoding: 'utf8' })).toMatch(new RegExp(`^v${major}\\.`));
  });

  it('coursemap --version prints the package version', () => {
    const r = node(binary, [BIN, '--version']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${PKG.version}\n`);
    expect(r.status).toBe(0);
  });

  it('coursemap model prints the outline', () => {
    const r = node(binary, [BIN, 'model', 'course.md']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Tides and Currents');
    expect(r.stdout).toMatch(/1\D+Tides/);
    expect(r.stdout).toMatch(/2\D+Currents/);
  });

  it("import { loadCourse } from 'coursemap' works from a .mjs file", () => {
    writeFileSync(
      join(PROJECT, 'use.mjs'),
      `import { loadCourse, courseFromText } from 'coursemap';
const { course } = await loadCourse('course.md');
const again = courseFromText('# Chapter 1: One\\n\\n### 1.1 First\\n\\nText.\\n');
console.log(JSON.stringify({ title: course.title, chapters: course.chapters.map((c) => c.title), diagrams: course.chapters[0].diagrams.length, again: again.course.chapters.length }));
`,
    );
    const r = node(binary, ['use.mjs']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      title: 'Tides and Currents',
      chapters: ['Tides', 'Currents'],
      diagrams: 1,
      again: 1,
    });
  });
});

describe('building a course with the installed coursemap', () => {
  it('Node 22 builds SVG, PNG and HTML; Node 24 finds the same bytes (build --check)', () => {
    const built = timed('coursemap build on Node 22', () =>
      node(NODE22, [BIN, 'build', 'course.md', '--out', 'out', '--no-cache']),
    );
    expect(built.status, built.stderr).toBe(0);
    const out = join(PROJECT, 'out');
    const svg = readFileSync(join(out, 'maps', 'course-map.svg'), 'utf8');
    expect(svg).toMatch(/^<svg[\s\S]*<text[\s\S]*Tides[\s\S]*<\/svg>\s*$/);
    expect(readFileSync(join(out, 'diagrams', '1-tides-1.svg'), 'utf8')).toContain('Moon');
    const png = readFileSync(join(out, 'maps', 'course-map.png'));
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.readUInt32BE(16)).toBeGreaterThan(100); // width from the IHDR chunk
    for (const html of ['index.html', 'decks/course.html', 'decks/1-tides.html', 'study-map.html', 'companion.html']) {
      expect(readFileSync(join(out, html), 'utf8'), html).toMatch(/^<!doctype html>/i);
    }
    const check = timed('coursemap build --check on Node 24', () =>
      node(NODE24, [BIN, 'build', 'course.md', '--out', 'out', '--check', '--no-cache']),
    );
    expect(check.stdout).toBe('');
    expect(check.status, check.stderr).toBe(0);
  }, 300_000);
});

describe('types', () => {
  it('a .ts file importing coursemap compiles with tsc, and the types are real (not any)', () => {
    writeFileSync(
      join(PROJECT, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          types: ['node'],
          skipLibCheck: false,
        },
        files: ['use.ts'],
      }),
    );
    writeFileSync(
      join(PROJECT, 'use.ts'),
      `import { loadCourse, type Course, type Chapter } from 'coursemap';
const { course }: { course: Course } = await loadCourse('course.md');
const first: Chapter | undefined = course.chapters[0];
const title: string = course.title;
// @ts-expect-error the title is a string: if the types were missing or any, this line would compile
const wrong: number = course.title;
console.log(title, first?.slug, wrong);
`,
    );
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: PROJECT, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);
});

describe('the GitHub Action script in the course project (INPUT_* as action.yml passes them)', () => {
  const action = (phase: string, inputs: Record<string, string>) => {
    const outputs = join(TMP, 'github-output');
    const summary = join(TMP, 'summary.md');
    writeFileSync(outputs, '');
    writeFileSync(summary, '');
    const r = spawnSync(NODE24, [join(ROOT, 'scripts', 'action.mjs'), phase], {
      cwd: PROJECT,
      encoding: 'utf8',
      env: { ...process.env, ...inputs, GITHUB_OUTPUT: outputs, GITHUB_STEP_SUMMARY: summary, NO_COLOR: '1' },
    });
    return { ...r, outputs: readFileSync(outputs, 'utf8'), summary: readFileSync(summary, 'utf8') };
  };
  const inputs = { INPUT_COURSE: 'course.md', INPUT_OUT: 'out', INPUT_MODE: 'check', INPUT_SHARD: '' };

  it('install: coursemap is already installed, nothing to do', () => {
    const r = action('install', inputs);
    expect(r.stdout).toBe('coursemap is already installed (node_modules/.bin/coursemap)\n');
    expect(r.status).toBe(0);
  });

  it('check passes on the built out/, then fails after an edit with the drift listed, and rebuilds out/ for the artifact', () => {
    const ok = action('run', inputs);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.outputs).toBe('artifact=coursemap-out\nstatus=ok\n');
    expect(ok.summary).toBe('coursemap: `out/` is up to date with `course.md`.\n');

    writeFileSync(
      join(PROJECT, 'course.md'),
      COURSE.replace('it pushes the surface along', 'it drags the surface along'),
    );
    const drift = action('run', inputs);
    expect(drift.status).toBe(1);
    expect(drift.outputs).toBe('artifact=coursemap-out\nstatus=drift\n');
    expect(drift.summary).toContain('out of date; rebuild with `npx coursemap build course.md --out out` and commit');
    expect(drift.summary).toContain('stale    model.json');
    expect(drift.stdout).toContain('$ '); // both commands are echoed: the check, then the build
    expect(drift.stdout.match(/^\$ /gm)).toHaveLength(2);

    const again = action('run', inputs);
    expect(again.outputs).toBe('artifact=coursemap-out\nstatus=ok\n');
    expect(again.status).toBe(0);
  }, 300_000);

  it('bad inputs stop the step with a one-line message and exit 2', () => {
    const r = action('run', { ...inputs, INPUT_MODE: 'check', INPUT_SHARD: '1/2' });
    expect(r.stderr).toBe('coursemap action: shard needs mode: build (check the merged out/ in a job without shard)\n');
    expect(r.status).toBe(2);
  });
});
