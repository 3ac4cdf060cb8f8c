// The course map's prerequisite arrows, measured in Chromium: one dashed, labelled arrow per
// prerequisite the text names (beside the sequence arrows), none running over a chapter box, its
// label clear of every box, its head on the chapter that builds on the other — and the rows still
// read left to right (a mermaid link into a row would have stacked its chapters).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courseMap } from '../src/generate/maps/concepts.ts';
import { generateMaps } from '../src/generate/maps/maps.ts';
import { templateSet } from '../src/generate/templates.ts';
import { loadCourse } from '../src/index.ts';
import { embedPageFonts, withDocumentPage, withRenderer } from '../src/render/index.ts';
import { sharedBrowser } from './support/browser.ts';

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
interface Measured {
  name: string;
  chapters: Array<{ n: number; box: Box }>;
  arrows: Array<{
    from: string;
    to: string;
    dash: string;
    marker: boolean;
    label: string;
    labelBox: Box;
    colour: string;
    /** Points along the path, every 2 px, in page coordinates. */
    samples: Array<[number, number]>;
  }>;
  sequence: number;
}

/** Twelve chapters in two parts, rows of at most four: arrows within a row, across rows and across parts. */
function twoParts(): string {
  const needs: Record<number, string> = {
    3: 'As we saw in Chapter 1, the tide turns twice a day.',
    6: 'This chapter builds on Chapter 2.',
    9: 'Prerequisites: Chapters 4 and 7.',
    12: 'Recall the currents from Chapter 5 before you start.',
  };
  let md = '---\ntitle: Tides and Shores\n---\n';
  for (let n = 1; n <= 12; n++) {
    if (n === 1 || n === 7) md += `# Part ${n === 1 ? 1 : 2}: Shore ${n === 1 ? 1 : 2}\n\n`;
    md += `## Chapter ${n}: Shore topic ${n}\n\n${needs[n] ?? 'An opening line.'}\n\n### ${n}.1 First look\n\nText.\n\n`;
    md += `> **Final insight:** Topic ${n} explains${' a little more of the shore'.repeat(n % 3)}.\n\n`;
  }
  return md;
}

function measure(): Measured[] {
  const rect = (el: Element): Box => {
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, w: r.width, h: r.height };
  };
  return [...document.querySelectorAll('[data-map]')].map((host) => {
    const svg = host.querySelector('svg')!;
    return {
      name: (host as HTMLElement).dataset.map!,
      chapters: [...svg.querySelectorAll('g.node.chapter')].map((g) => ({
        n: Number(/^(\d+)\./.exec(g.textContent?.trim() ?? '')?.[1]),
        box: rect(g.querySelector('rect.label-container')!),
      })),
      arrows: [...svg.querySelectorAll('g.prerequisite')].map((g) => {
        const path = g.querySelector('path') as SVGPathElement;
        const m = path.getScreenCTM()!;
        const samples: Array<[number, number]> = [];
        for (let at = 0; at <= path.getTotalLength(); at += 2) {
          const p = path.getPointAtLength(at).matrixTransform(m);
          samples.push([p.x, p.y]);
        }
        const text = g.querySelector('text')!;
        return {
          from: g.getAttribute('data-from') ?? '',
          to: g.getAttribute('data-to') ?? '',
          dash: getComputedStyle(path).strokeDasharray,
          marker: /^url\(#/.test(path.getAttribute('marker-end') ?? ''),
          label: text.textContent ?? '',
          labelBox: rect(text),
          colour: getComputedStyle(text).fill,
          samples,
        };
      }),
      sequence: svg.querySelectorAll('path.flowchart-link').length,
    };
  });
}

const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const strictlyInside = ([x, y]: [number, number], b: Box, margin: number) =>
  x > b.x + margin && x < b.x + b.w - margin && y > b.y + margin && y < b.y + b.h - margin;

/** WCAG contrast of two `rgb(…)` / `#rrggbb` colours. */
function contrast(a: string, b: string): number {
  const rgb = (c: string) =>
    c.startsWith('#')
      ? [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16))
      : (/(\d+),\s*(\d+),\s*(\d+)/.exec(c)?.slice(1).map(Number) ?? [0, 0, 0]);
  const lum = (c: string) => {
    const [r, g, b2] = rgb(c).map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b2!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('prerequisite arrows on the course map (Chromium)', () => {
  let dir: string;
  let maps: Measured[];
  const expected = new Map<string, string[]>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'coursemap-prereq-'));
    const file = join(dir, 'tides.md');
    writeFileSync(file, twoParts());
    const sources: Array<{ name: string; source: string }> = [];
    for (const [name, input] of [
      ['rivers', 'test/fixtures/maps/prerequisites.md'],
      ['tides', file],
    ] as const) {
      const { course } = await loadCourse(input);
      expected.set(
        name,
        courseMap(course).prerequisites.map((a) => `${a.from}→${a.to}`),
      );
      sources.push({ name, source: generateMaps(course, templateSet())[0]!.source });
    }
    maps = await withRenderer({ ...sharedBrowser(), cache: false, poolSize: 1 }, async (r) => {
      const rendered = await r.render(
        sources.map((s, i) => ({ id: `map-${i}`, source: s.source })),
        { formats: ['svg'] },
      );
      for (const [i, x] of rendered.entries()) {
        expect(x.error, sources[i]!.name).toBeUndefined();
        expect(x.warnings, sources[i]!.name).toEqual([]);
      }
      const body = rendered.map((x, i) => `<div data-map="${sources[i]!.name}">${x.svg}</div>`).join('\n');
      const page = join(dir, 'maps.html');
      writeFileSync(
        page,
        await embedPageFonts(
          `<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0;font-family:"DejaVu Sans"}</style></head><body>${body}</body></html>`,
        ),
      );
      return withDocumentPage(r, { file: page, width: 1600, height: 1000 }, (p) => p.evaluate(measure));
    });
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('draws one dashed, labelled arrow with a head for each prerequisite the text names', () => {
    expect(expected.get('rivers')).toEqual(['c1→c3', 'c2→c5', 'c3→c5', 'c1→c6', 'c4→c6']);
    expect(expected.get('tides')).toEqual(['c1→c3', 'c2→c6', 'c4→c9', 'c7→c9', 'c5→c12']);
    for (const m of maps) {
      expect(
        m.arrows.map((a) => `${a.from}→${a.to}`),
        m.name,
      ).toEqual(expected.get(m.name));
      for (const a of m.arrows) {
        expect(a.dash, `${m.name} ${a.from}→${a.to}`).not.toBe('none');
        expect(a.marker).toBe(true);
        expect(a.label).toBe('prerequisite');
      }
      // Beside the sequence arrows, which are all still there (chapters - 1 of them at most).
      expect(m.sequence, m.name).toBeGreaterThanOrEqual(2);
    }
  });

  it('no arrow runs over a chapter box; each starts on its earlier chapter and ends on the later one', () => {
    for (const m of maps) {
      const box = (id: string) => m.chapters.find((c) => `c${c.n}` === id)!.box;
      for (const a of m.arrows) {
        const where = `${m.name} ${a.from}→${a.to}`;
        for (const s of a.samples)
          for (const c of m.chapters) expect(strictlyInside(s, c.box, 2), `${where} at ${s} over ${c.n}`).toBe(false);
        const near = ([x, y]: [number, number], b: Box) =>
          x >= b.x - 1 && x <= b.x + b.w + 1 && (Math.abs(y - b.y) <= 2 || Math.abs(y - (b.y + b.h)) <= 2);
        expect(near(a.samples[0]!, box(a.from)), where).toBe(true);
        expect(near(a.samples.at(-1)!, box(a.to)), where).toBe(true);
      }
    }
  });

  it('labels sit clear of every box and of each other, readable (≥ 4.5:1 on white and on the part fill)', () => {
    for (const m of maps) {
      for (const [i, a] of m.arrows.entries()) {
        for (const c of m.chapters)
          expect(overlap(a.labelBox, c.box), `${m.name} ${a.from}→${a.to} / ${c.n}`).toBe(false);
        for (const b of m.arrows.slice(i + 1))
          expect(overlap(a.labelBox, b.labelBox), `${m.name} ${a.from}→${a.to} / ${b.from}→${b.to}`).toBe(false);
        expect(contrast(a.colour, '#ffffff')).toBeGreaterThanOrEqual(4.5);
        expect(contrast(a.colour, '#f4f7ff')).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('the rows still read left to right: the first row of each map holds chapters 1, 2, 3… on one line', () => {
    for (const m of maps) {
      const mid = (b: Box) => b.y + b.h / 2;
      const one = m.chapters.find((c) => c.n === 1)!;
      const first = m.chapters.filter((c) => Math.abs(mid(c.box) - mid(one.box)) < 2).sort((a, b) => a.box.x - b.box.x);
      expect(first.length, m.name).toBeGreaterThanOrEqual(3);
      expect(
        first.map((c) => c.n),
        m.name,
      ).toEqual(first.map((_, i) => i + 1));
    }
  });
});
