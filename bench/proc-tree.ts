// The one /proc sampler of the benches: a process tree followed by pid, for CPU seconds
// (bench/cpu.ts, descendantsCpu for bench/decks.ts) and peak memory (pssSampler for bench/cold.ts).
// On a machine shared with other work wall time says little, CPU time much more.
//
// /usr/bin/time and getrusage count only the children a process waited for, and Chromium's
// helpers are not always reaped by their parent, so every sample reads /proc: a process whose
// parent is followed is followed from then on, even after its parent ends, and its own CPU time
// as last seen counts (a process living less than one sampling interval is missed). Linux only.
import { readdirSync, readFileSync } from 'node:fs';

export const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux this runs on

interface Proc {
  ppid: number;
  /** Own user + system CPU ticks so far. */
  ticks: number;
}

/** The parent and CPU ticks of a live process, or null once it is gone. */
function procStat(pid: number): Proc | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command in parentheses: state, ppid, … utime (14th), stime (15th).
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

/** Proportional set size (kB, /proc/<pid>/smaps_rollup) of a live process, 0 when unreadable. */
function pssKb(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** A root process and its descendants, followed by pid from sample to sample. */
export class ProcTree {
  private readonly followed: Set<number>;

  constructor(root: number) {
    this.followed = new Set([root]);
  }

  /** The followed processes alive now (the root included when it is), with their parent and CPU ticks. */
  sample(): Map<number, Proc> {
    const live = new Map<number, Proc>();
    for (const name of readdirSync('/proc')) {
      const s = /^\d+$/.test(name) ? procStat(Number(name)) : null;
      if (s) live.set(Number(name), s);
    }
    for (let grew = true; grew; ) {
      grew = false;
      for (const [pid, { ppid }] of live)
        if (!this.followed.has(pid) && this.followed.has(ppid)) grew = this.followed.add(pid) !== undefined;
    }
    const mine = new Map<number, Proc>();
    for (const pid of this.followed) {
      const s = live.get(pid);
      if (s) mine.set(pid, s);
    }
    return mine;
  }

  /** How many processes were followed so far (the root included). */
  get size(): number {
    return this.followed.size;
  }
}

/** CPU ticks of each process as last seen, summed in seconds. */
function seconds(ticks: Map<number, number>): number {
  return [...ticks.values()].reduce((a, b) => a + b, 0) / TICKS_PER_SECOND;
}

/**
 * Samples the tree of `root` (itself included) every `everyMs` until stop(): the CPU seconds of
 * every process seen (its whole life, as last sampled) and how many there were.
 */
export function treeCpu(root: number, everyMs = 200): { stop(): { cpuSeconds: number; processes: number } } {
  const tree = new ProcTree(root);
  const ticks = new Map<number, number>();
  const sample = () => {
    for (const [pid, p] of tree.sample()) ticks.set(pid, Math.max(ticks.get(pid) ?? 0, p.ticks));
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { cpuSeconds: seconds(ticks), processes: tree.size };
    },
  };
}

/**
 * CPU milliseconds of the descendants of `root` (not root itself) from now until stop(): a
 * process already running counts from the first sample, one started later from its start.
 */
export function descendantsCpu(root: number, everyMs = 100): { stop(): number } {
  const tree = new ProcTree(root);
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  let started = false;
  const sample = () => {
    for (const [pid, p] of tree.sample()) {
      if (pid === root) continue;
      if (!first.has(pid)) first.set(pid, started ? 0 : p.ticks);
      last.set(pid, p.ticks);
    }
  };
  sample();
  started = true;
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      let ticks = 0;
      for (const [pid, t] of last) ticks += t - (first.get(pid) ?? 0);
      return (ticks * 1000) / TICKS_PER_SECOND;
    },
  };
}

/**
 * Peak memory of a process tree: proportional set size summed over `root` and its live
 * descendants, sampled every `everyMs` until stop(). PSS shares pages among the processes that
 * map them, so the sum does not count shared libraries and Chromium's shared memory many times
 * over, as a sum of RSS does. Also the CPU seconds of every process seen.
 */
export function pssSampler(
  root: number,
  everyMs = 200,
): { stop: () => { peakKb: number; peakProcesses: number; cpuSeconds: number } } {
  const tree = new ProcTree(root);
  let peakKb = 0;
  let peakProcesses = 0;
  const ticks = new Map<number, number>();
  const sample = () => {
    const live = tree.sample();
    let kb = 0;
    for (const [pid, p] of live) {
      kb += pssKb(pid);
      ticks.set(pid, Math.max(ticks.get(pid) ?? 0, p.ticks));
    }
    peakKb = Math.max(peakKb, kb);
    peakProcesses = Math.max(peakProcesses, live.size);
  };
  const timer = setInterval(sample, everyMs);
  sample();
  return {
    stop() {
      clearInterval(timer);
      return { peakKb, peakProcesses, cpuSeconds: seconds(ticks) };
    },
  };
}

/**
 * The CPU of `root`'s descendants (Chromium) as a timeline sampled every `everyMs`, so that a
 * bench can give each step of a build the CPU used between its start and end: at(ms) is their CPU
 * ms since the start, `ms` counted on performance.now() and interpolated between samples.
 */
export function descendantsCpuTimeline(root: number, everyMs = 100): { at(ms: number): number; stop(): void } {
  const tree = new ProcTree(root);
  const samples: Array<[number, number]> = [];
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const sample = () => {
    for (const [pid, p] of tree.sample()) {
      if (pid === root) continue;
      if (!first.has(pid)) first.set(pid, samples.length === 0 ? p.ticks : 0);
      last.set(pid, p.ticks);
    }
    let ticks = 0;
    for (const [pid, t] of last) ticks += t - (first.get(pid) ?? 0);
    samples.push([performance.now(), (ticks * 1000) / TICKS_PER_SECOND]);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    at(t) {
      let before = samples[0] ?? [0, 0];
      for (const s of samples) {
        if (s[0] >= t) {
          const span = s[0] - before[0];
          return span <= 0 ? s[1] : before[1] + ((s[1] - before[1]) * (t - before[0])) / span;
        }
        before = s;
      }
      return before[1];
    },
    stop() {
      clearInterval(timer);
      sample();
    },
  };
}
