// CPU seconds (user + system) of a command and of every process it starts, Chromium included:
// on a machine shared with other work, wall time says little, CPU time much more.
//
//   node bench/cpu.ts npx vitest run test/site-browser.test.ts
//
// /usr/bin/time counts only the children a process waited for, and Chromium's helpers are not
// always reaped by their parent, so this samples /proc every 200 ms instead: every process
// whose parent is the command or one of its descendants is followed by pid, and its own CPU
// time as last seen is summed at the end (a process living less than 200 ms is missed). Linux only.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux this runs on

/** [ppid, own user+system ticks] of a live process, or null. */
function stat(pid: number): [number, number] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return [Number(fields[1]), Number(fields[11]) + Number(fields[12])];
  } catch {
    return null;
  }
}

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node bench/cpu.ts <command> [args…]');
  process.exit(2);
}
const started = performance.now();
const child = spawn(command, args, { stdio: 'inherit' });
let exitCode: number | null = null;
child.on('exit', (code, signal) => (exitCode = code ?? (signal ? 1 : 0)));
const followed = new Set<number>([child.pid!]);
const ticks = new Map<number, number>();
while (exitCode === null) {
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
    if (s) ticks.set(pid, Math.max(ticks.get(pid) ?? 0, s[1]));
  }
  await sleep(200);
}
const cpu = [...ticks.values()].reduce((a, b) => a + b, 0) / TICKS_PER_SECOND;
console.log(
  `cpu ${cpu.toFixed(1)} s, wall ${((performance.now() - started) / 1000).toFixed(1)} s, ${followed.size} processes, exit ${exitCode}`,
);
process.exit(exitCode);
