// Where a build's time goes: the wall time of each step (parse, maps, each document stage, the
// model and manifest), for `coursemap build --timings` and bench/cold.ts.

export interface StageTiming {
  /** parse, maps, decks, print, flashcards, site, model… */
  name: string;
  ms: number;
}

export interface BuildTimings {
  /** Each step's wall time, in the order the steps started. */
  steps: StageTiming[];
  /** The browser's launch (or connection), when this build started one. */
  browserLaunchMs?: number;
  /** Font subsets made for this build's outputs (embedded as @font-face data). */
  fonts: { count: number; ms: number };
}

export class Timings {
  readonly list: StageTiming[] = [];

  /** Runs `work`, recording its wall time under `name` (also when it throws). */
  async time<T>(name: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.list.push({ name, ms: performance.now() - started });
    }
  }
}

/** `work`'s result and its wall time (ms). */
export async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  return [await work(), performance.now() - started];
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * The lines of `--timings`: one per step in the order they started, with its share of the build,
 * then the browser launch and the font subsets, which are parts of the steps above them.
 */
export function timingLines(t: BuildTimings, totalMs: number): string[] {
  const { steps: timings, ...parts } = t;
  const width = Math.max(...timings.map((t) => t.name.length), 10);
  const lines = timings.map(
    (t) =>
      `  ${t.name.padEnd(width)} ${secs(t.ms).padStart(8)} ${`${Math.round((100 * t.ms) / Math.max(totalMs, 1))} %`.padStart(5)}`,
  );
  lines.push(`  ${'total'.padEnd(width)} ${secs(totalMs).padStart(8)}`);
  if (parts.browserLaunchMs !== undefined)
    lines.push(`  of which: browser launch ${secs(parts.browserLaunchMs)} (in the first step that needed it)`);
  if (parts.fonts && parts.fonts.count > 0)
    lines.push(
      `  of which: ${parts.fonts.count} font subset${parts.fonts.count === 1 ? '' : 's'} made in ${secs(parts.fonts.ms)} (in the steps that embed fonts)`,
    );
  return ['time   wall time of each step of the build:', ...lines];
}
