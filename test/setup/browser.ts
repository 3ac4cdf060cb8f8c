// Vitest global setup of the browser project: one Chromium for the whole run, launched here and
// shared by every test file through its WebSocket endpoint (inject('browserWSEndpoint'), or the
// helpers of test/support/browser.ts). Launching a browser per file cost seconds each; tests of
// crashes, timeouts, leaks and process counts still open private browsers of their own.
// Runs after leftovers.ts (its private TMPDIR holds this browser's profile) and closes the
// browser before leftovers.ts checks that no Chromium remains.
import type { TestProject } from 'vitest/node';
import { openBrowser } from '../../src/render/browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    browserWSEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const handle = await openBrowser({ launchTimeoutMs: 60_000 });
  project.provide('browserWSEndpoint', handle.browser.wsEndpoint());
  return () => handle.close();
}
