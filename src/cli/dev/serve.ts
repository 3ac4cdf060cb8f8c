// The dev server's files: out/ as it is on disk, HTML pages with the live-reload script added,
// and a list of the outputs when the build made no index page. Only 127.0.0.1 is listened on.
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, relative } from 'node:path';
import { readManifest } from '../../pipeline/manifest.ts';
import { outputPath } from '../../write/files.ts';
import { CLIENT, CLIENT_JS, EVENTS, injectClient, type LiveReload } from './live.ts';
import { escapeHtml } from '../../generate/escape.ts';

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

/** A page listing every output of the manifest, for a build without an index page. */
async function outputList(outDir: string): Promise<string> {
  const manifest = await readManifest(outDir);
  const items = Object.keys(manifest?.outputs ?? {})
    .sort()
    .map((p) => `<li><a href="/${escapeHtml(encodeURI(p))}">${escapeHtml(p)}</a></li>`)
    .join('\n');
  return injectClient(
    `<!doctype html><meta charset="utf-8"><title>coursemap dev</title><body><h1>${escapeHtml(relative(process.cwd(), outDir) || outDir)}/</h1><ul>\n${items}\n</ul></body>`,
  );
}

async function serve(outDir: string, live: LiveReload, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname === EVENTS) return live.attach(req, res);
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
      res.writeHead(200, { 'content-type': TYPES['.html']!, 'cache-control': 'no-store' });
      res.end(await outputList(outDir));
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found: ${rel}`);
    return;
  }
  const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(type.startsWith('text/html') ? injectClient(data.toString('utf8')) : data);
}

/** An HTTP server for out/ (not listening yet). */
export function outputServer(outDir: string, live: LiveReload): Server {
  return createServer((req, res) => {
    serve(outDir, live, req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(err));
    });
  });
}
