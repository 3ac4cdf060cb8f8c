// End to end: the real CLI in a child process. Exit codes; --check after a one-character edit
// lists exactly that chapter's outputs and the course-level ones; shards 1/3 + 2/3 + 3/3 give
// the same files as one build; removed chapters' outputs are deleted and nothing else; the dev
// server live-reloads a connected page within 2 s of a change and stops cleanly on Ctrl-C.
import { spawn, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedBrowserArgs } from './support/browser.ts';

const BIN = fileURLToPath(new URL('../bin/coursemap.js', import.meta.url));
const ROOT = mkdtempSync(join(tmpdir(), 'coursemap-e2e-'));
const CACHE = join(ROOT, 'cache');

const chapter = (n: number, title: string, idea: string) => `## Chapter ${n}: ${title}

${title} is where we look at ${idea}.

### ${n}.1 What ${idea} means

- **${title}:** the word for ${idea}.

### ${n}.2 Key Takeaways

| Idea | Why it matters |
| ---- | -------------- |
| ${title} | It explains ${idea} |
`;

const COURSE = `---
title: Rivers in Brief
author: Test Author
---
# Part I: Water

${chapter(1, 'Springs', 'groundwater')}
${chapter(2, 'Streams', 'flowing water')}
${chapter(3, 'Deltas', 'sediment')}`;

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], cwd = ROOT): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Every file under dir (relative path → bytes as base64). */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p).toString('base64'));
    }
  };
  walk(dir);
  return out;
}

function course(name: string, text = COURSE): string {
  const dir = join(ROOT, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'course.md'), text);
  return dir;
}

const BUILD = ['--formats', 'svg', '--cache-dir', CACHE, ...sharedBrowserArgs()];

/** The first build of COURSE (`build course.md --out out` in `base/`). */
let base: Ran;

/**
 * A folder holding COURSE and a copy of `base/out/`: where a test would start with that same
 * first build (outputs and manifest are relative to out/, so the copy is up to date). Each
 * CLI build costs seconds of CPU, mostly in Chromium; the base build is made once.
 */
function built(name: string): string {
  const dir = course(name);
  cpSync(join(ROOT, 'base', 'out'), join(dir, 'out'), { recursive: true });
  return dir;
}

beforeAll(async () => {
  // One build up front: the first build of several tests below, and the render cache for all.
  base = await cli(['build', 'course.md', '--out', 'out', ...BUILD], course('base'));
  expect(base.code, base.stderr).toBe(0);
}, 600_000);

afterAll(() => {
  rmSync(ROOT, { recursive: true, force: true });
});

describe('coursemap CLI end to end', () => {
  it('docs/commands.md shows the --help output as it is', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    const readme = readFileSync(fileURLToPath(new URL('../docs/commands.md', import.meta.url)), 'utf8');
    const block = /<!-- help:start -->\n```text\n([\s\S]*?)\n```\n<!-- help:end -->/.exec(readme)?.[1];
    expect(block).toBe(help.stdout.trimEnd());
  });

  it('exit codes: 0 success, 0 with warnings, 1 errors, 2 bad usage', async () => {
    const ok = join(ROOT, 'base');
    const success = base; // `build course.md --out out` in ok/, made in beforeAll
    expect(success.code, success.stderr).toBe(0);
    expect(success.stderr).toMatch(/done .*written.*0 warnings, 0 errors/);
    expect(existsSync(join(ok, 'out', 'manifest.json'))).toBe(true);

    const warn = course('warn', '# Springs\n\nWater comes up.\n\n# Streams\n\nWater runs down.\n');
    const warnings = await cli(['build', 'course.md', '--out', 'out', ...BUILD], warn);
    expect(warnings.code, warnings.stderr).toBe(0);
    expect(warnings.stderr).toMatch(/warning/);

    const bad = course(
      'bad',
      readFileSync(fileURLToPath(new URL('./fixtures/build/syntax-unfixable.md', import.meta.url)), 'utf8'),
    );
    const errors = await cli(['build', 'course.md', '--out', 'out', ...BUILD], bad);
    expect(errors.code, errors.stderr).toBe(1);
    expect(errors.stderr).toMatch(/error/);

    for (const args of [
      ['build', 'course.md', '--bogus'],
      ['build'],
      ['frobnicate', 'x'],
      ['build', 'course.md', '--shard', '4/3'],
      ['build', 'course.md', '--check', '--shard', '1/2'],
    ]) {
      const usage = await cli(args, ok);
      expect(usage.code, args.join(' ')).toBe(2);
      expect(usage.stderr).toMatch(/^coursemap: /);
    }
    expect((await cli(['--help'])).code).toBe(0);
  }, 600_000); // CLI builds: minutes when the machine is loaded

  it("--check after a one-character edit lists exactly that chapter's outputs and the course-level ones", async () => {
    const dir = built('check'); // after its first build
    const clean = await cli(['build', 'course.md', '--out', 'out', '--check', ...BUILD], dir);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toBe('');
    expect(clean.stderr).toMatch(/up to date/);
    expect(clean.stderr).toMatch(/0 rendered/);

    const before = tree(join(dir, 'out'));
    writeFileSync(
      join(dir, 'course.md'),
      COURSE.replace('Deltas is where we look at sediment.', 'Deltas is where we look at sedimenT.'),
    );
    const drift = await cli(['build', 'course.md', '--out', 'out', '--check', ...BUILD], dir);
    expect(drift.code, drift.stderr).toBe(1);
    const listed = drift.stdout
      .trim()
      .split('\n')
      .map((l) => l.split(/\s+/));
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every(([status]) => status === 'stale')).toBe(true);
    const paths = listed.map(([, p]) => p!);
    // That chapter's deck and the model; nothing of chapters 1 and 2.
    expect(paths).toContain('decks/3-deltas.html');
    expect(paths).toContain('model.json');
    expect(paths.filter((p) => /springs|streams/.test(p))).toEqual([]);
    // Everything else is either that chapter's or course-level (no chapter slug in its name).
    for (const p of paths) expect(p.includes('3-deltas') || !/\/\d+-/.test(p), p).toBe(true);
    // --check wrote nothing.
    expect(tree(join(dir, 'out'))).toEqual(before);

    // Building fixes exactly those files, after which --check passes.
    const rebuilt = await cli(['build', 'course.md', '--out', 'out', '--verbose', ...BUILD], dir);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    const written = [...rebuilt.stderr.matchAll(/^\s+written\s+(\S+)$/gm)].map((m) => m[1]).sort();
    expect(written).toEqual([...paths].sort());
    const after = await cli(['build', 'course.md', '--out', 'out', '--check', ...BUILD], dir);
    expect(after.code, after.stdout + after.stderr).toBe(0);
  }, 600_000); // CLI builds: minutes when the machine is loaded

  it('shards 1/3 + 2/3 + 3/3 produce the same files as a full build', async () => {
    const dir = built('shards'); // the full build in out/
    for (const shard of ['1/3', '2/3', '3/3']) {
      const r = await cli(['build', 'course.md', '--out', 'sharded', '--shard', shard, ...BUILD], dir);
      expect(r.code, r.stderr).toBe(0);
    }
    const full = tree(join(dir, 'out'));
    const sharded = tree(join(dir, 'sharded'));
    expect([...sharded.keys()].sort()).toEqual([...full.keys()].sort());
    for (const [path, bytes] of full) expect(sharded.get(path), path).toBe(bytes);
  }, 600_000); // CLI builds: minutes when the machine is loaded

  it('deletes the outputs of a removed chapter and touches nothing else', async () => {
    const dir = built('removed'); // after its first build
    expect(existsSync(join(dir, 'out', 'maps', '3-deltas.svg'))).toBe(true);
    writeFileSync(join(dir, 'out', 'notes.txt'), 'mine');
    writeFileSync(join(dir, 'out', 'maps', 'extra.svg'), '<svg/>');
    writeFileSync(join(dir, 'course.md'), COURSE.slice(0, COURSE.indexOf('## Chapter 3')));
    const r = await cli(['build', 'course.md', '--out', 'out', ...BUILD], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(dir, 'out', 'maps', '3-deltas.svg'))).toBe(false);
    expect(existsSync(join(dir, 'out', 'maps', '3-deltas.mmd'))).toBe(false);
    expect(readFileSync(join(dir, 'out', 'notes.txt'), 'utf8')).toBe('mine');
    expect(readFileSync(join(dir, 'out', 'maps', 'extra.svg'), 'utf8')).toBe('<svg/>');
    expect(r.stderr).toMatch(/[1-9]\d* deleted/);
  }, 600_000); // CLI builds: minutes when the machine is loaded

  it('dev: serves out/, reloads a connected page within 2 s of a change, stops cleanly on Ctrl-C', async () => {
    const dir = course('dev');
    const child: ChildProcess = spawn(
      process.execPath,
      [BIN, 'dev', 'course.md', '--out', 'out', '--port', '0', ...BUILD],
      { cwd: dir },
    );
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`dev did not start:\n${stderr}`)), 120_000);
        child.stderr!.on('data', () => {
          const m = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
      });
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('/__coursemap/live.js');
      expect((await fetch(`${url}../../etc/passwd`)).status).not.toBe(200);

      const deck = await fetch(`${url}decks/2-streams.html`);
      expect(deck.status).toBe(200);
      expect(await deck.text()).toContain('/__coursemap/live.js');
      // A connected page (decks/2-streams.html): the event stream that live.js opens. It reloads
      // on "changed" naming its own file (sent as soon as that file is rewritten) or on "reload"
      // (sent when the build ends).
      let events = '';
      const stream = await new Promise<IncomingMessage>((resolve) => get(`${url}__coursemap/events`, resolve));
      stream.on('data', (d: Buffer) => (events += d.toString()));
      await new Promise((r) => setTimeout(r, 200));
      const changedAt = performance.now();
      writeFileSync(join(dir, 'course.md'), COURSE.replace('Streams is where', 'Streams, briefly, is where'));
      const reloadMs = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no reload event within 10 s:\n${events}\n${stderr}`)), 10_000);
        const poll = setInterval(() => {
          if (events.includes('event: reload') || events.includes('event: changed\ndata: "/decks/2-streams.html"')) {
            clearTimeout(timer);
            clearInterval(poll);
            resolve(performance.now() - changedAt);
          }
        }, 10);
      });
      stream.destroy();
      expect(reloadMs).toBeLessThan(2000);
      const waitFor = (re: RegExp) =>
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re}:\n${stderr}`)), 60_000);
          const poll = setInterval(() => {
            if (re.test(stderr)) {
              clearTimeout(timer);
              clearInterval(poll);
              resolve();
            }
          }, 20);
        });
      await waitFor(/rebuilt .* reused/);

      // A build error: printed in the terminal, and an overlay for every connected page.
      writeFileSync(
        join(dir, 'course.md'),
        COURSE.replace(
          '### 2.2 Key Takeaways',
          '```mermaid\nflowchart TD\n  A[Spring] --> B[Stream]\n  B --> --> C[River]\n```\n\n### 2.2 Key Takeaways',
        ),
      );
      await waitFor(/mermaid-syntax[\s\S]*rebuilt .*[1-9]\d* errors?/);
      let overlay = '';
      const again = await new Promise<IncomingMessage>((resolve) => get(`${url}__coursemap/events`, resolve));
      again.on('data', (d: Buffer) => (overlay += d.toString()));
      await new Promise((r) => setTimeout(r, 300));
      again.destroy();
      expect(overlay).toMatch(/event: overlay\ndata: ".*Mermaid syntax error/);
      const client = await (await fetch(`${url}__coursemap/live.js`)).text();
      expect(client).toContain("addEventListener('overlay'");
    } finally {
      child.kill('SIGINT');
      // Ctrl-C: the server, the watchers and the browser close, and the process exits (130, as
      // for any command stopped by Ctrl-C). The leftovers check of the test setup proves no
      // Chromium process or temp folder stays behind.
      const code = await exited;
      expect([0, 130], stderr).toContain(code);
    }
    expect(stderr).toMatch(/stopping: closing the server and the browser/);
  }, 600_000); // CLI builds: minutes when the machine is loaded
});
