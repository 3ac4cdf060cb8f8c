// Launching / connecting / killing the one Chromium of a build.
//
// Local launch: the executable is the first that exists of
//   options.executablePath, $PUPPETEER_EXECUTABLE_PATH, puppeteer's configured
//   browser (puppeteer.executablePath(), which reads .puppeteerrc.cjs),
//   /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome-stable,
//   /usr/bin/google-chrome.
// The process is spawned detached (its own process group, pgid = pid), with a
// private --user-data-dir in a temp dir, so every Chromium process it forks
// can be found and SIGKILLed after a crash or a failed close.
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, PuppeteerNode } from 'puppeteer';
import { forgetBrowser, groupGone, recordBrowser } from './leftovers.ts';

/** puppeteer is loaded on first use: commands that render nothing never pay for it. */
const loadPuppeteer = async (): Promise<PuppeteerNode> => (await import('puppeteer')).default;

/** Added to puppeteer's defaults (headless: true adds --headless). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
  '--hide-scrollbars',
  '--mute-audio',
];

export interface BrowserOptions {
  /** Connect to this remote Chrome instead of launching one (never closed, only disconnected). */
  browserWSEndpoint?: string;
  /** Chromium/Chrome binary; see the module comment for the default search. */
  executablePath?: string;
  /** Launch/connect timeout (ms), default 30000. */
  launchTimeoutMs?: number;
}

export interface BrowserHandle {
  browser: Browser;
  /** pid (= process group id) of a launched browser; null when connected. */
  pid: number | null;
  remote: boolean;
  /** Resolves when the browser disconnects (crash, kill, close). */
  disconnected: Promise<void>;
  /** Close (or disconnect) and make sure no process of it is left. Idempotent, never throws. */
  close(): Promise<void>;
}

export async function findExecutable(explicit?: string): Promise<string | undefined> {
  const candidates: Array<string | undefined> = [explicit, process.env.PUPPETEER_EXECUTABLE_PATH];
  try {
    candidates.push(await (await loadPuppeteer()).executablePath());
  } catch {
    // no configured / downloaded browser
  }
  candidates.push(
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
  );
  return candidates.find((p): p is string => typeof p === 'string' && p !== '' && existsSync(p));
}

/** SIGKILL a process group (and the leader), ignoring "no such process". */
export function killProcessGroup(pid: number): void {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<undefined>((r) => {
      timer = setTimeout(() => r(undefined), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export async function openBrowser(options: BrowserOptions = {}): Promise<BrowserHandle> {
  const timeout = options.launchTimeoutMs ?? 30_000;
  if (options.browserWSEndpoint) {
    const browser = await (await loadPuppeteer()).connect({
      browserWSEndpoint: options.browserWSEndpoint,
      protocolTimeout: timeout * 4,
    });
    const disconnected = new Promise<void>((r) => browser.once('disconnected', () => r()));
    return {
      browser,
      pid: null,
      remote: true,
      disconnected,
      async close() {
        if (browser.connected)
          await withTimeout(
            browser.disconnect().catch(() => undefined),
            5000,
          );
      },
    };
  }
  const executablePath = await findExecutable(options.executablePath);
  if (!executablePath) {
    throw new Error(
      'No Chromium found: set PUPPETEER_EXECUTABLE_PATH, pass executablePath, install chromium, or let puppeteer download its browser',
    );
  }
  const userDataDir = await mkdtemp(join(tmpdir(), 'coursemap-chromium-'));
  const args = [...CHROMIUM_ARGS, `--user-data-dir=${userDataDir}`];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  let browser: Browser;
  try {
    browser = await (await loadPuppeteer()).launch({
      executablePath,
      headless: true,
      args,
      timeout,
      protocolTimeout: timeout * 4,
      // The CLI handles signals itself (closing every renderer, see cleanup.ts), then exits 130/143.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (e) {
    await rm(userDataDir, { recursive: true, force: true });
    throw e;
  }
  const pid = browser.process()?.pid ?? null;
  // Recorded for the next start, which kills the group if this process dies without closing it (kill -9).
  if (pid !== null) recordBrowser(pid);
  const disconnected = new Promise<void>((r) => browser.once('disconnected', () => r()));
  let closed = false;
  // Whatever ends the process (an uncaught error, process.exit), no browser or profile is left behind.
  const onExit = () => {
    if (pid !== null) {
      killProcessGroup(pid);
      forgetBrowser(pid);
    }
    rmSync(userDataDir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  return {
    browser,
    pid,
    remote: false,
    disconnected,
    async close() {
      if (closed) return;
      closed = true;
      process.removeListener('exit', onExit);
      if (browser.connected)
        await withTimeout(
          browser.close().catch(() => undefined),
          5000,
        );
      if (pid !== null) {
        // Normally a no-op; after a crash or a hung close, forked children may remain.
        killProcessGroup(pid);
        const proc = browser.process();
        if (proc && proc.exitCode === null && proc.signalCode === null) {
          await withTimeout(new Promise<void>((r) => proc.once('exit', () => r())), 5000);
        }
        await groupGone(pid);
      }
      await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
      if (pid !== null) forgetBrowser(pid);
    },
  };
}
