// The page pool: owns the renderer's one Chromium (launched lazily, or
// connected to `browserWSEndpoint`) and its `size` pages (Slots, each in its
// own browser context with mermaid loaded once). Hands pages out (acquire)
// and back (release), and throws a dead browser away (discard) so that the
// next ensureBrowser() relaunches it. Knows nothing of diagrams or caches.
import { openBrowser, type BrowserHandle, type BrowserOptions } from './browser.ts';
import { Slot, prepareAssets, type PageAssets } from './page.ts';
import type { RenderEvent } from './render-types.ts';

export class PagePool {
  readonly size: number;
  private readonly options: BrowserOptions;
  private readonly emit: (e: RenderEvent) => void;
  private handle: BrowserHandle | null = null;
  private launching: Promise<BrowserHandle> | null = null;
  private assets: PageAssets | null = null;
  private slots: Slot[] = [];
  private idle: Slot[] = [];
  private waiters: Array<{ resolve: (s: Slot) => void; reject: (e: Error) => void }> = [];
  closed = false;
  /** Number of times a browser was launched/connected (for tests and logs). */
  launches = 0;

  constructor(size: number, options: BrowserOptions, emit: (e: RenderEvent) => void) {
    this.size = size;
    this.options = options;
    this.emit = emit;
  }

  /** The current browser, null when none is running/connected. */
  get current(): BrowserHandle | null {
    return this.handle;
  }

  /** The running browser, launched (with `size` fresh pages) when there is none. */
  async ensureBrowser(): Promise<BrowserHandle> {
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
      for (let i = 0; i < this.size; i++) {
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

  async acquire(): Promise<Slot> {
    if (this.closed) throw new Error('Renderer is closed');
    const slot = this.idle.shift();
    if (slot) return slot;
    return new Promise<Slot>((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  release(slot: Slot): void {
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

  /** Closes the pages of the idle slots (each reopens on its next use), freeing their renderer processes. */
  async disposeIdle(): Promise<void> {
    await Promise.all(this.idle.map((s) => s.dispose()));
  }

  /** Throw away the current browser (after a crash): kill its processes, drop its slots. */
  async discardBrowser(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    this.slots = [];
    this.idle = [];
    if (handle) await handle.close();
  }

  /** Whether the browser still answers (within 3 s). */
  async browserAlive(): Promise<boolean> {
    const h = this.handle;
    if (!h?.browser.connected) return false;
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

  /** Closes pages and the browser (or disconnects from a remote one); rejects waiters. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.launching) await this.launching.catch(() => undefined);
    const slots = this.slots;
    if (this.handle?.remote) await Promise.all(slots.map((s) => s.dispose()));
    for (const w of this.waiters.splice(0)) w.reject(new Error('Renderer is closed'));
    await this.discardBrowser();
    await this.assets?.cleanup();
    this.assets = null;
  }
}
