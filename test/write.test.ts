// The writer: outputs stay inside out/, writes are atomic, failures are clear and lose nothing.
import * as nodeFs from 'node:fs/promises';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutsideOutputError, writeOutput, type WriteFs } from '../src/write/files.ts';

const fresh = () => mkdtemp(join(tmpdir(), 'cm-write-'));

describe('writeOutput', () => {
  it.each(['../escape.txt', '/etc/passwd', 'maps/../../x', ''])('refuses %j, which is not inside out/', async (rel) => {
    const out = await fresh();
    await expect(writeOutput(out, rel, 'x')).rejects.toThrow(OutsideOutputError);
  });

  it('writes nested files and leaves no temp file', async () => {
    const out = await fresh();
    await writeOutput(out, 'maps/a.svg', '<svg/>');
    expect(await readFile(join(out, 'maps/a.svg'), 'utf8')).toBe('<svg/>');
    expect(await readdir(join(out, 'maps'))).toEqual(['a.svg']);
  });

  it('keeps the previous file when the disk is full, and removes the temp file', async () => {
    const out = await fresh();
    await writeOutput(out, 'model.json', 'old');
    const full: WriteFs = {
      ...nodeFs,
      writeFile: async (path, data) => {
        await nodeFs.writeFile(path, String(data).slice(0, 1)); // half written, then the disk is full
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      },
    };
    await expect(writeOutput(out, 'model.json', 'new content', full)).rejects.toThrow(/ENOSPC/);
    expect(await readFile(join(out, 'model.json'), 'utf8')).toBe('old');
    expect(await readdir(out)).toEqual(['model.json']);
  });

  it('gives a clear error when the output folder is a file', async () => {
    const dir = await fresh();
    const out = join(dir, 'out');
    await writeFile(out, 'I am a file');
    await expect(writeOutput(out, 'maps/a.svg', 'x')).rejects.toThrow(/ENOTDIR|EEXIST/);
    expect(await readFile(out, 'utf8')).toBe('I am a file');
  });
});
