// The diagram stage's renders, byte for byte: two clean builds give the same .mmd, .svg and .png,
// a rough.js shape renders the same in two fresh renderers, and a second build with the same
// render cache renders nothing, starts no browser and writes the same files. Each build here has
// a cache of its own or none (never the run's shared one: test/run-cache.test.ts).
// The DDIA course's diagrams and the negative fixtures: test/build-diagrams.test.ts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, DEFAULT_BUILD, type BuildResult } from '../src/pipeline/index.ts';
import { Renderer } from '../src/render/index.ts';
import { sharedBrowser } from './support/browser.ts';
import { diagramFiles, tree } from './support/out-tree.ts';

const SAMPLE = 'content/course.md';
/** This file reads diagrams only: its builds skip the document stages (no decks, slide PNGs, site…). */
const DIAGRAMS_ONLY = { stages: [] } as const;

const temps: string[] = [];
function temp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `coursemap-${prefix}-`));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

/** Live Chromium processes that are children of this test process. */
function chromiumChildren(): number {
  const out = execFileSync('ps', ['-eo', 'ppid=,stat=,comm='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(
      ([ppid, stat, ...comm]) =>
        Number(ppid) === process.pid && !stat?.startsWith('Z') && /chrom/i.test(comm.join(' ')),
    ).length;
}

describe('determinism: two clean builds give byte-identical .mmd, .svg and .png', () => {
  it('content/course.md twice, cache disabled', async () => {
    const a = temp('det-a');
    const b = temp('det-b');
    const ra = await build(SAMPLE, {
      ...DEFAULT_BUILD,
      ...sharedBrowser(),
      ...DIAGRAMS_ONLY,
      outDir: a,
      cacheDir: false,
    });
    const rb = await build(SAMPLE, {
      ...DEFAULT_BUILD,
      ...sharedBrowser(),
      ...DIAGRAMS_ONLY,
      outDir: b,
      cacheDir: false,
    });
    expect(ra.outputs.fromCache).toBe(0);
    expect(rb.outputs.fromCache).toBe(0);
    expect(ra.outputs.rendered).toBeGreaterThan(3);
    // BuildResult.browserStarted is read after renderer.close(), which clears the handle.
    expect(ra.browserStarted, 'the build reports that it started a browser').toBe(true);
    const ta = tree(a);
    const tb = tree(b);
    const images = diagramFiles(a);
    expect(images.filter((p) => p.endsWith('.png')).length).toBe(images.filter((p) => p.endsWith('.mmd')).length);
    expect(diagramFiles(b)).toEqual(images);
    const differ = images.filter((p) => !ta.get(p)!.equals(tb.get(p)!));
    expect(differ).toEqual([]);
  }, 600_000);

  it("a stadium node (the course map's root shape) renders to the same SVG in two fresh renderers", async () => {
    // The course map's `course([…])` root is drawn by rough.js, whose curve control points are
    // random unless mermaid's handDrawnSeed is fixed; with the seed set by the diagram itself it is stable.
    const source = 'flowchart LR\n  A(["stadium"]) --> B["box"]\n';
    const seeded = `%%{init: {"handDrawnSeed": 7}}%%\n${source}`;
    const once = async (): Promise<string[]> => {
      // Each renderer has its own pages (fresh JavaScript contexts), in the run's shared browser.
      const r = await Renderer.open({ ...sharedBrowser(), cache: false, poolSize: 1 });
      try {
        const res = await r.render(
          [
            { id: 'plain', source },
            { id: 'seeded', source: seeded },
          ],
          { formats: ['svg'] },
        );
        return res.map((x) => x.svg ?? '');
      } finally {
        await r.close();
      }
    };
    const [a, b] = [await once(), await once()];
    expect(a[1], 'with handDrawnSeed from the diagram').toBe(b[1]);
    expect(a[0], "with the renderer's own config").toBe(b[0]);
  }, 120_000);
  it('a gitGraph without commit ids renders to the same SVG in two fresh renderers', async () => {
    // mermaid names a commit without an id by Math.random(); render() seeds it per diagram.
    const source = 'gitGraph\n  commit\n  branch feature\n  commit\n  checkout main\n  merge feature\n';
    const once = async (): Promise<string[]> => {
      const r = await Renderer.open({ ...sharedBrowser(), cache: false, poolSize: 1 });
      try {
        const res = await r.render(
          [
            { id: 'a', source },
            { id: 'b', source },
          ],
          { formats: ['svg'] },
        );
        return res.map((x) => x.svg ?? '');
      } finally {
        await r.close();
      }
    };
    const [a, b] = [await once(), await once()];
    const ids = (svg: string) => [...svg.matchAll(/class="commit (\S+)/g)].map((m) => m[1]);
    expect(ids(a[0] ?? '').length, 'every commit drawn').toBeGreaterThanOrEqual(3);
    expect(a[0], 'two renderers').toBe(b[0]);
    expect(ids(a[1] ?? ''), 'two diagrams in one page').toEqual(ids(a[0] ?? ''));
  }, 120_000);
});

describe('cache: a second build with the same cache renders nothing and writes the same files', () => {
  it('content/course.md with a temp cache dir', async () => {
    const cacheDir = temp('cache');
    const a = temp('cache-a');
    const b = temp('cache-b');
    // The first build renders in the run's shared browser; the second is watched for Chromium
    // processes of its own (it must start none), so it is given no browser to connect to.
    const first = await build(SAMPLE, { ...DEFAULT_BUILD, ...sharedBrowser(), ...DIAGRAMS_ONLY, outDir: a, cacheDir });
    expect(first.outputs.rendered).toBeGreaterThan(3);
    expect(first.outputs.fromCache).toBe(0);

    // Chromium children of this process, sampled until the diagram stage is done (its 'maps' phase);
    // the document stages that follow (decks, print) have browser work of their own.
    let peak = 0;
    let diagramsDone = false;
    const watch = setInterval(() => {
      if (!diagramsDone) peak = Math.max(peak, chromiumChildren());
    }, 20);
    let second: BuildResult;
    try {
      second = await build(SAMPLE, {
        ...DEFAULT_BUILD,
        ...DIAGRAMS_ONLY,
        outDir: b,
        cacheDir,
        onPhase: (phase) => {
          if (phase === 'maps') {
            peak = Math.max(peak, chromiumChildren());
            diagramsDone = true;
          }
        },
      });
    } finally {
      clearInterval(watch);
    }
    expect(diagramsDone).toBe(true);
    expect(second.outputs.rendered).toBe(0);
    expect(second.outputs.fromCache).toBe(first.outputs.rendered);
    expect(peak, 'Chromium processes seen while the diagram stage ran from the cache').toBe(0);
    // With the document stages too, a fresh out dir would still launch Chromium for the slide
    // PNGs, which the render cache does not hold; the diagrams alone need no browser.
    expect(second.browserStarted).toBe(false);

    const ta = tree(a);
    const tb = tree(b);
    const images = diagramFiles(a);
    expect(diagramFiles(b)).toEqual(images);
    expect(images.filter((p) => !ta.get(p)!.equals(tb.get(p)!))).toEqual([]);

    // Nothing changed, same out dir and cache: no rendering, no browser, the same files.
    const third = await build(SAMPLE, { ...DEFAULT_BUILD, ...DIAGRAMS_ONLY, outDir: a, cacheDir });
    expect(third.outputs.rendered).toBe(0);
    expect(third.browserStarted).toBe(false);
    const tc = tree(a);
    expect(diagramFiles(a)).toEqual(images);
    expect(images.filter((p) => !ta.get(p)!.equals(tc.get(p)!))).toEqual([]);
  }, 300_000);
});
