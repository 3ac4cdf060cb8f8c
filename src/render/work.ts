// The renderer's internal unit of browser work and what every step shares:
// the WorkItem (one distinct source + SVG options), the per-call JobOptions,
// the JobContext (pool, cache, events, test hooks), the timeout race and the
// two internal errors (a job over its time, a browser that died), the
// warning-only cache write. Used by ./plan.ts, ./jobs.ts, ./raster.ts and
// ./recovery.ts; nothing here drives a page itself.
import type { RenderCache } from './diagrams/cache.ts';
import type { PagePool } from './pool.ts';
import type { PreparedSource } from './diagrams/sanitize.ts';
import type { RenderError, RenderEvent, RenderResult } from './render-types.ts';
import type { Theme } from './themes.ts';

export interface CachedSvg {
  svg: string;
  width: number;
  height: number;
  warnings: string[];
}
export interface CachedSyntaxError {
  error: RenderError;
  warnings: string[];
}

/** A unit of browser work: one distinct (source, svg options) pair. */
export interface WorkItem {
  svgKey: string;
  pngKey: string;
  rootId: string;
  source: string;
  prep: PreparedSource;
  /** SVG from the cache (then only the PNG is missing). */
  cachedSvg?: CachedSvg;
  needPng: boolean;
  result?: Omit<RenderResult, 'id'>;
  /** Page-level failures retried so far. */
  retries: number;
  /** Said about this item's cache entries (a tampered entry), added to every job's warnings. */
  notes: string[];
}

/** The options of one render() call, resolved to their defaults. */
export interface JobOptions {
  theme: Theme;
  htmlLabels: boolean;
  background: string;
  scale: number;
  timeoutMs: number;
  wantPng: boolean;
}

/** What the job runners need from their Renderer. */
export interface JobContext {
  pool: PagePool;
  cache: RenderCache | null;
  emit(e: RenderEvent): void;
  /** The Renderer's test hooks, read per job (see RendererTestHooks in ./renderer.ts). */
  hooks(): JobHooks | undefined;
}

export interface JobHooks {
  /** Diagrams whose source contains `marker` never finish. */
  hang?: { marker: string; mode: 'busy' | 'never' };
  /** Called when a diagram (by its root id) starts on a page. */
  onJobStart?: (id: string) => void | Promise<void>;
}

export class BrowserGone extends Error {}
export class JobTimeout extends Error {}

export function timeoutRace<T>(p: Promise<T>, ms: number): Promise<T> {
  p.catch(() => undefined); // the loser may reject later (context closed)
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new JobTimeout(`timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** A cache write that fails (disk full, read-only dir) only costs a warning. */
export async function store(warnings: string[], write: () => Promise<void> | undefined): Promise<void> {
  try {
    await write();
  } catch (e) {
    warnings.push(`cache write failed: ${(e as Error).message}`);
  }
}

export function dedupe(xs: string[]): string[] {
  return [...new Set(xs)];
}
