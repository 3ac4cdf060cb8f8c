// `coursemap lint` on the DDIA transcript: the two unquoted mermaid labels of its Systems Map are
// errors at their file:line:col; `lint --fix` on a copy rewrites exactly those two lines.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './support/cli.ts';
import { validateMermaid } from '../src/generate/mermaid/mermaid-validate.ts';

const DDIA = '../shared/courses/ddia-course.md';

/** vfile-reporter output → "file:line:col severity rule" for every message. */
function reported(text: string): string[] {
  const out: string[] = [];
  let file = '';
  for (const line of text.split('\n')) {
    const m = /^\s*(\d+):(\d+)(?:-\d+:\d+)?\s+(error|warning|info)\s+.*?\s(\S+)\s+coursemap\s*$/.exec(line);
    if (m) out.push(`${file}:${m[1]}:${m[2]} ${m[3]} ${m[4]}`);
    else if (line.trim() && !/^\s/.test(line) && !/^\d+ messages?|^[⚠✖]/.test(line.trim())) file = line.trim();
  }
  return out;
}

const temps: string[] = [];
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});
function copyOfDdia(): string {
  const dir = mkdtempSync(join(tmpdir(), 'coursemap-lint-'));
  temps.push(dir);
  const copy = join(dir, 'ddia-course.md');
  copyFileSync(DDIA, copy);
  return copy;
}

describe('coursemap lint on the DDIA course', () => {
  it('reports the two unquoted labels at 3041 and 3061, exit 1', async () => {
    const { code, err } = await cli('lint', DDIA);
    expect(code).toBe(1);
    const mermaid = reported(err).filter((m) => m.endsWith('mermaid-syntax'));
    const file = resolve(DDIA);
    expect(mermaid).toEqual([`${file}:3041:21 error mermaid-syntax`, `${file}:3061:10 error mermaid-syntax`]);
    expect(err).toContain('Mermaid label needs quotes: Derived Data = Function(Log)');
    expect(err).toContain('Mermaid label needs quotes: Logs (Immutable Events)');
    // The two lines really hold those labels, starting at those columns.
    const lines = readFileSync(DDIA, 'utf8').split('\n');
    expect(lines[3040]!.slice(20)).toMatch(/^Derived Data = Function\(Log\)\]$/);
    expect(lines[3060]!.slice(9)).toMatch(/^Logs \(Immutable Events\)\]$/);
  });

  it('lint --fix on a copy rewrites only those two lines, prints the changes, then the mermaid check passes', async () => {
    const copy = copyOfDdia();
    const before = readFileSync(copy, 'utf8');
    const fixed = await cli('lint', '--fix', copy);
    expect(fixed.code).toBe(0);
    const printed = fixed.out.trim().split('\n');
    expect(printed).toEqual([
      `${copy}:3041:21  fixed  Derived Data = Function(Log) → "Derived Data = Function(Log)"  quote-node-label`,
      `${copy}:3061:10  fixed  Logs (Immutable Events) → "Logs (Immutable Events)"  quote-node-label`,
    ]);
    expect(fixed.err).toContain('fixed 2 labels in 1 diagram');

    const after = readFileSync(copy, 'utf8');
    const a = before.split('\n');
    const b = after.split('\n');
    expect(b).toHaveLength(a.length);
    const changed = a.flatMap((line, i) => (line === b[i] ? [] : [i + 1]));
    expect(changed).toEqual([3041, 3061]);
    expect(b[3040]).toBe(a[3040]!.replace('C4[Derived Data = Function(Log)]', 'C4["Derived Data = Function(Log)"]'));
    expect(b[3060]).toBe(a[3060]!.replace('F2[Logs (Immutable Events)]', 'F2["Logs (Immutable Events)"]'));

    const again = await cli('lint', copy);
    expect(reported(again.err).filter((m) => m.endsWith('mermaid-syntax'))).toEqual([]);
    expect(again.err).not.toContain('Mermaid');
    expect(again.code).toBe(0); // what is left is the section-nesting warning

    // The fixed fence body parses.
    const fence = /```mermaid\n([\s\S]*?)```/.exec(after.split('\n').slice(2990).join('\n'));
    expect(fence).not.toBeNull();
    expect(await validateMermaid(fence![1]!)).toEqual({ ok: true });

    // A second --fix has nothing to do and leaves the file alone.
    const twice = await cli('lint', '--fix', copy);
    expect(twice.out).toBe('');
    expect(readFileSync(copy, 'utf8')).toBe(after);
  });

  it('lint --fix --dry-run prints the same changes and writes nothing', async () => {
    const copy = copyOfDdia();
    const before = readFileSync(copy, 'utf8');
    const dry = await cli('lint', '--fix', '--dry-run', copy);
    expect(dry.code).toBe(0);
    expect(
      dry.out
        .trim()
        .split('\n')
        .map((l) => l.split('  ')[0]),
    ).toEqual([`${copy}:3041:21`, `${copy}:3061:10`]);
    expect(dry.err).toContain('would fix 2 labels in 1 diagram');
    expect(readFileSync(copy, 'utf8')).toBe(before);
  });
});
