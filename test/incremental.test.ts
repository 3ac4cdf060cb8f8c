// Incremental outputs without a browser: units reused by key, identical files not rewritten,
// only manifest-listed files deleted, --check drift lists, shard carry-over.
import { mkdtempSync, readFileSync, statSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { readManifest } from '../src/pipeline/manifest.ts';
import { Outputs } from '../src/pipeline/outputs.ts';
import { parseShard, shardOf } from '../src/pipeline/shard.ts';

const temps: string[] = [];
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'coursemap-incr-'));
  temps.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

async function run(
  out: string,
  chapters: Record<string, string>,
  opts: { check?: boolean; shard?: { index: number; count: number } } = {},
) {
  const previous = await readManifest(out);
  const outputs = new Outputs(out, {
    previous,
    globalKey: 'g',
    ...(opts.check ? { check: true } : {}),
    ...(opts.shard ? { shard: opts.shard } : {}),
  });
  const ran: string[] = [];
  let n = 0;
  for (const [slug, text] of Object.entries(chapters)) {
    n++;
    const chapter = n;
    await outputs.unit(
      `deck:${slug}`,
      { text },
      async () => {
        ran.push(slug);
        await outputs.write(`decks/${slug}.html`, `<h1>${text}</h1>`);
      },
      { chapter },
    );
  }
  await outputs.unit('stage:index', { chapters: Object.keys(chapters) }, async () => {
    ran.push('index');
    await outputs.write('index.html', Object.keys(chapters).join(','));
  });
  const report = await outputs.finish();
  return { outputs, ran, report };
}

describe('incremental outputs', () => {
  it('reuses unchanged units and rebuilds only what changed', async () => {
    const out = temp();
    const first = await run(out, { a: 'A', b: 'B', c: 'C' });
    expect(first.ran).toEqual(['a', 'b', 'c', 'index']);
    const m = await readManifest(out);
    expect(Object.keys(m!.outputs).sort()).toEqual(['decks/a.html', 'decks/b.html', 'decks/c.html', 'index.html']);
    const mtime = statSync(join(out, 'decks/a.html')).mtimeMs;
    const second = await run(out, { a: 'A', b: 'B2', c: 'C' });
    expect(second.ran).toEqual(['b']);
    expect(second.outputs.changed).toEqual(['decks/b.html']);
    expect(second.outputs.reused.sort()).toEqual(['decks/a.html', 'decks/c.html', 'index.html']);
    expect(statSync(join(out, 'decks/a.html')).mtimeMs).toBe(mtime);
    // A reused output lists in `written` too (an index page sees every output).
    expect(second.outputs.written.map((w) => w.path).sort()).toEqual([
      'decks/a.html',
      'decks/b.html',
      'decks/c.html',
      'index.html',
    ]);
  });

  it('rebuilds a unit whose file was edited or deleted on disk', async () => {
    const out = temp();
    await run(out, { a: 'A', b: 'B' });
    writeFileSync(join(out, 'decks/a.html'), 'tampered');
    const again = await run(out, { a: 'A', b: 'B' });
    expect(again.ran).toEqual(['a']);
    expect(readFileSync(join(out, 'decks/a.html'), 'utf8')).toBe('<h1>A</h1>');
  });

  it('deletes outputs of removed chapters, and only files the manifest lists', async () => {
    const out = temp();
    await run(out, { a: 'A', b: 'B', c: 'C' });
    writeFileSync(join(out, 'decks/mine.html'), 'not coursemap');
    writeFileSync(join(out, 'notes.txt'), 'keep me');
    const again = await run(out, { a: 'A', b: 'B' });
    expect(again.outputs.deleted).toEqual(['decks/c.html']);
    expect(existsSync(join(out, 'decks/c.html'))).toBe(false);
    expect(readFileSync(join(out, 'decks/mine.html'), 'utf8')).toBe('not coursemap');
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('keep me');
    expect(Object.keys((await readManifest(out))!.outputs)).not.toContain('decks/c.html');
  });

  it('check mode writes nothing and lists stale, missing and extra outputs', async () => {
    const out = temp();
    await run(out, { a: 'A', b: 'B', c: 'C' });
    const manifestBefore = readFileSync(join(out, 'manifest.json'), 'utf8');
    const clean = await run(out, { a: 'A', b: 'B', c: 'C' }, { check: true });
    expect(clean.report).toEqual({ stale: [], missing: [], extra: [] });
    const drift = await run(out, { a: 'A2', b: 'B', d: 'D' }, { check: true });
    expect(drift.report).toEqual({
      stale: ['decks/a.html', 'index.html'],
      missing: ['decks/d.html'],
      extra: ['decks/c.html'],
    });
    expect(readFileSync(join(out, 'decks/a.html'), 'utf8')).toBe('<h1>A</h1>');
    expect(existsSync(join(out, 'decks/d.html'))).toBe(false);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(manifestBefore);
  });

  it('a unit that reported messages runs again next time', async () => {
    const out = temp();
    let messages = 0;
    const go = async () => {
      const outputs = new Outputs(out, {
        previous: await readManifest(out),
        globalKey: 'g',
        messageCount: () => messages,
      });
      let ran = false;
      await outputs.unit('u', {}, async () => {
        ran = true;
        messages++;
        await outputs.write('u.txt', 'u');
      });
      await outputs.finish();
      return ran;
    };
    expect(await go()).toBe(true);
    expect(await go()).toBe(true);
  });

  it('a reused unit replays the warnings it reported, so model.json keeps them', async () => {
    const out = temp();
    const go = async () => {
      const file = new VFile({ path: 'course.md', value: '' });
      const outputs = new Outputs(out, { previous: await readManifest(out), globalKey: 'g', files: [file] });
      let ran = false;
      await outputs.unit('deck:a', { a: 1 }, async () => {
        ran = true;
        const m = file.message('slide 3 overflows', {
          place: { line: 4, column: 2 },
          ruleId: 'deck-overflow',
          source: 'coursemap',
        });
        m.fatal = false;
        m.note = 'Shorten it.';
        await outputs.write('a.html', 'a');
      });
      await outputs.finish();
      return { ran, messages: file.messages.map((m) => [m.reason, m.line, m.column, m.ruleId, m.fatal, m.note]) };
    };
    const first = await go();
    const second = await go();
    expect(first.ran).toBe(true);
    expect(second.ran).toBe(false);
    expect(second.messages).toEqual(first.messages);
  });

  it('refuses to write or delete outside the output folder', async () => {
    const out = join(temp(), 'out');
    mkdirSync(out);
    const outputs = new Outputs(out);
    expect(await outputs.write('../escape.txt', 'x')).toBe(false);
    expect(outputs.failed[0]?.error).toMatch(/outside the output folder/);
    writeFileSync(
      join(out, 'manifest.json'),
      JSON.stringify({
        version: 1,
        tool: 'x',
        outputs: { '../victim.txt': { sha256: 'x', bytes: 1, unit: 'u' } },
        units: {},
      }),
    );
    const victim = join(out, '..', 'victim.txt');
    writeFileSync(victim, 'safe');
    const o2 = new Outputs(out, { previous: await readManifest(out) });
    await o2.finish();
    expect(readFileSync(victim, 'utf8')).toBe('safe');
  });

  it('shards run in order into one folder give the same files and manifest as one build', async () => {
    const chapters = { a: 'A', b: 'B', c: 'C', d: 'D', e: 'E' };
    const full = temp();
    await run(full, chapters);
    const sharded = temp();
    const ran: string[][] = [];
    for (let i = 1; i <= 3; i++) ran.push((await run(sharded, chapters, { shard: { index: i, count: 3 } })).ran);
    expect(ran).toEqual([
      ['a', 'd'],
      ['b', 'e'],
      ['c', 'index'],
    ]);
    for (const f of [
      'decks/a.html',
      'decks/b.html',
      'decks/c.html',
      'decks/d.html',
      'decks/e.html',
      'index.html',
      'manifest.json',
    ]) {
      expect(readFileSync(join(sharded, f), 'utf8'), f).toBe(readFileSync(join(full, f), 'utf8'));
    }
  });

  it('parses --shard and assigns chapters round-robin, course level to the last shard', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(() => parseShard('4/3')).toThrow(/1 <= i <= n/);
    expect(() => parseShard('x')).toThrow(/i\/n/);
    expect([1, 2, 3, 4, 5, 6].map((c) => shardOf(c, 3))).toEqual([1, 2, 3, 1, 2, 3]);
    expect(shardOf(null, 3)).toBe(3);
    expect(shardOf(7, 1)).toBe(1);
  });
});
