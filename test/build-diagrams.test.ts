// The diagram stage of `coursemap build`, end to end against a real Chromium: the DDIA course's
// maps and repaired authored block, and negative build fixtures (test/fixtures/build/).
// Byte-identical rebuilds and the render cache: test/diagram-cache.test.ts. Outputs are checked by properties: well-formed XML,
// every node label as SVG <text>, rsvg-convert reads the SVG, PNG header and size.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, DEFAULT_BUILD, type BuildResult } from '../src/pipeline/index.ts';
import { buildDiagrams, diagramJobs } from '../src/pipeline/diagrams.ts';
import { Outputs } from '../src/pipeline/outputs.ts';
import { cli } from './support/cli.ts';
import { sharedBrowser, sharedBrowserArgs } from './support/browser.ts';
import { templateSet } from '../src/generate/templates.ts';
import { loadCourse } from '../src/index.ts';
import { Renderer } from '../src/render/index.ts';
import { ddiaFixture, DDIA_TIMEOUT } from './support/ddia.ts';
import { diagramFiles } from './support/out-tree.ts';
import { runCache } from './support/run-cache.ts';

const DDIA = '../shared/courses/ddia-course.md';
/** The most pixels rsvg-convert draws of one SVG (see the rsvg test). */
const RSVG_PIXELS = 500_000;

/** This file reads diagrams only: its builds skip the document stages (no decks, slide PNGs, site…). */
const DIAGRAMS_ONLY = { stages: [] } as const;
const FIX = 'test/fixtures/build';
const exec = promisify(execFile);

// ---------------------------------------------------------------- helpers

const temps: string[] = [];
function temp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `coursemap-${prefix}-`));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

/** Minimal XML well-formedness check: balanced tags, quoted unique attributes, no stray '<' / '&', one root. */
function assertWellFormedXml(xml: string, name = 'xml'): void {
  const stack: string[] = [];
  const token =
    /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<\/([A-Za-z_][\w:.-]*)\s*>|<([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|<|&(?!(?:[A-Za-z]+|#\d+|#x[\da-fA-F]+);)/g;
  let m: RegExpExecArray | null;
  let roots = 0;
  while ((m = token.exec(xml))) {
    if (m[0] === '<') throw new Error(`${name}: stray '<' at ${m.index}: ${xml.slice(m.index, m.index + 60)}`);
    if (m[0].startsWith('&')) throw new Error(`${name}: bare '&' at ${m.index}: ${xml.slice(m.index, m.index + 30)}`);
    if (m[1]) {
      const open = stack.pop();
      if (open !== m[1]) throw new Error(`${name}: </${m[1]}> closes <${open}> at ${m.index}`);
    } else if (m[2]) {
      const attrs = [...(m[3] ?? '').matchAll(/([A-Za-z_][\w:.-]*)\s*=/g)].map((a) => a[1]);
      if (new Set(attrs).size !== attrs.length) throw new Error(`${name}: duplicate attribute in <${m[2]}>`);
      if (stack.length === 0) roots++;
      if (m[4] !== '/') stack.push(m[2]);
    }
  }
  if (stack.length) throw new Error(`${name}: unclosed <${stack.join('> <')}>`);
  if (roots !== 1) throw new Error(`${name}: ${roots} root elements`);
}

function decodeXml(s: string): string {
  return s
    .replace(/&#x([\da-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Text of every <text> element: its word <tspan>s joined as written, rows separated by a space. */
function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) =>
    decodeXml(m[1]!.replace(/<tspan[^>]*class="[^"]*text-outer-tspan[^"]*"[^>]*>/g, ' ').replace(/<[^>]*>/g, ''))
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

/** Mermaid's `#name;` / `#123;` entity codes, as written by the label escaper. */
function decodeMermaid(s: string): string {
  const named: Record<string, string> = { quot: '"', lt: '<', gt: '>', amp: '&', nbsp: '\u00a0', apos: "'" };
  return s.replace(/#(\w+);/g, (whole, code: string) =>
    /^\d+$/.test(code) ? String.fromCodePoint(Number(code)) : (named[code] ?? whole),
  );
}

/** Node labels of a flowchart / mindmap source: `id["label"]`, `id[label]`, `id(("label"))`, `id(["label"])`, `id("label")`. */
function nodeLabels(mmd: string): string[] {
  const labels: string[] = [];
  // A markdown string ("`**title**\nidea`", the course map's boxes) spans lines: fold it onto one.
  mmd = mmd.replace(
    /"`([^"`]*)`"/g,
    (_, md: string) =>
      `"${md
        .replace(/\*\*/g, '')
        .replace(/\u200B/g, '')
        .replace(/\n/g, '<br/>')}"`,
  );
  const node =
    /([A-Za-z_][\w-]*)\s*(\(\[|\(\(|\[\[|\[|\(|\{)\s*(?:"([^"]*)"|([^\])}"|]*?))\s*(\]\)|\)\)|\]\]|\]|\)|\})/g;
  for (const line of mmd.split('\n')) {
    if (/^\s*(%%|classDef|class |style |click |accTitle|accDescr)/.test(line)) continue;
    for (const m of line.matchAll(node)) {
      const raw = m[3] ?? m[4] ?? '';
      const label = decodeMermaid(raw)
        .replace(/<br\s*\/?>/g, ' ')
        .replace(/\u00a0/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
      if (label) labels.push(label);
    }
  }
  return labels;
}

interface PngInfo {
  width: number;
  height: number;
}
function pngInfo(png: Uint8Array, name: string): PngInfo {
  const b = Buffer.from(png);
  expect([...b.subarray(0, 8)], `${name}: PNG signature`).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(b.subarray(12, 16).toString('latin1'), `${name}: IHDR`).toBe('IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  return { width: Number(/\swidth="([\d.]+)"/.exec(root)?.[1]), height: Number(/\sheight="([\d.]+)"/.exec(root)?.[1]) };
}

/** Rules of the diagram stage (the other stages — decks, print — report their own). */
const DIAGRAM_RULE = /^(mermaid-syntax|mermaid-repaired|render-[\w-]+)$/;

/** The diagram stage's messages of a build as "file:line:col: message [rule]". */
function messages(result: BuildResult, severity?: 'error' | 'warning'): string[] {
  return result.files.flatMap((f) =>
    f.messages
      .filter((m) => DIAGRAM_RULE.test(m.ruleId ?? ''))
      .filter((m) => severity === undefined || (severity === 'error' ? m.fatal === true : m.fatal === false))
      .map((m) => `${f.path}:${m.line}:${m.column}: ${m.reason} [${m.ruleId}]`),
  );
}

// ---------------------------------------------------------------- negative build fixtures

describe('negative build fixtures', () => {
  it('a syntax error the fixer cannot repair: positioned error in the Markdown, exit 1, every other output written', async () => {
    const input = `${FIX}/syntax-unfixable.md`;
    const out = temp('neg-syntax');
    const cacheDir = temp('neg-syntax-cache');
    const result = await build(input, { ...DEFAULT_BUILD, ...sharedBrowser(), outDir: out, cacheDir });
    // The block opens on line 31; its broken line `  B --> --> C[River]` is line 34, the second arrow at column 9.
    const errors = messages(result, 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^test\/fixtures\/build\/syntax-unfixable\.md:34:9: Mermaid syntax error: .+ \[mermaid-syntax\]$/,
    );
    // Nothing for the broken block (no .mmd/.svg/.png), everything else.
    expect(diagramFiles(out)).toEqual([
      'maps/1-springs.mmd',
      'maps/1-springs.png',
      'maps/1-springs.svg',
      'maps/2-streams.mmd',
      'maps/2-streams.png',
      'maps/2-streams.svg',
      'maps/course-map.mmd',
      'maps/course-map.png',
      'maps/course-map.svg',
    ]);
    expect(existsSync(join(out, 'model.json'))).toBe(true);
    expect(result.outputs.failed).toEqual([]);
    const model = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')) as {
      course: { messages: Array<{ line: number; column: number; severity: string; ruleId: string }> };
    };
    expect(
      model.course.messages.filter((m) => m.severity === 'error').map((m) => `${m.line}:${m.column}:${m.ruleId}`),
    ).toEqual(['34:9:mermaid-syntax']);

    // The CLI: the same error, printed with its position, and exit 1.
    const { code, err } = await cli(
      'build',
      input,
      '--out',
      temp('neg-syntax-cli'),
      '--cache-dir',
      cacheDir,
      '--formats',
      'svg',
      ...sharedBrowserArgs(),
    );
    expect(code).toBe(1);
    expect(err).toContain(input);
    expect(err).toMatch(/34:9\s+error\s+Mermaid syntax error/);
  }, 300_000);

  it('a diagram whose layout never finishes: a timeout error at its fence, the other diagrams rendered', async () => {
    const input = `${FIX}/hang.md`;
    const { course, files } = await loadCourse(input);
    const jobs = await diagramJobs(course, files, templateSet());
    expect(jobs.map((j) => j.name)).toEqual([
      'maps/course-map',
      'maps/1-springs',
      'maps/2-streams',
      'diagrams/2-streams-1',
    ]);
    const out = temp('neg-hang');
    const outputs = new Outputs(out);
    const renderer = await Renderer.open({
      cache: false,
      poolSize: 2,
      testHooks: { hang: { marker: 'coursemap-test-hang', mode: 'busy' } },
    });
    let rendered: Awaited<ReturnType<typeof buildDiagrams>>;
    try {
      rendered = await buildDiagrams(jobs, renderer, outputs, {
        formats: ['svg', 'png'],
        theme: 'default',
        background: 'white',
        scale: 2,
        timeoutMs: 10_000, // room for the other diagrams on a loaded machine; the hanging one waits it out
      });
    } finally {
      await renderer.close();
    }
    const file = files[0]!;
    const errors = file.messages
      .filter((m) => m.fatal === true)
      .map((m) => `${file.path}:${m.line}:${m.column}: ${m.reason} [${m.ruleId}]`);
    // The fence opens on line 21; a timeout has no position inside the diagram, so it points at the fence.
    expect(errors).toEqual([
      `${input}:21:1: diagrams/2-streams-1: timeout error: diagram did not finish within 10000 ms [render-timeout]`,
    ]);
    expect(rendered.get('diagrams/2-streams-1')?.svg).toBeNull();
    for (const n of ['maps/course-map', 'maps/1-springs', 'maps/2-streams'])
      expect(rendered.get(n)?.svg, n).toMatch(/^<svg/);
    expect(diagramFiles(out)).toEqual([
      'diagrams/2-streams-1.mmd',
      'maps/1-springs.mmd',
      'maps/1-springs.png',
      'maps/1-springs.svg',
      'maps/2-streams.mmd',
      'maps/2-streams.png',
      'maps/2-streams.svg',
      'maps/course-map.mmd',
      'maps/course-map.png',
      'maps/course-map.svg',
    ]);
  }, 300_000);

  describe('authored blocks that try to escape: %%{init}%%, click callbacks, <script> labels', () => {
    const input = `${FIX}/security.md`;
    let out: string;
    let result: BuildResult;
    beforeAll(async () => {
      out = temp('neg-security');
      result = await build(input, {
        ...DEFAULT_BUILD,
        ...sharedBrowser(),
        ...DIAGRAMS_ONLY,
        outDir: out,
        cacheDir: temp('neg-security-cache'),
      });
    }, 300_000);

    it('renders all three, with no errors', () => {
      expect(messages(result, 'error')).toEqual([]);
      for (const n of ['diagrams/1-springs-1', 'diagrams/1-springs-2', 'diagrams/2-streams-1']) {
        for (const ext of ['mmd', 'svg', 'png']) expect(existsSync(join(out, `${n}.${ext}`)), `${n}.${ext}`).toBe(true);
        assertWellFormedXml(readFileSync(join(out, `${n}.svg`), 'utf8'), n);
      }
    });

    it('%%{init: {"securityLevel": "loose"}}%% is ignored, with a warning at the fence', () => {
      const warnings = messages(result, 'warning').filter((m) => m.includes('securityLevel'));
      expect(warnings).toEqual([
        `${input}:13:1: diagrams/1-springs-1: init directive ignored: securityLevel [render-warning]`,
      ]);
      const svg = readFileSync(join(out, 'diagrams/1-springs-1.svg'), 'utf8');
      expect(svg).not.toMatch(/<script|\son[a-z]+\s*=|javascript:/i);
      expect(svgTexts(svg)).toEqual(expect.arrayContaining(['Spring', 'Stream']));
    });

    it('a click callback is inert: no on* attributes, no script, no javascript: URL', () => {
      const svg = readFileSync(join(out, 'diagrams/1-springs-2.svg'), 'utf8');
      expect(svg).not.toMatch(/\son[a-z]+\s*=/i);
      expect(svg).not.toMatch(/<script/i);
      expect(svg).not.toMatch(/javascript:/i);
      expect(svg).not.toContain('alert');
      expect(svgTexts(svg)).toEqual(expect.arrayContaining(['Click me', 'Link']));
    });

    it('a <script> label: the authored source is kept, the SVG has no <script> and shows the text', () => {
      const mmd = readFileSync(join(out, 'diagrams/2-streams-1.mmd'), 'utf8');
      expect(mmd).toContain('A["<script>alert(1)</script> label"]');
      const svg = readFileSync(join(out, 'diagrams/2-streams-1.svg'), 'utf8');
      expect(svg).not.toMatch(/<script/i);
      expect(svg).not.toMatch(/\son[a-z]+\s*=/i);
      // Shown as text, with look-alike angle brackets (src/pipeline/diagrams.ts, inertTags).
      expect(svgTexts(svg).join('').replace(/\s+/g, '')).toContain('‹script›alert(1)‹/script›label');
    });
  });
});

// ---------------------------------------------------------------- DDIA

// Last in the file: the run's DDIA fixture (test/support/ddia.ts), built meanwhile in the
// background, has laid out the same diagrams into the run cache; this build reads their SVGs
// from it and rasterises the PNGs. Rendering and the render cache themselves are tested in
// test/diagram-cache.test.ts, each with a cache of its own.

describe('DDIA build: 12 chapter maps, the course map and the repaired authored block', () => {
  let out: string;
  let result: BuildResult;

  beforeAll(async () => {
    await ddiaFixture();
    out = temp('ddia-out');
    result = await build(DDIA, {
      ...DEFAULT_BUILD,
      ...sharedBrowser(),
      ...DIAGRAMS_ONLY,
      outDir: out,
      cacheDir: runCache(),
    });
  }, DDIA_TIMEOUT);

  /** Diagram names (maps/…, diagrams/…) with a .mmd in the output folder. */
  const names = (): string[] =>
    diagramFiles(out)
      .filter((p) => p.endsWith('.mmd'))
      .map((p) => p.replace(/\.mmd$/, ''));

  it('writes .mmd, .svg and .png for the 14 diagrams and the parts of the systems map, and model.json', () => {
    const list = names();
    expect(list.filter((n) => n.startsWith('maps/') && n !== 'maps/course-map')).toHaveLength(12);
    expect(list).toContain('maps/course-map');
    expect(list).toContain('diagrams/course-1');
    // The systems map is too small to read on one slide: its slide parts are outputs too (test/diagram-fit.test.ts).
    const parts = list.filter((n) => /^diagrams\/course-1-part-\d+$/.test(n)).length;
    expect(parts).toBeGreaterThanOrEqual(6);
    expect(list).toHaveLength(14 + parts);
    const files = new Set(diagramFiles(out));
    for (const n of list)
      for (const ext of ['mmd', 'svg', 'png']) expect(files.has(`${n}.${ext}`), `${n}.${ext}`).toBe(true);
    expect(files.size).toBe((14 + parts) * 3);
    expect(existsSync(join(out, 'model.json'))).toBe(true);
    expect(result.outputs.failed).toEqual([]);
    // Rendered here or read from the run cache: which, depends on the files that ran before.
    const produced = result.outputs.rendered + result.outputs.fromCache;
    expect(produced).toBe(14 + parts);
    expect(messages(result, 'error')).toEqual([]);
  });

  it('every SVG is well-formed XML with every node label of its .mmd as <text>, and no <foreignObject>', () => {
    for (const n of names()) {
      const svg = readFileSync(join(out, `${n}.svg`), 'utf8');
      const mmd = readFileSync(join(out, `${n}.mmd`), 'utf8');
      assertWellFormedXml(svg, n);
      expect(svg, n).toMatch(/^<svg\b/);
      expect(svg, n).not.toContain('<foreignObject');
      expect(svg, n).not.toMatch(/<script/i);
      const texts = svgTexts(svg);
      const labels = nodeLabels(mmd);
      expect(labels.length, `${n}: labels found in the .mmd`).toBeGreaterThan(n.includes('-part-') ? 1 : 3);
      // mermaid breaks a word too long for the wrapping width over two rows ("Object–Relation" / "al"),
      // which the row join turns into a space: compare without spaces as well.
      const squash = (x: string): string => x.replace(/\s+/g, '');
      const missing = labels.filter((l) => !texts.some((t) => t.includes(l) || squash(t).includes(squash(l))));
      expect(missing, `${n}: labels without a <text>`).toEqual([]);
    }
  });

  it('the repaired block keeps its quoted labels as text (Derived Data = Function(Log), Logs (Immutable Events))', () => {
    const texts = svgTexts(readFileSync(join(out, 'diagrams/course-1.svg'), 'utf8'));
    expect(texts).toContain('Derived Data = Function(Log)');
    expect(texts).toContain('Logs (Immutable Events)');
  });

  it('every PNG has the PNG signature and the SVG size × scale 2', () => {
    for (const n of names()) {
      const { width, height } = svgSize(readFileSync(join(out, `${n}.svg`), 'utf8'));
      expect(width, n).toBeGreaterThan(50);
      expect(height, n).toBeGreaterThan(50);
      const info = pngInfo(readFileSync(join(out, `${n}.png`)), n);
      expect(Math.abs(info.width - width * 2), `${n}: PNG width ${info.width} vs SVG ${width}`).toBeLessThanOrEqual(3);
      expect(
        Math.abs(info.height - height * 2),
        `${n}: PNG height ${info.height} vs SVG ${height}`,
      ).toBeLessThanOrEqual(3);
    }
  });

  it('rsvg-convert reads every SVG into a PNG of the SVG size', async () => {
    const dir = temp('ddia-rsvg');
    await Promise.all(
      names().map(async (n) => {
        const target = join(dir, `${n.replace('/', '-')}.png`);
        const { width, height } = svgSize(readFileSync(join(out, `${n}.svg`), 'utf8'));
        expect(width * height, n).toBeLessThan(16_384 * 16_384);
        // An SVG over half a megapixel is read at a zoom that brings it to that: rsvg parses and draws
        // every element at any zoom, but its cost grows with the pixels, and the systems map's drop
        // shadows (mermaid's neo look) took it 45 CPU seconds at full size, 9.6 s at two megapixels,
        // 2 s at half of one. The PNG is the SVG's size times the zoom.
        const zoom = Math.min(1, Math.sqrt(RSVG_PIXELS / (width * height)));
        await exec('rsvg-convert', ['--zoom', String(zoom), '-o', target, join(out, `${n}.svg`)]);
        const info = pngInfo(readFileSync(target), `rsvg ${n}`);
        expect(Math.abs(info.width - width * zoom), n).toBeLessThanOrEqual(2);
        expect(Math.abs(info.height - height * zoom), n).toBeLessThanOrEqual(2);
      }),
    );
  }, 600_000); // rsvg gets little of a loaded machine's CPU

  it('reports the repaired block as a warning at ddia-course.md:3041', () => {
    const warnings = messages(result, 'warning').filter((m) => m.endsWith('[mermaid-repaired]'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /ddia-course\.md:3041:\d+: Mermaid syntax error \(unexpected "\(" inside an unquoted label\); rendered the repaired diagram/,
    );
    const inModel = result.course.messages
      .filter((m) => m.ruleId === 'mermaid-repaired')
      .map((m) => `${m.file}:${m.line}:${m.severity}`);
    expect(inModel).toEqual([expect.stringMatching(/ddia-course\.md:3041:warning$/)]);
  });
});
