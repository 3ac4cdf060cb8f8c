// Markup injection and the document-page sandbox: hostile links, raw HTML and requests from
// deck/print pages never get through.
import { createServer } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHtml } from 'hast-util-to-html';
import rehypeSanitize from 'rehype-sanitize';
import { unified } from 'unified';
import { blocksHtml, inlineHtml, SCHEMA, sanitizedHast, toMdastBlocks } from '../src/generate/slides/markdown.ts';
import { hostileCourse } from './support/arbitraries.ts';
import { sanitizeSvg } from '../src/generate/slides/svg.ts';
import { courseFromText } from '../src/load.ts';
import type { Position } from '../src/model/types.ts';
import { Renderer, withDocumentPage } from '../src/render/index.ts';
import { sharedBrowser } from './support/browser.ts';
import { runs } from './support/property.ts';

const at: Position = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

describe('links and raw HTML in slides', () => {
  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    '  javascript:alert(1)',
    'java\u2028script:alert(1)',
    '\u2028javascript:alert(1)',
    'vbscript:msgbox(1)',
    'VBScript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'DATA:image/svg+xml,<svg onload=alert(1)>',
  ])('drops the href of %j', (url) => {
    const html = inlineHtml([{ type: 'link', url, title: null, children: [{ type: 'text', value: 'click' }] }]);
    expect(html).toContain('click');
    expect(html).not.toMatch(/href/i);
    expect(html).not.toMatch(/script:|data:/i);
  });

  it('keeps http and https links', () => {
    expect(
      inlineHtml([
        { type: 'link', url: 'https://example.org/a', title: null, children: [{ type: 'text', value: 'ok' }] },
      ]),
    ).toContain('href="https://example.org/a"');
  });

  it.each([
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<img src=x onerror=alert(1)>',
    '<script>alert(1)</script>',
    '<style>body{background:url(http://127.0.0.1/x)}</style>',
  ])('never passes raw HTML through: %j', (value) => {
    const html = blocksHtml([
      { type: 'html', value, position: at },
      { type: 'paragraph', children: [{ type: 'html', value }], position: at },
    ]);
    expect(html).not.toMatch(/<(iframe|img|script|style)\b/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });
});

describe('warnings for what is dropped', () => {
  it('names dangerous raw HTML and script links at their position', () => {
    const md =
      '# Chapter 1: X\n\nSee [this](JaVaScRiPt:alert(1)) and <img src=x onerror=alert(1)> here.\n\n<iframe srcdoc="x"></iframe>\n';
    const { course } = courseFromText(md, 'x.md');
    const got = course.messages
      .filter((m) => m.ruleId.startsWith('unsafe-'))
      .map((m) => `${m.line}:${m.column} ${m.ruleId}`);
    expect(got).toEqual(['3:5 unsafe-link', '3:37 unsafe-html', '5:1 unsafe-html']);
  });
});

describe('HTML sanitiser', () => {
  it('is idempotent: the slides HTML of any hostile course passes the sanitiser unchanged', () => {
    const again = unified().use(rehypeSanitize, SCHEMA);
    fc.assert(
      fc.property(hostileCourse, (markdown) => {
        const { course } = courseFromText(
          `${markdown}\n\n<iframe srcdoc="x"></iframe> [a](javascript:x) <b onclick="y">b</b>`,
        );
        for (const chapter of course.chapters) {
          const blocks = [...chapter.intro, ...chapter.sections.flatMap((s) => s.blocks)];
          const once = sanitizedHast(toMdastBlocks(blocks));
          const html = toHtml(once);
          expect(toHtml(again.runSync(structuredClone(once)) as typeof once)).toBe(html);
          expect(html).not.toMatch(/<(script|iframe|img|style)\b|\son[a-z]+=|javascript:/i);
        }
      }),
      { numRuns: runs(150) },
    );
  });
});

describe('SVG sanitiser', () => {
  const piece = fc.constantFrom(
    '<script>alert(1)</script>',
    '<g onclick="x()">',
    '</g>',
    '<a href="javascript:alert(1)">',
    '</a>',
    '<text>t</text>',
    '<style>@import url(http://x/y.css); .a{fill:url(http://x/z)}</style>',
    '<image href="http://x/i.png"/>',
    '<foreignObject><div>x</div></foreignObject>',
    '<rect width="1" height="1"/>',
    '<path d="M0 0L1 1"/>',
  );
  const svg = fc
    .array(piece, { maxLength: 12 })
    .map((p) => `<svg xmlns="http://www.w3.org/2000/svg">${p.join('')}</svg>`);
  it('is idempotent: sanitised output passes the sanitiser unchanged', () => {
    fc.assert(
      fc.property(svg, (s) => {
        const once = sanitizeSvg(s);
        expect(sanitizeSvg(once)).toBe(once);
        expect(once).not.toMatch(/<script|\son[a-z]+=|javascript:|@import|url\(\s*['"]?http/i);
      }),
      { numRuns: runs(300) },
    );
  });
});

describe('document pages (decks, print) in the sandbox', () => {
  it('reach no network and no local file; the test server sees no request', async () => {
    const hits: string[] = [];
    const server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('x');
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const port = (server.address() as { port: number }).port;
    const dir = await mkdtemp(join(tmpdir(), 'coursemap-inject-'));
    const file = join(dir, 'page.html');
    await writeFile(
      file,
      `<!doctype html><html><head>
<link rel="stylesheet" href="http://127.0.0.1:${port}/a.css">
<style>@import url(http://127.0.0.1:${port}/b.css); body { background: url(http://127.0.0.1:${port}/c.png); }</style>
</head><body><img src="http://127.0.0.1:${port}/d.png"><img src="file:///etc/passwd">
<iframe src="file:///etc/hostname"></iframe><p>hello</p></body></html>`,
    );
    const renderer = await Renderer.open({ ...sharedBrowser(), cache: false, poolSize: 1 });
    const warnings: string[] = [];
    try {
      // biome-ignore lint/performance/useDomNodeTextContent: the text as shown, without hidden elements
      const shown = () => document.body.innerText;
      const text = await withDocumentPage(renderer, { file, width: 800, height: 600, warnings }, (page) =>
        page.evaluate(shown),
      );
      expect(text).toContain('hello');
    } finally {
      await renderer.close();
      server.close();
      await rm(dir, { recursive: true, force: true });
    }
    expect(hits).toEqual([]);
    expect(warnings.join('\n')).toContain(`http://127.0.0.1:${port}/`);
    expect(warnings.join('\n')).toContain('file:///etc/passwd');
  });
});
