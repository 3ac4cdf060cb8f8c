// Deleting outputs goes through the writer too: only inside out/, a missing file is fine.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { insideOutput, OutsideOutputError, removeOutput } from '../src/write/files.ts';

const root = mkdtempSync(join(tmpdir(), 'cm-write-remove-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('removeOutput', () => {
  it('deletes a file inside out/, and a missing one is not an error', async () => {
    const out = join(root, 'out');
    const outside = join(root, 'keep.txt');
    writeFileSync(outside, 'x');
    await removeOutput(out, 'nothing/here.svg');
    mkdirSync(join(out, 'maps'), { recursive: true });
    writeFileSync(join(out, 'maps', 'a.svg'), '<svg/>');
    expect(await removeOutput(out, 'maps/a.svg')).toBe(join(out, 'maps', 'a.svg'));
    expect(existsSync(join(out, 'maps', 'a.svg'))).toBe(false);
    await expect(removeOutput(out, '../keep.txt')).rejects.toThrow(OutsideOutputError);
    expect(existsSync(outside)).toBe(true);
  });

  it.each([
    ['maps/a.svg', true],
    ['../escape.txt', false],
    ['/etc/passwd', false],
    ['', false],
  ])('insideOutput(out, %j) is %s', (rel, inside) => {
    expect(insideOutput(join(root, 'out'), rel)).toBe(inside);
  });
});
