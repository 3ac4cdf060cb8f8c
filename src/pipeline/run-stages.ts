// Runs the document stages of a build (./stages.ts) in order, each as a shared unit keyed on the
// whole course, every diagram it may inline and the outputs written before it, each timed. A
// stage that throws is a bug: it becomes an error message and the other stages still run.
import { diagnosticsFor } from '../model/messages.ts';
import { sha256 } from './manifest.ts';
import type { Outputs } from './outputs.ts';
import { STAGES, type OutputFormat, type StageContext, type StageName } from './stages.ts';
import type { Timings } from './timings.ts';

export interface StageRun {
  ctx: StageContext;
  outputs: Outputs;
  courseHash: string;
  formats: readonly OutputFormat[];
  timeoutMs: number;
  /** The stages to run (default all). */
  only?: readonly StageName[];
  timings: Timings;
}

export async function runStages(run: StageRun): Promise<void> {
  const { ctx, outputs } = run;
  // A stage's own key: the whole course and every diagram it may inline. Stages that declare
  // per-chapter units (ctx.unit) rebuild only those whose inputs changed.
  // It also depends on the outputs written before it (an index page lists them).
  const diagramHashes = [...ctx.diagrams.values()].map((d) => [d.name, d.svg === null ? null : sha256(d.svg)]).sort();
  for (const stage of STAGES.filter((s) => run.only?.includes(s.name) ?? true)) {
    try {
      // The formats make the stage run again when they change; its units key on their own formats.
      const stageInputs = {
        course: run.courseHash,
        diagrams: diagramHashes,
        formats: [...run.formats].sort(),
        timeoutMs: run.timeoutMs,
        before: outputs.snapshot(),
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
}
