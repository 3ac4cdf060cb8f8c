// Deck pages kept open from one deck to the next. A deck in a page of its own costs a browser
// context and a renderer process, started and torn down (about 0.28 s of CPU a deck, measured on
// the DDIA decks, as much as the load itself): the decks of one build, written to one folder, take
// turns in a few pages instead, each deck loaded into an idle page. A deck that fails takes its
// page with it (a crashed or hung page is never given to the next deck).
import type { Renderer } from '../renderer.ts';
import { loadDeck, READY, SLIDE_HEIGHT, SLIDE_WIDTH, type DeckPage } from './deck.ts';
import { openDocumentPage, type OpenDocumentPage } from './documents.ts';

export interface DeckPagesOptions {
  /** The folder every deck file is written to (the pages may load any file in it). */
  dir: string;
  scale: number;
  timeoutMs: number;
}

export class DeckPages {
  private readonly idle: Array<{ open: OpenDocumentPage; sink: { warnings: string[] } }> = [];
  private closed = false;

  private readonly renderer: Renderer;
  private readonly options: DeckPagesOptions;

  constructor(renderer: Renderer, options: DeckPagesOptions) {
    this.renderer = renderer;
    this.options = options;
  }

  /** Loads `file` (in `options.dir`) into an idle page, or a new one, and runs `fn` on it; warnings go to `warnings`. */
  async use<T>(file: string, warnings: string[], fn: (page: DeckPage) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('deck pages closed');
    const { dir, scale, timeoutMs } = this.options;
    let slot = this.idle.pop();
    const reused = slot !== undefined;
    if (slot) slot.sink.warnings = warnings;
    else {
      // The sink is the page's options object: its request handler reads `warnings` when a request is blocked.
      const sink = {
        file,
        allowDirs: [dir],
        width: SLIDE_WIDTH,
        height: SLIDE_HEIGHT,
        scale,
        timeoutMs,
        readyWhen: READY,
        warnings,
      };
      slot = { open: await openDocumentPage(this.renderer, sink), sink };
    }
    try {
      if (reused) {
        // The captures' own CDP sessions set the device metrics and clear them when they detach,
        // which leaves the page at the window's size: the deck before may have done so.
        await slot.open.page.setViewport({ width: SLIDE_WIDTH, height: SLIDE_HEIGHT, deviceScaleFactor: scale });
        await loadDeck(slot.open.page, file, timeoutMs);
      }
      const result = await fn(slot.open.page);
      if (this.closed) await slot.open.close();
      else this.idle.push(slot);
      return result;
    } catch (err) {
      await slot.open.close();
      throw err;
    }
  }

  /** Closes every idle page (pages in use close when their deck ends). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.idle.splice(0).map((s) => s.open.close()));
  }
}
