// The document stages overlap (issue 22): the flashcards are made in Node while the browser
// captures the decks, and the site waits for every output. The build must not depend on it: the
// same course built stage after stage and overlapped gives the same bytes in every file, the same
// model.json messages in the same order, the same manifest; a rebuild that reuses every unit says
// the same again.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../src/pipeline/index.ts';
import { sharedBuild } from './support/browser.ts';

const COURSE = fileURLToPath(new URL('./fixtures/build/overlap.md', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'coursemap-overlap-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Every file of out/ with its sha256, sorted. */
function hashes(dir: string): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)],
    );
  return walk(dir)
    .map((f) => `${relative(dir, f)} ${createHash('sha256').update(readFileSync(f)).digest('hex')}`)
    .sort();
}

const go = (out: string, sequentialStages: boolean) =>
  build(COURSE, {
    ...sharedBuild({
      outDir: join(root, out),
      formats: ['svg', 'flashcards'],
      cacheDir: false,
      // Short lectures: both chapter decks warn, from two deck units running at once.
      settings: { lectureSlides: 3 },
      sequentialStages,
    }),
    config: false,
  });

const messages = (out: string) =>
  (
    JSON.parse(readFileSync(join(root, out, 'model.json'), 'utf8')) as {
      course: { messages: Array<{ line: number; ruleId: string }> };
    }
  ).course.messages.map((m) => `${m.line} ${m.ruleId}`);

let sequential: BuildResult;
let overlapped: BuildResult;
let again: BuildResult;
beforeAll(async () => {
  sequential = await go('sequential', true);
  overlapped = await go('overlapped', false);
  const before = hashes(join(root, 'overlapped'));
  again = await go('overlapped', false);
  expect(hashes(join(root, 'overlapped'))).toEqual(before);
}, 240_000);

describe('stages built side by side', () => {
  it('ran the flashcards while the decks were still rendering, the print outputs after them, the site last', () => {
    const step = (r: BuildResult, name: string) => r.timings.steps.find((s) => s.name === name)!;
    const end = (r: BuildResult, name: string) => (step(r, name).startMs ?? 0) + step(r, name).ms;
    expect(step(overlapped, 'flashcards').startMs).toBeLessThan(end(overlapped, 'decks'));
    // The browser stages share one lane: the print outputs wait for the decks.
    expect(step(overlapped, 'print').startMs).toBeGreaterThanOrEqual(end(overlapped, 'decks'));
    for (const name of ['decks', 'handout', 'print', 'book', 'flashcards'])
      expect(step(overlapped, 'site').startMs).toBeGreaterThanOrEqual(end(overlapped, name));
    // Stage after stage, each starts when the one before it ends.
    expect(step(sequential, 'flashcards').startMs).toBeGreaterThanOrEqual(end(sequential, 'book'));
    // --timings keeps the stages in their order.
    expect(overlapped.timings.steps.map((s) => s.name)).toEqual(sequential.timings.steps.map((s) => s.name));
  });

  it('writes the same bytes in every file, model.json and manifest included', () => {
    const seq = hashes(join(root, 'sequential'));
    expect(seq.some((l) => l.startsWith('flashcards/anki.txt '))).toBe(true);
    expect(seq.some((l) => l.startsWith('manifest.json '))).toBe(true);
    expect(hashes(join(root, 'overlapped'))).toEqual(seq);
  });

  it('reports the stages’ messages in stage order, decks by deck, whatever finished first', () => {
    const said = messages('sequential');
    // Two decks too long (lines 5 and 33), then two one-sided takeaway rows (lines 31 and 59).
    expect(said.filter((m) => /deck-long|flashcard-one-sided/.test(m))).toEqual([
      '5 deck-long',
      '33 deck-long',
      '31 flashcard-one-sided',
      '59 flashcard-one-sided',
    ]);
    expect(messages('overlapped')).toEqual(said);
  });

  it('says the same when every unit is reused', () => {
    expect(again.outputs.unitCounts.built).toBe(0);
    expect(again.outputs.reused.length).toBeGreaterThan(0);
    const text = (r: BuildResult) => r.files.flatMap((f) => f.messages.map((m) => `${m.line}:${m.ruleId}:${m.reason}`));
    expect(text(again)).toEqual(text(sequential));
  });
});
