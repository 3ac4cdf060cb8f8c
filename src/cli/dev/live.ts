// Live reload: the script every served page gets, and the event stream it listens to. A build
// sends "changed" (one page was rewritten), "reload", "overlay" (the errors) or "clear".
import type { IncomingMessage, ServerResponse } from 'node:http';

export const EVENTS = '/__coursemap/events';
export const CLIENT = '/__coursemap/live.js';

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

export function injectClient(html: string): string {
  const tag = `<script src="${CLIENT}"></script>`;
  const at = html.lastIndexOf('</body>');
  return at >= 0 ? `${html.slice(0, at)}${tag}${html.slice(at)}` : `${html}${tag}`;
}

/** The open event streams, and the errors overlay a page that connects now must show. */
export class LiveReload {
  private readonly clients = new Set<ServerResponse>();
  overlay: string | null = null;

  send(event: string, data: unknown): void {
    for (const c of this.clients) c.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** Answers a request for EVENTS: keeps the stream open, shows the current errors at once. */
  attach(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': coursemap live reload\n\n');
    this.clients.add(res);
    if (this.overlay !== null) res.write(`event: overlay\ndata: ${JSON.stringify(this.overlay)}\n\n`);
    req.on('close', () => this.clients.delete(res));
  }

  close(): void {
    for (const c of this.clients) c.end();
    this.clients.clear();
  }
}
