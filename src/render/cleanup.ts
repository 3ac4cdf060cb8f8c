// Process-wide cleanups for signals: every open Renderer registers its close(), so that Ctrl-C
// or a SIGTERM closes the browser and removes temp files before the process ends.
const pending = new Set<() => Promise<void>>();

export function registerCleanup(fn: () => Promise<void>): () => void {
  pending.add(fn);
  return () => {
    pending.delete(fn);
  };
}

/** Runs every registered cleanup once, in parallel, never throwing. */
export async function runCleanups(): Promise<void> {
  const all = [...pending];
  pending.clear();
  await Promise.all(all.map((fn) => fn().catch(() => undefined)));
}
