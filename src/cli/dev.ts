// `coursemap dev <input>`: build, serve --out on 127.0.0.1, watch the course, the templates and
// the config file, rebuild incrementally on every change (one browser kept warm across builds),
// and live-reload open pages through server-sent events. Errors show in the terminal and as an
// overlay in the page. Ctrl-C (SIGINT/SIGTERM) closes the watchers, the server and the browser.
import { watch, type FSWatcher } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { basename, dirname, extname, relative, resolve, sep } from 'node:path';
import { build } from '../pipeline/index.ts';
import { readManifest } from '../pipeline/manifest.ts';
import { ConfigError } from '../config/index.ts';
import { registerCleanup } from '../render/cleanup.ts';
import { Renderer } from '../render/index.ts';
import { outputPath } from '../write/files.ts';
import { countMessages, resolveSettings, settingsOrExit, skippedConfigWarning } from './build.ts';
import { EXIT, UsageError, type Io, type Values } from './common.ts';
import { Progress } from './progress.ts';
import { printMessages } from './report.ts';

export const DEFAULT_PORT = 4321;
const EVENTS = '/__coursemap/events';
const CLIENT = '/__coursemap/live.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.pdf': 'application/pdf',
  '.json': 'application/json; charset=utf-8',
  '.mmd': 'text/plain; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** The page side: reload on "reload", show an overlay on "overlay". */
export const CLIENT_JS = `(() => {
  const es = new EventSource(${JSON.stringify(EVENTS)});
  const id = '__coursemap_overlay';
  es.addEventListener('reload', () => location.reload());
  // A page reloads as soon as its own file is rewritten, before the rest of the build ends.
  es.addEventListener('changed', (e) => {
    const path = JSON.parse(e.data);
    const here = decodeURI(location.pathname).replace(/\\/$/, '/index.html');
    if (here === path) location.reload();
  });
  es.addEventListener('overlay', (e) => {
    let box = document.getElementById(id);
    if (!box) {
      box = document.createElement('div');
      box.id = id;
      box.style.cssText = 'position:fixed;inset:0;z-index:2147483647;background:rgba(20,0,0,.88);color:#ffd7d7;font:14px/1.45 ui-monospace,monospace;padding:2rem;overflow:auto;white-space:pre-wrap';
      box.title = 'coursemap build errors (click to hide)';
      box.onclick = () => box.remove();
      document.documentElement.appendChild(box);
    }
    box.textContent = 'coursemap: the last build has errors\\n\\n' + JSON.parse(e.data);
  });
  es.addEventListener('clear', () => document.getElementById(id)?.remove());
})();
`;

function injectClient(html: string): string {
  const tag = `<script src="${CLIENT}"></script>`;
  const at = html.lastIndexOf('</body>');
  return at >= 0 ? `${html.slice(0, at)}${tag}${html.slice(at)}` : `${html}${tag}`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

export interface DevServer {
  url: string;
  close(): Promise<void>;
}

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

  const clients = new Set<ServerResponse>();
  let overlay: string | null = null;
  const send = (event: string, data: unknown) => {
    for (const c of clients) c.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };

  // ---- builds, one at a time; changes during a build queue one more
  let building: Promise<void> | null = null;
  let again = false;
  let firstBuild = true;
  const rebuild = async (reason: string): Promise<void> => {
    if (building) {
      again = true;
      return building;
    }
    building = (async () => {
      do {
        again = false;
        const started = performance.now();
        try {
          const settings = firstBuild ? resolved : await resolveSettings(input, values);
          const progress = new Progress(io, { quiet: quiet || !values.verbose, verbose: values.verbose ?? false });
          const result = await build(input, {
            ...settings.options,
            config: false, // resolved above
            outDir,
            renderer,
            ...(values.force && reason === 'start' ? { full: true } : {}),
            onOutput: (path, status) => {
              progress.output(path, status);
              if (status === 'written' && !firstBuild) send('changed', `/${path}`);
            },
          });
          progress.end();
          firstBuild = false;
          const hasErrors = printMessages(result.files, io, quiet);
          const { warnings, errors } = countMessages(result);
          const o = result.outputs;
          if (!quiet) {
            io.err(`${reason === 'start' ? 'built ' : 'rebuilt'} ${o.changed.length} written, ${o.unchanged.length} unchanged, ${o.reused.length} reused, ${o.deleted.length} deleted; diagrams: ${o.rendered} rendered, ${o.fromCache} from cache; ${warnings} warning${warnings === 1 ? '' : 's'}, ${errors} error${errors === 1 ? '' : 's'}; ${((performance.now() - started) / 1000).toFixed(1)} s${reason === 'start' ? '' : ` (${reason})`}`);
          }
          const changed = o.changed.length + o.deleted.length > 0;
          if (hasErrors || o.failed.length > 0) {
            const lines = result.files.flatMap((f) => f.messages.filter((m) => m.fatal === true).map((m) => `${f.path}:${m.line ?? 1}:${m.column ?? 1}  ${m.reason}  ${m.ruleId ?? ''}`));
            lines.push(...o.failed.map((f) => `could not write ${f.path}: ${f.error}`));
            overlay = lines.join('\n');
            if (changed) send('reload', reason);
            else send('overlay', overlay);
          } else {
            const hadOverlay = overlay !== null;
            overlay = null;
            if (changed) send('reload', reason);
            else if (hadOverlay) send('clear', reason);
          }
        } catch (err) {
          const message = err instanceof UsageError || err instanceof ConfigError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
          firstBuild = false;
          io.err(`coursemap: build failed: ${message}`);
          overlay = message;
          send('overlay', overlay);
        }
      } while (again);
    })().finally(() => {
      building = null;
    });
    return building;
  };

  // ---- server
  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === EVENTS) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': coursemap live reload\n\n');
      clients.add(res);
      if (overlay !== null) res.write(`event: overlay\ndata: ${JSON.stringify(overlay)}\n\n`);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (url.pathname === CLIENT) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      res.end(CLIENT_JS);
      return;
    }
    let rel = decodeURIComponent(url.pathname).replace(/^\/+/, '');
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    let file: string;
    try {
      file = outputPath(outDir, rel);
    } catch {
      res.writeHead(403).end('forbidden');
      return;
    }
    let data: Buffer;
    try {
      const st = await stat(file);
      if (st.isDirectory()) {
        res.writeHead(302, { location: `${url.pathname}/` }).end();
        return;
      }
      data = await readFile(file);
    } catch {
      if (rel === 'index.html') {
        // No index page (no index stage): list the manifest's outputs.
        const manifest = await readManifest(outDir);
        const items = Object.keys(manifest?.outputs ?? {}).sort().map((p) => `<li><a href="/${escapeHtml(encodeURI(p))}">${escapeHtml(p)}</a></li>`).join('\n');
        res.writeHead(200, { 'content-type': TYPES['.html']!, 'cache-control': 'no-store' });
        res.end(injectClient(`<!doctype html><meta charset="utf-8"><title>coursemap dev</title><body><h1>${escapeHtml(relative(process.cwd(), outDir) || outDir)}/</h1><ul>\n${items}\n</ul></body>`));
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found: ${rel}`);
      return;
    }
    const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(type.startsWith('text/html') ? injectClient(data.toString('utf8')) : data);
  };
  const server = createServer((req, res) => {
    serve(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(err));
    });
  });

  await rebuild('start');
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

  // ---- watchers
  const ignored = (full: string) => {
    const inside = (dir: string | null) => dir !== null && (full === dir || full.startsWith(dir + sep));
    const name = basename(full);
    return inside(outDir) || inside(cacheDir) || name.startsWith('.') || name.endsWith('~') || name.endsWith('.swp') || name.endsWith('.tmp');
  };
  let timer: NodeJS.Timeout | undefined;
  const changed = new Set<string>();
  const onChange = (full: string) => {
    if (ignored(full)) return;
    changed.add(relative(process.cwd(), full) || full);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const what = [...changed].slice(0, 3).join(', ') + (changed.size > 3 ? ', …' : '');
      changed.clear();
      void rebuild(what);
    }, 60);
  };
  const watchers: FSWatcher[] = [];
  const watchPath = async (path: string) => {
    const full = resolve(path);
    const st = await stat(full).catch(() => null);
    if (!st) return;
    if (st.isDirectory()) {
      watchers.push(watch(full, { recursive: true }, (_e, name) => onChange(resolve(full, String(name ?? '')))));
    } else {
      // Editors replace files (write + rename), so watch the folder and filter on the name.
      const dir = dirname(full);
      watchers.push(watch(dir, (_e, name) => {
        if (name && resolve(dir, String(name)) === full) onChange(full);
      }));
    }
  };
  await watchPath(input);
  if (resolved.options.templatesDir) await watchPath(resolved.options.templatesDir);
  if (resolved.configFile) await watchPath(resolved.configFile);

  // ---- stop on Ctrl-C / SIGTERM. The CLI entry point runs registered cleanups on a signal and
  // then exits 130/143; registering here makes it wait for the server and watchers too.
  let stopping: Promise<void> | null = null;
  let stopped!: () => void;
  const stoppedSignal = new Promise<void>((done) => (stopped = done));
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      stopped();
      if (!quiet) io.err('stopping: closing the server and the browser…');
      clearTimeout(timer);
      for (const w of watchers) w.close();
      for (const c of clients) c.end();
      clients.clear();
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      if (building) await (building as Promise<void>).catch(() => undefined);
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
