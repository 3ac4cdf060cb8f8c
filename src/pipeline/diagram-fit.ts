// Authored diagrams too big to read on a slide (labels under 14 px once scaled into the figure
// box): render the variants of src/generate/diagram-fit.ts — the other direction, else its parts
// (subgraphs, `%%` sections, hubs) each in its better direction, a part still too big cut in
// halves — and keep the first that reads, else the one with the biggest text and a
// `diagram-unreadable` warning at the block's Markdown line. The chosen variants become diagram
// jobs of their own (`diagrams/<name>-part-<i>`, `-flipped`), written like the whole, and the
// whole's entry lists them so decks show one slide per part. Candidates go through the render
// cache, so an unchanged build renders nothing again.
import { estimatedText, otherDirectionBound } from '../generate/diagram-bound.ts';
import {
  bothDirections,
  flipVariant,
  halves,
  MIN_SLIDE_TEXT,
  slideTextPx,
  splitVariant,
} from '../generate/diagram-fit.ts';
import { direction, flipped, type DiagramPart } from '../generate/diagram-split.ts';
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

export interface Measured extends DiagramPart {
  text: number;
  /** The rendered SVG ('' when it failed): its geometry bounds the other direction. */
  svg: string;
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
    let n = 0;
    const measure = async (part: DiagramPart): Promise<Measured> => {
      const [result] = await renderer.render(
        [{ id: `${job.name}-fit-${n++}`, source: renderSource(job, part.source) }],
        {
          formats: ['svg'],
          theme: o.theme,
          background: o.background,
          timeoutMs: o.timeoutMs,
        },
      );
      return { ...part, svg: result?.svg ?? '', text: result?.svg ? slideTextPx(result.svg) : 0 };
    };
    const choice = await chooseVariant(job, whole, svg, { measure, bound: otherDirectionBound });
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

/**
 * The variant shown instead of the whole, or null: the other direction when it is larger and
 * reads; else the split when its smallest text beats the best so far (the other direction's when
 * that is larger than the whole's); else the other direction when it is larger. Candidates are
 * rendered only when they could change that choice: the other direction of the whole is measured
 * after the split when it cannot read (its bound from the whole's own geometry is under 14 px),
 * and only if the split does not beat all it could reach; see `better` and `splitParts` for the
 * parts. The choice is the one rendering every candidate would make.
 */
export async function chooseVariant(
  job: Pick<Job, 'kind' | 'source'>,
  whole: number,
  svg: string,
  m: Measurer,
): Promise<Choice | null> {
  const measure = m.measure;
  const flip = flipVariant(job.kind ?? '', job.source);
  const split = splitVariant(job.kind ?? '', job.source);
  const flipMax = flip ? m.bound(job.source, svg) : 0;
  const flipFirst = flip !== null && (split === null || flipMax >= MIN_SLIDE_TEXT);
  let flipped = flipFirst ? await measure(flip.parts[0]!) : null;
  /** The other direction as the choice so far: measured and larger than the whole. */
  const flipChoice = (): (Choice & { text: number }) | null =>
    flipped && flipped.text > whole ? { how: 'flipped', parts: [flipped], dropped: 0, text: flipped.text } : null;
  if (flipped && flipped.text > whole && flipped.text >= MIN_SLIDE_TEXT) return flipChoice();
  if (!split) return flipChoice();
  const parts = await splitParts(split.parts, flipChoice()?.text ?? whole, m);
  if (flip && !flipFirst && (!parts || minText(parts) <= Math.max(whole, flipMax)))
    flipped = await measure(flip.parts[0]!);
  if (parts && minText(parts) > (flipChoice()?.text ?? whole)) return { how: 'split', parts, dropped: split.dropped };
  return flipChoice();
}

/** Thrown to stop measuring a split that cannot win any more. */
class Hopeless extends Error {}

/**
 * Each part in its better direction (halves when that helps), the parts measured side by side;
 * null as soon as one part's smallest text is at most `bar`: the split cannot beat it.
 */
async function splitParts(parts: readonly DiagramPart[], bar: number, m: Measurer): Promise<Measured[] | null> {
  let hopeless = false;
  const guarded: Measurer = {
    bound: m.bound,
    measure: async (part) => {
      if (hopeless) throw new Hopeless();
      return m.measure(part);
    },
  };
  const one = async (part: DiagramPart) => {
    const best = await bestOf(part, 0, guarded);
    if (minText(best) <= bar) hopeless = true;
    return best;
  };
  const settled = await Promise.allSettled(parts.map(one));
  if (hopeless) return null;
  for (const s of settled) if (s.status === 'rejected') throw s.reason;
  return settled.flatMap((s) => (s.status === 'fulfilled' ? s.value : []));
}

/** The part in its better direction; halves of it when that is still too small and helps. */
async function bestOf(part: DiagramPart, depth: number, m: Measurer): Promise<Measured[]> {
  const pick = await better(part, m);
  const cut = pick.text < MIN_SLIDE_TEXT && depth < 2 ? halves(pick) : null;
  if (!cut) return [pick];
  const first = await bestOf(cut[0], depth + 1, m);
  // The split's smallest text is at most its first half's: no better than the part whole, it cannot win.
  if (minText(first) <= pick.text) return [pick];
  const split = [...first, ...(await bestOf(cut[1], depth + 1, m))];
  return minText(split) > pick.text ? split : [pick];
}

/**
 * The larger of the part's two directions, the author's on a tie. The direction the source
 * suggests is rendered first; the other only when its bound (from the first's geometry) could beat it.
 */
async function better(part: DiagramPart, m: Measurer): Promise<Measured> {
  const measure = m.measure;
  const [own, other] = bothDirections(part);
  if (!other) return measure(own!);
  const dir = flipped(flipped(direction(part.source))); // TD or LR
  const otherFirst = estimatedText(other.source, flipped(dir)) > estimatedText(own!.source, dir);
  const first = await measure(otherFirst ? other : own!);
  const bound = m.bound(first.source, first.svg);
  // The other direction wins only when strictly larger; the author's wins a tie.
  if (otherFirst ? bound < first.text : bound <= first.text) return first;
  const second = await measure(otherFirst ? own! : other);
  const [a, b] = otherFirst ? [second, first] : [first, second];
  return b.text > a.text ? b : a;
}

/** How the fit measures a candidate, and bounds the other direction of one it measured (otherDirectionBound). */
export interface Measurer {
  measure(part: DiagramPart): Promise<Measured>;
  bound(source: string, svg: string): number;
}

const minText = (parts: readonly Measured[]): number => Math.min(...parts.map((p) => p.text));

export type Choice = { how: 'flipped' | 'split'; parts: Measured[]; dropped: number };

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
