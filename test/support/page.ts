// One built page (deck, chapter page, study map…) opened the way the browser tests open it: in a
// browser context of its own (no cookies, storage or cache shared with another test), at a given
// viewport, optionally offline, waiting for what the test measures to be ready. Every request the
// page makes is recorded, and a dialog (alert, confirm) is recorded and dismissed rather than
// left to block the page.
//
//   const slides = await onPage(renderer, file, { ...SLIDE, ready: 'deck' }, (page) => page.evaluate(measure));
//   await onPage(renderer, url, { width: 1280, height: 900, offline: true }, async (page, requests) => …);
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer';
import type { Renderer } from '../../src/render/index.ts';

/** A slide's size, as the decks are presented and measured. */
export const SLIDE = { width: 1280, height: 720 } as const;

export interface PageOptions {
  width: number;
  height: number;
  /** No network at all: a request that leaves the file system fails. */
  offline?: boolean;
  /**
   * What to wait for after the load event: `deck` — the deck script's data-cm-ready; `deck-fonts` —
   * that and every font face loaded; `fonts` — document.fonts.ready. Default: the load event only.
   */
  ready?: 'deck' | 'deck-fonts' | 'fonts';
  /** How long the `ready` condition may take (ms); default 30 s. */
  readyTimeoutMs?: number;
}

const DECK_READY = 'document.documentElement.getAttribute("data-cm-ready") === "1"';

/**
 * Opens `file` (a path or a file: URL, which may carry a query such as `?print-pdf`) in a fresh
 * context of the renderer's browser, runs `fn` on it and closes the context.
 */
export async function onPage<T>(
  renderer: Renderer,
  file: string,
  o: PageOptions,
  fn: (page: Page, requests: string[]) => Promise<T>,
): Promise<T> {
  const { browser } = await renderer.sharedBrowser();
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('dialog', (d) => {
      requests.push(`dialog:${d.message()}`);
      void d.dismiss();
    });
    if (o.offline) await page.setOfflineMode(true);
    await page.setViewport({ width: o.width, height: o.height });
    await page.goto(file.startsWith('file:') ? file : pathToFileURL(file).href, { waitUntil: 'load' });
    const timeout = o.readyTimeoutMs ?? 30_000;
    if (o.ready === 'deck') await page.waitForFunction(DECK_READY, { timeout });
    if (o.ready === 'deck-fonts')
      await page.waitForFunction(`${DECK_READY} && document.fonts.status === "loaded"`, { timeout });
    if (o.ready === 'fonts') await page.evaluate(() => document.fonts.ready.then(() => undefined));
    return await fn(page, requests);
  } finally {
    await context.close();
  }
}
