// Planning a render() call, before and after the browser work: checks the
// RenderOptions and resolves their defaults, turns the jobs into distinct
// WorkItems (same source + options = one item) keyed for the cache, serves
// what the cache already holds, and assembles the per-job results in the
// order of the jobs. No browser here.
import { createHash } from 'node:crypto';
import { cacheKey, readSealed, type RenderCache } from './cache.ts';
import { FONT_FAMILY, MERMAID_VERSION } from '../page.ts';
import {
  MAX_TEXT_SIZE,
  RENDERER_VERSION,
  type RenderJob,
  type RenderOptions,
  type RenderResult,
} from '../render-types.ts';
import { prepareSource } from './sanitize.ts';
import { cleanSvg } from '../svg-clean.ts';
import { THEMES } from '../themes.ts';
import type { CachedSvg, CachedSyntaxError, JobOptions, WorkItem } from '../work.ts';

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
        error: {
          kind: 'too-large',
          message: `diagram is ${job.source.length} characters, over mermaid's maxTextSize (${MAX_TEXT_SIZE})`,
          line: null,
          column: null,
        },
      };
      continue;
    }
    const svgKey = cacheKey({
      r: RENDERER_VERSION,
      mermaid: MERMAID_VERSION,
      source: job.source,
      theme,
      htmlLabels,
      background,
      font: FONT_FAMILY,
    });
    const pngKey = cacheKey({ svgKey, scale });
    let item = items.get(svgKey);
    if (!item) {
      item = {
        svgKey,
        pngKey,
        rootId: diagramId(job.source, theme),
        source: job.source,
        prep: prepareSource(job.source),
        needPng: wantPng,
        retries: 0,
        notes: [],
      };
      if (cache) await fromCache(cache, item, wantPng);
      items.set(svgKey, item);
    }
    itemOfJob[i] = item;
  }
  return { results, items, itemOfJob };
}

const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((w) => typeof w === 'string');

/**
 * Fills `item` from the cache when its entries pass their checks: the hash recorded at write time,
 * the shape, and for an SVG the allow-list of ./svg-clean.ts (the cache may be shared, e.g. by CI
 * branches, so it is input like any other). A failed check leaves the item to be rendered again,
 * with a note the build reports.
 */
async function fromCache(cache: RenderCache, item: WorkItem, wantPng: boolean): Promise<void> {
  const discard = (why: string): void => {
    item.notes.push(`render cache entry ${item.svgKey.slice(0, 12)} ${why}: discarded and rendered again`);
  };
  const raw = await cache.getJson<unknown>(item.svgKey);
  if (raw === undefined) return;
  const sealed = readSealed<Partial<CachedSvg & CachedSyntaxError>>(raw);
  if (!sealed.ok) {
    if (sealed.reason === 'tampered') discard('does not match the hash recorded when it was written');
    return;
  }
  const hit = sealed.value;
  if (!isStrings(hit.warnings)) return discard('is malformed');
  if (hit.error) {
    if (typeof hit.error.message !== 'string' || typeof hit.error.kind !== 'string') return discard('is malformed');
    item.result = { width: 0, height: 0, warnings: hit.warnings, error: hit.error, cached: true };
    return;
  }
  if (typeof hit.svg !== 'string' || typeof hit.width !== 'number' || typeof hit.height !== 'number')
    return discard('is malformed');
  const { removed } = cleanSvg(hit.svg);
  if (removed.length > 0) return discard(`holds unsafe content (${[...new Set(removed)].slice(0, 3).join(', ')})`);
  const svg: CachedSvg = { svg: hit.svg, width: hit.width, height: hit.height, warnings: hit.warnings };
  item.cachedSvg = svg;
  const png = wantPng ? await cache.getPng(item.pngKey) : undefined;
  if (png === 'tampered') discard('(PNG) does not match the hash recorded when it was written');
  else if (!wantPng || png) {
    item.result = { svg: svg.svg, width: svg.width, height: svg.height, warnings: svg.warnings, cached: true };
    if (png) item.result.png = png;
  }
}

/** The results in the order of `jobs`: each job gets its item's result, in the formats asked for. */
export function assemble(jobs: RenderJob[], p: Plan, wantSvg: boolean, wantPng: boolean): RenderResult[] {
  const { results, itemOfJob } = p;
  for (const [i, job] of jobs.entries()) {
    const item = itemOfJob[i];
    if (!item) continue;
    const r = item.result ?? {
      width: 0,
      height: 0,
      warnings: [],
      error: { kind: 'crash', message: 'not rendered', line: null, column: null },
    };
    const out: RenderResult = {
      id: job.id,
      width: r.width,
      height: r.height,
      warnings: [...r.warnings, ...item.notes],
    };
    if (wantSvg && r.svg !== undefined) out.svg = r.svg;
    if (wantPng && r.png !== undefined) out.png = r.png;
    if (r.error) out.error = r.error;
    if (r.cached) out.cached = true;
    results[i] = out;
  }
  return results;
}
