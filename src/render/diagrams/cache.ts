// Content-addressed cache of rendered diagrams.
//
// Layout: <dir>/<first 2 hex of key>/<key>.<ext>, where key = sha256 of a
// canonical JSON of everything that determines the bytes (diagram source,
// theme, options, mermaid's version, RENDERER_VERSION). Entries:
//   <svgKey>.json  { width, height, warnings, svg }   (or a cached syntax error)
//   <pngKey>.png   raw PNG bytes (pngKey also covers scale)
// Writes are atomic: a temp file in the same directory, then rename(), so a
// reader sees either nothing or a whole entry, even with concurrent builds.
// Unreadable/corrupt entries count as misses. Every entry carries the sha256 of its content,
// recorded at write time (putSealed / the PNG's `<pngKey>.json`); a reader that finds another
// hash treats the entry as tampered (./svg-clean.ts re-checks SVGs on top of that).
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export const DEFAULT_CACHE_DIR = '.coursemap-cache';

export interface RenderCacheOptions {
  /** Cache directory; default `.coursemap-cache/` in the current working directory. */
  dir?: string;
}

/** sha256 (hex) of a canonical JSON (object keys sorted) of `parts`. */
export function cacheKey(parts: unknown): string {
  return createHash('sha256').update(canonicalJson(parts)).digest('hex');
}

const INDEX_KEY = /^(?:0|[1-9]\d*)$/;

/**
 * JSON with every object's keys sorted. Native JSON.stringify with a sorting replacer (about 3×
 * faster on a whole course); values the two would write differently (objects with integer-like
 * keys, which V8 iterates first in numeric order; toJSON; functions) take the recursive path,
 * so the string, and every key made from it, is the same either way.
 */
export function canonicalJson(v: unknown): string {
  let differs = false;
  const fast = JSON.stringify(v, function (this: Record<string, unknown>, key: string, x: unknown) {
    if (this[key] !== x || typeof x === 'function' || typeof x === 'symbol') differs = true;
    if (x === null || typeof x !== 'object' || Array.isArray(x)) return x;
    const keys = Object.keys(x).sort();
    if (keys.some((k) => INDEX_KEY.test(k))) differs = true;
    // No prototype: a member named "__proto__" stays a member (on {} it would set the prototype).
    const sorted: Record<string, unknown> = Object.create(null);
    for (const k of keys) sorted[k] = (x as Record<string, unknown>)[k];
    return sorted;
  });
  return differs || fast === undefined ? slowCanonicalJson(v) : fast;
}

function slowCanonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(slowCanonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${slowCanonicalJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

export class RenderCache {
  readonly dir: string;

  constructor(options: RenderCacheOptions = {}) {
    this.dir = resolve(options.dir ?? DEFAULT_CACHE_DIR);
  }

  pathFor(key: string, ext: string): string {
    if (!/^[0-9a-f]{16,}$/.test(key)) throw new Error(`invalid cache key: ${key}`);
    if (!/^[a-z0-9]+$/.test(ext)) throw new Error(`invalid cache extension: ${ext}`);
    return join(this.dir, key.slice(0, 2), `${key}.${ext}`);
  }

  /** The entry's bytes, or undefined when absent or unreadable. */
  async get(key: string, ext: string): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await readFile(this.pathFor(key, ext)));
    } catch {
      return undefined;
    }
  }

  async getJson<T>(key: string): Promise<T | undefined> {
    const bytes = await this.get(key, 'json');
    if (!bytes) return undefined;
    try {
      return JSON.parse(new TextDecoder().decode(bytes)) as T;
    } catch {
      return undefined;
    }
  }

  /** Atomic write: temp file in the entry's directory, then rename. */
  async put(key: string, ext: string, data: Uint8Array | string): Promise<void> {
    const file = this.pathFor(key, ext);
    const dir = join(this.dir, key.slice(0, 2));
    await mkdir(dir, { recursive: true });
    const tmp = join(dir, `.${key}.${ext}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await writeFile(tmp, data);
      await rename(tmp, file);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }

  async putJson(key: string, value: unknown): Promise<void> {
    await this.put(key, 'json', JSON.stringify(value));
  }

  /** Writes a JSON entry with the sha256 of its content (see readSealed). */
  async putSealed(key: string, value: Record<string, unknown>): Promise<void> {
    await this.putJson(key, { ...value, sha256: cacheKey(value) });
  }

  /** A PNG and, beside it, its sha256. */
  async putPng(key: string, png: Uint8Array): Promise<void> {
    await this.put(key, 'png', png);
    await this.putJson(key, { png: sha256Hex(png) });
  }

  /** The PNG when its bytes have the hash recorded with it; 'tampered' when they do not. */
  async getPng(key: string): Promise<Uint8Array | 'tampered' | undefined> {
    const png = await this.get(key, 'png');
    if (!png) return undefined;
    const seal = await this.getJson<{ png?: unknown }>(key);
    if (!seal || typeof seal.png !== 'string') return undefined; // written before entries were sealed
    const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
    return seal.png === sha256Hex(png) && signature.every((b, i) => png[i] === b) ? png : 'tampered';
  }
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export type Sealed<T> = { ok: true; value: T } | { ok: false; reason: 'unsealed' | 'tampered' };

/** Checks an entry written by putSealed: its recorded hash against its content. */
export function readSealed<T extends object>(entry: unknown): Sealed<T> {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return { ok: false, reason: 'tampered' };
  const { sha256, ...value } = entry as Record<string, unknown>;
  if (sha256 === undefined) return { ok: false, reason: 'unsealed' };
  return sha256 === cacheKey(value) ? { ok: true, value: value as T } : { ok: false, reason: 'tampered' };
}
