// Concept maps as generated from real and hostile courses (src/generate/maps/maps.ts + templates/maps/):
// every generated source parses, respects the selection rule's caps, and — rendered in the real
// renderer — shows hostile titles literally as SVG text, never as markup.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BRANCHES, MAX_LEAVES, MAX_NODE_LABEL } from '../src/generate/maps/concepts.ts';
import { generateMaps, type GeneratedDiagram } from '../src/generate/maps/maps.ts';
import { validateMermaid } from '../src/generate/mermaid/mermaid-validate.ts';
import { templateSet } from '../src/generate/templates.ts';
import { loadCourse } from '../src/index.ts';
import { courseFromText } from '../src/load.ts';
import { withRenderer } from '../src/render/index.ts';
import { sharedBrowser } from './support/browser.ts';

const DDIA = '../shared/courses/ddia-course.md';
const graphemes = (s: string): number =>
  [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s)].length;

/**
 * A chapter map's nodes in document order: [depth, label] (depth 0 = root, 1 = branch, 2 = leaf).
 * Branch ids are bN or tk (takeaways), leaf ids extend their branch's; the right half comes first.
 */
function treeNodes(source: string): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  for (const m of source.matchAll(/\b(root|b\d+|tk)(l\d+|\d+)?\["((?:[^"]|\n)*)"\]/g)) {
    const label = m[3]!.replace(/^`|`$/g, '').replace(/\*\*/g, '').replace(/\n/g, ' ');
    out.push([m[1] === 'root' ? 0 : m[2] ? 2 : 1, label]);
  }
  return out;
}

function decodeMermaid(s: string): string {
  const named: Record<string, string> = { quot: '"', lt: '<', gt: '>', amp: '&' };
  return s
    .replace(/<br\/>/g, ' ') // the generator's word-safe line breaks
    .replace(/\u200B/g, '')
    .replace(/#(\w+);/g, (whole, code: string) =>
      /^\d+$/.test(code) ? String.fromCodePoint(Number(code)) : (named[code] ?? whole),
    );
}

/** How the label escaper shows text (see mermaid-label.ts): typographic quotes, ‹ › for < >. */
function display(s: string): string {
  let q = 0;
  return s
    .replace(/"/g, () => (q++ % 2 === 0 ? '“' : '”'))
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .replace(/`/g, 'ˋ');
}

function svgTexts(svg: string): string[] {
  const decode = (x: string): string =>
    x
      .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  return [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) =>
    decode(m[1]!.replace(/<tspan[^>]*class="[^"]*text-outer-tspan[^"]*"[^>]*>/g, ' ').replace(/<[^>]*>/g, ''))
      .replace(/\u200B/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

/** Whether some <text> shows `label` (mermaid may wrap a long word over two rows: compare without spaces too). */
function hasText(texts: readonly string[], label: string): boolean {
  const squash = (x: string): string => x.replace(/\s+/g, '');
  const shown = display(label);
  return texts.some((t) => t.includes(shown) || squash(t).includes(squash(shown)));
}

/** Generated labels with characters the label escaper writes as entity codes, as they must read in the SVG. */
const ESCAPED = ['a "b" c', 'C# x', 'use `tick`', '100%% sure', 'x<y', 'a & b'];

describe('DDIA concept maps', () => {
  let maps: GeneratedDiagram[];
  beforeAll(async () => {
    const { course } = await loadCourse(DDIA);
    maps = generateMaps(course, templateSet());
  });

  it('one course map and 12 chapter maps, named by slug', () => {
    expect(maps).toHaveLength(13);
    expect(maps[0]!.name).toBe('maps/course-map');
    expect(maps.slice(1).map((m) => m.chapter)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const m of maps.slice(1)) expect(m.name).toMatch(/^maps\/\d+-[a-z0-9-]+$/);
  });

  it('every source parses with mermaid', async () => {
    for (const m of maps) expect(await validateMermaid(m.source), m.name).toEqual({ ok: true });
  });

  it(`chapter maps: ≤ ${MAX_BRANCHES} branches, ≤ ${MAX_LEAVES} leaves each, labels ≤ ${MAX_NODE_LABEL}, and a Key takeaways branch last`, () => {
    for (const m of maps.slice(1)) {
      expect(m.source.startsWith('flowchart LR\n'), m.name).toBe(true);
      const nodes = treeNodes(m.source);
      expect(nodes[0]![0]).toBe(0);
      const branches = nodes.filter(([d]) => d === 1);
      expect(branches.length, m.name).toBeGreaterThan(1);
      expect(branches.length, m.name).toBeLessThanOrEqual(MAX_BRANCHES);
      let leaves = 0;
      for (const [d] of nodes.slice(1)) {
        if (d === 1) leaves = 0;
        else {
          expect(d, m.name).toBe(2);
          leaves++;
          expect(leaves, m.name).toBeLessThanOrEqual(MAX_LEAVES);
        }
      }
      for (const [, label] of nodes)
        expect(graphemes(decodeMermaid(label)), `${m.name}: ${label}`).toBeLessThanOrEqual(MAX_NODE_LABEL);
      expect(branches.at(-1)![1], m.name).toBe('Key takeaways');
      expect(
        branches.map(([, l]) => l),
        m.name,
      ).not.toContain(expect.stringMatching(/takeaway|final insight/i) as unknown as string);
    }
  });

  it('the course map: 3 parts as rows, 12 chapter boxes with their core idea, an arrow chain for the sequence', () => {
    const cm = maps[0]!.source;
    expect(cm).toMatch(/^---\ntitle: "Designing Data-Intensive Applications"\nconfig:\n[\s\S]*?\n---\nflowchart TB\n/);
    expect(cm).toContain('accTitle: Designing Data-Intensive Applications');
    expect(cm.match(/^ {2}subgraph p\d+\[/gm)).toHaveLength(3);
    // Each part's rows run left to right inside it.
    expect(cm.match(/^ {4}subgraph p\d+r\d+\["[^"]*"\]\n {6}direction LR$/gm)?.length).toBeGreaterThanOrEqual(3);
    // Each chapter box: "N. Title" in bold (a markdown string), a line break, then its core idea.
    expect(cm.match(/^ {6}c\d+\["`\*\*\d+\. [^"]*\*\*\n(?!\*\*)[^"]+`"\]/gm)).toHaveLength(12);
    // The sequence: chapters chained inside each row, the parts chained after one another.
    expect(cm).toMatch(/^ {6}c1 --> c2 --> c3 --> c4$/m);
    expect(cm).toMatch(/^ {2}p1 --> p2 --> p3$/m);
    expect(cm).not.toContain('~~~');
  });
});

describe('templates', () => {
  const dir = mkdtempSync(join(tmpdir(), 'coursemap-templates-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a user template overrides the built-in one file by file; the label helper still escapes', () => {
    mkdirSync(join(dir, 'maps'), { recursive: true });
    writeFileSync(join(dir, 'maps/chapter-map.mmd.hbs'), 'mindmap\n  root(({{label map.root.label}}))\n');
    const { course } = courseFromText('# Chapter 1: Greetings\n\n### 1.1 One\n\nText.\n', 'c.md');
    course.chapters[0]!.title = 'Say "hi" <b>'; // the model strips markup; the template must escape anyway
    const maps = generateMaps(course, templateSet(dir));
    expect(maps[1]!.source).toBe('mindmap\n  root(("Say “hi” ‹b›"))\n');
    expect(maps[0]!.source).toMatch(/^---\ntitle: .*\n(?:config:\n[\s\S]*?\n)?---\nflowchart TB\n/); // built-in course map
  });
});

describe('hostile titles render literally', () => {
  const titles = ['<script>alert(1)</script>', 'Say "hello" & #1', 'Brackets [x] (y) {z}', '🧩 Emoji', 'データ指向'];
  const md = [
    '---',
    'title: Hostile',
    '---',
    ...titles.map((_, i) => `## Chapter ${i + 1}: Title ${i + 1}\n\n### ${i + 1}.1 Section\n\nText.\n`),
  ].join('\n');
  let rendered: Array<{ name: string; svg: string; source: string }>;

  beforeAll(async () => {
    const { course } = courseFromText(md, 'hostile.md');
    expect(course.chapters).toHaveLength(titles.length);
    // The model strips markup and leading emoji from titles; put the raw text back to test the maps alone.
    course.title = 'Course <img src=x onerror=alert(1)> & more';
    course.chapters.forEach((c, i) => {
      c.title = titles[i]!;
      c.sections[0]!.title = `${titles[i]!} section`;
    });
    const maps = generateMaps(course, templateSet());
    const results = await withRenderer({ ...sharedBrowser(), cache: false, poolSize: 2 }, (r) =>
      r.render(
        maps.map((m) => ({ id: m.name, source: m.source })),
        { formats: ['svg'] },
      ),
    );
    rendered = results.map((x, i) => {
      expect(x.error, maps[i]!.name).toBeUndefined();
      return { name: maps[i]!.name, svg: x.svg!, source: maps[i]!.source };
    });
  }, 120_000);

  it('no markup from a title reaches the SVG', () => {
    for (const r of rendered) {
      expect(r.svg, r.name).not.toMatch(/<script|<img|<[^>]*\son[a-z]+\s*=/i);
      expect(r.svg, r.name).not.toContain('<foreignObject');
    }
  });

  it.each(titles.map((t, i) => [t, i] as const))(
    'chapter title %s shows as text in its map and in the course map',
    (t, i) => {
      const chapterSvg = rendered[i + 1]!;
      expect(
        hasText(svgTexts(chapterSvg.svg), t),
        `${chapterSvg.name}: ${JSON.stringify(svgTexts(chapterSvg.svg))}`,
      ).toBe(true);
      expect(hasText(svgTexts(rendered[0]!.svg), `${i + 1}. ${t}`), JSON.stringify(svgTexts(rendered[0]!.svg))).toBe(
        true,
      );
    },
  );

  it('the course title shows literally in the course map', () => {
    // The course map's title (front matter) shows `&` as the look-alike ＆ (see titleScalar).
    expect(
      hasText(svgTexts(rendered[0]!.svg), 'Course <img src=x onerror=alert(1)> ＆ more'),
      JSON.stringify(svgTexts(rendered[0]!.svg)),
    ).toBe(true);
  });
});

describe('every character the label escaper encodes reads literally in the SVG (SVG-text labels)', () => {
  let texts: { flowchart: string[]; mindmap: string[] };
  beforeAll(async () => {
    const { course } = courseFromText(
      ESCAPED.map((_, i) => `## Chapter ${i + 1}: Title ${i + 1}\n\n### ${i + 1}.1 Section\n\nText.\n`).join('\n'),
      'escaped.md',
    );
    course.title = 'Escapes';
    course.chapters.forEach((c, i) => {
      c.title = ESCAPED[i]!;
    });
    const maps = generateMaps(course, templateSet());
    const res = await withRenderer({ ...sharedBrowser(), cache: false, poolSize: 2 }, (r) =>
      r.render(
        maps.map((m) => ({ id: m.name, source: m.source })),
        { formats: ['svg'] },
      ),
    );
    for (const x of res) expect(x.error, x.id).toBeUndefined();
    // The course map is a flowchart of parts; each chapter map has one title as its root.
    texts = { flowchart: svgTexts(res[0]!.svg!), mindmap: res.slice(1).flatMap((x) => svgTexts(x.svg!)) };
  }, 120_000);

  it.each(ESCAPED)('%s', (label) => {
    expect(hasText(texts.flowchart, label), `course map (flowchart): ${JSON.stringify(texts.flowchart)}`).toBe(true);
    expect(hasText(texts.mindmap, label), `chapter maps (mindmap): ${JSON.stringify(texts.mindmap)}`).toBe(true);
  });
});
