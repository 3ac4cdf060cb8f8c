// What the decks stage says about its decks: lectures still too long, blocked requests and
// overflowing slides (warnings on the chapter's file), lecture splits in the build summary, and the
// text coverage of each chapter's decks.
import { deckHaystack } from '../generate/text-units.ts';
import { lectureTarget } from '../generate/slides/lecture-plan.ts';
import { diagnosticsFor } from '../model/messages.ts';
import { reportCoverage } from './coverage.ts';
import type { DeckJob } from './decks.ts';
import type { StageContext } from './stages.ts';

/** A chapter deck still over the target once continuation slides are added is said, not hidden. */
export function reportLength(ctx: StageContext, job: DeckJob, slides: number): void {
  const max = lectureTarget(ctx.settings);
  if (job.chapter === null || max <= 0 || slides <= max) return;
  const chapter = ctx.course.chapters.find((c) => c.number === job.chapter);
  const vfile = ctx.files.find((f) => f.path === chapter?.file) ?? ctx.files[0];
  if (!vfile) return;
  const why =
    job.split?.mode === 'over'
      ? 'the chapter has no section boundary to split at'
      : 'its slides turned out longer than the plan estimated';
  diagnosticsFor(vfile).warn(
    chapter?.position.start ?? { line: 1, column: 1, offset: 0 },
    `decks/${job.deck.slug}.html: ${slides} slides, over the lecture length of ${max} (${why})`,
    'deck-long',
    'Split the chapter with more top-level sections, or raise lectureSlides.',
  );
}

/** Blocked requests and slides that still overflow become warnings on the chapter's file. */
export function reportProblems(
  ctx: StageContext,
  job: DeckJob,
  warnings: readonly string[],
  overflow: readonly string[],
): void {
  const chapter = ctx.course.chapters.find((c) => c.number === job.chapter);
  const vfile = ctx.files.find((f) => f.path === chapter?.file) ?? ctx.files[0];
  if (!vfile) return;
  const at = chapter?.position.start ?? { line: 1, column: 1, offset: 0 };
  const diag = diagnosticsFor(vfile);
  for (const w of warnings) diag.warn(at, `decks/${job.deck.slug}.html: ${w}`, 'deck-request');
  if (overflow.length)
    diag.warn(
      at,
      `decks/${job.deck.slug}.html: ${overflow.length} slide(s) still overflow after fitting`,
      'deck-overflow',
      'Shorten the longest list item or table cell.',
    );
}

/** What the build summary says about lecture length: which chapters were split, which stay long. */
export function lectureSummary(jobs: readonly DeckJob[]): string {
  const seen = new Set<number>();
  const said: string[] = [];
  for (const j of jobs) {
    if (j.chapter === null || !j.split || seen.has(j.chapter)) continue;
    seen.add(j.chapter);
    if (j.split.mode === 'split')
      said.push(`chapter ${j.chapter} (${j.split.slides} slides) split into ${j.split.decks.length} lectures`);
    if (j.split.mode === 'over')
      said.push(`chapter ${j.chapter} kept as one deck of ${j.split.slides} slides (no section to split at)`);
  }
  return said.length ? `; ${said.join(', ')}` : '';
}

/**
 * Every text unit of a chapter on one of its deck's slides or in the notes (the composed deck:
 * fitting only splits slides). A chapter split into lectures is covered by its lectures together.
 */
export function reportDeckCoverage(ctx: StageContext, jobs: readonly DeckJob[]): void {
  const byChapter = new Map<number, DeckJob[]>();
  for (const job of jobs)
    if (job.chapter !== null) byChapter.set(job.chapter, [...(byChapter.get(job.chapter) ?? []), job]);
  const outputs = [...byChapter].flatMap(([number, group]) => {
    const chapter = ctx.course.chapters.find((c) => c.number === number);
    const path = group.map((job) => `decks/${job.deck.slug}.html`).join(' + ');
    const stacks = group.map((job) => deckHaystack(job.deck));
    const text = { text: stacks.map((h) => h.text).join(''), figures: new Set(stacks.flatMap((h) => [...h.figures])) };
    return chapter ? [{ chapter, path, text }] : [];
  });
  reportCoverage(ctx, 'decks', outputs);
}
