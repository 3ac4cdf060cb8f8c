// Tests of src/render/ against a real Chromium. Outputs are checked by
// properties: well-formed XML, real <text> labels, PNG header and size,
// rsvg-convert can read the SVG, no script/handlers, no request leaves the page.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import puppeteer from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Renderer, diagramId, prepareSource, withRenderer, type RenderResult } from '../src/render/index.ts';
import { findExecutable } from '../src/render/browser.ts';

const FIX = new URL('./fixtures/diagrams/', import.meta.url);
const fixture = (name: string): string => readFileSync(new URL(name, FIX), 'utf8');

// ---------------------------------------------------------------- helpers

/** Minimal XML well-formedness check: balanced tags, quoted attributes, no stray '<' / '&'. */
function assertWellFormedXml(xml: string): void {
  const stack: string[] = [];
  const token =
    /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<\/([A-Za-z_][\w:.-]*)\s*>|<([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|<|&(?!(?:[A-Za-z]+|#\d+|#x[\da-fA-F]+);)/g;
  let m: RegExpExecArray | null;
  let roots = 0;
  while ((m = token.exec(xml))) {
    if (m[0] === '<') throw new Error(`stray '<' at ${m.index}: ${xml.slice(m.index, m.index + 60)}`);
    if (m[0].startsWith('&')) throw new Error(`bare '&' at ${m.index}: ${xml.slice(m.index, m.index + 30)}`);
    if (m[1]) {
      const open = stack.pop();
      if (open !== m[1]) throw new Error(`</${m[1]}> closes <${open}> at ${m.index}`);
    } else if (m[2]) {
      const attrs = [...(m[3] ?? '').matchAll(/([A-Za-z_][\w:.-]*)\s*=/g)].map((a) => a[1]);
      if (new Set(attrs).size !== attrs.length) throw new Error(`duplicate attribute in <${m[2]}>`);
      if (stack.length === 0) roots++;
      if (m[4] !== '/') stack.push(m[2]);
    }
  }
  if (stack.length) throw new Error(`unclosed <${stack.join('> <')}>`);
  if (roots !== 1) throw new Error(`${roots} root elements`);
}

interface PngInfo {
  width: number;
  height: number;
  colorType: number;
  firstPixel: number[];
}

function pngInfo(png: Uint8Array): PngInfo {
  const b = Buffer.from(png);
  expect([...b.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(b.subarray(12, 16).toString('latin1')).toBe('IHDR');
  const width = b.readUInt32BE(16);
  const height = b.readUInt32BE(20);
  const bitDepth = b[24]!;
  const colorType = b[25]!;
  const idat: Buffer[] = [];
  for (let off = 8; off < b.length; ) {
    const len = b.readUInt32BE(off);
    const type = b.subarray(off + 4, off + 8).toString('latin1');
    if (type === 'IDAT') idat.push(b.subarray(off + 8, off + 8 + len));
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const channels = colorType === 6 ? 4 : colorType === 2 ? 3 : colorType === 4 ? 2 : 1;
  expect(bitDepth).toBe(8);
  // First pixel of the first row is stored unfiltered-equivalent for every filter type.
  const firstPixel = [...raw.subarray(1, 1 + channels)];
  return { width, height, colorType, firstPixel };
}

function expectPngMatchesSvg(r: RenderResult, scale: number): PngInfo {
  expect(r.png).toBeInstanceOf(Uint8Array);
  const info = pngInfo(r.png!);
  expect(Math.abs(info.width - r.width * scale)).toBeLessThanOrEqual(scale + 1);
  expect(Math.abs(info.height - r.height * scale)).toBeLessThanOrEqual(scale + 1);
  return info;
}

/** Text of every <text> element (its <tspan> words joined), separated by ' | '. */
function textContents(svg: string): string {
  return [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)]
    .map((m) =>
      m[1]!
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .join(' | ');
}

/** Processes of a launched browser's process group (pgid = browser pid). */
function groupProcesses(pgid: number): string[] {
  const out = execFileSync('ps', ['-eo', 'pid=,pgid=,stat=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => {
      const [, g, stat] = l.split(/\s+/);
      return Number(g) === pgid && !stat?.startsWith('Z');
    });
}

/** Live (non-zombie) Chromium processes started by this test process. */
function strayChromium(): string[] {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,stat=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(
      ([, ppid, stat, ...args]) =>
        Number(ppid) === process.pid && !stat?.startsWith('Z') && /chrom/.test(args.join(' ')),
    )
    .map((f) => f.join(' '));
}

/** SIGKILL a browser and wait until it is really dead (zombie or gone), so the kill lands mid-job. */
async function killBrowser(pid: number): Promise<void> {
  process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 200; i++) {
    const r = spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' });
    if (r.status !== 0 || r.stdout.trim().startsWith('Z')) return;
    await new Promise((ok) => setTimeout(ok, 25));
  }
  throw new Error(`browser ${pid} did not die`);
}

const HAVE_RSVG = spawnSync('rsvg-convert', ['--version']).status === 0;

// ---------------------------------------------------------------- no browser

describe('prepareSource (no browser)', () => {
  it('leaves a plain diagram alone', () => {
    const src = fixture('flowchart.mmd');
    const p = prepareSource(src);
    expect(p.text).toBe(src);
    expect(p.lineOffset).toBe(0);
    expect(p.warnings).toEqual([]);
  });

  it('drops secure keys of init directives with a warning and moves the rest to the end', () => {
    const p = prepareSource(fixture('init-attack.mmd'));
    expect(p.warnings).toContain('init directive ignored: securityLevel');
    expect(p.warnings).toContain('init directive ignored: themeCSS');
    expect(p.warnings).toContain('init directive ignored: fontFamily');
    expect(p.warnings).toContain('init directive ignored: flowchart.htmlLabels');
    expect(p.text.startsWith('flowchart TD')).toBe(true);
    expect(p.lineOffset).toBe(1);
    expect(p.text).toContain('%%{init: {"theme":"forest"}}%%');
    expect(p.text).not.toMatch(/loose|themeCSS|127\.0\.0\.1|htmlLabels/);
  });

  it('sanitises front-matter config and keeps the title', () => {
    const p = prepareSource(fixture('frontmatter-attack.mmd'));
    expect(p.warnings).toEqual(
      expect.arrayContaining([
        'front-matter config ignored: securityLevel',
        'front-matter config ignored: themeCSS',
        'front-matter config ignored: htmlLabels',
      ]),
    );
    expect(p.text).toMatch(/^---\n\{"title":"Front matter","config":\{"theme":"dark"\}\}\n---\nflowchart LR/);
    expect(p.lineOffset).toBe(8);
  });

  it('blanks comment lines (mermaid would delete them and shift line numbers)', () => {
    const p = prepareSource('\n\n%% a comment\n  flowchart TD\n%% another\n  A --> B\n');
    expect(p.lineOffset).toBe(3);
    expect(p.firstLineColumnOffset).toBe(2);
    expect(p.text.split('\n')[1]).toMatch(/^ *$/);
  });

  it('drops unparseable init directives and unknown keys like __proto__', () => {
    const p = prepareSource(
      '%%{init: {not json}}%%\n%%{init: {"__proto__": {"x": 1}, "theme": "dark"}}%%\ngraph TD\nA-->B',
    );
    expect(p.warnings).toContain('init directive ignored: not valid JSON');
    expect(p.warnings).toContain('init directive ignored: __proto__');
    expect(p.text).toContain('%%{init: {"theme":"dark"}}%%');
  });
});

// ---------------------------------------------------------------- shared browser

describe('Renderer (real Chromium)', () => {
  let r: Renderer;
  let server: Server;
  let port = 0;
  let serverHits = 0;
  let tmp = '';

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'coursemap-render-test-'));
    server = createServer((_req, res) => {
      serverHits++;
      res.end('no');
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    port = (server.address() as AddressInfo).port;
    r = await Renderer.open({ cache: false, poolSize: 2 });
  });

  afterAll(async () => {
    const pid = r.browserPid();
    await r.close();
    if (pid !== null) expect(groupProcesses(pid)).toEqual([]);
    await new Promise<void>((ok) => server.close(() => ok()));
    rmSync(tmp, { recursive: true, force: true });
  });

  it('opens lazily: no browser before the first job', async () => {
    const lazy = await Renderer.open({ cache: false });
    expect(lazy.browserStarted).toBe(false);
    const [big] = await lazy.render([{ id: 'big', source: `flowchart TD\n${'A --> B\n'.repeat(8000)}` }], {
      formats: ['svg'],
    });
    expect(big!.error?.kind).toBe('too-large');
    expect(lazy.browserStarted).toBe(false);
    await lazy.close();
    expect(lazy.launches).toBe(0);
  });

  it('without a cache but keepSvgs, lays a diagram asked for again out once: the second call only rasterises it', async () => {
    const jobs: Array<{ svgMs: number; pngMs: number }> = [];
    await withRenderer(
      {
        cache: false,
        keepSvgs: true,
        poolSize: 1,
        onEvent: (e) => e.type === 'job' && jobs.push({ svgMs: e.svgMs, pngMs: e.pngMs }),
      },
      async (own) => {
        const source = fixture('flowchart.mmd');
        const [first] = await own.render([{ id: 'measure', source }], { formats: ['svg'] });
        const [again] = await own.render([{ id: 'write', source }], { formats: ['svg', 'png'] });
        expect(again!.svg).toBe(first!.svg);
        expect(Buffer.from(again!.png!).subarray(1, 4).toString('latin1')).toBe('PNG');
        expect(again!.cached).toBeUndefined(); // drawn by this build, not read from a cache
        // A different source is laid out as usual.
        await own.render([{ id: 'other', source: 'flowchart LR\n  X --> Y' }], { formats: ['svg'] });
      },
    );
    expect(jobs.map((j) => [j.svgMs > 0, j.pngMs > 0])).toEqual([
      [true, false],
      [false, true],
      [true, false],
    ]);
  }, 120_000);

  it('renders a flowchart to well-formed SVG with <text> labels and a matching PNG', async () => {
    const [res] = await r.render([{ id: 'flow', source: fixture('flowchart.mmd') }], { formats: ['svg', 'png'] });
    expect(res!.error).toBeUndefined();
    const svg = res!.svg!;
    assertWellFormedXml(svg);
    expect(svg).toMatch(/^<svg[^>]+id="cm-[0-9a-f]{12}"/);
    expect(svg).not.toContain('<foreignObject');
    const text = textContents(svg);
    for (const label of [
      'Introduction',
      'Basic concepts',
      'Practice?',
      'Exercises 📝',
      'Review',
      'Exam',
      'yes',
      'no',
    ]) {
      expect(text).toContain(label);
    }
    expect(res!.width).toBeGreaterThan(50);
    expect(res!.height).toBeGreaterThan(100);
    const info = expectPngMatchesSvg(res!, 2);
    // white background by default
    expect(info.firstPixel.slice(0, 3)).toEqual([255, 255, 255]);
    writeFileSync(join(tmp, 'flowchart.png'), res!.png!);
  });

  it('renders a mindmap with emoji and non-Latin text as real <text>', async () => {
    const [res] = await r.render([{ id: 'mind', source: fixture('mindmap.mmd') }], {
      formats: ['svg', 'png'],
      scale: 1,
    });
    expect(res!.error).toBeUndefined();
    assertWellFormedXml(res!.svg!);
    expect(res!.svg).not.toContain('<foreignObject');
    const text = textContents(res!.svg!);
    for (const label of ['Course 📚', 'Αλγόριθμοι 🧮', 'Кириллица ✅', 'שלום 🌸', 'Größe &amp; Maß'])
      expect(text).toContain(label);
    expectPngMatchesSvg(res!, 1);
  });

  it.skipIf(!HAVE_RSVG)('produces SVG that rsvg-convert turns into a sane PNG', async () => {
    const [res] = await r.render([{ id: 'flow', source: fixture('flowchart.mmd') }], { formats: ['svg'] });
    const file = join(tmp, 'flow.svg');
    writeFileSync(file, res!.svg!);
    const png = execFileSync('rsvg-convert', ['-f', 'png', file]);
    const info = pngInfo(png);
    expect(Math.abs(info.width - res!.width)).toBeLessThanOrEqual(2);
    expect(Math.abs(info.height - res!.height)).toBeLessThanOrEqual(2);
  });

  it('gives a byte-identical SVG and PNG for the same input, whatever ran before in the page', async () => {
    const single = await Renderer.open({ cache: false, poolSize: 1 });
    try {
      const seq = { id: 'seq', source: fixture('sequence.mmd') };
      const [first] = await single.render([seq], { formats: ['svg', 'png'] });
      // Sequence diagrams number ids from a module-level counter: render others in the same page first.
      const again = await single.render(
        [{ id: 'o1', source: fixture('sequence-other.mmd') }, { id: 'o2', source: fixture('flowchart.mmd') }, seq],
        { formats: ['svg', 'png'] },
      );
      expect(first!.error).toBeUndefined();
      expect(again[2]!.svg).toBe(first!.svg);
      expect(Buffer.from(again[2]!.png!).equals(Buffer.from(first!.png!))).toBe(true);
      // and across browsers/pages
      const [other] = await r.render([seq], { formats: ['svg', 'png'] });
      expect(other!.svg).toBe(first!.svg);
      expect(Buffer.from(other!.png!).equals(Buffer.from(first!.png!))).toBe(true);
      // ids are all derived from the root id
      const ids = [...first!.svg!.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
      const root = ids[0]!;
      expect(ids.slice(1).every((id) => id.startsWith(`${root}-`))).toBe(true);
      expect(first!.svg).not.toMatch(/url\(#(?!cm-)/);
    } finally {
      await single.close();
    }
  });

  it('reports a syntax error with line/column in the diagram source, never an error image', async () => {
    const [res] = await r.render([{ id: 'bad', source: fixture('syntax-error.mmd') }], { formats: ['svg', 'png'] });
    expect(res!.svg).toBeUndefined();
    expect(res!.png).toBeUndefined();
    expect(res!.error?.kind).toBe('syntax');
    expect(res!.error?.message).toMatch(/Parse error/);
    expect(res!.error?.line).toBe(3);
    expect(res!.error?.column).toBe(9); // the second '-->'
    // An unclosed bracket is only noticed at the end: the position is clamped to the last line.
    const [eof] = await r.render([{ id: 'eof', source: 'flowchart TD\n  A --> B[Start\n  B --> C\n' }], {
      formats: ['svg'],
    });
    expect(eof!.error?.kind).toBe('syntax');
    expect(eof!.error?.line).toBe(3);
  });

  it('maps error lines through front matter, directives and comments', async () => {
    const [fm] = await r.render([{ id: 'fm', source: fixture('frontmatter-attack.mmd') }], { formats: ['svg'] });
    expect(fm!.error?.kind).toBe('syntax');
    expect(fm!.error?.line).toBe(11);
    const src =
      '%%{init: {"theme": "dark"}}%%\n\n%% comment\n%% comment 2\nflowchart TD\n  A --> B\n  B --> --> C\n  C --> D\n';
    const [d] = await r.render([{ id: 'd', source: src }], { formats: ['svg'] });
    expect(d!.error?.kind).toBe('syntax');
    expect(d!.error?.line).toBe(7);
    expect(d!.error?.column).toBe(9);
    const v = await r.validate(src);
    expect(v.ok).toBe(false);
    expect(v.error?.line).toBe(7);
    expect((await r.validate(fixture('flowchart.mmd'))).ok).toBe(true);
  });

  it('reports an unknown diagram type as a syntax error', async () => {
    const [res] = await r.render([{ id: 'x', source: 'notadiagram\n  foo' }], { formats: ['svg'] });
    expect(res!.error?.kind).toBe('syntax');
    expect(res!.svg).toBeUndefined();
  });

  it('ignores init directives that try to change securityLevel, CSS or labels, with warnings', async () => {
    const [res] = await r.render([{ id: 'atk', source: fixture('init-attack.mmd') }], { formats: ['svg'] });
    expect(res!.error).toBeUndefined();
    expect(res!.warnings).toEqual(
      expect.arrayContaining(['init directive ignored: securityLevel', 'init directive ignored: themeCSS']),
    );
    const svg = res!.svg!;
    expect(svg).not.toContain('fill: red');
    expect(svg).not.toContain('fill:red');
    expect(svg).not.toContain('127.0.0.1');
    expect(svg).not.toContain('<foreignObject');
    expect(svg).not.toMatch(/\son[a-z]+=/i);
    expect(svg).not.toMatch(/<script/i);
    // the allowed part (theme: forest) still applies: forest's node fill
    expect(svg).toMatch(/#cdffb2/i);
  });

  it('ignores front-matter config that tries the same', async () => {
    const src = fixture('frontmatter-attack.mmd').replace('C[Three', 'C[Three]');
    const [res] = await r.render([{ id: 'fm', source: src }], { formats: ['svg'] });
    expect(res!.error).toBeUndefined();
    expect(res!.warnings).toEqual(
      expect.arrayContaining(['front-matter config ignored: securityLevel', 'front-matter config ignored: themeCSS']),
    );
    expect(res!.svg).not.toMatch(/fill: ?red/);
    expect(res!.svg).not.toContain('<foreignObject');
    expect(textContents(res!.svg!)).toContain('Front matter');
  });

  it('keeps click callbacks inert: no handlers, no script, no javascript: links', async () => {
    const [res] = await r.render([{ id: 'click', source: fixture('click.mmd') }], { formats: ['svg'] });
    expect(res!.error).toBeUndefined();
    const svg = res!.svg!;
    expect(svg).not.toMatch(/\son[a-z]+\s*=/i);
    expect(svg).not.toMatch(/<script/i);
    expect(svg).not.toMatch(/javascript:/i);
    expect(svg).not.toContain('alert');
  });

  it('never lets a <script> or handler from a label into the SVG', async () => {
    const [res] = await r.render([{ id: 'xss', source: fixture('script-label.mmd') }], { formats: ['svg', 'png'] });
    expect(res!.error).toBeUndefined();
    const svg = res!.svg!;
    assertWellFormedXml(svg);
    expect(svg).not.toMatch(/<script/i);
    expect(svg).not.toMatch(/\son[a-z]+\s*=/i);
    expect(svg).not.toMatch(/javascript:/i);
    expect(svg).not.toContain('<img');
  });

  it('blocks every request but the bundled assets (http://127.0.0.1, file:///etc/passwd) and reports them', async () => {
    const hitsBefore = serverHits;
    const src = fixture('network.mmd').replace('PORT', String(port));
    const res = await r.render(
      [
        { id: 'net', source: src },
        { id: 'file', source: fixture('network-file.mmd') },
      ],
      { formats: ['svg', 'png'] },
    );
    const w = res.flatMap((x) => x.warnings).join('\n');
    expect(w).toContain(`blocked request: http://127.0.0.1:${port}/leak.png`);
    expect(w).toContain('blocked request: file:///etc/passwd');
    expect(serverHits).toBe(hitsBefore);
    for (const x of res) {
      // mermaid's image shape fails without its image: a 'render' error, not an image of the error
      if (x.svg) expect(x.svg).not.toContain('root:x:0:0');
      else expect(x.error?.kind).toBe('render');
    }
  });

  it('neutralises external url() references from style/classDef in the SVG', async () => {
    const hitsBefore = serverHits;
    const src = fixture('css-url.mmd').replaceAll('PORT', String(port));
    const [res] = await r.render([{ id: 'css', source: src }], { formats: ['svg', 'png'] });
    expect(res!.error).toBeUndefined();
    expect(res!.svg).not.toContain('127.0.0.1');
    expect(res!.warnings.join('\n')).toMatch(/removed \d+ external resource reference/);
    expect(serverHits).toBe(hitsBefore);
    assertWellFormedXml(res!.svg!);
  });

  it('renders all four themes, differently', async () => {
    const src = fixture('flowchart.mmd');
    const out = new Map<string, string>();
    for (const theme of ['default', 'neutral', 'dark', 'forest'] as const) {
      const [res] = await r.render([{ id: theme, source: src }], { formats: ['svg'], theme });
      expect(res!.error).toBeUndefined();
      expect(res!.svg).not.toContain('<foreignObject');
      out.set(theme, res!.svg!);
    }
    expect(new Set(out.values()).size).toBe(4);
  });

  it('makes transparent PNGs when asked', async () => {
    const [res] = await r.render([{ id: 't', source: fixture('flowchart.mmd') }], {
      formats: ['png'],
      background: 'transparent',
      scale: 1,
    });
    expect(res!.svg).toBeUndefined();
    const info = expectPngMatchesSvg(res!, 1);
    expect(info.colorType).toBe(6);
    expect(info.firstPixel[3]).toBe(0);
  });

  it('renders a batch in input order with per-job results and identical jobs once', async () => {
    const jobs = [
      { id: 'a', source: fixture('flowchart.mmd') },
      { id: 'b', source: fixture('syntax-error.mmd') },
      { id: 'c', source: fixture('mindmap.mmd') },
      { id: 'd', source: fixture('flowchart.mmd') },
    ];
    const res = await r.render(jobs, { formats: ['svg'] });
    expect(res.map((x) => x.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(res[0]!.svg).toBe(res[3]!.svg);
    expect(res[1]!.error?.kind).toBe('syntax');
    expect(res[2]!.error).toBeUndefined();
  });
});

// ---------------------------------------------------------------- failures and processes

describe('Renderer failures', () => {
  it('times out a diagram that never finishes, recycles the page and goes on', async () => {
    let pid: number | null = null;
    const res = await withRenderer(
      { cache: false, poolSize: 1, testHooks: { hang: { marker: 'coursemap-test-hang', mode: 'busy' } } },
      async (r) => {
        const out = await r.render(
          [
            { id: 'ok1', source: fixture('flowchart.mmd') },
            { id: 'hang', source: fixture('hang.mmd') },
            { id: 'ok2', source: fixture('sequence.mmd') },
          ],
          { formats: ['svg', 'png'], timeoutMs: 2000 },
        );
        pid = r.browserPid();
        return out;
      },
    );
    expect(res[0]!.error).toBeUndefined();
    expect(res[1]!.error?.kind).toBe('timeout');
    expect(res[1]!.svg).toBeUndefined();
    expect(res[2]!.error).toBeUndefined();
    expect(res[2]!.png).toBeDefined();
    expect(pid).not.toBeNull();
    expect(groupProcesses(pid!)).toEqual([]);
  });

  it('relaunches a browser killed mid-batch once and finishes the batch', async () => {
    const pids: number[] = [];
    let started = 0;
    const r = await Renderer.open({
      cache: false,
      poolSize: 2,
      testHooks: {
        onJobStart: async (_id, self) => {
          started++;
          const pid = self.browserPid();
          if (started === 3 && pid !== null) {
            pids.push(pid);
            await killBrowser(pid);
          }
        },
      },
    });
    let res: RenderResult[];
    try {
      const sources = [
        'flowchart.mmd',
        'mindmap.mmd',
        'sequence.mmd',
        'sequence-other.mmd',
        'click.mmd',
        'script-label.mmd',
      ];
      res = await r.render(
        sources.map((s) => ({ id: s, source: fixture(s) })),
        { formats: ['svg', 'png'] },
      );
      expect(r.launches).toBe(2);
      pids.push(r.browserPid()!);
    } finally {
      await r.close();
    }
    for (const x of res) {
      expect(x.error, x.id).toBeUndefined();
      expect(x.svg).toBeDefined();
    }
    for (const pid of pids) expect(groupProcesses(pid)).toEqual([]);
  });

  it('gives a clear crash error for the remaining jobs after a second crash, and leaves no process', async () => {
    const pids: number[] = [];
    const firstId = diagramId(fixture('flowchart.mmd'), 'default');
    const r = await Renderer.open({
      cache: false,
      poolSize: 1,
      testHooks: {
        onJobStart: async (id, self) => {
          const pid = self.browserPid();
          // the first job succeeds, then every browser dies as soon as the next job starts
          if (pid !== null && pids.length < 2 && id !== firstId && !pids.includes(pid)) {
            pids.push(pid);
            await killBrowser(pid);
          }
        },
      },
    });
    const sources = ['flowchart.mmd', 'mindmap.mmd', 'sequence.mmd'];
    let res: RenderResult[];
    try {
      res = await r.render(
        sources.map((s) => ({ id: s, source: fixture(s) })),
        { formats: ['svg'] },
      );
    } finally {
      await r.close();
    }
    expect(res[0]!.error).toBeUndefined();
    expect(res[1]!.error?.kind).toBe('crash');
    expect(res[1]!.error?.message).toMatch(/crashed twice/);
    expect(res[2]!.error?.kind).toBe('crash');
    expect(pids).toHaveLength(2);
    for (const pid of pids) expect(groupProcesses(pid)).toEqual([]);
  });

  it('leaves no Chromium process behind after close', async () => {
    let pid: number | null = null;
    await withRenderer({ cache: false }, async (r) => {
      await r.render([{ id: 'a', source: fixture('flowchart.mmd') }], { formats: ['svg'] });
      pid = r.browserPid();
      expect(groupProcesses(pid!).length).toBeGreaterThan(0);
    });
    expect(groupProcesses(pid!)).toEqual([]);
    expect(strayChromium()).toEqual([]);
  });

  it('closes the browser even when the callback throws', async () => {
    let pid: number | null = null;
    await expect(
      withRenderer({ cache: false }, async (r) => {
        await r.render([{ id: 'a', source: fixture('flowchart.mmd') }], { formats: ['svg'] });
        pid = r.browserPid();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(groupProcesses(pid!)).toEqual([]);
  });

  it('connects to a remote browser via browserWSEndpoint and only disconnects from it', async () => {
    const executablePath = await findExecutable();
    const args = [
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ];
    if (process.getuid?.() === 0) args.push('--no-sandbox');
    const remote = await puppeteer.launch({ ...(executablePath ? { executablePath } : {}), headless: true, args });
    try {
      const res = await withRenderer({ cache: false, browserWSEndpoint: remote.wsEndpoint() }, async (r) => {
        const out = await r.render([{ id: 'a', source: fixture('flowchart.mmd') }], { formats: ['svg', 'png'] });
        expect(r.browserPid()).toBeNull();
        return out;
      });
      expect(res[0]!.error).toBeUndefined();
      expect(res[0]!.png).toBeDefined();
      expect(remote.connected).toBe(true);
      expect((await remote.browserContexts()).length).toBe(1); // our contexts are gone
    } finally {
      await remote.close();
    }
  });
});
