// Rasterising: the PNG pass of a diagram whose SVG is ready. Owns the PNG
// size limits (MAX_PNG_SIDE, MAX_PNG_PIXELS at the requested scale), the
// timed screenshot on the diagram's page and the PNG's cache write.
import type { Slot } from '../page.ts';
import { MAX_PNG_PIXELS, MAX_PNG_SIDE, type RenderError } from '../render-types.ts';
import { store, timeoutRace, type CachedSvg, type JobContext, type JobOptions, type WorkItem } from '../work.ts';

/** The 'too-large' error when the PNG of a width × height SVG at `scale` would pass the limits. */
export function pngSizeError(width: number, height: number, scale: number): RenderError | null {
  const pw = Math.ceil(width * scale);
  const ph = Math.ceil(height * scale);
  if (pw > MAX_PNG_SIDE || ph > MAX_PNG_SIDE || pw * ph > MAX_PNG_PIXELS) {
    return {
      kind: 'too-large',
      message: `PNG would be ${pw}x${ph} px (limit ${MAX_PNG_SIDE} px a side, ${MAX_PNG_PIXELS} px in all); lower the scale`,
      line: null,
      column: null,
    };
  }
  return null;
}

/**
 * Screenshots `svg` on the slot's page into `result.png` (within o.timeoutMs, else JobTimeout)
 * and caches it; a failed cache write becomes a warning. Returns the time it took (ms).
 */
export async function rasterise(
  ctx: JobContext,
  slot: Slot,
  item: WorkItem,
  svg: CachedSvg,
  result: NonNullable<WorkItem['result']>,
  o: JobOptions,
  warnings: string[],
): Promise<number> {
  const tp = performance.now();
  const png = await timeoutRace(slot.png(svg.svg, svg.width, svg.height, o.background, o.scale), o.timeoutMs);
  const pngMs = performance.now() - tp;
  result.png = png;
  await store(warnings, () => ctx.cache?.putPng(item.pngKey, png));
  return pngMs;
}
