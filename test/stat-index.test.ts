// The stat index that lets a no-change rebuild skip re-hashing out/: it must still notice edits.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StatIndex } from '../src/pipeline/stat-index.ts';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('StatIndex', () => {
  it('trusts unchanged files, notices edits and deletions, and persists', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cm-stat-'));
    const cache = join(dir, 'cache');
    const file = join(dir, 'out', 'a.txt');
    await rm(join(dir, 'out'), { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(join(dir, 'out')));
    await writeFile(file, 'one');
    const index = await StatIndex.open(cache, join(dir, 'out'));
    await index.written(file, sha('one'));
    expect(await index.matches(file, sha('one'))).toBe(true);
    await index.save();

    const again = await StatIndex.open(cache, join(dir, 'out'));
    expect(await again.matches(file, sha('one'))).toBe(true);
    // Same size, new content and mtime: hashed again, so the edit is seen.
    await writeFile(file, 'two');
    await utimes(file, new Date(), new Date(Date.now() + 5000));
    expect(await again.matches(file, sha('one'))).toBe(false);
    expect(await again.matches(file, sha('two'))).toBe(true);
    await rm(file);
    expect(await again.matches(file, sha('two'))).toBeNull();
    await rm(dir, { recursive: true, force: true });
  });
});
