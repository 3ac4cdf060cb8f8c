// The course map reads at a glance, measured in Chromium on the DDIA course and on synthetic
// courses of 1–15 chapters in no part and in 1–4 parts:
// (a) in every chapter box the title lines ("N. Title") come first, in bold, and the core idea
//     follows in regular weight, no larger (computed font-weight / font-size of the tspans);
// (b) read part by part (top to bottom), each part row by row (top to bottom) and each row left
//     to right, the boxes give the chapter numbers in order; one arrow per consecutive pair of
//     chapters: from box to box in a row, else from the row (or part) that ends with the first
//     down to the row (or part) that starts with the second; no arrow runs over a box; the parts
//     share one centre line;
// (c) no label line leaves its box, no box leaves its part, no two boxes or parts overlap;
// (d) nothing is cut with "…": titles whole, core ideas as whole sentences, wrapped onto lines.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COURSE_IDEA, coreIdea, courseMap } from '../src/generate/maps/concepts.ts';
import { wholeSentences } from '../src/generate/sentences.ts';
import type { Course } from '../src/model/types.ts';
import { BOX_WIDTHS, boxSize, estimateAspect, MAX_ASPECT, MIN_ASPECT } from '../src/generate/maps/course-layout.ts';
import { generateMaps } from '../src/generate/maps/maps.ts';
import { templateSet } from '../src/generate/templates.ts';
import { loadCourse } from '../src/index.ts';
import { markdownLabel } from '../src/generate/mermaid/mermaid-label.ts';
import { embedPageFonts, withDocumentPage, withRenderer } from '../src/render/index.ts';
import { sharedBrowser } from './support/browser.ts';

const DDIA = '../shared/courses/ddia-course.md';
const TOPICS = [
  'Lighthouses',
  'Tidal pools',
  'Kelp forests',
  'Coral reefs',
  'Sea ice',
  'Mangroves',
  'Estuaries',
  'Deep trenches and the creatures living in them',
  'Currents',
  'Waves and swell',
  'Plankton blooms',
  'Salt marshes',
  'Sand dunes',
  'Harbours',
  'Navigation by the stars at night',
];

/** A course of `n` chapters in `parts` parts (0: none), the first parts one chapter larger. */
function synthetic(n: number, parts: number): string {
  let md = '---\ntitle: Coasts and Oceans\n---\n';
  let ch = 1;
  for (let part = 1; part <= Math.max(1, parts); part++) {
    const count = parts === 0 ? n : Math.floor(n / parts) + (part <= n % parts ? 1 : 0);
    if (parts > 0) md += `# Part ${part}: Region ${part}\n\n`;
    for (let i = 0; i < count; i++, ch++) {
      const topic = TOPICS[ch - 1]!;
      // Ideas of one to four lines, so that boxes and rows differ in height.
      const idea = `${topic} shape the coast${' slowly and patiently over many years'.repeat(ch % 3)}.`;
      md += `## Chapter ${ch}: ${topic}\n\n### ${ch}.1 Overview\n\nSome text.\n\n> **Final insight:** ${idea}\n\n`;
    }
  }
  return md;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
interface Line {
  text: string;
  weights: string[];
  size: number;
  box: Box;
}
interface Measured {
  name: string;
  svg: Box;
  parts: Array<{ label: string; box: Box }>;
  /** The invisible boxes that hold each row of a part. */
  rows: Box[];
  chapters: Array<{ box: Box; lines: Line[] }>;
  /** data-id of every visible edge: L_<from>_<to>_<n>. */
  arrows: string[];
  /** Bounding box of each of those edges' paths, in the same order. */
  paths: Box[];
  /** The aspect the layout expected (courseMap(…).aspect), and whether some grid could be within 4:3–21:9. */
  estimate?: number;
  canFit?: boolean;
}

/** Runs in the page: boxes, lines and computed fonts of every inlined course map. */
function measure(): Measured[] {
  const rect = (el: Element | null): Box => {
    const r = el!.getBoundingClientRect();
    return { x: r.x, y: r.y, w: r.width, h: r.height };
  };
  return [...document.querySelectorAll('[data-map]')].map((host) => {
    const svg = host.querySelector('svg')!;
    return {
      name: (host as HTMLElement).dataset.map!,
      svg: rect(svg),
      parts: [...svg.querySelectorAll('g.cluster.part')].map((c) => ({
        label: c.querySelector('.cluster-label')?.textContent?.trim() ?? '',
        box: rect(c.querySelector('rect')),
      })),
      rows: [...svg.querySelectorAll('g.cluster.row')].map((c) => rect(c.querySelector('rect'))),
      chapters: [...svg.querySelectorAll('g.node.chapter')].map((g) => ({
        box: rect(g.querySelector('rect.label-container')),
        lines: [...g.querySelectorAll('tspan.text-outer-tspan')].map((t) => {
          const words = [...t.querySelectorAll('tspan.text-inner-tspan')];
          return {
            text: t.textContent ?? '',
            weights: words.map((w) => getComputedStyle(w).fontWeight),
            size: parseFloat(getComputedStyle(words[0] ?? t).fontSize),
            box: rect(t),
          };
        }),
      })),
      arrows: [...svg.querySelectorAll('path.flowchart-link')].map((p) => p.getAttribute('data-id') ?? ''),
      paths: [...svg.querySelectorAll('path.flowchart-link')].map(rect),
    };
  });
}

const inside = (a: Box, b: Box, margin = 0) =>
  a.x >= b.x + margin - 0.5 &&
  a.y >= b.y + margin - 0.5 &&
  a.x + a.w <= b.x + b.w - margin + 0.5 &&
  a.y + a.h <= b.y + b.h - margin + 0.5;
const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const numberOf = (c: Measured['chapters'][number]) => Number(/^(\d+)\./.exec(c.lines[0]?.text ?? '')?.[1]);

/** The boxes in the documented reading order: parts top to bottom, rows top to bottom, then left to right. */
function readingOrder(m: Measured): Array<Measured['chapters'][number][]> {
  const parts = [...m.parts].sort((a, b) => a.box.y - b.box.y);
  const rows: Array<Measured['chapters'][number][]> = [];
  for (const p of parts) {
    const mine = m.chapters
      .filter((c) => inside(c.box, p.box))
      .sort((a, b) => a.box.y + a.box.h / 2 - (b.box.y + b.box.h / 2));
    let row: Measured['chapters'][number][] = [];
    for (const c of mine) {
      const centre = c.box.y + c.box.h / 2;
      // Same row: its centre lies within the first box of the row.
      if (row.length > 0 && !(centre >= row[0]!.box.y && centre <= row[0]!.box.y + row[0]!.box.h)) {
        rows.push(row);
        row = [];
      }
      row.push(c);
    }
    if (row.length > 0) rows.push(row);
  }
  return rows.map((r) => [...r].sort((a, b) => a.box.x - b.box.x));
}

describe('the course map reads at a glance (Chromium)', () => {
  let dir: string;
  let maps: Measured[];
  const courses = new Map<string, Course>();
  const cases: Array<{ name: string; n: number; parts: number }> = [];
  for (let n = 1; n <= 15; n++)
    for (let parts = 0; parts <= Math.min(4, n); parts++)
      cases.push({ name: `${n} chapters, ${parts} part(s)`, n, parts });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'coursemap-look-'));
    const sources: Array<{ name: string; source: string; aspect: number; canFit: boolean }> = [];
    for (const c of [
      { name: 'DDIA', file: DDIA },
      ...cases.map((k) => ({ name: k.name, file: join(dir, `${k.n}-${k.parts}.md`), md: synthetic(k.n, k.parts) })),
    ]) {
      if ('md' in c) writeFileSync(c.file, c.md);
      const { course } = await loadCourse(c.file);
      courses.set(c.name, course);
      const cm = courseMap(course);
      // Whether any row length the layout may choose is estimated within 4:3–21:9 (parts stay stacked).
      const canFit = BOX_WIDTHS.some((w) =>
        Array.from({ length: course.chapters.length }, (_, r) =>
          estimateAspect(
            cm.parts.map((p) => p.chapters.map((ch) => boxSize({ title: ch.label, idea: ch.idea }, w))),
            r + 1,
          ),
        ).some((a) => a >= MIN_ASPECT && a <= MAX_ASPECT),
      );
      sources.push({ name: c.name, source: generateMaps(course, templateSet())[0]!.source, aspect: cm.aspect, canFit });
    }
    const results = await withRenderer({ ...sharedBrowser(), cache: false, poolSize: 2 }, async (r) => {
      const rendered = await r.render(
        sources.map((s, i) => ({ id: `map-${i}`, source: s.source })),
        { formats: ['svg'] },
      );
      for (const [i, x] of rendered.entries()) expect(x.error, sources[i]!.name).toBeUndefined();
      const body = rendered.map((x, i) => `<div data-map="${sources[i]!.name}">${x.svg}</div>`).join('\n');
      const file = join(dir, 'maps.html');
      writeFileSync(
        file,
        await embedPageFonts(
          `<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0;font-family:"DejaVu Sans"}</style></head><body>${body}</body></html>`,
        ),
      );
      return withDocumentPage(r, { file, width: 1600, height: 1000 }, (page) => page.evaluate(measure));
    });
    maps = results.map((m, i) => ({ ...m, estimate: sources[i]!.aspect, canFit: sources[i]!.canFit }));
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const byName = (name: string) => maps.find((m) => m.name === name)!;
  const counts = (name: string) => (name === 'DDIA' ? { n: 12, parts: 3 } : cases.find((c) => c.name === name)!);

  it('measures every map: DDIA and synthetic courses of 1–15 chapters in no part and 1–4 parts', () => {
    expect(maps.map((m) => m.name)).toEqual(['DDIA', ...cases.map((c) => c.name)]);
    for (const m of maps) {
      const { n, parts } = counts(m.name);
      expect(m.chapters, m.name).toHaveLength(n);
      expect(
        [...m.parts].sort((a, b) => a.box.y - b.box.y).map((p) => p.label),
        m.name,
      ).toEqual(
        parts === 0
          ? ['Chapters']
          : m.name === 'DDIA'
            ? expect.any(Array)
            : Array.from({ length: parts }, (_, i) => `Part ${i + 1}: Region ${i + 1}`),
      );
    }
    expect(byName('DDIA').parts).toHaveLength(3);
  });

  it('(a) every box shows its number and title first, in bold, then its core idea in regular weight, no larger', () => {
    for (const m of maps) {
      for (const c of m.chapters) {
        const where = `${m.name}: ${c.lines.map((l) => l.text).join(' / ')}`;
        const bold = c.lines.map((l) => l.weights.every((w) => Number(w) >= 700));
        const regular = c.lines.map((l) => l.weights.every((w) => Number(w) === 400));
        const titleLines = bold.indexOf(false) === -1 ? bold.length : bold.indexOf(false);
        expect(titleLines, where).toBeGreaterThanOrEqual(1);
        expect(c.lines[0]!.text, where).toMatch(/^\d+\. \S/);
        // Title lines, then only regular lines: the idea (every chapter here has one).
        expect(regular.slice(titleLines).every(Boolean) && titleLines < c.lines.length, where).toBe(true);
        for (const l of c.lines.slice(titleLines)) expect(l.size, where).toBeLessThanOrEqual(c.lines[0]!.size);
      }
    }
  });

  it('(b) read part by part, row by row, left to right, the boxes give the chapters in order', () => {
    for (const m of maps) {
      const numbers = readingOrder(m).flat().map(numberOf);
      expect(numbers, m.name).toEqual(Array.from({ length: counts(m.name).n }, (_, i) => i + 1));
    }
  });

  it('(b) an arrow for every consecutive pair of chapters, and no other arrow', () => {
    for (const m of maps) {
      const rows = readingOrder(m);
      const order = rows.flat();
      expect(m.arrows, m.name).toHaveLength(order.length - 1);
      const missing: string[] = [];
      for (const [i, a] of order.slice(0, -1).entries()) {
        const b = order[i + 1]!;
        const sameRow = rows.some((r) => r.includes(a) && r.includes(b));
        if (sameRow) {
          // Box to box, pointing right.
          if (!m.arrows.includes(`L_c${numberOf(a)}_c${numberOf(b)}_0`)) missing.push(`${numberOf(a)}→${numberOf(b)}`);
          expect(b.box.x, m.name).toBeGreaterThan(a.box.x + a.box.w);
          continue;
        }
        // Down from the outermost box holding a but not b (its row, or its part) to the one holding b but not a.
        const holders = [...m.parts.map((p) => p.box), ...m.rows];
        const outer = (c: Box, not: Box) =>
          holders.filter((h) => inside(c, h) && !inside(not, h)).sort((x, y) => y.w * y.h - x.w * x.h)[0]!;
        const from = outer(a.box, b.box);
        const to = outer(b.box, a.box);
        const down = m.paths.some(
          (p) =>
            Math.abs(p.y - (from.y + from.h)) <= 12 &&
            Math.abs(p.y + p.h - to.y) <= 12 &&
            p.x >= Math.max(from.x, to.x) &&
            p.x + p.w <= Math.min(from.x + from.w, to.x + to.w),
        );
        if (!down) missing.push(`${numberOf(a)}↓${numberOf(b)}`);
      }
      expect(missing, m.name).toEqual([]);
    }
    // DDIA: 4 → 5 and 9 → 10 lead from one part down to the next.
    expect(byName('DDIA').arrows.filter((a) => /^L_p\d+_p\d+_0$/.test(a))).toEqual(['L_p1_p2_0', 'L_p2_p3_0']);
  });

  it('(b) no arrow runs over a chapter box; the parts share one centre line', () => {
    for (const m of maps) {
      for (const p of m.paths) {
        const core = { x: p.x + 2, y: p.y + 2, w: Math.max(0, p.w - 4), h: Math.max(0, p.h - 4) };
        for (const c of m.chapters) expect(overlap(core, c.box), `${m.name}: ${JSON.stringify(p)}`).toBe(false);
      }
      const centres = m.parts.map((p) => p.box.x + p.box.w / 2);
      expect(Math.max(...centres) - Math.min(...centres), m.name).toBeLessThanOrEqual(2);
    }
  });

  it('(c) no label line leaves its box, no box leaves its part, nothing overlaps', () => {
    for (const m of maps) {
      for (const c of m.chapters) {
        for (const l of c.lines)
          expect(
            inside(l.box, c.box, 4),
            `${m.name}: "${l.text}" ${JSON.stringify(l.box)} in ${JSON.stringify(c.box)}`,
          ).toBe(true);
        // One line height (1.1 em) from one line to the next: lines never run into each other.
        for (const [i, l] of c.lines.slice(1).entries())
          expect(l.box.y - c.lines[i]!.box.y, `${m.name}: "${l.text}"`).toBeGreaterThanOrEqual(1.1 * l.size - 0.5);
        expect(
          m.parts.filter((p) => inside(c.box, p.box, 4)),
          m.name,
        ).toHaveLength(1);
      }
      for (const [i, a] of m.chapters.entries())
        for (const b of m.chapters.slice(i + 1)) expect(overlap(a.box, b.box), m.name).toBe(false);
      for (const [i, a] of m.parts.entries()) {
        expect(inside(a.box, m.svg), m.name).toBe(true);
        for (const b of m.parts.slice(i + 1)) expect(overlap(a.box, b.box), m.name).toBe(false);
      }
    }
  });

  it('(d) no box is cut with "…": the title whole, then the core idea as whole sentences, wrapped', () => {
    for (const m of maps) {
      const course = courses.get(m.name)!;
      for (const box of m.chapters) {
        const shown = box.lines.map((l) => l.text).join(' ');
        expect(shown, m.name).not.toContain('…');
        const chapter = course.chapters.find((c) => c.number === numberOf(box))!;
        const idea = coreIdea(chapter).replace(/\s+/g, ' ').trim();
        const kept = wholeSentences(idea, COURSE_IDEA, true);
        expect(shown, m.name).toBe(`${chapter.number}. ${chapter.title} ${kept}`);
        if (kept !== idea) expect(kept, m.name).toMatch(/[.!?。！？]["”’)]*$/u);
      }
    }
    // DDIA's longest ideas keep more than the 60 characters they were once cut to.
    expect(
      Math.max(
        ...byName('DDIA').chapters.map(
          (b) =>
            b.lines
              .filter((l) => l.weights.every((w) => Number(w) === 400))
              .map((l) => l.text)
              .join(' ').length,
        ),
      ),
    ).toBeGreaterThan(100);
  });

  it('the layout predicts the rendered aspect within 8%, and keeps within 4:3–21:9 whenever some grid can', () => {
    const shapes = maps.map((m) => ({
      name: m.name,
      actual: m.svg.w / m.svg.h,
      estimate: m.estimate!,
      canFit: m.canFit!,
    }));
    expect(shapes.filter((o) => Math.abs(Math.log(o.actual / o.estimate)) > Math.log(1.08))).toEqual([]);
    const fits = shapes.filter((o) => o.canFit);
    // Parts are stacked: a course of many one- or two-chapter parts is taller than 4:3 whatever
    // the row length (49 of the 76 courses here can fit).
    expect(fits.length).toBeGreaterThanOrEqual(45);
    expect(fits.filter((o) => o.actual < MIN_ASPECT * 0.97 || o.actual > MAX_ASPECT * 1.03)).toEqual([]);
    expect(shapes[0]!.name).toBe('DDIA');
    expect(shapes[0]!.actual).toBeGreaterThanOrEqual(MIN_ASPECT);
    expect(shapes[0]!.actual).toBeLessThanOrEqual(MAX_ASPECT);
  });
});

describe('markdown-string labels show their text as written (Chromium)', () => {
  it('every line, hostile or not, renders as one row with its own text and weight', async () => {
    const lines = [
      { text: '5. Rep*li*cation & Co\'s "x" <b>', bold: true },
      // (short lines: mermaid wraps a longer one itself)
      { text: 'snake_case _em_ ~~del~~' },
      { text: '`code` [a](b) \\*esc' },
      { text: 'www.example.com' },
      { text: 'me@example.org' },
      { text: 'https://x.org 100%' },
      { text: '- dash' },
      { text: '1. list' },
      { text: '# hash' },
      { text: '> quote' },
      { text: '===' },
      { text: '| pipe |' },
      { text: '一致性 é 🙂 #35; &copy;' },
    ];
    const source = `flowchart LR\n  a[${markdownLabel(lines)}]\n`;
    const [r] = await withRenderer({ ...sharedBrowser(), cache: false, poolSize: 1 }, (x) =>
      x.render([{ id: 'md', source }], { formats: ['svg'] }),
    );
    expect(r!.error).toBeUndefined();
    const decode = (s: string) =>
      s
        .replace(/<[^>]*>/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&')
        .replace(/\u200B/g, '');
    const rows = r!
      .svg!.split(/<tspan[^>]*class="text-outer-tspan[^"]*"[^>]*>/)
      .slice(1)
      .map((row) => ({
        text: decode(row.split('</text>')[0]!),
        bold: /font-weight="bold"/.test(row.split('</text>')[0]!),
      }));
    expect(rows).toEqual([
      { text: "5. Rep∗li∗cation & Co's “x” ‹b›", bold: true },
      ...[
        'snakeˍcase ˍemˍ ∼∼del∼∼',
        'ˋcodeˋ [a](b) \\∗esc',
        'www.example.com',
        'me@example.org',
        'https://x.org 100%',
        '- dash',
        '1. list',
        '# hash',
        '› quote',
        '===',
        '| pipe |',
      ].map((text) => ({ text, bold: false })),
      { text: '一致性 é 🙂 #35; &copy;', bold: false },
    ]);
  }, 120_000);
});
