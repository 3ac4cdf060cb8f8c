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
