// Runs the document stages of a build (./stages.ts), each as a shared unit keyed on the whole
// course, every diagram it may inline and the outputs of the stages it reads, each timed. A stage
// that throws is a bug: it becomes an error message and the other stages still run.
//
// Scheduling: the stages of one lane (./stages.ts StagePlan) run one after another in STAGES
// order, and the lanes side by side: the browser stages (decks, handout, print, book) and the
// Node-made flashcards; every stage waits for those it reads (the site for all). The decks leave
// Node's event loop idle three quarters of the time, so the cards cost no wall time beside them.
// What a stage does never depends on the timing: its key holds only the outputs of the stages it
// waits for, and its messages are collected in its own sink and put on the files in STAGES order
// (./unit-messages.ts), so model.json, the manifest and the terminal are the same as in a build
// run stage after stage.
import { diagnosticsFor } from '../model/messages.ts';
import { sha256 } from './manifest.ts';
import type { Outputs } from './outputs.ts';
import { STAGES, type OutputFormat, type StageContext, type StageName } from './stages.ts';
import type { Timings } from './timings.ts';
import { inSink } from './unit-messages.ts';

export interface StageRun {
  ctx: StageContext;
  outputs: Outputs;
  courseHash: string;
  formats: readonly OutputFormat[];
  timeoutMs: number;
  /** The stages to run (default all). */
  only?: readonly StageName[];
  timings: Timings;
  /** Run every stage after the one before it, as builds did before overlap (tests compare both). */
  sequential?: boolean;
}

type PlannedStage = (typeof STAGES)[number];

/** When each stage may start: after the stages it reads and the stage before it in its lane. */
function waitsFor(stages: readonly PlannedStage[], i: number, sequential: boolean): number[] {
  const stage = stages[i]!;
  if (sequential) return i > 0 ? [i - 1] : [];
  const before = stages.slice(0, i).findLastIndex((s) => s.lane === stage.lane);
  const read = stages.flatMap((s, j) => (stage.after.includes(s.name) ? [j] : []));
  return [...new Set([...(before >= 0 ? [before] : []), ...read])];
}

async function runStage(run: StageRun, stage: PlannedStage, diagramHashes: unknown): Promise<void> {
  const { ctx, outputs } = run;
  try {
    // The formats make the stage run again when they change; its units key on their own formats.
    // The outputs before it: only those of the stages it reads (the others may be running).
    const others = STAGES.filter((s) => !stage.after.includes(s.name)).map((s) => `stage:${s.name}`);
    const stageInputs = {
      course: run.courseHash,
      diagrams: diagramHashes,
      formats: [...run.formats].sort(),
      timeoutMs: run.timeoutMs,
      before: outputs.snapshotWithout(others),
    };
    await run.timings.time(stage.name, () =>
      outputs.unit(`stage:${stage.name}`, stageInputs, () => stage.run(ctx), { shared: true }),
    );
  } catch (err) {
    const file = ctx.files[ctx.files.length - 1];
    if (file)
      diagnosticsFor(file).error(
        { line: 1, column: 1, offset: 0 },
        `${stage.name} failed: ${err instanceof Error ? err.message : String(err)}`,
        'stage-failed',
      );
  }
}

export async function runStages(run: StageRun): Promise<void> {
  // A stage's own key: the whole course and every diagram it may inline. Stages that declare
  // per-chapter units (ctx.unit) rebuild only those whose inputs changed.
  const diagramHashes = [...run.ctx.diagrams.values()]
    .map((d) => [d.name, d.svg === null ? null : sha256(d.svg)])
    .sort();
  const stages = STAGES.filter((s) => run.only?.includes(s.name) ?? true);
  // One sink for all the stages, a block per stage named by its place: the stages' messages reach
  // the files when all are done, in STAGES order, however they overlapped.
  const first = run.timings.list.length;
  await inSink('stages', async () => {
    const done: Array<Promise<void>> = [];
    stages.forEach((stage, i) => {
      const ready = Promise.all(waitsFor(stages, i, run.sequential ?? false).map((j) => done[j]));
      const place = String(i).padStart(2, '0');
      done.push(ready.then(() => inSink(place, () => runStage(run, stage, diagramHashes)).then(() => undefined)));
    });
    await Promise.all(done);
  });
  // --timings lists the stages in STAGES order, each with its own start (overlaps are marked there).
  const order = (name: string) => STAGES.findIndex((s) => s.name === name);
  run.timings.list.push(...run.timings.list.splice(first).sort((a, b) => order(a.name) - order(b.name)));
}
