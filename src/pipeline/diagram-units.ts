// Diagrams as units of an incremental build: reused when unchanged and intact on disk, the rest
// rendered in one batch; a shard renders (SVG only) the other shards' diagrams that course-level
// pages inline.
import { readFile } from 'node:fs/promises';
import { unlinkSvg } from '../generate/links/svg-links.ts';
import { stripSvgFonts, type Format, type Renderer, type Theme } from '../render/index.ts';
import { outputPath } from '../write/files.ts';
import { fitAuthored } from './diagram-fit.ts';
import { buildDiagrams, type diagramJobs } from './diagrams.ts';
import type { BuildOptions } from './index.ts';
import { Outputs } from './outputs.ts';
import { STAGES, type RenderedDiagram } from './stages.ts';

type Job = Awaited<ReturnType<typeof diagramJobs>>[number];

interface DiagramOptions {
  formats: Format[];
  theme: Theme;
  background: string;
  scale: number;
  timeoutMs: number;
}

/**
 * Diagrams as units ("diagram:<name>"): a diagram whose source, labels and options are unchanged
 * and whose files are intact is reused (its SVG read back from out/ for the stages to inline);
 * the others go to the renderer in one batch. Diagrams of another shard are not written; their
 * SVG is rendered (no PNG) only when course-level outputs may inline it.
 */
async function incrementalDiagrams(
  jobs: readonly Job[],
  renderer: Renderer,
  outputs: Outputs,
  o: DiagramOptions,
  options: BuildOptions,
  counts: DiagramCounts,
): Promise<Map<string, RenderedDiagram>> {
  const diagrams = new Map<string, RenderedDiagram>();
  const svgOnDisk = o.formats.includes('svg');
  const shard = options.shard;
  const needAllSvgs = shard !== undefined && (shard.index === shard.count || STAGES.length > 0);
  const toBuild: Job[] = [];
  const support: Job[] = [];
  for (const job of jobs) {
    if (!job.source) continue; // an authored block that could not be repaired: nothing to write
    const id = `diagram:${job.name}`;
    if (!outputs.owns(job.chapter)) {
      outputs.skip(id);
      if (needAllSvgs) support.push(job);
      continue;
    }
    counts.diagrams++;
    const key = outputs.keyFor(id, {
      source: job.source,
      title: job.title,
      description: job.description,
      formats: o.formats,
      theme: o.theme,
      background: o.background,
      scale: o.scale,
      links: job.links ?? null,
      lectures: job.lectureKey ?? null,
    });
    if (svgOnDisk && (await outputs.reuse(id, key))) {
      try {
        // The file on disk has the map's links and its own fonts; pages inline the SVG as rendered, with their shared fonts.
        const svg = stripSvgFonts(unlinkSvg(await readFile(outputPath(options.outDir, `${job.name}.svg`), 'utf8')));
        diagrams.set(job.name, { name: job.name, svg, chapter: job.chapter });
        counts.reused++;
        continue;
      } catch {
        // verified a moment ago; if it vanished, render it again below
      }
    }
    outputs.begin(id, key, job.chapter);
    for (const ext of ['mmd', 'svg', 'png']) outputs.attribute(`${job.name}.${ext}`, id);
    toBuild.push(job);
  }
  if (toBuild.length > 0) await buildUnits(toBuild, renderer, outputs, o, diagrams, counts);
  if (support.length > 0) {
    const scratch = new Outputs(options.outDir, { check: true });
    for (const [name, d] of await buildDiagrams(support, renderer, scratch, { ...o, formats: ['svg'] }))
      diagrams.set(name, d);
    outputs.rendered += scratch.rendered;
    outputs.fromCache += scratch.fromCache;
    counts.support += support.length;
  }
  // In the jobs' order, whatever was reused or rendered, so stages see the same map as in a full build.
  const ordered = new Map<string, RenderedDiagram>();
  for (const job of jobs) {
    const d = diagrams.get(job.name);
    if (d) ordered.set(job.name, job.source ? { ...d, source: job.source } : d);
  }
  return ordered;
}

/** Renders the diagram units that changed into `diagrams`, counting them. */
async function buildUnits(
  toBuild: readonly Job[],
  renderer: Renderer,
  outputs: Outputs,
  o: DiagramOptions,
  diagrams: Map<string, RenderedDiagram>,
  counts: DiagramCounts,
): Promise<void> {
  const files = [...new Set(toBuild.map((j) => j.file))];
  const messagesBefore = new Map(files.map((f) => [f, f.messages.length]));
  const before = { rendered: outputs.rendered, fromCache: outputs.fromCache };
  for (const [name, d] of await buildDiagrams(toBuild, renderer, outputs, o)) diagrams.set(name, d);
  counts.rendered += outputs.rendered - before.rendered;
  counts.fromCache += outputs.fromCache - before.fromCache;
  // A diagram that reported something (warning or error) is rendered again next time, so
  // its messages are in every build's model.json.
  for (const f of files) {
    for (const m of f.messages.slice(messagesBefore.get(f) ?? 0)) {
      const job = toBuild.find((j) => m.reason.startsWith(`${j.name}: `));
      if (job) outputs.volatile(`diagram:${job.name}`);
    }
  }
  for (const job of toBuild) if (!diagrams.get(job.name)?.svg) outputs.volatile(`diagram:${job.name}`);
}

/** What the diagram units of a build did: the `maps` line of the build's progress. */
export interface DiagramCounts {
  /** Diagrams of this build (its shard): maps, authored blocks and the variants made to fit slides. */
  diagrams: number;
  rendered: number;
  fromCache: number;
  /** Unchanged since the last build and intact in out/: read back, not rendered. */
  reused: number;
  /** Other shards' diagrams rendered (SVG only) for the pages that inline them. */
  support: number;
}

/** `14 diagrams (21 rendered, 0 from cache, 0 reused)`. */
export function mapsLine(c: DiagramCounts): string {
  const other = c.support > 0 ? `; ${c.support} of other shards rendered for the pages` : '';
  return `${c.diagrams} diagram${c.diagrams === 1 ? '' : 's'} (${c.rendered} rendered, ${c.fromCache} from cache, ${c.reused} reused${other})`;
}

/** Every diagram as a unit, then the re-flowed or split variants of authored diagrams too small to read on a slide. */
export async function renderDiagrams(
  jobs: readonly Job[],
  renderer: Renderer,
  outputs: Outputs,
  o: DiagramOptions,
  options: BuildOptions,
): Promise<{ diagrams: Map<string, RenderedDiagram>; counts: DiagramCounts }> {
  const counts: DiagramCounts = { diagrams: 0, rendered: 0, fromCache: 0, reused: 0, support: 0 };
  const diagrams = await incrementalDiagrams(jobs, renderer, outputs, o, options, counts);
  const fit = await fitAuthored(jobs, diagrams, renderer, o);
  if (fit.jobs.length)
    for (const [name, d] of await incrementalDiagrams(fit.jobs, renderer, outputs, o, options, counts))
      diagrams.set(name, d);
  for (const [name, parts] of fit.parts) {
    const d = diagrams.get(name);
    if (d) diagrams.set(name, { ...d, parts: parts.filter((p) => diagrams.get(p.name)?.svg) });
  }
  // The build's own renderer draws no more diagrams: its pages go (a caller's, e.g. dev's, stays warm).
  if (options.renderer === undefined) await renderer.releasePages();
  return { diagrams, counts };
}
