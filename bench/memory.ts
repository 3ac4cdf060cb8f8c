// Peak memory of a process tree: proportional set size (PSS, /proc/<pid>/smaps_rollup) summed
// over a root process and all its descendants (Node plus every Chromium process). PSS shares
// pages among the processes that map them, so the sum does not count shared libraries and
// Chromium's shared memory many times over, as a sum of RSS does. Linux only.
import { readdirSync, readFileSync } from 'node:fs';

function children(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent pid (after the command in parentheses).
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = map.get(ppid) ?? [];
      list.push(Number(name));
      map.set(ppid, list);
    } catch {
      // the process ended meanwhile
    }
  }
  return map;
}

function pssKb(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Own user + system CPU ticks (1/100 s) of a process, 0 when it is gone. */
function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** PSS (kB) of `root` and its descendants now, how many of them there are, and each one's CPU ticks so far. */
export function treePss(root: number): { kb: number; processes: number; ticks: Map<number, number> } {
  const tree = children();
  let kb = 0;
  let processes = 0;
  const ticks = new Map<number, number>();
  const walk = (pid: number): void => {
    kb += pssKb(pid);
    processes++;
    ticks.set(pid, cpuTicks(pid));
    for (const c of tree.get(pid) ?? []) walk(c);
  };
  walk(root);
  return { kb, processes, ticks };
}

/**
 * Samples the tree of `root` every `everyMs` until stop(); returns the peak PSS (kB) and the CPU
 * seconds of every process seen (as last sampled: a process living under `everyMs` is missed).
 */
export function pssSampler(
  root: number,
  everyMs = 200,
): {
  stop: () => { peakKb: number; peakProcesses: number; cpuSeconds: number };
  /** Samples now; the CPU seconds of the tree so far (every process seen, as last sampled). */
  cpuNow: () => number;
} {
  let peakKb = 0;
  let peakProcesses = 0;
  const cpu = new Map<number, number>();
  const sample = () => {
    const s = treePss(root);
    peakKb = Math.max(peakKb, s.kb);
    peakProcesses = Math.max(peakProcesses, s.processes);
    for (const [pid, t] of s.ticks) cpu.set(pid, Math.max(cpu.get(pid) ?? 0, t));
  };
  const timer = setInterval(sample, everyMs);
  sample();
  const total = () => [...cpu.values()].reduce((a, b) => a + b, 0) / 100;
  return {
    cpuNow() {
      sample();
      return total();
    },
    stop() {
      clearInterval(timer);
      return { peakKb, peakProcesses, cpuSeconds: total() };
    },
  };
}
