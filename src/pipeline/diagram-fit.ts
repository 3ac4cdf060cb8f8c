// Authored diagrams too big to read on a slide (labels under 14 px once scaled into the figure
// box): render the variants of src/generate/diagram-fit.ts — the other direction, else its parts
// (subgraphs, `%%` sections, hubs) each in its better direction, a part still too big cut in
// halves — and keep the first that reads, else the one with the biggest text and a
// `diagram-unreadable` warning at the block's Markdown line. The chosen variants become diagram
// jobs of their own (`diagrams/<name>-part-<i>`, `-flipped`), written like the whole, and the
// whole's entry lists them so decks show one slide per part. Candidates go through the render
// cache, so an unchanged build renders nothing again.
import {
  bothDirections,
  flipVariant,
  halves,
  MIN_SLIDE_TEXT,
  slideTextPx,
  splitVariant,
} from '../generate/diagram-fit.ts';
import type { DiagramPart } from '../generate/diagram-split.ts';
import { wordSafeSource } from '../generate/mermaid/mermaid-wrap.ts';
import { diagnosticsFor } from '../model/messages.ts';
import type { Renderer, Theme } from '../render/index.ts';
import { inertTags, type Job } from './diagrams.ts';
import type { RenderedDiagram } from './stages.ts';

interface FitOptions {
  theme: Theme;
  background: string;
  timeoutMs: number;
}

interface Measured extends DiagramPart {
  text: number;
}

export interface Fit {
  /** Jobs for the chosen variants, to render and write like any diagram. */
  jobs: Job[];
  /** Whole diagram name → its parts (names and part titles), in slide order. */
  parts: Map<string, NonNullable<RenderedDiagram['parts']>>;
}

const fmt = (px: number) => `${px.toFixed(1)} px`;

export async function fitAuthored(
  jobs: readonly Job[],
  rendered: ReadonlyMap<string, RenderedDiagram>,
  renderer: Renderer,
  o: FitOptions,
): Promise<Fit> {
  const fit: Fit = { jobs: [], parts: new Map() };
  const renderSource = (job: Job, source: string) => wordSafeSource(job.kind ?? '', inertTags(source));
  for (const job of jobs) {
    const svg = rendered.get(job.name)?.svg;
    if (!job.name.startsWith('diagrams/') || !svg || !job.source) continue;
    const whole = slideTextPx(svg);
    if (whole >= MIN_SLIDE_TEXT) continue;
    const measure = async (parts: DiagramPart[]): Promise<Measured[]> => {
      const results = await renderer.render(
        parts.map((p, i) => ({ id: `${job.name}-fit-${i}`, source: renderSource(job, p.source) })),
        { formats: ['svg'], theme: o.theme, background: o.background, timeoutMs: o.timeoutMs },
      );
      return parts.map((p, i) => ({ ...p, text: results[i]?.svg ? slideTextPx(results[i]!.svg!) : 0 }));
    };
    /** The part in its better direction; halves of it when that is still too small and helps. */
    const best = async (part: DiagramPart, depth: number): Promise<Measured[]> => {
      const pick = (await measure(bothDirections(part))).reduce((a, b) => (b.text > a.text ? b : a));
      const cut = pick.text < MIN_SLIDE_TEXT && depth < 2 ? halves(pick) : null;
      if (!cut) return [pick];
      const split = [...(await best(cut[0], depth + 1)), ...(await best(cut[1], depth + 1))];
      return Math.min(...split.map((p) => p.text)) > pick.text ? split : [pick];
    };
    let choice: Choice | null = null;
    const flip = flipVariant(job.kind ?? '', job.source);
    if (flip) {
      const parts = await measure(flip.parts);
      if (parts[0]!.text > whole) choice = { how: 'flipped', parts, dropped: 0 };
    }
    const split = choice && minText(choice.parts) >= MIN_SLIDE_TEXT ? null : splitVariant(job.kind ?? '', job.source);
    if (split) {
      const parts: Measured[] = [];
      for (const p of split.parts) parts.push(...(await best(p, 0)));
      if (minText(parts) > (choice ? minText(choice.parts) : whole))
        choice = { how: 'split', parts, dropped: split.dropped };
    }
    const shown = choice ? minText(choice.parts) : whole;
    if (choice) recordChoice(fit, job, choice, renderSource, `text ${fmt(whole)}`, `smallest text ${fmt(shown)}`);
    if (shown < MIN_SLIDE_TEXT) {
      diagnosticsFor(job.file).warn(
        job.at,
        `${job.name}: text would be ${fmt(shown)} on its slide (under ${MIN_SLIDE_TEXT} px) and no re-flow or split fits`,
        'diagram-unreadable',
        'Split the diagram into smaller blocks, group its nodes in subgraphs, or mark sections with "%% Section name" comment lines.',
      );
    }
  }
  return fit;
}

const minText = (parts: readonly Measured[]): number => Math.min(...parts.map((p) => p.text));

type Choice = { how: 'flipped' | 'split'; parts: Measured[]; dropped: number };

/** The variant chosen for a diagram: its jobs, its parts for the slides, and an info message at the block. */
function recordChoice(
  fit: Fit,
  job: Job,
  choice: Choice,
  renderSource: (job: Job, source: string) => string,
  before: string,
  after: string,
): void {
  const names = choice.parts.map((_, i) =>
    choice.how === 'flipped' ? `${job.name}-flipped` : `${job.name}-part-${i + 1}`,
  );
  // A part's lines are not the block's lines: its problems are reported at the block.
  const { file, at, chapter, description } = job;
  choice.parts.forEach((p, i) =>
    fit.jobs.push({
      name: names[i]!,
      source: p.source,
      renderSource: renderSource(job, p.source),
      title: choice.parts.length > 1 ? `${job.title} (${i + 1}/${choice.parts.length})` : job.title,
      description,
      file,
      at,
      chapter,
    }),
  );
  fit.parts.set(
    job.name,
    choice.parts.map((p, i) => ({ name: names[i]!, title: p.title })),
  );
  const what =
    choice.how === 'flipped'
      ? 'drawn in the other direction'
      : `split into ${choice.parts.length} slides${choice.dropped ? ` (${choice.dropped} linkStyle line${choice.dropped === 1 ? '' : 's'} left out: they number the whole diagram's links)` : ''}`;
  diagnosticsFor(job.file).info(
    job.at,
    `${job.name}: too small to read on a slide whole (${before}); ${what}, ${after}`,
    'diagram-reflowed',
  );
}
