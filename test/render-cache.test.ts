// src/render/diagrams/cache.ts, and the Renderer's use of it (a fully cached call must
// not launch a browser).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RenderCache, Renderer, cacheKey, withRenderer, DEFAULT_CACHE_DIR } from '../src/render/index.ts';
import { canonicalJson } from '../src/render/diagrams/cache.ts';
import { sharedBrowser } from './support/browser.ts';
import { runs } from './support/property.ts';

const FIX = new URL('./fixtures/diagrams/', import.meta.url);
const fixture = (name: string): string => readFileSync(new URL(name, FIX), 'utf8');

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'coursemap-cache-test-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('RenderCache', () => {
  it('keys by canonical JSON: key order does not matter, every value does', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe('{"a":[1,{"c":3,"d":2}],"b":1}');
    expect(cacheKey({ a: 1, b: 'x' })).toBe(cacheKey({ b: 'x', a: 1 }));
    expect(cacheKey({ a: 1, b: 'x' })).not.toBe(cacheKey({ a: 1, b: 'y' }));
    expect(cacheKey({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
    // A member named __proto__ (JSON.parse makes one) is a member like any other.
    expect(canonicalJson(JSON.parse('{"b":2,"__proto__":{"a":1}}'))).toBe('{"__proto__":{"a":1},"b":2}');
  });

  it('canonical JSON is the same string as the recursive definition, for any JSON-like value', () => {
    // The definition the keys of existing caches and manifests were made with: sorted keys,
    // undefined members dropped, anything else as JSON.stringify writes it (null when it writes nothing).
    const reference = (v: unknown): string => {
      if (Array.isArray(v)) return `[${v.map(reference).join(',')}]`;
      if (v !== null && typeof v === 'object') {
        const entries = Object.entries(v)
          .filter(([, x]) => x !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${reference(x)}`).join(',')}}`;
      }
      return JSON.stringify(v) ?? 'null';
    };
    const value = fc.letrec((tie) => ({
      any: fc.oneof(
        { depthSize: 'small' },
        fc.constant(undefined),
        fc.constant(null),
        fc.boolean(),
        fc.double(),
        fc.string(),
        fc.constant(() => 1),
        fc.date({ noInvalidDate: true }),
        tie('list'),
        tie('object'),
      ),
      list: fc.array(tie('any'), { maxLength: 4 }),
      object: fc.dictionary(fc.oneof(fc.string(), fc.nat({ max: 20 }).map(String)), tie('any'), { maxKeys: 5 }),
    })).any;
    fc.assert(
      fc.property(value, (v) => canonicalJson(v) === reference(v)),
      { numRuns: runs(2000) },
    );
  });

  it('defaults to .coursemap-cache in the cwd', () => {
    expect(new RenderCache().dir).toBe(join(process.cwd(), DEFAULT_CACHE_DIR));
  });

  it('stores and reads entries atomically, leaving no temp files', async () => {
    const cache = new RenderCache({ dir });
    const key = cacheKey({ x: 1 });
    expect(await cache.get(key, 'png')).toBeUndefined();
    await Promise.all(Array.from({ length: 20 }, (_, i) => cache.put(key, 'png', new Uint8Array([1, 2, 3, i % 2]))));
    const got = await cache.get(key, 'png');
    expect(got && [...got.subarray(0, 3)]).toEqual([1, 2, 3]);
    const files = allFiles(dir);
    expect(files).toEqual([join(dir, key.slice(0, 2), `${key}.png`)]);
  });

  it('treats a corrupt JSON entry as a miss', async () => {
    const cache = new RenderCache({ dir });
    const key = cacheKey({ y: 1 });
    await cache.put(key, 'json', '{"svg": "<svg');
    expect(await cache.getJson(key)).toBeUndefined();
  });

  it('rejects keys and extensions that could escape the directory', () => {
    const cache = new RenderCache({ dir });
    expect(() => cache.pathFor('../../etc/passwd', 'json')).toThrow();
    expect(() => cache.pathFor(cacheKey(1), '../x')).toThrow();
  });
});

describe('Renderer + cache', () => {
  const jobs = [
    { id: 'flow', source: fixture('flowchart.mmd') },
    { id: 'mind', source: fixture('mindmap.mmd') },
    { id: 'bad', source: fixture('syntax-error.mmd') },
  ];

  it('serves a fully cached call without launching a browser, byte-identical', async () => {
    const first = await withRenderer({ ...sharedBrowser(), cache: { dir } }, async (r) => {
      const out = await r.render(jobs, { formats: ['svg', 'png'] });
      expect(r.launches).toBe(1);
      return out;
    });
    expect(first[0]!.cached).toBeUndefined();
    expect(first[2]!.error?.kind).toBe('syntax');

    const r2 = await Renderer.open({ ...sharedBrowser(), cache: { dir } });
    try {
      const second = await r2.render(jobs, { formats: ['svg', 'png'] });
      expect(r2.launches).toBe(0);
      expect(r2.browserStarted).toBe(false);
      for (const [i, res] of second.entries()) {
        expect(res.cached).toBe(true);
        expect(res.id).toBe(jobs[i]!.id);
        expect(res.svg).toBe(first[i]!.svg);
        expect(res.error).toEqual(first[i]!.error);
        if (first[i]!.png) expect(Buffer.from(res.png!).equals(Buffer.from(first[i]!.png!))).toBe(true);
      }
      // svg only: also cached
      const svgOnly = await r2.render(jobs.slice(0, 1), { formats: ['svg'] });
      expect(svgOnly[0]!.png).toBeUndefined();
      expect(svgOnly[0]!.svg).toBe(first[0]!.svg);
      expect(r2.launches).toBe(0);
    } finally {
      await r2.close();
    }
    const files = allFiles(dir);
    expect(files.some((f) => f.endsWith('.tmp'))).toBe(false);
    expect(files.filter((f) => f.endsWith('.png'))).toHaveLength(2);
  });

  it('misses on another theme, scale or source, and only rasterises when the SVG is cached', async () => {
    await withRenderer({ ...sharedBrowser(), cache: { dir } }, (r) => r.render(jobs.slice(0, 1), { formats: ['svg'] }));
    const r2 = await Renderer.open({ ...sharedBrowser(), cache: { dir } });
    try {
      const [png] = await r2.render(jobs.slice(0, 1), { formats: ['png'], scale: 1 });
      expect(r2.launches).toBe(1); // PNG missing: browser needed, SVG from cache
      expect(png!.cached).toBeUndefined();
      expect(png!.png).toBeDefined();
      const [again] = await r2.render(jobs.slice(0, 1), { formats: ['png'], scale: 1 });
      expect(again!.cached).toBe(true);
      const [scaled] = await r2.render(jobs.slice(0, 1), { formats: ['png'], scale: 2 });
      expect(scaled!.cached).toBeUndefined();
      const [dark] = await r2.render(jobs.slice(0, 1), { formats: ['svg'], theme: 'dark' });
      expect(dark!.cached).toBeUndefined();
      const [edited] = await r2.render([{ id: 'flow', source: `${jobs[0]!.source}  exam --> intro\n` }], {
        formats: ['svg'],
      });
      expect(edited!.cached).toBeUndefined();
    } finally {
      await r2.close();
    }
  });

  it('does not cache timeouts or crashes', async () => {
    await withRenderer(
      { cache: { dir }, poolSize: 1, testHooks: { hang: { marker: 'coursemap-test-hang', mode: 'never' } } },
      async (r) => {
        const [res] = await r.render([{ id: 'h', source: fixture('hang.mmd') }], { formats: ['svg'], timeoutMs: 1000 });
        expect(res!.error?.kind).toBe('timeout');
      },
    );
    expect(allFiles(dir)).toEqual([]);
  });

  it('ignores a corrupt cache entry and re-renders', async () => {
    await withRenderer({ ...sharedBrowser(), cache: { dir } }, (r) => r.render(jobs.slice(0, 1), { formats: ['svg'] }));
    const [json] = allFiles(dir).filter((f) => f.endsWith('.json'));
    writeFileSync(json!, 'garbage');
    const r2 = await Renderer.open({ ...sharedBrowser(), cache: { dir } });
    try {
      const [res] = await r2.render(jobs.slice(0, 1), { formats: ['svg'] });
      expect(res!.error).toBeUndefined();
      expect(res!.cached).toBeUndefined();
      expect(r2.launches).toBe(1);
    } finally {
      await r2.close();
    }
    expect(JSON.parse(readFileSync(json!, 'utf8')).svg).toMatch(/^<svg/);
  });
});
