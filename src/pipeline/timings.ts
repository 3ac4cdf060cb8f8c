// Where a build's time goes: the wall time of each step (parse, maps, each document stage, the
// model and manifest), the CPU time of Node's own process during it and how much of it Node's
// event loop sat idle (waiting on Chromium or the disk), for `coursemap build --timings` and
// bench/cold.ts. Steps that overlap (stages that need no browser run beside those that do) share
// the process: their CPU and idle figures are of the process over each step's own span.
import { performance } from 'node:perf_hooks';

export interface StageTiming {
  /** parse, maps, decks, print, flashcards, site, model… */
  name: string;
  ms: number;
  /** Node's CPU time (user + system, all its threads) over the step, when measured. */
  cpuMs?: number;
  /** The share (0–1) of the step's wall time Node's event loop was idle, when measured. */
  idle?: number;
  /** When the step started, ms after the build started (present when measured by Timings). */
  startMs?: number;
}

export interface BuildTimings {
  /** Each step's wall time, in the build's order (stages in STAGES order, whether or not they overlapped). */
  steps: StageTiming[];
  /** The browser's launch (or connection), when this build started one. */
  browserLaunchMs?: number;
  /** Font subsets made for this build's outputs (embedded as @font-face data). */
  fonts: { count: number; ms: number };
}

export class Timings {
  readonly list: StageTiming[] = [];
  private readonly origin = performance.now();

  /** Starts a step (listed now, in start order); the returned function ends it. */
  start(name: string): () => StageTiming {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const loop = performance.eventLoopUtilization();
    const step: StageTiming = { name, ms: 0, startMs: started - this.origin };
    this.list.push(step);
    return () => {
      step.ms = performance.now() - started;
      const used = process.cpuUsage(cpu);
      step.cpuMs = (used.user + used.system) / 1000;
      step.idle = 1 - performance.eventLoopUtilization(loop).utilization;
      return step;
    };
  }

  /** Runs `work`, recording its wall time under `name` (also when it throws). */
  async time<T>(name: string, work: () => Promise<T>): Promise<T> {
    const stop = this.start(name);
    try {
      return await work();
    } finally {
      stop();
    }
  }
}

/** `work`'s result and its wall time (ms). */
export async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  return [await work(), performance.now() - started];
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** ` node CPU 3.1 s, loop idle 64 %` when the step was measured, else nothing. */
const nodeColumns = (t: StageTiming) =>
  t.cpuMs === undefined || t.idle === undefined
    ? ''
    : `  node CPU ${secs(t.cpuMs).padStart(7)}, loop idle ${`${Math.round(100 * t.idle)} %`.padStart(5)}`;

/** `, beside decks` when the step ran while others did (their time is not added up). */
function beside(t: StageTiming, steps: readonly StageTiming[]): string {
  if (t.startMs === undefined) return '';
  const start = t.startMs;
  const others = steps.filter(
    (o) => o !== t && o.startMs !== undefined && o.startMs < start + t.ms - 1 && start < o.startMs + o.ms - 1,
  );
  return others.length ? `, beside ${others.map((o) => o.name).join(', ')}` : '';
}

/**
 * The lines of `--timings`: one per step in the order they started, with its share of the build
 * (and, when measured, Node's CPU time and event-loop idle share over it), then the browser launch
 * and the font subsets, which are parts of the steps above them.
 */
export function timingLines(t: BuildTimings, totalMs: number): string[] {
  const { steps: timings, ...parts } = t;
  const width = Math.max(...timings.map((t) => t.name.length), 10);
  const lines = timings.map(
    (t) =>
      `  ${t.name.padEnd(width)} ${secs(t.ms).padStart(8)} ${`${Math.round((100 * t.ms) / Math.max(totalMs, 1))} %`.padStart(5)}${nodeColumns(t)}${beside(t, timings)}`,
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
