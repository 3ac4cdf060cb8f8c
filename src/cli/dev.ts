// `coursemap dev <input>`: build, serve --out on 127.0.0.1, watch the course, the templates and
// the config file, rebuild incrementally on every change (one browser kept warm across builds),
// and live-reload open pages through server-sent events. Errors show in the terminal and as an
// overlay in the page. Ctrl-C (SIGINT/SIGTERM) closes the watchers, the server and the browser.
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { registerCleanup } from '../render/cleanup.ts';
import { Renderer } from '../render/index.ts';
import { settingsOrExit, skippedConfigWarning } from './build.ts';
import { EXIT, type Io, type Values } from './common.ts';
import { LiveReload } from './dev/live.ts';
import { rebuilder } from './dev/rebuild.ts';
import { outputServer } from './dev/serve.ts';
import { watchSources } from './dev/watch.ts';

const DEFAULT_PORT = 4321;

export async function runDev(input: string, values: Values, io: Io): Promise<number> {
  const resolved = await settingsOrExit(input, values, io);
  if (typeof resolved === 'number') return resolved;
  for (const skipped of resolved.skippedConfigs) io.err(skippedConfigWarning(skipped));
  const port = resolved.config.port ?? DEFAULT_PORT;
  const quiet = values.quiet ?? false;
  const outDir = resolve(resolved.options.outDir);
  const cacheDir = resolved.options.cacheDir === false ? null : resolve(resolved.options.cacheDir);
  const renderer = await Renderer.open({
    poolSize: Math.min(4, Math.max(1, availableParallelism())),
    cache: resolved.options.cacheDir === false ? false : { dir: resolved.options.cacheDir },
    ...(resolved.options.browserWSEndpoint ? { browserWSEndpoint: resolved.options.browserWSEndpoint } : {}),
  });
  const live = new LiveReload();
  const builds = rebuilder({ input, values, io, resolved, outDir, renderer, live });
  const server = outputServer(outDir, live);

  await builds.rebuild('start');
  try {
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(port, '127.0.0.1', () => ok());
    });
  } catch (err) {
    await renderer.close();
    io.err(`coursemap: cannot listen on 127.0.0.1:${port}: ${err instanceof Error ? err.message : String(err)}`);
    return EXIT.usage;
  }
  const address = server.address() as AddressInfo;
  io.err(`serving http://127.0.0.1:${address.port}/  (watching for changes; Ctrl-C to stop)`);

  const sources = [input, resolved.options.templatesDir, resolved.configFile].filter(
    (p): p is string => typeof p === 'string',
  );
  const watching = await watchSources(sources, [outDir, cacheDir], (what) => void builds.rebuild(what));

  // Stop on Ctrl-C / SIGTERM. The CLI entry point runs registered cleanups on a signal and then
  // exits 130/143; registering here makes it wait for the server and watchers too.
  let stopping: Promise<void> | null = null;
  let stopped!: () => void;
  const stoppedSignal = new Promise<void>((done) => (stopped = done));
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      stopped();
      if (!quiet) io.err('stopping: closing the server and the browser…');
      watching.close();
      live.close();
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      await builds.running()?.catch(() => undefined);
      await renderer.close();
    })());
  const unregister = registerCleanup(stop);
  const onSignal = () => void stop();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  await stoppedSignal;
  await stop();
  unregister();
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  return EXIT.ok;
}
