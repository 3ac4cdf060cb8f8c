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
import { registerCleanup } from './cleanup.ts';
import { THEMES, type Theme } from './themes.ts';
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { openBrowser, type BrowserHandle, type BrowserOptions } from './browser.ts';
import { RenderCache, cacheKey, type RenderCacheOptions } from './cache.ts';
import { FONT_FAMILY, MERMAID_VERSION, Slot, prepareAssets, type PageAssets, type PageRenderResult } from './page.ts';
import { mapPosition, prepareSource, type PreparedSource } from './sanitize.ts';

/** Bump when a change of src/render/ changes output bytes (invalidates caches). */
export const RENDERER_VERSION = 3;
/** mermaid's default maxTextSize; longer sources are rejected as 'too-large'. */
export const MAX_TEXT_SIZE = 50_000;
/** Largest PNG side / area we ask Chromium for. */
export const MAX_PNG_SIDE = 16_384;
export const MAX_PNG_PIXELS = 100_000_000;

export { THEMES, type Theme } from './themes.ts';
export type Format = 'svg' | 'png';

export interface RenderOptions {
  /** mermaid theme, default 'default'. A diagram's own init directive may pick another. */
  theme?: Theme;
  /** CSS colour behind the diagram (SVG style + PNG), 'white' by default; 'transparent' for none. */
  background?: string;
  /** PNG device pixels per SVG pixel, default 2. */
  scale?: number;
  /** Per-diagram time limit (ms), default 15000. */
  timeoutMs?: number;
  formats: Format[];
  /** HTML labels (<foreignObject>); default false, so labels are real SVG <text>. */
  htmlLabels?: boolean;
}

export type RenderErrorKind = 'syntax' | 'render' | 'timeout' | 'crash' | 'too-large';

export interface RenderError {
  message: string;
  /** 1-based line in the job's `source` (null when mermaid gives none). */
  line: number | null;
  /** 1-based column (null when unknown). */
  column: number | null;
  /**
   * syntax: mermaid rejected the source (parse error, unknown diagram type);
   * render: parsed, but layout/rendering threw (e.g. a blocked image);
   * timeout: over timeoutMs; crash: the browser died (twice) or could not start;
   * too-large: source over mermaid's maxTextSize, or PNG over MAX_PNG_SIDE/MAX_PNG_PIXELS
   *   (the SVG is still returned in that case).
   */
  kind: RenderErrorKind;
}

export interface RenderResult {
  id: string;
  svg?: string;
  png?: Uint8Array;
  /** SVG size in CSS px (its width/height attributes); 0 when nothing was rendered. */
  width: number;
  height: number;
  error?: RenderError;
  warnings: string[];
  /** true when served from the cache. */
  cached?: boolean;
}

export interface RenderJob {
  id: string;
  source: string;
}

export interface ValidateResult {
  ok: boolean;
  error?: { message: string; line: number | null; column: number | null };
  warnings: string[];
}

/** Timing / lifecycle events, for logs and benchmarks. */
export type RenderEvent =
  | { type: 'launch'; ms: number; remote: boolean; pid: number | null }
  | { type: 'page-ready'; slot: number; ms: number }
  | { type: 'job'; id: string; ms: number; svgMs: number; pngMs: number; ok: boolean }
  | { type: 'timeout'; id: string }
  | { type: 'crash'; attempt: number };

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
  testHooks?: RendererTestHooks;
}

interface CachedSvg {
  svg: string;
  width: number;
  height: number;
  warnings: string[];
}
interface CachedSyntaxError {
  error: RenderError;
  warnings: string[];
}

/** A unit of browser work: one distinct (source, svg options) pair. */
interface WorkItem {
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
}

class BrowserGone extends Error {}
class JobTimeout extends Error {}

/** `cm-` + 12 hex of sha256(source + theme): the SVG root id, stable across runs. */
export function diagramId(source: string, theme: string): string {
  return `cm-${createHash('sha256').update(`${theme}\0${source}`).digest('hex').slice(0, 12)}`;
}

function timeoutRace<T>(p: Promise<T>, ms: number): Promise<T> {
  p.catch(() => undefined); // the loser may reject later (context closed)
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new JobTimeout(`timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export class Renderer {
  private readonly options: RendererOptions;
  private readonly cache: RenderCache | null;
  readonly poolSize: number;
  private handle: BrowserHandle | null = null;
  private launching: Promise<BrowserHandle> | null = null;
  private assets: PageAssets | null = null;
  private slots: Slot[] = [];
  private idle: Slot[] = [];
  private waiters: Array<{ resolve: (s: Slot) => void; reject: (e: Error) => void }> = [];
  private closed = false;
  /** Number of times a browser was launched/connected (for tests and logs). */
  launches = 0;

  private constructor(options: RendererOptions) {
    this.options = options;
    const c = options.cache;
    this.cache = c === false ? null : c instanceof RenderCache ? c : new RenderCache(c ?? {});
    const cores = availableParallelism();
    this.poolSize = Math.max(1, Math.floor(options.poolSize ?? Math.min(cores, 8)));
  }

  /** Creates a renderer; the browser is launched lazily on the first uncached job. */
  static async open(options: RendererOptions = {}): Promise<Renderer> {
    const renderer = new Renderer(options);
    renderer.unregister = registerCleanup(() => renderer.close());
    return renderer;
  }

  private unregister: () => void = () => undefined;

  /** pid (= process group) of the launched browser, null when none / remote. */
  browserPid(): number | null {
    return this.handle?.pid ?? null;
  }

  /** Whether a browser is currently running/connected. */
  get browserStarted(): boolean {
    return this.handle !== null;
  }

  private emit(e: RenderEvent): void {
    try {
      this.options.onEvent?.(e);
    } catch {
      // listeners must not break rendering
    }
  }

  /** The build's one browser (launched on first use), for document pages (decks, print). */
  async sharedBrowser(): Promise<BrowserHandle> {
    return this.ensureBrowser();
  }

  private async ensureBrowser(): Promise<BrowserHandle> {
    if (this.closed) throw new Error('Renderer is closed');
    if (this.handle) return this.handle;
    this.launching ??= (async () => {
      const t0 = performance.now();
      this.assets ??= await prepareAssets();
      const handle = await openBrowser(this.options);
      this.launches++;
      if (this.closed) {
        await handle.close();
        throw new Error('Renderer is closed');
      }
      this.handle = handle;
      this.emit({ type: 'launch', ms: performance.now() - t0, remote: handle.remote, pid: handle.pid });
      this.slots = [];
      this.idle = [];
      for (let i = 0; i < this.poolSize; i++) {
        const s = new Slot(i, handle, this.assets, this.options.launchTimeoutMs ?? 30_000);
        this.slots.push(s);
        this.release(s); // to a waiter from before a relaunch, else idle
      }
      return handle;
    })().finally(() => {
      this.launching = null;
    });
    return this.launching;
  }

  private async acquire(): Promise<Slot> {
    if (this.closed) throw new Error('Renderer is closed');
    const slot = this.idle.shift();
    if (slot) return slot;
    return new Promise<Slot>((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private release(slot: Slot): void {
    if (!this.slots.includes(slot)) {
      // Belongs to a discarded browser: hand a slot of the current one to a waiter, if any.
      const fresh = this.idle.shift();
      if (fresh) this.release(fresh);
      return;
    }
    const w = this.waiters.shift();
    if (w) w.resolve(slot);
    else this.idle.push(slot);
  }

  /** Throw away the current browser (after a crash): kill its processes, drop its slots. */
  private async discardBrowser(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    this.slots = [];
    this.idle = [];
    if (handle) await handle.close();
  }

  private async browserAlive(): Promise<boolean> {
    const h = this.handle;
    if (!h || !h.browser.connected) return false;
    try {
      const v = await Promise.race([
        h.browser.version(),
        new Promise<undefined>((r) => setTimeout(() => r(undefined), 3000).unref()),
      ]);
      return v !== undefined && h.browser.connected;
    } catch {
      return false;
    }
  }

  /**
   * Renders every job; never rejects for a bad diagram (see RenderResult.error).
   * Results are in the order of `jobs`.
   */
  async render(jobs: RenderJob[], options: RenderOptions): Promise<RenderResult[]> {
    if (this.closed) throw new Error('Renderer is closed');
    const theme = options.theme ?? 'default';
    if (!THEMES.includes(theme)) throw new Error(`unknown theme: ${String(theme)}`);
    const formats = new Set(options.formats);
    if (formats.size === 0) throw new Error('RenderOptions.formats is empty');
    const scale = options.scale ?? 2;
    if (!(scale > 0 && scale <= 8)) throw new Error(`scale must be in (0, 8]: ${scale}`);
    const background = options.background ?? 'white';
    if (!/^[#\w(),.%\s-]+$/.test(background)) throw new Error(`invalid background: ${background}`);
    const htmlLabels = options.htmlLabels ?? false;
    const timeoutMs = options.timeoutMs ?? 15_000;
    const wantSvg = formats.has('svg');
    const wantPng = formats.has('png');

    const results: RenderResult[] = new Array<RenderResult>(jobs.length);
    const items = new Map<string, WorkItem>();
    const itemOfJob: Array<WorkItem | undefined> = [];

    for (const [i, job] of jobs.entries()) {
      if (job.source.length > MAX_TEXT_SIZE) {
        results[i] = {
          id: job.id,
          width: 0,
          height: 0,
          warnings: [],
          error: { kind: 'too-large', message: `diagram is ${job.source.length} characters, over mermaid's maxTextSize (${MAX_TEXT_SIZE})`, line: null, column: null },
        };
        continue;
      }
      const svgKey = cacheKey({ r: RENDERER_VERSION, mermaid: MERMAID_VERSION, source: job.source, theme, htmlLabels, background, font: FONT_FAMILY });
      const pngKey = cacheKey({ svgKey, scale });
      let item = items.get(svgKey);
      if (!item) {
        item = { svgKey, pngKey, rootId: diagramId(job.source, theme), source: job.source, prep: prepareSource(job.source), needPng: wantPng, retries: 0 };
        if (this.cache) {
          const hit = await this.cache.getJson<CachedSvg | CachedSyntaxError>(svgKey);
          if (hit && 'error' in hit && hit.error) {
            item.result = { width: 0, height: 0, warnings: hit.warnings, error: hit.error, cached: true };
          } else if (hit && 'svg' in hit && typeof hit.svg === 'string') {
            item.cachedSvg = hit;
            const png = wantPng ? await this.cache.get(pngKey, 'png') : undefined;
            if (!wantPng || png) {
              item.result = { svg: hit.svg, width: hit.width, height: hit.height, warnings: hit.warnings, cached: true };
              if (png) item.result.png = png;
            }
          }
        }
        items.set(svgKey, item);
      }
      itemOfJob[i] = item;
    }

    const todo = [...items.values()].filter((it) => !it.result);
    if (todo.length > 0) await this.runWithRetry(todo, { theme, htmlLabels, background, scale, timeoutMs, wantPng });

    for (const [i, job] of jobs.entries()) {
      const item = itemOfJob[i];
      if (!item) continue;
      const r = item.result ?? { width: 0, height: 0, warnings: [], error: { kind: 'crash', message: 'not rendered', line: null, column: null } };
      const out: RenderResult = { id: job.id, width: r.width, height: r.height, warnings: [...r.warnings] };
      if (wantSvg && r.svg !== undefined) out.svg = r.svg;
      if (wantPng && r.png !== undefined) out.png = r.png;
      if (r.error) out.error = r.error;
      if (r.cached) out.cached = true;
      results[i] = out;
    }
    return results;
  }

  private async runWithRetry(items: WorkItem[], o: JobOptions): Promise<void> {
    let pending = items;
    for (let attempt = 1; pending.length > 0; attempt++) {
      let leftover: WorkItem[];
      try {
        await this.ensureBrowser();
        leftover = await this.runItems(pending, o);
      } catch (e) {
        if (this.closed) throw e;
        // Launch failure: nothing can run.
        for (const it of pending) {
          it.result = { width: 0, height: 0, warnings: [], error: { kind: 'crash', message: `browser could not be started: ${(e as Error).message}`, line: null, column: null } };
        }
        await this.discardBrowser();
        return;
      }
      if (leftover.length === 0) return;
      this.emit({ type: 'crash', attempt });
      await this.discardBrowser();
      if (attempt >= 2) {
        for (const it of leftover) {
          it.result = {
            width: 0,
            height: 0,
            warnings: [],
            error: { kind: 'crash', message: `the browser crashed twice during this render; ${leftover.length} diagram(s) not rendered`, line: null, column: null },
          };
        }
        return;
      }
      pending = leftover;
    }
  }

  /** Runs items on the pool; returns the items left undone because the browser died. */
  private async runItems(items: WorkItem[], o: JobOptions): Promise<WorkItem[]> {
    const queue = [...items];
    const undone: WorkItem[] = [];
    let dead = false;
    const workers = Math.min(this.poolSize, queue.length);
    await Promise.all(
      Array.from({ length: workers }, async () => {
        if (dead) return;
        const slot = await this.acquire();
        try {
          while (!dead) {
            const item = queue.shift();
            if (!item) break;
            try {
              await this.runItem(slot, item, o);
            } catch (e) {
              if (e instanceof BrowserGone) {
                dead = true;
                undone.push(item);
              } else {
                throw e;
              }
            }
          }
        } finally {
          this.release(slot);
        }
      }),
    );
    if (dead) undone.push(...queue.splice(0));
    return undone;
  }

  private async runItem(slot: Slot, item: WorkItem, o: JobOptions): Promise<void> {
    const warnings = [...item.prep.warnings];
    slot.sink = warnings;
    const t0 = performance.now();
    let svgMs = 0;
    let pngMs = 0;
    try {
      const hooks = this.options.testHooks;
      if (hooks?.onJobStart) await hooks.onJobStart(item.rootId, this);
      if (!slot.broken) await slot.ensure();
      if (slot.lastReadyMs > 0) {
        this.emit({ type: 'page-ready', slot: slot.index, ms: slot.lastReadyMs });
        slot.lastReadyMs = 0;
      }
      let svg: CachedSvg;
      if (item.cachedSvg) {
        svg = item.cachedSvg;
      } else {
        const hang = hooks?.hang && item.source.includes(hooks.hang.marker) ? hooks.hang.mode : undefined;
        const req = {
          id: item.rootId,
          source: item.prep.text,
          theme: o.theme,
          htmlLabels: o.htmlLabels,
          background: o.background,
          fontFamily: FONT_FAMILY,
          maxTextSize: MAX_TEXT_SIZE,
          ...(hang ? { hang } : {}),
        };
        const r: PageRenderResult = await timeoutRace(slot.render(req), o.timeoutMs);
        svgMs = performance.now() - t0;
        warnings.push(...r.warnings);
        if (!r.ok) {
          const pos = mapPosition(item.prep, item.source, r.error.line, r.error.column);
          const error: RenderError = { kind: r.phase === 'parse' ? 'syntax' : 'render', message: r.error.message, line: pos.line, column: pos.column };
          item.result = { width: 0, height: 0, warnings: dedupe(warnings), error };
          if (error.kind === 'syntax') await this.store(warnings, () => this.cache?.putJson(item.svgKey, { error, warnings: dedupe(warnings) } satisfies CachedSyntaxError));
          return;
        }
        svg = { svg: r.svg, width: r.width, height: r.height, warnings: dedupe(warnings) };
        await this.store(warnings, () => this.cache?.putJson(item.svgKey, svg));
      }
      item.result = { svg: svg.svg, width: svg.width, height: svg.height, warnings: [...svg.warnings] };
      if (o.wantPng) {
        const pw = Math.ceil(svg.width * o.scale);
        const ph = Math.ceil(svg.height * o.scale);
        if (pw > MAX_PNG_SIDE || ph > MAX_PNG_SIDE || pw * ph > MAX_PNG_PIXELS) {
          item.result.error = { kind: 'too-large', message: `PNG would be ${pw}x${ph} px (limit ${MAX_PNG_SIDE} px a side, ${MAX_PNG_PIXELS} px in all); lower the scale`, line: null, column: null };
          return;
        }
        const tp = performance.now();
        const png = await timeoutRace(slot.png(svg.svg, svg.width, svg.height, o.background, o.scale), o.timeoutMs);
        pngMs = performance.now() - tp;
        item.result.png = png;
        await this.store(warnings, () => this.cache?.put(item.pngKey, 'png', png));
      }
      // Blocked requests during the PNG pass (e.g. an <image> in the SVG).
      item.result.warnings = dedupe([...item.result.warnings, ...warnings]);
    } catch (e) {
      if (e instanceof JobTimeout) {
        this.emit({ type: 'timeout', id: item.rootId });
        item.result = { width: 0, height: 0, warnings: dedupe(warnings), error: { kind: 'timeout', message: `diagram did not finish within ${o.timeoutMs} ms`, line: null, column: null } };
        await slot.dispose();
        return;
      }
      if (!(await this.browserAlive())) throw new BrowserGone((e as Error).message);
      // The page (not the browser) failed: fresh page, one retry.
      await slot.dispose();
      if (item.retries < 1) {
        item.retries++;
        slot.sink = null;
        await this.runItem(slot, item, o);
        return;
      }
      item.result = { width: 0, height: 0, warnings: dedupe(warnings), error: { kind: 'crash', message: `page failed: ${(e as Error).message}`, line: null, column: null } };
    } finally {
      slot.sink = null;
      this.emit({ type: 'job', id: item.rootId, ms: performance.now() - t0, svgMs, pngMs, ok: item.result !== undefined && !item.result.error });
    }
  }

  /** A cache write that fails (disk full, read-only dir) only costs a warning. */
  private async store(warnings: string[], write: () => Promise<void> | undefined): Promise<void> {
    try {
      await write();
    } catch (e) {
      warnings.push(`cache write failed: ${(e as Error).message}`);
    }
  }

  /** Parses one diagram (no layout, no cache). Launches the browser if needed. */
  async validate(source: string): Promise<ValidateResult> {
    if (source.length > MAX_TEXT_SIZE) {
      return { ok: false, error: { message: `diagram is ${source.length} characters, over mermaid's maxTextSize (${MAX_TEXT_SIZE})`, line: null, column: null }, warnings: [] };
    }
    const prep = prepareSource(source);
    for (let attempt = 0; attempt < 2; attempt++) {
      await this.ensureBrowser();
      const slot = await this.acquire();
      try {
        const r = await timeoutRace(
          slot.parse({ source: prep.text, theme: 'default', htmlLabels: false, background: 'white', fontFamily: FONT_FAMILY, maxTextSize: MAX_TEXT_SIZE }),
          15_000,
        );
        if (r.ok) return { ok: true, warnings: prep.warnings };
        const pos = mapPosition(prep, source, r.error.line, r.error.column);
        return { ok: false, error: { message: r.error.message, line: pos.line, column: pos.column }, warnings: prep.warnings };
      } catch (e) {
        if (e instanceof JobTimeout) {
          await slot.dispose();
          return { ok: false, error: { message: 'validation timed out', line: null, column: null }, warnings: prep.warnings };
        }
        if (await this.browserAlive()) {
          await slot.dispose();
          if (attempt === 1) throw e;
        } else {
          await this.discardBrowser();
          if (attempt === 1) throw e;
        }
      } finally {
        this.release(slot);
      }
    }
    throw new Error('unreachable');
  }

  /** Closes pages and the browser (or disconnects from a remote one). Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unregister();
    if (this.launching) await this.launching.catch(() => undefined);
    const slots = this.slots;
    if (this.handle?.remote) await Promise.all(slots.map((s) => s.dispose()));
    for (const w of this.waiters.splice(0)) w.reject(new Error('Renderer is closed'));
    await this.discardBrowser();
    await this.assets?.cleanup();
    this.assets = null;
  }
}

interface JobOptions {
  theme: Theme;
  htmlLabels: boolean;
  background: string;
  scale: number;
  timeoutMs: number;
  wantPng: boolean;
}

function dedupe(xs: string[]): string[] {
  return [...new Set(xs)];
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
