// The slide fit's choice with skipped layouts equals the choice of the exhaustive search (every
// candidate laid out), whatever the candidates measure: a property over made-up label sizes for
// every candidate of the fixture diagrams and of the DDIA systems map, with made-up bounds that
// are only ever at or above the size they bound (as otherDirectionBound is, see
// test/diagram-bound.test.ts). Sizes are drawn near the thresholds and often tie, so every path
// runs: the other direction skipped or measured, the whole's other direction measured after the
// split, a split given up once a part cannot win, a second half not measured.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { bothDirections, flipVariant, halves, MIN_SLIDE_TEXT, splitVariant } from '../src/generate/diagram-fit.ts';
import { direction, flipped, withDirection, type DiagramPart } from '../src/generate/diagram-split.ts';
import { authoredDiagrams } from '../src/generate/mermaid/authored.ts';
import { loadCourse } from '../src/index.ts';
import { chooseVariant, type Measured } from '../src/pipeline/diagram-fit.ts';
import { runs } from './support/property.ts';

const diagrams: Array<{ kind: string; source: string }> = [];
beforeAll(async () => {
  for (const input of [
    '../shared/courses/ddia-course.md',
    'test/fixtures/fit/course.md',
    'test/fixtures/slides/tall-diagram.md',
  ])
    for (const { diagram } of authoredDiagrams((await loadCourse(input)).course))
      diagrams.push({ kind: diagram.kind, source: diagram.source });
});

/** A number in [0, 1) from a seed and a string (FNV-1a, then a mix). */
function unit(seed: number, s: string): number {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  h = Math.imul(h ^ (h >>> 15), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}

const SIZES = [0, 3, 9, 13, 13.9, 14, 14, 14.5, 15, 16, 16, 17, 20, 28.8];
const textOf = (seed: number, source: string) => SIZES[Math.floor(unit(seed, source) * SIZES.length)]!;

/** The choice as the fit made it before: every candidate measured. */
async function exhaustive(kind: string, source: string, whole: number, text: (s: string) => number) {
  let count = 0;
  const measure = (parts: DiagramPart[]) => parts.map((p) => (count++, { ...p, text: text(p.source) }));
  const min = (ps: Array<{ text: number }>) => Math.min(...ps.map((p) => p.text));
  const best = (part: DiagramPart, depth: number): Array<DiagramPart & { text: number }> => {
    const pick = measure(bothDirections(part)).reduce((a, b) => (b.text > a.text ? b : a));
    const cut = pick.text < MIN_SLIDE_TEXT && depth < 2 ? halves(pick) : null;
    if (!cut) return [pick];
    const split = [...best(cut[0], depth + 1), ...best(cut[1], depth + 1)];
    return min(split) > pick.text ? split : [pick];
  };
  let choice: { how: string; parts: Array<DiagramPart & { text: number }> } | null = null;
  const flip = flipVariant(kind, source);
  if (flip) {
    const parts = measure(flip.parts);
    if (parts[0]!.text > whole) choice = { how: 'flipped', parts };
  }
  const split = choice && min(choice.parts) >= MIN_SLIDE_TEXT ? null : splitVariant(kind, source);
  if (split) {
    const parts = split.parts.flatMap((p) => best(p, 0));
    if (min(parts) > (choice ? min(choice.parts) : whole)) choice = { how: 'split', parts };
  }
  return { count, choice: choice && { how: choice.how, sources: choice.parts.map((p) => p.source) } };
}

describe('the fit with skipped layouts', () => {
  it('chooses what the exhaustive search chooses, for any sizes the candidates measure', async () => {
    expect(diagrams.length).toBeGreaterThanOrEqual(5);
    const renders = { exhaustive: 0, fit: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.integer(),
        fc.integer({ min: 0, max: diagrams.length - 1 }),
        fc.constantFrom(0, 1, 2),
        async (seed, which, slack) => {
          const { kind, source } = diagrams[which]!;
          const text = (s: string) => textOf(seed, s);
          const whole = Math.min(text(source), 13);
          // The bound of the other direction: its size, plus nothing, a little, or all the room there is.
          const other = (s: string) => withDirection(s, flipped(direction(s))) ?? s;
          const bound = (s: string) =>
            slack === 2
              ? Infinity
              : text(/^stateDiagram/.test(kind) ? flipVariant(kind, s)!.parts[0]!.source : other(s)) + slack;
          let count = 0;
          const measure = async (part: DiagramPart): Promise<Measured> => {
            count++;
            return { ...part, svg: part.source, text: text(part.source) };
          };
          const got = await chooseVariant({ kind, source }, whole, source, { measure, bound });
          const want = await exhaustive(kind, source, whole, text);
          expect(got && { how: got.how, sources: got.parts.map((p) => p.source) }).toEqual(want.choice);
          // Each candidate is measured at most once, and only candidates the search measures.
          expect(count).toBeLessThanOrEqual(want.count);
          renders.fit += count;
          renders.exhaustive += want.count;
        },
      ),
      { numRuns: runs(2000) },
    );
    expect(renders.fit).toBeLessThan(renders.exhaustive);
  });
});
