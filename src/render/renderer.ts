// Renderer: the only object of coursemap that drives a browser.
//
//   await withRenderer({}, async (r) => r.render(jobs, { formats: ['svg', 'png'] }));
//
// - One Chromium per Renderer, launched lazily on the first job that is not in
//   the cache (or connected to `browserWSEndpoint`), closed by close().
// - A pool of `poolSize` pages (default: number of cores), each in its own
//   browser context, with mermaid loaded once per page.
// - Per-diagram timeout: the page is thrown away (its context closed), the
//   other diagrams go on. A browser that dies mid-batch is relaunched once per
//   render() call and the unfinished diagrams retried; a second death turns
//   the remaining diagrams into `crash` errors.
// - Results are cached (./cache.ts) by content; a fully cached call never
//   launches the browser.
//
// This file is the public face: the Renderer's lifecycle, render() and
// validate(). The parts live in
//   ./render-types.ts  limits, options, results, errors, events (re-exported here)
//   ./pool.ts          the browser and its page pool
//   ./plan.ts          options, cache look-ups, work items, assembling results
//   ./recovery.ts      running a batch on the pool, relaunch after a crash
//   ./jobs.ts          one diagram on one page (SVG, timeouts, page retry)
//   ./raster.ts        the PNG pass and its size limits
//   ./work.ts          the work item and the helpers those steps share
import { availableParallelism } from 'node:os';
import type { BrowserHandle, BrowserOptions } from './browser.ts';
import { RenderCache, type RenderCacheOptions } from './diagrams/cache.ts';
import { registerCleanup } from './cleanup.ts';
import { FONT_FAMILY } from './page.ts';
import { assemble, plan, resolveOptions } from './diagrams/plan.ts';
import { PagePool } from './pool.ts';
import { runWithRetry } from './recovery.ts';
import {
  MAX_TEXT_SIZE,
  type RenderEvent,
  type RenderJob,
  type RenderOptions,
  type RenderResult,
  type ValidateResult,
} from './render-types.ts';
import { mapPosition, prepareSource } from './diagrams/sanitize.ts';
import { JobTimeout, timeoutRace, type CachedSvg, type JobContext, type JobHooks } from './work.ts';

export { THEMES, type Theme } from './themes.ts';
export {
  RENDERER_VERSION,
  type Format,
  type RenderOptions,
  type RenderResult,
  type RenderJob,
  type ValidateResult,
  type RenderEvent,
} from './render-types.ts';
export { diagramId } from './diagrams/plan.ts';

/** Hooks for tests only. */
export interface RendererTestHooks {
  /** Diagrams whose source contains `marker` never finish ('busy': the page's JS spins forever). */
  hang?: { marker: string; mode: 'busy' | 'never' };
  /** Called when a diagram (identified by its root id, see diagramId()) starts on a page, e.g. to kill the browser mid-batch. */
  onJobStart?: (id: string, renderer: Renderer) => void | Promise<void>;
}

export interface RendererOptions extends BrowserOptions {
  /** Pages in the pool; default: the number of cores (os.availableParallelism()), at most 8. */
  poolSize?: number;
  /** Cache: false to disable; default a RenderCache in `.coursemap-cache/` of the cwd. */
  cache?: false | RenderCache | RenderCacheOptions;
  onEvent?: (event: RenderEvent) => void;
  /**
   * Without a cache: keep the SVGs laid out, so a diagram asked for again (a build measures an
   * authored diagram's variants, then renders the chosen ones with their PNGs) is not laid out
   * twice. Off by default: the renderer's tests lay the same diagram out again on purpose.
   */
  keepSvgs?: boolean;
  testHooks?: RendererTestHooks;
}

export class Renderer {
  private readonly options: RendererOptions;
  private readonly cache: RenderCache | null;
  readonly poolSize: number;
  private readonly pool: PagePool;
  private readonly ctx: JobContext;

  private constructor(options: RendererOptions) {
    this.options = options;
    const c = options.cache;
    this.cache = c === false ? null : c instanceof RenderCache ? c : new RenderCache(c ?? {});
    const cores = availableParallelism();
    this.poolSize = Math.max(1, Math.floor(options.poolSize ?? Math.min(cores, 8)));
    const emit = (e: RenderEvent) => this.emit(e);
    this.pool = new PagePool(this.poolSize, options, emit);
    this.ctx = { pool: this.pool, cache: this.cache, emit, hooks: () => this.jobHooks() };
  }

  /** Creates a renderer; the browser is launched lazily on the first uncached job. */
  static async open(options: RendererOptions = {}): Promise<Renderer> {
    const renderer = new Renderer(options);
    renderer.unregister = registerCleanup(() => renderer.close());
    return renderer;
  }

  private unregister: () => void = () => undefined;

  /** Number of times a browser was launched/connected (for tests and logs). */
  get launches(): number {
    return this.pool.launches;
  }

  /** pid (= process group) of the launched browser, null when none / remote. */
  browserPid(): number | null {
    return this.pool.current?.pid ?? null;
  }

  /** Whether a browser is currently running/connected. */
  get browserStarted(): boolean {
    return this.pool.current !== null;
  }

  private emit(e: RenderEvent): void {
    try {
      this.options.onEvent?.(e);
    } catch {
      // listeners must not break rendering
    }
  }

  /** The options' test hooks as the job runners take them (onJobStart gets this renderer). */
  private jobHooks(): JobHooks | undefined {
    const h = this.options.testHooks;
    if (!h) return undefined;
    const start = h.onJobStart;
    return { ...(h.hang ? { hang: h.hang } : {}), ...(start ? { onJobStart: (id: string) => start(id, this) } : {}) };
  }

  /**
   * Closes the diagram pages (each with mermaid loaded, a renderer process of its own) until a
   * render() needs them again: a build's document stages that follow use pages of their own, and
   * the idle diagram pages were a few hundred MB of its peak memory.
   */
  async releasePages(): Promise<void> {
    await this.pool.disposeIdle();
  }

  /** The build's one browser (launched on first use), for document pages (decks, print). */
  async sharedBrowser(): Promise<BrowserHandle> {
    return this.pool.ensureBrowser();
  }

  /**
   * Renders every job; never rejects for a bad diagram (see RenderResult.error).
   * Results are in the order of `jobs`.
   */
  async render(jobs: RenderJob[], options: RenderOptions): Promise<RenderResult[]> {
    if (this.pool.closed) throw new Error('Renderer is closed');
    const { wantSvg, ...o } = resolveOptions(options);
    const p = await plan(jobs, o, this.cache);
    const todo = [...p.items.values()].filter((it) => !it.result);
    for (const item of todo) {
      const svg = this.madeSvgs.get(item.svgKey);
      if (!svg || item.cachedSvg) continue;
      item.cachedSvg = svg;
      if (!o.wantPng) item.result = { ...svg, warnings: [...svg.warnings] };
    }
    const left = todo.filter((it) => !it.result);
    if (left.length > 0) await runWithRetry(this.ctx, left, o);
    if (!this.cache && this.options.keepSvgs)
      for (const item of left) {
        const r = item.result;
        if (r?.svg !== undefined && !r.error)
          this.madeSvgs.set(item.svgKey, { svg: r.svg, width: r.width, height: r.height, warnings: r.warnings });
      }
    return assemble(jobs, p, wantSvg, o.wantPng);
  }

  /** With `keepSvgs` and no cache, the SVGs this renderer laid out, by cache key (see RendererOptions.keepSvgs). */
  private readonly madeSvgs = new Map<string, CachedSvg>();

  /** Parses one diagram (no layout, no cache). Launches the browser if needed. */
  async validate(source: string): Promise<ValidateResult> {
    if (source.length > MAX_TEXT_SIZE) {
      return {
        ok: false,
        error: {
          message: `diagram is ${source.length} characters, over mermaid's maxTextSize (${MAX_TEXT_SIZE})`,
          line: null,
          column: null,
        },
        warnings: [],
      };
    }
    const prep = prepareSource(source);
    for (let attempt = 0; attempt < 2; attempt++) {
      await this.pool.ensureBrowser();
      const slot = await this.pool.acquire();
      try {
        const r = await timeoutRace(
          slot.parse({
            source: prep.text,
            theme: 'default',
            htmlLabels: false,
            background: 'white',
            fontFamily: FONT_FAMILY,
            maxTextSize: MAX_TEXT_SIZE,
          }),
          15_000,
        );
        if (r.ok) return { ok: true, warnings: prep.warnings };
        const pos = mapPosition(prep, source, r.error.line, r.error.column);
        return {
          ok: false,
          error: { message: r.error.message, line: pos.line, column: pos.column },
          warnings: prep.warnings,
        };
      } catch (e) {
        if (e instanceof JobTimeout) {
          await slot.dispose();
          return {
            ok: false,
            error: { message: 'validation timed out', line: null, column: null },
            warnings: prep.warnings,
          };
        }
        if (await this.pool.browserAlive()) {
          await slot.dispose();
          if (attempt === 1) throw e;
        } else {
          await this.pool.discardBrowser();
          if (attempt === 1) throw e;
        }
      } finally {
        this.pool.release(slot);
      }
    }
    throw new Error('unreachable');
  }

  /** Closes pages and the browser (or disconnects from a remote one). Idempotent. */
  async close(): Promise<void> {
    if (this.pool.closed) return;
    this.unregister();
    await this.pool.close();
  }
}

/** Opens a Renderer, runs fn, and always closes it (in `finally`). */
export async function withRenderer<T>(options: RendererOptions, fn: (r: Renderer) => Promise<T>): Promise<T> {
  const r = await Renderer.open(options);
  try {
    return await fn(r);
  } finally {
    await r.close();
  }
}
