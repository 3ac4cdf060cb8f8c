// Incremental by output: a unit's key holds only what its own output depends on, so adding or
// removing a format builds or deletes only that format's outputs. A default build, then
// `--formats svg,png` (cards removed), then the default again (cards back) must render no slide
// and no diagram in the last two builds.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, type BuildResult, type OutputFormat } from '../src/pipeline/index.ts';
import { sharedBuild } from './support/browser.ts';

const COURSE = 'test/fixtures/forms/tidy.md';
const tmp = mkdtempSync(join(tmpdir(), 'coursemap-formats-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const out = join(tmp, 'out');
const cacheDir = join(tmp, 'cache');
const run = (formats: OutputFormat[] | undefined): Promise<BuildResult> =>
  build(COURSE, sharedBuild({ outDir: out, cacheDir, ...(formats ? { formats } : {}) }));
const slidePngs = (paths: readonly string[]) => paths.filter((p) => /^decks\/.+\/slide-\d+\.png$/.test(p));
const diagramFiles = (paths: readonly string[]) => paths.filter((p) => /^(maps|diagrams)\//.test(p));
const cards = (paths: readonly string[]) => paths.filter((p) => p.startsWith('flashcards'));

describe('changing --formats redoes only the changed format', () => {
  it('default → svg,png → default: no slide or diagram rendered after the first build', async () => {
    const first = await run(undefined);
    const pngs = slidePngs(first.outputs.changed);
    const cardFiles = cards(first.outputs.changed);
    expect(pngs.length, 'the first build exports slide PNGs').toBeGreaterThan(3);
    expect(cardFiles.length, 'and flashcards').toBeGreaterThan(0);
    expect(first.outputs.rendered).toBeGreaterThan(0);

    const second = await run(['svg', 'png']);
    expect(second.outputs.rendered + second.outputs.fromCache, 'diagrams rendered or read from the render cache').toBe(
      0,
    );
    expect(slidePngs([...second.outputs.changed, ...second.outputs.unchanged]), 'slide PNGs produced again').toEqual(
      [],
    );
    expect(slidePngs(second.outputs.reused).sort()).toEqual([...pngs].sort());
    expect(diagramFiles(second.outputs.changed)).toEqual([]);
    expect(second.outputs.deleted.sort(), 'only the cards are deleted').toEqual([...cardFiles].sort());
    for (const f of cardFiles) expect(existsSync(join(out, f))).toBe(false);
    expect(second.outputs.failed).toEqual([]);

    const third = await run(undefined);
    expect(third.outputs.rendered + third.outputs.fromCache).toBe(0);
    expect(slidePngs([...third.outputs.changed, ...third.outputs.unchanged])).toEqual([]);
    expect(slidePngs(third.outputs.reused).sort()).toEqual([...pngs].sort());
    expect(cards(third.outputs.changed).sort(), 'the cards come back').toEqual([...cardFiles].sort());
    // Besides the cards, only the pages that list the outputs change.
    expect(third.outputs.changed.filter((p) => !p.startsWith('flashcards') && !p.endsWith('.html'))).toEqual([]);
    expect(third.outputs.deleted).toEqual([]);
  }, 240_000);
});
