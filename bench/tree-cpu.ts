// CPU milliseconds (user + system) of a process's descendants, sampled from /proc every 100 ms, for
// benches on a machine shared with other work, where wall time says little. Chromium's helpers are
// not always reaped by their parent (so getrusage misses them); each process is followed by pid and
// its last seen CPU time summed (a process living less than 100 ms is missed). Linux only.
import { readdirSync, readFileSync } from 'node:fs';

const MS_PER_TICK = 10; // USER_HZ 100

function stat(pid: number): [number, number] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return [Number(fields[1]), (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK];
  } catch {
    return null;
  }
}

/** Starts sampling the descendants of `root` (not root itself); stop() gives their CPU ms since the start. */
export function descendantsCpu(root: number): { stop(): number } {
  const followed = new Set<number>([root]);
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const sample = () => {
    const live = new Map<number, [number, number]>();
    for (const name of readdirSync('/proc')) {
      const s = /^\d+$/.test(name) ? stat(Number(name)) : null;
      if (s) live.set(Number(name), s);
    }
    for (let grew = true; grew; ) {
      grew = false;
      for (const [pid, [ppid]] of live)
        if (!followed.has(pid) && followed.has(ppid)) grew = followed.add(pid) !== undefined;
    }
    for (const pid of followed) {
      const s = live.get(pid);
      if (!s || pid === root) continue;
      if (!first.has(pid)) first.set(pid, started ? 0 : s[1]); // running before the start: count from here
      last.set(pid, s[1]);
    }
  };
  let started = false;
  sample();
  started = true;
  const timer = setInterval(sample, 100);
  return {
    stop() {
      clearInterval(timer);
      sample();
      let ms = 0;
      for (const [pid, t] of last) ms += t - (first.get(pid) ?? 0);
      return ms;
    },
  };
}

/**
 * Samples the CPU of `root`'s descendants every 100 ms as a timeline, so that a bench can give
 * each step of a build the CPU its descendants (Chromium) used between the step's start and end:
 * at(ms) is their CPU ms since the start, `ms` counted on performance.now().
 */
export function descendantsCpuTimeline(root: number): { at(ms: number): number; stop(): void } {
  const samples: Array<[number, number]> = [];
  const followed = new Set<number>([root]);
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const sample = () => {
    const live = new Map<number, [number, number]>();
    for (const name of readdirSync('/proc')) {
      const s = /^\d+$/.test(name) ? stat(Number(name)) : null;
      if (s) live.set(Number(name), s);
    }
    for (let grew = true; grew; ) {
      grew = false;
      for (const [pid, [ppid]] of live)
        if (!followed.has(pid) && followed.has(ppid)) grew = followed.add(pid) !== undefined;
    }
    for (const pid of followed) {
      const s = live.get(pid);
      if (!s || pid === root) continue;
      if (!first.has(pid)) first.set(pid, samples.length === 0 ? s[1] : 0);
      last.set(pid, s[1]);
    }
    let ms = 0;
    for (const [pid, t] of last) ms += t - (first.get(pid) ?? 0);
    samples.push([performance.now(), ms]);
  };
  sample();
  const timer = setInterval(sample, 100);
  return {
    at(t) {
      let before: [number, number] = samples[0]!;
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
