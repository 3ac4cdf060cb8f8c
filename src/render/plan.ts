// Planning a render() call, before and after the browser work: checks the
// RenderOptions and resolves their defaults, turns the jobs into distinct
// WorkItems (same source + options = one item) keyed for the cache, serves
// what the cache already holds, and assembles the per-job results in the
// order of the jobs. No browser here.
import { createHash } from 'node:crypto';
import { cacheKey, type RenderCache } from './cache.ts';
import { FONT_FAMILY, MERMAID_VERSION } from './page.ts';
import { MAX_TEXT_SIZE, RENDERER_VERSION, type RenderJob, type RenderOptions, type RenderResult } from './render-types.ts';
import { prepareSource } from './sanitize.ts';
import { THEMES } from './themes.ts';
import type { CachedSvg, CachedSyntaxError, JobOptions, WorkItem } from './work.ts';

/** `cm-` + 12 hex of sha256(source + theme): the SVG root id, stable across runs. */
export function diagramId(source: string, theme: string): string {
  return `cm-${createHash('sha256').update(`${theme}\0${source}`).digest('hex').slice(0, 12)}`;
}

/** The call's options with their defaults; throws on an unknown theme, no format, a bad scale or background. */
export function resolveOptions(options: RenderOptions): JobOptions & { wantSvg: boolean } {
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
  return { theme, htmlLabels, background, scale, timeoutMs, wantSvg: formats.has('svg'), wantPng: formats.has('png') };
}

export interface Plan {
  /** Results known without work: too-large sources (other entries are filled by assemble()). */
  results: RenderResult[];
  /** The distinct work items, with `result` set when the cache had it all. */
  items: Map<string, WorkItem>;
  /** The item of each job (undefined for a too-large source). */
  itemOfJob: Array<WorkItem | undefined>;
}

/** One WorkItem per distinct source, filled from the cache where it can be. */
export async function plan(jobs: RenderJob[], o: JobOptions, cache: RenderCache | null): Promise<Plan> {
  const { theme, htmlLabels, background, scale, wantPng } = o;
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
      if (cache) {
        const hit = await cache.getJson<CachedSvg | CachedSyntaxError>(svgKey);
        if (hit && 'error' in hit && hit.error) {
          item.result = { width: 0, height: 0, warnings: hit.warnings, error: hit.error, cached: true };
        } else if (hit && 'svg' in hit && typeof hit.svg === 'string') {
          item.cachedSvg = hit;
          const png = wantPng ? await cache.get(pngKey, 'png') : undefined;
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
  return { results, items, itemOfJob };
}

/** The results in the order of `jobs`: each job gets its item's result, in the formats asked for. */
export function assemble(jobs: RenderJob[], p: Plan, wantSvg: boolean, wantPng: boolean): RenderResult[] {
  const { results, itemOfJob } = p;
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
