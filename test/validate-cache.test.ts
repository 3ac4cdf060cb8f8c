// The mermaid validation store of a build (src/pipeline/validate-cache.ts): results survive a
// restart for the same validator version, another version starts empty, only the sources of the
// last build are kept, and validateMermaid answers from the store without parsing.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openValidationStore } from '../src/pipeline/validate-cache.ts';
import { useValidationStore, validateMermaid } from '../src/generate/mermaid/mermaid-validate.ts';

const dir = mkdtempSync(join(tmpdir(), 'coursemap-validate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const good = 'flowchart LR\n  A --> B';
const bad = 'flowchart LR\n  C4[Derived Data = Function(Log)]';

describe('validation store', () => {
  it('keeps results across runs of the same version, and drops them for another version', async () => {
    const first = await openValidationStore(dir, 'v1');
    useValidationStore(first);
    const results = [await validateMermaid(good), await validateMermaid(bad)];
    useValidationStore(undefined);
    expect(results[0]).toEqual({ ok: true });
    expect(results[1]).toMatchObject({ ok: false, line: 2 });
    await first.save();
    expect(existsSync(join(dir, 'mermaid-validate.json'))).toBe(true);

    const again = await openValidationStore(dir, 'v1');
    expect(again.get(good)).toEqual({ ok: true });
    expect(again.get(bad)).toEqual(results[1]);
    expect((await openValidationStore(dir, 'v2')).get(good)).toBeUndefined();
  });

  it('answers from the store: a stored (even wrong) answer is returned as is, without parsing', async () => {
    const store = await openValidationStore(dir, 'v3');
    store.set(good, { ok: false, line: 9, column: 9, message: 'stored' });
    useValidationStore(store);
    try {
      expect(await validateMermaid(good)).toEqual({ ok: false, line: 9, column: 9, message: 'stored' });
    } finally {
      useValidationStore(undefined);
    }
    expect(await validateMermaid(good)).toEqual({ ok: true });
  });

  it('writes back only the sources used since it was opened, and nothing when nothing changed', async () => {
    const store = await openValidationStore(dir, 'v1');
    expect(store.get(good)).toEqual({ ok: true });
    await store.save();
    const kept = JSON.parse(readFileSync(join(dir, 'mermaid-validate.json'), 'utf8')) as {
      version: string;
      entries: Record<string, unknown>;
    };
    expect(kept.version).toBe('v1');
    expect(Object.keys(kept.entries)).toHaveLength(1);
    const before = readFileSync(join(dir, 'mermaid-validate.json'), 'utf8');
    const same = await openValidationStore(dir, 'v1');
    same.get(good);
    await same.save();
    expect(readFileSync(join(dir, 'mermaid-validate.json'), 'utf8')).toBe(before);
  });
});
