// Messages tagged by unit (issue 22): units that run side by side (two decks at once, the Node
// stages beside the browser ones) each record exactly their own messages, and the files get them
// in one fixed order — nested units by id, then the unit's own — whatever finished first, and
// whether a unit ran or was reused.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { diagnosticsFor } from '../src/model/messages.ts';
import { readManifest } from '../src/pipeline/manifest.ts';
import { Outputs } from '../src/pipeline/outputs.ts';
import { inSink } from '../src/pipeline/unit-messages.ts';

const temps: string[] = [];
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'coursemap-sinks-'));
  temps.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const at = (line: number) => ({ line, column: 1, offset: 0 });
const said = (files: readonly VFile[]) =>
  files.flatMap((f) => f.messages.map((m) => `${f.path}:${m.line} ${m.ruleId} ${m.reason}`));

/**
 * A build of two decks run at once inside a stage, each warning on both files between waits, the
 * stage warning before and after them. `delays` decides which deck finishes first; `text` is each
 * deck's input (a changed one runs again, the other is reused).
 */
async function stageBuild(out: string, delays: { a: number; b: number }, text = { a: 'a', b: 'b' }) {
  const files = [new VFile({ path: 'one.md', value: '' }), new VFile({ path: 'two.md', value: '' })];
  const [one, two] = files as [VFile, VFile];
  const outputs = new Outputs(out, { previous: await readManifest(out), globalKey: 'g', files });
  const ran: string[] = [];
  const deck = (name: 'a' | 'b', line: number) =>
    outputs.unit(`decks:${name}`, { text: text[name] }, async () => {
      ran.push(name);
      diagnosticsFor(one).warn(at(line), `deck ${name} first`, 'deck-long');
      await sleep(delays[name]);
      diagnosticsFor(two).warn(at(line), `deck ${name} second`, 'deck-overflow');
      await sleep(delays[name]);
      diagnosticsFor(one).info(at(line + 1), `deck ${name} last`, 'deck-note');
      await outputs.write(`decks/${name}.html`, text[name]);
    });
  await outputs.unit(
    'stage:decks',
    text,
    async () => {
      diagnosticsFor(one).info(at(1), 'stage starts', 'stage-note');
      await Promise.all([deck('b', 20), deck('a', 10)]);
      diagnosticsFor(two).warn(at(2), 'stage coverage', 'deck-coverage');
    },
    { shared: true },
  );
  await outputs.finish();
  return { said: said(files), ran, manifest: await readManifest(out) };
}

describe('messages of units that run side by side', () => {
  it('gives the files one order whichever unit finishes first: nested units by id, then the unit’s own', async () => {
    const aFirst = await stageBuild(temp(), { a: 5, b: 40 });
    const bFirst = await stageBuild(temp(), { a: 40, b: 5 });
    expect(aFirst.said).toEqual(bFirst.said);
    expect(aFirst.said).toEqual([
      'one.md:10 deck-long deck a first',
      'one.md:11 deck-note deck a last',
      'one.md:20 deck-long deck b first',
      'one.md:21 deck-note deck b last',
      'one.md:1 stage-note stage starts',
      'two.md:10 deck-overflow deck a second',
      'two.md:20 deck-overflow deck b second',
      'two.md:2 deck-coverage stage coverage',
    ]);
  });

  it('records in each unit exactly its own messages (and the stage those of its nested units too)', async () => {
    const { manifest } = await stageBuild(temp(), { a: 30, b: 5 });
    const reasons = (id: string) => (manifest?.units[id]?.messages ?? []).map((m) => `${m.file}:${m.reason}`);
    expect(reasons('decks:a')).toEqual(['one.md:deck a first', 'two.md:deck a second', 'one.md:deck a last']);
    expect(reasons('decks:b')).toEqual(['one.md:deck b first', 'two.md:deck b second', 'one.md:deck b last']);
    expect(reasons('stage:decks')).toEqual([
      'one.md:deck a first',
      'two.md:deck a second',
      'one.md:deck a last',
      'one.md:deck b first',
      'two.md:deck b second',
      'one.md:deck b last',
      'one.md:stage starts',
      'two.md:stage coverage',
    ]);
  });

  it('says the same when units are reused, all or some, as when they ran', async () => {
    const out = temp();
    const cold = await stageBuild(out, { a: 5, b: 30 });
    const reused = await stageBuild(out, { a: 30, b: 5 });
    expect(reused.ran).toEqual([]);
    expect(reused.said).toEqual(cold.said);
    // Deck b changes: the stage and b run again, a is reused inside it.
    const changed = await stageBuild(out, { a: 5, b: 30 }, { a: 'a', b: 'b2' });
    expect(changed.ran).toEqual(['b']);
    expect(changed.said).toEqual(cold.said);
    const fresh = await stageBuild(temp(), { a: 30, b: 5 }, { a: 'a', b: 'b2' });
    expect(changed.said).toEqual(fresh.said);
  });

  it('keeps two equal messages two when a reused unit replays them', async () => {
    const out = temp();
    const go = async () => {
      const file = new VFile({ path: 'one.md', value: '' });
      const outputs = new Outputs(out, { previous: await readManifest(out), globalKey: 'g', files: [file] });
      await outputs.unit('stage:x', {}, async () => {
        await outputs.unit('x:1', {}, async () => {
          diagnosticsFor(file).warn(at(3), 'twice', 'r');
          diagnosticsFor(file).warn(at(3), 'twice', 'r');
          await outputs.write('x.txt', 'x');
        });
      });
      await outputs.finish();
      return said([file]);
    };
    expect(await go()).toEqual(['one.md:3 r twice', 'one.md:3 r twice']);
    expect(await go()).toEqual(['one.md:3 r twice', 'one.md:3 r twice']);
  });

  it('keeps the messages of a unit that throws, and puts a message made outside any unit straight on its file', async () => {
    const file = new VFile({ path: 'one.md', value: '' });
    const outputs = new Outputs(temp(), { globalKey: 'g', files: [file] });
    diagnosticsFor(file).info(at(1), 'before any unit', 'r');
    expect(said([file])).toEqual(['one.md:1 r before any unit']);
    await expect(
      outputs.unit('boom', {}, async () => {
        diagnosticsFor(file).error(at(2), 'about to fail', 'r');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(said([file])).toEqual(['one.md:1 r before any unit', 'one.md:2 r about to fail']);
  });

  it('orders sibling blocks by their names, numbers by value, not by when they finished', async () => {
    const file = new VFile({ path: 'one.md', value: '' });
    const outputs = new Outputs(temp(), { files: [file] });
    void outputs; // routes the file's messages into sinks
    const names = ['decks:10-rivers', 'decks:2-streams', 'decks:1-springs'];
    const { messages } = await inSink('all', () =>
      Promise.all(
        names.map((name, i) =>
          inSink(name, async () => {
            await sleep(10 + 20 * i); // decks:10 finishes first, decks:1 last
            diagnosticsFor(file).warn(at(i + 1), name, 'r');
          }),
        ),
      ),
    );
    const order = ['decks:1-springs', 'decks:2-streams', 'decks:10-rivers'];
    expect(messages.map(([, m]) => m.reason)).toEqual(order);
    expect(said([file]).map((s) => s.split(' ').at(-1))).toEqual(order);
  });
});
