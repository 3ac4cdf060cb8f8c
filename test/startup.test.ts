// Start-up: a command loads only the modules it needs. Every module a CLI run loads is recorded
// by a module hook (node:module registerHooks), so these checks do not depend on the machine's
// speed: `--version` loads nothing but the CLI shell, `model` neither the renderer nor mermaid,
// and a build where nothing changed neither puppeteer, mermaid, reveal.js nor the slide and
// print code. bench/startup.ts measures the times.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'coursemap.js');
const TMP = mkdtempSync(join(tmpdir(), 'coursemap-startup-'));
const HOOK = join(TMP, 'record-loads.mjs');
writeFileSync(
  HOOK,
  `import { registerHooks } from 'node:module';
import { appendFileSync } from 'node:fs';
registerHooks({ load(url, context, next) { appendFileSync(process.env.LOADED_LOG, url + '\\n'); return next(url, context); } });
`,
);
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const COURSE = `---
title: Small Course
---
## Chapter 1: Knots

Knots hold ropes together.

### 1.1 The reef knot

- **Reef knot:** two half knots, one left and one right.

\`\`\`mermaid
flowchart LR
  Left --> Right
\`\`\`

## Chapter 2: Hitches

Hitches tie a rope to a post.

### 2.1 The clove hitch

- **Clove hitch:** two turns around the post.
`;
const course = join(TMP, 'course.md');
writeFileSync(course, COURSE);

/** Runs the CLI; returns the packages (under node_modules) and project files it loaded. */
function loads(args: string[]): { status: number | null; stderr: string; packages: Set<string>; files: string[] } {
  const log = join(TMP, 'loaded.log');
  writeFileSync(log, '');
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(HOOK).href, BIN, ...args], {
    cwd: TMP,
    encoding: 'utf8',
    env: { ...process.env, LOADED_LOG: log },
  });
  const urls = readFileSync(log, 'utf8')
    .split('\n')
    .filter((u) => u.startsWith('file:'));
  const paths = urls.map((u) => fileURLToPath(u));
  const packages = new Set(
    paths.flatMap((p) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(p.slice(p.lastIndexOf('node_modules/')))?.[1] ?? []),
  );
  const files = paths
    .filter((p) => !p.includes('node_modules/') && p.startsWith(ROOT))
    .map((p) => relative(ROOT, p))
    .sort();
  return { status: r.status, stderr: r.stderr, packages, files };
}

const HEAVY = ['puppeteer', 'puppeteer-core', 'mermaid', 'handlebars', 'rehype-sanitize', 'remark-rehype', 'dompurify'];

describe('modules loaded per command', () => {
  it('--version loads the CLI shell only: no dependency at all', () => {
    const r = loads(['--version']);
    expect(r.status).toBe(0);
    expect([...r.packages]).toEqual([]);
    expect(r.files).toEqual([
      'bin/coursemap.js',
      'src/cli/bin.ts',
      'src/cli/common.ts',
      'src/cli/main.ts',
      'src/config/settings.ts',
      'src/render/cleanup.ts',
      // Every start sweeps what a build killed with SIGKILL left behind (node builtins only).
      'src/render/leftovers.ts',
      'src/render/themes.ts',
    ]);
  });

  it('model loads the parser and the model, not the renderer, mermaid, templates or slide code', () => {
    const r = loads(['model', course]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.packages.has('remark-parse')).toBe(true);
    expect(HEAVY.filter((p) => r.packages.has(p))).toEqual([]);
    expect(
      r.files.filter(
        (f) =>
          /^src\/(render|build|generate)\//.test(f) &&
          !['src/render/themes.ts', 'src/render/cleanup.ts', 'src/render/leftovers.ts'].includes(f),
      ),
    ).toEqual([]);
  });

  it('model of unchanged input reads the model cache: no Markdown parser, no model code', () => {
    const args = ['model', course, '--cache-dir', join(TMP, 'model-cache')];
    expect(loads(args).packages.has('micromark')).toBe(true);
    const again = loads(args);
    expect(again.status, again.stderr).toBe(0);
    expect(['micromark', 'remark-parse', 'mdast-util-from-markdown'].filter((p) => again.packages.has(p))).toEqual([]);
    expect(again.files.filter((f) => f.startsWith('src/model/') && f !== 'src/model/messages.ts')).toEqual([]);
    const fresh = loads(['model', course, '--no-cache']);
    expect(fresh.packages.has('micromark')).toBe(true);
  });

  it('a build where nothing changed loads neither puppeteer, mermaid, handlebars nor the Markdown parser nor the stage code (slides, reveal.js, print)', () => {
    const args = ['build', course, '--out', join(TMP, 'out'), '--cache-dir', join(TMP, 'cache'), '--quiet'];
    const first = loads(args);
    expect(first.status, first.stderr).toBe(0);
    // The first build did everything, so the list of heavy modules is not empty by accident.
    expect(HEAVY.filter((p) => first.packages.has(p)).sort()).toEqual([...HEAVY].sort());
    const again = loads(args);
    expect(again.status, again.stderr).toBe(0);
    expect([...again.packages].filter((p) => HEAVY.includes(p) || p === 'micromark')).toEqual([]);
    expect(
      again.files.filter(
        (f) =>
          /^src\/(pipeline\/(decks|print|index-page)|render\/documents\/(deck|print)|generate\/(slides|print)\/)/.test(
            f,
          ) &&
          // The slide frame's numbers (no code, no imports): the diagram fit measures against them.
          f !== 'src/generate/slides/rules.ts',
      ),
    ).toEqual([]);
  }, 180_000);
});
