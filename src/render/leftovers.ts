// What a build killed with SIGKILL leaves behind, found and removed by the next start.
//
// A SIGKILLed process runs no cleanup: its Chromium (a process group of its own, see ./browser.ts)
// keeps running and its temp folders stay. So every coursemap process that launches Chromium keeps
// a run folder in the OS temp folder, `coursemap-run-<pid>-<start>` (start: the kernel's start time
// of the process, so a reused pid is not mistaken for its owner), holding one empty file per
// browser it launched, `chromium-<pgid>-<start>`. The command line also points TMPDIR into its run
// folder, so every temp folder of the build (and Chromium's own) lives there. The next start sweeps
// the temp folder: a run folder whose owner is gone has each recorded browser group killed (only
// while a process of that group started no earlier than its recorded leader, so a reused pid is
// left alone) and is removed. Process start times come from Linux's /proc; elsewhere a run folder
// is judged by its pid alone and browser groups are not killed (only their folders removed).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUN_PREFIX = 'coursemap-run-';
const HAS_PROC = existsSync('/proc/self/stat');

let runDir: string | null = null;
/** The command line's run folder also holds TMPDIR: kept until the process exits. */
let keepRunDir = false;
let exitHooked = false;

/** What /proc/<pid>/stat says of a process: its state, parent, process group and start time. */
interface ProcStat {
  pid: number;
  state: string;
  ppid: number;
  pgrp: number;
  /** Clock ticks since boot. */
  start: number;
}

/** One process's /proc/<pid>/stat, or null (gone, or no /proc). */
function procStat(pid: number): ProcStat | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, state: fields[0] ?? '', ppid: Number(fields[1]), pgrp: Number(fields[2]), start: Number(fields[19]) };
  } catch {
    return null;
  }
}

/** Every process /proc lists now (the one reader of the process table); none without /proc. */
function processes(): ProcStat[] {
  if (!HAS_PROC) return [];
  return readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .map((n) => procStat(Number(n)))
    .filter((s) => s !== null);
}

function alive(pid: number, start: number | null): boolean {
  if (HAS_PROC && start !== null) return procStat(pid)?.start === start;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Waits (at most `ms`) until no live process is left in group `pgid`: SIGKILL is asynchronous, and
 * a browser's forked children may still be running a moment after the leader exited. Zombies
 * (waiting for init to reap them) do not count. Without /proc it returns at once.
 */
export async function groupGone(pgid: number, ms = 5000): Promise<boolean> {
  if (!HAS_PROC) return true;
  const deadline = Date.now() + ms;
  for (;;) {
    const live = processes().some((s) => s.pgrp === pgid && s.state !== 'Z');
    if (!live) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** SIGKILLs process group `pgid` if a process of it started no earlier than its leader did. */
function killGroup(pgid: number, start: number): boolean {
  if (!HAS_PROC) return false;
  const members = processes().filter((s) => s.pgrp === pgid && s.start >= start);
  if (members.length === 0) return false;
  try {
    process.kill(-pgid, 'SIGKILL');
    return true;
  } catch {
    return false;
  }
}

/** SIGKILLs the process group of every child of this process (Chromium is spawned as a group leader). */
function killChildGroups(): number[] {
  const killed: number[] = [];
  for (const { pid } of processes().filter((s) => s.ppid === process.pid)) {
    try {
      process.kill(-pid, 'SIGKILL');
      killed.push(pid);
    } catch {
      // gone, or not a group leader
    }
  }
  return killed;
}

/**
 * SIGKILLs every process whose command line names `dir` (a Chromium whose leader was killed while
 * it launched lives on in processes no longer our children, and recreates its profile folder in
 * `dir` if that is removed under it); returns their process groups.
 */
function killUsersOf(dir: string): number[] {
  const groups = new Set<number>();
  for (const { pid, pgrp } of processes()) {
    if (pid === process.pid) continue;
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir)) continue;
      process.kill(pid, 'SIGKILL');
      groups.add(pgrp);
    } catch {
      // gone already
    }
  }
  return [...groups];
}

/**
 * Removes `dir`, trying again for up to `ms`: a Chromium killed a moment ago (its leader already
 * gone, so not found as our child) may still write into its profile inside it.
 */
function removeSync(dir: string, ms = 3000): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // not empty yet: a dying process wrote into it
    }
    if (!existsSync(dir) || Date.now() >= deadline) return;
    Atomics.wait(pause, 0, 0, 50);
  }
}

/**
 * Blocks (at most `ms`) until no live process is left in the groups: used on exit, where nothing
 * asynchronous runs any more, so that a dying Chromium stops writing into its profile before the
 * run folder is removed.
 */
function waitGroupsGoneSync(pgids: readonly number[], ms = 3000): void {
  if (pgids.length === 0) return;
  const groups = new Set(pgids);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const live = processes().some((st) => groups.has(st.pgrp) && st.state !== 'Z');
    if (!live) return;
    Atomics.wait(pause, 0, 0, 20);
  }
}

export interface SweepResult {
  /** Browser process groups killed. */
  killed: number;
  /** Run folders removed. */
  removed: string[];
}

/** Kills the browsers and removes the run folders of coursemap processes that are gone. */
export function sweepLeftovers(base: string = tmpdir()): SweepResult {
  const result: SweepResult = { killed: 0, removed: [] };
  let names: string[];
  try {
    names = readdirSync(base).filter((n) => n.startsWith(RUN_PREFIX));
  } catch {
    return result;
  }
  for (const name of names) {
    const m = /^coursemap-run-(\d+)-(\d+|x)$/.exec(name);
    const dir = join(base, name);
    if (!m || dir === runDir || alive(Number(m[1]), m[2] === 'x' ? null : Number(m[2]))) continue;
    for (const record of readdirSync(dir).filter((n) => n.startsWith('chromium-'))) {
      const [, pgid, start] = /^chromium-(\d+)-(\d+)$/.exec(record) ?? [];
      if (pgid && start && killGroup(Number(pgid), Number(start))) result.killed++;
    }
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    result.removed.push(dir);
  }
  return result;
}

function ensureRunDir(): string {
  if (runDir) return runDir;
  const start = procStat(process.pid)?.start;
  const dir = join(tmpdir(), `${RUN_PREFIX}${process.pid}-${start ?? 'x'}`);
  mkdirSync(dir, { recursive: true });
  runDir = dir;
  if (!exitHooked) {
    exitHooked = true;
    process.once('exit', () => {
      if (!runDir) return;
      // The command line owns its children: a Chromium still being launched when a signal ended
      // the build is not recorded yet, and would write into the folder while it is removed.
      if (keepRunDir) waitGroupsGoneSync([...killChildGroups(), ...killUsersOf(runDir)]);
      removeSync(runDir);
    });
  }
  return dir;
}

/**
 * The command line's start: sweeps what killed builds left, then makes this process's run folder
 * and points TMPDIR into it (a process-wide change: only for the process that owns itself).
 */
export function startRun(): SweepResult {
  const swept = sweepLeftovers();
  const dir = ensureRunDir();
  keepRunDir = true;
  process.env['TMPDIR'] = dir;
  return swept;
}

/** Records a launched browser (its process group) in the run folder; sweeps on the first launch. */
export function recordBrowser(pgid: number): void {
  if (!runDir) sweepLeftovers();
  const start = procStat(pgid)?.start;
  if (start === undefined) return; // no /proc: nothing to check a group against later
  writeFileSync(join(ensureRunDir(), `chromium-${pgid}-${start}`), '');
}

/** The browser closed: its record goes, and a library's run folder with nothing left in it. */
export function forgetBrowser(pgid: number): void {
  if (!runDir) return;
  try {
    for (const name of readdirSync(runDir).filter((n) => n.startsWith(`chromium-${pgid}-`)))
      rmSync(join(runDir, name), { force: true });
    if (!keepRunDir && readdirSync(runDir).length === 0) {
      rmSync(runDir, { recursive: true, force: true });
      runDir = null;
    }
  } catch {
    runDir = keepRunDir ? runDir : null; // removed under us (a sweep of another process cannot: we are alive)
  }
}
