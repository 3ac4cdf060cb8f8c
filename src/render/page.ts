// The pages of the pool: one page per browser context, each navigated to a
// small local HTML page that loads mermaid's bundled mermaid.min.js with a
// <script src> (much faster than injecting it) and the scripts of src/render/assets/,
// then sets `window.__ready` once fonts are loaded.
//
// Network: every request of the page goes through request interception. Only
// file:// URLs of the shipped assets are continued (the generated HTML's temp
// dir, src/render/assets/, mermaid.min.js, the @fontsource font packages) and
// data: URLs of fonts; everything else (http(s), other file:// paths such as
// file:///etc/passwd, data: images, …) is aborted and reported as a warning.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BrowserContext, HTTPRequest, Page } from 'puppeteer';
import type { BrowserHandle } from './browser.ts';
import type { OverlayArrow } from './diagrams/sanitize.ts';
import { CJK_CSS, FONT_FAMILY, fontAssetPaths, renderPageFontCss } from './fonts/fonts.ts';
import { escapeHtml as escapeAttr } from '../generate/escape.ts';

export { FONT_FAMILY };

const ASSETS_DIR = fileURLToPath(new URL('./assets/', import.meta.url));
/** The page's own scripts, in load order: the first three leave their functions for page.js. */
const PAGE_SCRIPTS = ['mermaid-config.js', 'svg-hygiene.js', 'arrows.js', 'page.js'];

function resolvePath(specifier: string): string | undefined {
  try {
    return fileURLToPath(import.meta.resolve(specifier));
  } catch {
    return undefined;
  }
}

const MERMAID_PKG = resolvePath('mermaid/package.json');
export const MERMAID_VERSION: string = MERMAID_PKG
  ? String((JSON.parse(readFileSync(MERMAID_PKG, 'utf8')) as { version?: unknown }).version ?? 'unknown')
  : 'unknown';

/**
 * The fonts mermaid-cli loads for its default themes (sequence actors use
 * "Open Sans"; the neo/redux themes use "Recursive Variable"). They are
 * transitive dependencies (via @mermaid-js/mermaid-cli); a missing one is
 * skipped, text then falls back to system fonts.
 */
const FONT_CSS = [
  '@fontsource/open-sans/400.css',
  '@fontsource/open-sans/400-italic.css',
  '@fontsource-variable/recursive/index.css',
];
// Diagram text itself is measured with the bundled fonts of ./fonts.ts (FONT_FAMILY); the CJK
// face is split by unicode-range and loaded per diagram for the characters it uses (assets/page.js).

export interface PageAssets {
  htmlUrl: string;
  /** Directories whose files the page may load. */
  allowedDirs: string[];
  /** Single files the page may load. */
  allowedFiles: string[];
  cleanup(): Promise<void>;
}

export async function prepareAssets(): Promise<PageAssets> {
  const mermaidJs =
    resolvePath('mermaid/dist/mermaid.min.js') ??
    (MERMAID_PKG ? join(dirname(MERMAID_PKG), 'dist', 'mermaid.min.js') : undefined);
  if (!mermaidJs) throw new Error('mermaid is not installed (cannot resolve mermaid/dist/mermaid.min.js)');
  const css = [...FONT_CSS.map(resolvePath), CJK_CSS ?? undefined].filter((p): p is string => p !== undefined);
  const fonts = fontAssetPaths();
  const dir = await mkdtemp(join(tmpdir(), 'coursemap-render-'));
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><title>coursemap render</title>
${css.map((p) => `<link rel="stylesheet" href="${escapeAttr(pathToFileURL(p).href)}">`).join('\n')}
<style>
${renderPageFontCss()}
html, body { margin: 0; padding: 0; background: transparent; }
#render { position: absolute; left: 0; top: 0; width: 2000px; }
#raster { position: absolute; left: 0; top: 0; display: inline-block; line-height: 0; }
</style>
<script src="${escapeAttr(pathToFileURL(mermaidJs).href)}"></script>
</head><body><div id="raster"></div><div id="render"></div>
${PAGE_SCRIPTS.map((f) => `<script src="${escapeAttr(pathToFileURL(join(ASSETS_DIR, f)).href)}"></script>`).join('\n')}
</body></html>
`;
  const htmlPath = join(dir, 'render.html');
  await writeFile(htmlPath, html);
  return {
    htmlUrl: pathToFileURL(htmlPath).href,
    allowedDirs: [dir, ASSETS_DIR, ...css.map((p) => dirname(p)), ...fonts.dirs],
    allowedFiles: [mermaidJs, ...fonts.files],
    async cleanup() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function isAllowedUrl(
  url: string,
  resourceType: string,
  assets: Pick<PageAssets, 'allowedDirs' | 'allowedFiles'>,
): boolean {
  if (url.startsWith('data:')) return resourceType === 'font';
  if (!url.startsWith('file://')) return false;
  let path: string;
  try {
    const u = new URL(url);
    if (u.host !== '' && u.host !== 'localhost') return false;
    path = normalize(fileURLToPath(u));
  } catch {
    return false;
  }
  if (assets.allowedFiles.includes(path)) return true;
  return assets.allowedDirs.some((d) => {
    const dir = d.endsWith(sep) ? d : d + sep;
    return path.startsWith(dir);
  });
}

function shortUrl(url: string): string {
  return url.length > 120 ? `${url.slice(0, 117)}...` : url;
}

export interface RenderRequest {
  id: string;
  source: string;
  theme: string;
  htmlLabels: boolean;
  background: string;
  fontFamily: string;
  maxTextSize: number;
  /** Arrows drawn over the laid-out flowchart (assets/arrows.js). */
  arrows?: OverlayArrow[];
  hang?: 'busy' | 'never';
}

export type PageRenderResult =
  | { ok: true; svg: string; width: number; height: number; warnings: string[] }
  | { ok: false; phase: 'parse' | 'render'; error: PageError; warnings: string[] };

export interface PageError {
  message: string;
  line: number | null;
  column: number | null;
  name: string;
}

interface CmWindow {
  __cm: {
    render(req: RenderRequest): Promise<PageRenderResult>;
    parse(req: Omit<RenderRequest, 'id'>): Promise<{ ok: true } | { ok: false; error: PageError }>;
    raster(req: { svg: string; background: string }): Promise<{ x: number; y: number; width: number; height: number }>;
    clearRaster(): void;
  };
}

/** One pooled page in its own browser context. Use through SlotPool (one job at a time). */
export class Slot {
  readonly index: number;
  private readonly handle: BrowserHandle;
  private readonly assets: PageAssets;
  private readonly timeoutMs: number;
  private context: BrowserContext | null = null;
  private page: Page | null = null;
  private opening: Promise<Page> | null = null;
  private deviceScaleFactor = 1;
  /** Warnings of the job currently running (blocked requests land here). */
  sink: string[] | null = null;
  /** Set when the page crashed; the next ensure() opens a fresh one. */
  broken = false;
  /** ms it took to open + load mermaid the last time (for benchmarks). */
  lastReadyMs = 0;

  constructor(index: number, handle: BrowserHandle, assets: PageAssets, timeoutMs: number) {
    this.index = index;
    this.handle = handle;
    this.assets = assets;
    this.timeoutMs = timeoutMs;
  }

  async ensure(): Promise<Page> {
    if (this.broken) await this.dispose();
    if (this.page) return this.page;
    this.opening ??= this.open().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  private async open(): Promise<Page> {
    const t0 = performance.now();
    const context = await this.handle.browser.createBrowserContext();
    this.context = context;
    const page = await context.newPage();
    page.setDefaultTimeout(this.timeoutMs);
    page.on('error', () => {
      this.broken = true;
    });
    await page.setRequestInterception(true);
    page.on('request', (req: HTTPRequest) => {
      if (req.isInterceptResolutionHandled()) return;
      const url = req.url();
      if (isAllowedUrl(url, req.resourceType(), this.assets)) {
        req.continue().catch(() => undefined);
      } else {
        this.sink?.push(`blocked request: ${shortUrl(url)}`);
        req.abort('blockedbyclient').catch(() => undefined);
      }
    });
    await page.setViewport({ width: 1280, height: 800, deviceScaleFactor: 1 });
    this.deviceScaleFactor = 1;
    await page.goto(this.assets.htmlUrl, { waitUntil: 'load', timeout: this.timeoutMs });
    await page.waitForFunction('window.__ready === true', { timeout: this.timeoutMs });
    this.page = page;
    this.broken = false;
    this.lastReadyMs = performance.now() - t0;
    return page;
  }

  /** Close this slot's context (kills its renderer); the next ensure() opens a new one. */
  async dispose(): Promise<void> {
    const context = this.context;
    this.context = null;
    this.page = null;
    this.broken = false;
    if (context && this.handle.browser.connected) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        context.close().catch(() => undefined),
        new Promise<void>((r) => {
          timer = setTimeout(r, 5000);
        }),
      ]).finally(() => clearTimeout(timer));
    }
  }

  async render(req: RenderRequest): Promise<PageRenderResult> {
    const page = await this.ensure();
    if (this.deviceScaleFactor !== 1) {
      await page.setViewport({ width: 1280, height: 800, deviceScaleFactor: 1 });
      this.deviceScaleFactor = 1;
    }
    return page.evaluate((r) => (window as unknown as CmWindow).__cm.render(r), req);
  }

  async parse(req: Omit<RenderRequest, 'id'>): Promise<{ ok: true } | { ok: false; error: PageError }> {
    const page = await this.ensure();
    return page.evaluate((r) => (window as unknown as CmWindow).__cm.parse(r), req);
  }

  /** Screenshot an already rendered SVG at `scale` device pixels per CSS pixel. */
  async png(svg: string, width: number, height: number, background: string, scale: number): Promise<Uint8Array> {
    const page = await this.ensure();
    const w = Math.max(1, Math.ceil(width));
    const h = Math.max(1, Math.ceil(height));
    await page.setViewport({ width: w, height: h, deviceScaleFactor: scale });
    this.deviceScaleFactor = scale;
    const box = await page.evaluate((r) => (window as unknown as CmWindow).__cm.raster(r), { svg, background });
    try {
      const bytes = await page.screenshot({
        type: 'png',
        clip: { x: 0, y: 0, width: Math.max(1, box.width), height: Math.max(1, box.height) },
        omitBackground: background === 'transparent',
        captureBeyondViewport: false,
      });
      return new Uint8Array(bytes);
    } finally {
      await page.evaluate(() => (window as unknown as CmWindow).__cm.clearRaster()).catch(() => undefined);
    }
  }
}
