// Crash recovery: runs a batch of WorkItems on the page pool, one worker per
// page. A browser that dies mid-batch (BrowserGone from ./jobs.ts) is thrown
// away and relaunched once per render() call, and the unfinished items are
// retried; a second death, or a browser that cannot start, turns the
// remaining items into `crash` errors.
import { runItem } from './diagrams/jobs.ts';
import { BrowserGone, type JobContext, type JobOptions, type WorkItem } from './work.ts';

/** Runs every item to a result (a `crash` error at worst); rejects only when the renderer was closed. */
export async function runWithRetry(ctx: JobContext, items: WorkItem[], o: JobOptions): Promise<void> {
  let pending = items;
  for (let attempt = 1; pending.length > 0; attempt++) {
    let leftover: WorkItem[];
    try {
      await ctx.pool.ensureBrowser();
      leftover = await runItems(ctx, pending, o);
    } catch (e) {
      if (ctx.pool.closed) throw e;
      // Launch failure: nothing can run.
      for (const it of pending) {
        it.result = {
          width: 0,
          height: 0,
          warnings: [],
          error: {
            kind: 'crash',
            message: `browser could not be started: ${(e as Error).message}`,
            line: null,
            column: null,
          },
        };
      }
      await ctx.pool.discardBrowser();
      return;
    }
    if (leftover.length === 0) return;
    ctx.emit({ type: 'crash', attempt });
    await ctx.pool.discardBrowser();
    if (attempt >= 2) {
      for (const it of leftover) {
        it.result = {
          width: 0,
          height: 0,
          warnings: [],
          error: {
            kind: 'crash',
            message: `the browser crashed twice during this render; ${leftover.length} diagram(s) not rendered`,
            line: null,
            column: null,
          },
        };
      }
      return;
    }
    pending = leftover;
  }
}

/** Runs items on the pool; returns the items left undone because the browser died. */
async function runItems(ctx: JobContext, items: WorkItem[], o: JobOptions): Promise<WorkItem[]> {
  const queue = [...items];
  const undone: WorkItem[] = [];
  let dead = false;
  const workers = Math.min(ctx.pool.size, queue.length);
  await Promise.all(
    Array.from({ length: workers }, async () => {
      if (dead) return;
      const slot = await ctx.pool.acquire();
      try {
        while (!dead) {
          const item = queue.shift();
          if (!item) break;
          try {
            await runItem(ctx, slot, item, o);
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
        ctx.pool.release(slot);
      }
    }),
  );
  if (dead) undone.push(...queue.splice(0));
  return undone;
}
