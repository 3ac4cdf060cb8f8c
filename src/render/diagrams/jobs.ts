// One diagram on one page: the render job. Runs mermaid for a WorkItem on a
// pooled page (or takes its SVG from the cache), maps mermaid's error
// position back to the job's source, caches the SVG / syntax error, hands
// the PNG pass to ./raster.ts, and turns a timeout or a failed page into the
// item's error (a failed page gets one retry on a fresh page). A dead
// browser is signalled with BrowserGone, for ./recovery.ts to relaunch.
import { FONT_FAMILY, type PageRenderResult, type Slot } from '../page.ts';
import { pngSizeError, rasterise } from './raster.ts';
import { MAX_TEXT_SIZE, type RenderError } from '../render-types.ts';
import { mapPosition } from './sanitize.ts';
import { cleanSvg } from '../svg-clean.ts';
import {
  BrowserGone,
  JobTimeout,
  dedupe,
  store,
  timeoutRace,
  type CachedSvg,
  type CachedSyntaxError,
  type JobContext,
  type JobOptions,
  type WorkItem,
} from '../work.ts';

/** Renders `item` on `slot`, setting item.result; throws BrowserGone when the browser died. */
export async function runItem(ctx: JobContext, slot: Slot, item: WorkItem, o: JobOptions): Promise<void> {
  const warnings = [...item.prep.warnings];
  slot.sink = warnings;
  const t0 = performance.now();
  let svgMs = 0;
  let pngMs = 0;
  try {
    const hooks = ctx.hooks();
    if (hooks?.onJobStart) await hooks.onJobStart(item.rootId);
    if (!slot.broken) await slot.ensure();
    if (slot.lastReadyMs > 0) {
      ctx.emit({ type: 'page-ready', slot: slot.index, ms: slot.lastReadyMs });
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
        arrows: item.prep.arrows,
        ...(hang ? { hang } : {}),
      };
      const r: PageRenderResult = await timeoutRace(slot.render(req), o.timeoutMs);
      svgMs = performance.now() - t0;
      warnings.push(...r.warnings);
      if (!r.ok) {
        const pos = mapPosition(item.prep, item.source, r.error.line, r.error.column);
        const error: RenderError = {
          kind: r.phase === 'parse' ? 'syntax' : 'render',
          message: r.error.message,
          line: pos.line,
          column: pos.column,
        };
        item.result = { width: 0, height: 0, warnings: dedupe(warnings), error };
        if (error.kind === 'syntax')
          await store(warnings, () =>
            ctx.cache?.putSealed(item.svgKey, { error, warnings: dedupe(warnings) } satisfies CachedSyntaxError),
          );
        return;
      }
      // mermaid's own output through the same allow-list as a cache entry: what is cached and
      // written is always a clean SVG, so a clean entry read back is unchanged by the check.
      const clean = cleanSvg(r.svg);
      if (clean.removed.length > 0)
        warnings.push(`removed from the rendered SVG: ${[...new Set(clean.removed)].join(', ')}`);
      svg = { svg: clean.svg, width: r.width, height: r.height, warnings: dedupe(warnings) };
      await store(warnings, () => ctx.cache?.putSealed(item.svgKey, { ...svg }));
    }
    const result: NonNullable<WorkItem['result']> = {
      svg: svg.svg,
      width: svg.width,
      height: svg.height,
      warnings: [...svg.warnings],
    };
    item.result = result;
    if (o.wantPng) {
      const tooLarge = pngSizeError(svg.width, svg.height, o.scale);
      if (tooLarge) {
        result.error = tooLarge;
        return;
      }
      pngMs = await rasterise(ctx, slot, item, svg, result, o, warnings);
    }
    // Blocked requests during the PNG pass (e.g. an <image> in the SVG).
    result.warnings = dedupe([...result.warnings, ...warnings]);
  } catch (e) {
    if (e instanceof JobTimeout) {
      ctx.emit({ type: 'timeout', id: item.rootId });
      item.result = {
        width: 0,
        height: 0,
        warnings: dedupe(warnings),
        error: {
          kind: 'timeout',
          message: `diagram did not finish within ${o.timeoutMs} ms`,
          line: null,
          column: null,
        },
      };
      await slot.dispose();
      return;
    }
    if (!(await ctx.pool.browserAlive())) throw new BrowserGone((e as Error).message);
    // The page (not the browser) failed: fresh page, one retry.
    await slot.dispose();
    if (item.retries < 1) {
      item.retries++;
      slot.sink = null;
      await runItem(ctx, slot, item, o);
      return;
    }
    item.result = {
      width: 0,
      height: 0,
      warnings: dedupe(warnings),
      error: { kind: 'crash', message: `page failed: ${(e as Error).message}`, line: null, column: null },
    };
  } finally {
    slot.sink = null;
    ctx.emit({
      type: 'job',
      id: item.rootId,
      ms: performance.now() - t0,
      svgMs,
      pngMs,
      ok: item.result !== undefined && !item.result.error,
    });
  }
}
