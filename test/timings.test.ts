// The build's own account of its time and its diagrams (issue 22): `build --timings` lines and the
// `maps` progress line, which once said "-7 reused" for DDIA (the variants of a diagram split to
// fit its slides were rendered but not counted as diagrams).
import { describe, expect, it } from 'vitest';
import { mapsLine } from '../src/pipeline/diagram-units.ts';
import { Timings, timingLines } from '../src/pipeline/timings.ts';

describe('build --timings', () => {
  it('gives each step its wall time and share, then the total and the parts inside the steps', () => {
    const lines = timingLines(
      {
        steps: [
          { name: 'parse', ms: 400 },
          { name: 'maps', ms: 7_900 },
          { name: 'decks', ms: 34_500 },
          { name: 'flashcards', ms: 250 },
        ],
        browserLaunchMs: 640,
        fonts: { count: 96, ms: 1_430 },
      },
      54_300,
    );
    expect(lines).toEqual([
      'time   wall time of each step of the build:',
      '  parse         0.4 s   1 %',
      '  maps          7.9 s  15 %',
      '  decks        34.5 s  64 %',
      '  flashcards    0.3 s   0 %',
      '  total        54.3 s',
      '  of which: browser launch 0.6 s (in the first step that needed it)',
      '  of which: 96 font subsets made in 1.4 s (in the steps that embed fonts)',
    ]);
  });

  it("adds Node's CPU and event-loop idle share when measured, and the steps a step ran beside", () => {
    const lines = timingLines(
      {
        steps: [
          { name: 'maps', ms: 8_000, cpuMs: 2_400, idle: 0.7, startMs: 0 },
          { name: 'decks', ms: 30_000, cpuMs: 4_900, idle: 0.75, startMs: 8_000 },
          { name: 'flashcards', ms: 900, cpuMs: 600, idle: 0.04, startMs: 8_001 },
          { name: 'site', ms: 500, cpuMs: 450, idle: 0.01, startMs: 38_000 },
        ],
        fonts: { count: 0, ms: 0 },
      },
      39_000,
    );
    expect(lines.slice(1, 5)).toEqual([
      '  maps          8.0 s  21 %  node CPU   2.4 s, loop idle  70 %',
      '  decks        30.0 s  77 %  node CPU   4.9 s, loop idle  75 %, beside flashcards',
      '  flashcards    0.9 s   2 %  node CPU   0.6 s, loop idle   4 %, beside decks',
      '  site          0.5 s   1 %  node CPU   0.5 s, loop idle   1 %',
    ]);
  });

  it('measures the step: its start, Node CPU and loop idle', async () => {
    const t = new Timings();
    await t.time('busy', async () => {
      // Busy until it used 50 ms of CPU (on a loaded machine that takes longer than 50 ms).
      const from = process.cpuUsage();
      while ((process.cpuUsage(from).user + process.cpuUsage(from).system) / 1000 < 50);
    });
    await t.time('waiting', () => new Promise((r) => setTimeout(r, 200)));
    const [busy, waiting] = t.list;
    expect(busy!.cpuMs).toBeGreaterThanOrEqual(50);
    expect(busy!.idle).toBeLessThan(0.5);
    // Idle most of the time on a quiet machine; on a loaded one the test worker's own chores count.
    expect(waiting!.idle).toBeGreaterThan(Math.max(0.2, busy!.idle!));
    expect(waiting!.startMs).toBeGreaterThanOrEqual(busy!.startMs! + busy!.ms - 1);
  });

  it('says nothing of a browser or fonts a build did not need', () => {
    const lines = timingLines({ steps: [{ name: 'parse', ms: 120 }], fonts: { count: 0, ms: 0 } }, 300);
    expect(lines.join('\n')).not.toMatch(/browser|font/);
    expect(lines.at(-1)).toBe('  total         0.3 s');
  });

  it('times a step that throws too', async () => {
    const t = new Timings();
    await expect(
      t.time('decks', async () => {
        await new Promise((r) => setTimeout(r, 30));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(t.list.map((s) => s.name)).toEqual(['decks']);
    expect(t.list[0]!.ms).toBeGreaterThanOrEqual(25);
  });
});

describe('the maps line', () => {
  it('counts the variants made to fit slides as diagrams: no negative reuse', () => {
    // DDIA's cold build: 14 maps and authored blocks, one of them split into 7 slide parts.
    expect(mapsLine({ diagrams: 21, rendered: 21, fromCache: 0, reused: 0, support: 0 })).toBe(
      '21 diagrams (21 rendered, 0 from cache, 0 reused)',
    );
    expect(mapsLine({ diagrams: 1, rendered: 0, fromCache: 0, reused: 1, support: 0 })).toBe(
      '1 diagram (0 rendered, 0 from cache, 1 reused)',
    );
  });

  it("names other shards' diagrams rendered for the pages apart", () => {
    expect(mapsLine({ diagrams: 5, rendered: 2, fromCache: 0, reused: 3, support: 9 })).toBe(
      '5 diagrams (2 rendered, 0 from cache, 3 reused; 9 of other shards rendered for the pages)',
    );
  });
});
