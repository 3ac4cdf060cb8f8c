// Document pages: HTML outputs (slide decks, study maps) opened in the build's shared browser,
// each in its own browser context, with the same sandbox as diagram pages: only file:// URLs
// under the allowed folders (the page's own folder, bundled assets) and data: URLs load;
// every other request is aborted and reported.
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { HTTPRequest, Page } from 'puppeteer';
import { isAllowedUrl } from '../page.ts';
import type { Renderer } from '../renderer.ts';

export interface DocumentPageOptions {
  /** The HTML file to open. Its folder is always allowed. */
  file: string;
  /** More folders the page may read from (e.g. node_modules/reveal.js/dist). */
  allowDirs?: string[];
  width: number;
  height: number;
  /** deviceScaleFactor: PNG pixels per CSS pixel. */
  scale?: number;
  /** Navigation and ready-signal timeout, ms (default 30 s). */
  timeoutMs?: number;
  /** JavaScript expression that becomes truthy when the page is ready (default: document fonts loaded). */
  readyWhen?: string;
  /** Sink for blocked-request warnings. */
  warnings?: string[];
}

/** A document page open in its own context of the shared browser; close() closes the context. */
export interface OpenDocumentPage {
  page: Page;
  close(): Promise<void>;
}

/**
 * Opens `file` in a fresh, sandboxed context of the shared browser and waits until it is ready.
 * The page may go on to other files of the same folder (they are allowed); blocked requests are
 * said in `options.warnings` as it is when they happen (a caller may point it elsewhere).
 */
export async function openDocumentPage(renderer: Renderer, options: DocumentPageOptions): Promise<OpenDocumentPage> {
  const { browser } = await renderer.sharedBrowser();
  const context = await browser.createBrowserContext();
  const close = () => context.close().catch(() => undefined);
  try {
    const page = await context.newPage();
    const timeout = options.timeoutMs ?? 30_000;
    page.setDefaultTimeout(timeout);
    const allowed = {
      allowedDirs: [dirname(options.file), ...(options.allowDirs ?? [])],
      allowedFiles: [options.file],
    };
    await page.setRequestInterception(true);
    page.on('request', (req: HTTPRequest) => {
      if (req.isInterceptResolutionHandled()) return;
      const url = req.url();
      // Inline images and fonts of our own pages are data: URLs; any other scheme or path is blocked.
      if (url.startsWith('data:') || isAllowedUrl(url, req.resourceType(), allowed))
        req.continue().catch(() => undefined);
      else {
        options.warnings?.push(`blocked request: ${url.length > 120 ? `${url.slice(0, 117)}...` : url}`);
        req.abort('blockedbyclient').catch(() => undefined);
      }
    });
    await page.setViewport({ width: options.width, height: options.height, deviceScaleFactor: options.scale ?? 1 });
    await page.goto(pathToFileURL(options.file).href, { waitUntil: 'load', timeout });
    await page.waitForFunction(options.readyWhen ?? 'document.fonts.status === "loaded"', { timeout });
    return { page, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Opens `file` in a fresh, sandboxed context of the shared browser, runs `fn`, always closes it. */
export async function withDocumentPage<T>(
  renderer: Renderer,
  options: DocumentPageOptions,
  fn: (page: Page) => Promise<T>,
): Promise<T> {
  const open = await openDocumentPage(renderer, options);
  try {
    return await fn(open.page);
  } finally {
    await open.close();
  }
}
