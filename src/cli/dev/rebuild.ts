// The dev server's builds: one at a time into the same out/ with one warm browser; a change
// during a build queues exactly one more. After each: a one-line summary in the terminal, and
// the open pages reload, or show the errors, or drop an overlay the build has fixed.
import { ConfigError } from '../../config/index.ts';
import { build, type BuildResult } from '../../pipeline/index.ts';
import type { Resolved } from '../../pipeline/resolve.ts';
import type { Renderer } from '../../render/index.ts';
import { countMessages, resolveSettings } from '../build.ts';
import { UsageError, type Io, type Values } from '../common.ts';
import { Progress } from '../progress.ts';
import { printMessages } from '../report.ts';
import type { LiveReload } from './live.ts';

export interface RebuildContext {
  input: string;
  values: Values;
  io: Io;
  /** The settings of the first build (later builds read the config file again). */
  resolved: Resolved;
  outDir: string;
  renderer: Renderer;
  live: LiveReload;
}

export interface Rebuilder {
  rebuild(reason: string): Promise<void>;
  /** The build under way, if any. */
  running(): Promise<void> | null;
}

export function rebuilder(ctx: RebuildContext): Rebuilder {
  let building: Promise<void> | null = null;
  let again = false;
  let first = true;
  const once = async (reason: string): Promise<void> => {
    const started = performance.now();
    try {
      const result = await devBuild(ctx, reason, first);
      first = false;
      report(ctx, result, reason, performance.now() - started);
    } catch (err) {
      const message =
        err instanceof UsageError || err instanceof ConfigError
          ? err.message
          : err instanceof Error
            ? (err.stack ?? err.message)
            : String(err);
      first = false;
      ctx.io.err(`coursemap: build failed: ${message}`);
      ctx.live.overlay = message;
      ctx.live.send('overlay', message);
    }
  };
  const rebuild = (reason: string): Promise<void> => {
    if (building) {
      again = true;
      return building;
    }
    building = (async () => {
      do {
        again = false;
        await once(reason);
      } while (again);
    })().finally(() => {
      building = null;
    });
    return building;
  };
  return { rebuild, running: () => building };
}

async function devBuild(ctx: RebuildContext, reason: string, first: boolean): Promise<BuildResult> {
  const { input, values, io } = ctx;
  const settings = first ? ctx.resolved : await resolveSettings(input, values);
  const progress = new Progress(io, {
    quiet: (values.quiet ?? false) || !values.verbose,
    verbose: values.verbose ?? false,
  });
  try {
    return await build(input, {
      ...settings.options,
      config: false, // resolved above
      outDir: ctx.outDir,
      renderer: ctx.renderer,
      ...(values.force && reason === 'start' ? { full: true } : {}),
      onOutput: (path, status) => {
        progress.output(path, status);
        // A page reloads as soon as its own file is rewritten, before the rest of the build ends.
        if (status === 'written' && !first) ctx.live.send('changed', `/${path}`);
      },
    });
  } finally {
    progress.end();
  }
}

/** The terminal summary, then what the open pages do: reload, show the errors, or clear them. */
function report(ctx: RebuildContext, result: BuildResult, reason: string, ms: number): void {
  const { io, live } = ctx;
  const quiet = ctx.values.quiet ?? false;
  const hasErrors = printMessages(result.files, io, quiet);
  const { warnings, errors } = countMessages(result);
  const o = result.outputs;
  if (!quiet) {
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    io.err(
      `${reason === 'start' ? 'built ' : 'rebuilt'} ${o.changed.length} written, ${o.unchanged.length} unchanged, ${o.reused.length} reused, ${o.deleted.length} deleted; diagrams: ${o.rendered} rendered, ${o.fromCache} from cache; ${plural(warnings, 'warning')}, ${plural(errors, 'error')}; ${(ms / 1000).toFixed(1)} s${reason === 'start' ? '' : ` (${reason})`}`,
    );
  }
  const changed = o.changed.length + o.deleted.length > 0;
  if (hasErrors || o.failed.length > 0) {
    const lines = result.files.flatMap((f) =>
      f.messages
        .filter((m) => m.fatal === true)
        .map((m) => `${f.path}:${m.line ?? 1}:${m.column ?? 1}  ${m.reason}  ${m.ruleId ?? ''}`),
    );
    lines.push(...o.failed.map((f) => `could not write ${f.path}: ${f.error}`));
    live.overlay = lines.join('\n');
    if (changed) live.send('reload', reason);
    else live.send('overlay', live.overlay);
  } else {
    const hadOverlay = live.overlay !== null;
    live.overlay = null;
    if (changed) live.send('reload', reason);
    else if (hadOverlay) live.send('clear', reason);
  }
}
