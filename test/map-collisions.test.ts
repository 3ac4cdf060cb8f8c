// No map draws a node over another node or over an edge it does not own: every concept map of
// the DDIA course and of every fixture course (and a crowded synthetic chapter) is rendered in
// Chromium and its geometry measured (test/support/overlaps.ts). A control proves the measure
// can fail: the same DDIA chapter drawn as a Mermaid mindmap (force layout) has collisions.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapterMap } from '../src/generate/maps/concepts.ts';
import { generateMaps } from '../src/generate/maps/maps.ts';
import { mermaidLabel } from '../src/generate/mermaid/mermaid-label.ts';
import { templateSet } from '../src/generate/templates.ts';
import { loadCourse } from '../src/index.ts';
import { courseFromText } from '../src/load.ts';
import { embedPageFonts, withDocumentPage, withRenderer } from '../src/render/index.ts';
import { sharedBrowser } from './support/browser.ts';
import { measureCollisions, type MapCollisions } from './support/overlaps.ts';

const DDIA = '../shared/courses/ddia-course.md';
const FIXTURES = ['forms', 'genres', 'cjk', 'decks'].flatMap((d) =>
  readdirSync(join('test/fixtures', d)).map((f) => join('test/fixtures', d, f)),
);

/** Seven sections of five long-titled subsections each: the most a chapter map shows. */
function crowded(): string {
  let md = '# Chapter 1: A crowded chapter whose title is long enough to wrap onto more lines\n\n';
  for (let s = 1; s <= 7; s++) {
    md += `## 1.${s} Section ${s} about replication, partitioning and the many trade-offs between them\n\nText.\n\n`;
    for (let l = 1; l <= 5; l++)
      md += `### 1.${s}.${l} ${'Subsection on consistency guarantees'.slice(0, 12 + 4 * l)} ${l}\n\nText.\n\n`;
  }
  return md;
}

/** The old rendering of a chapter map, as a control: a Mermaid mindmap of the same tree. */
function asMindmap(source: ReturnType<typeof chapterMap>): string {
  const lines = ['mindmap', `  root((${mermaidLabel(source.root.label)}))`];
  for (const b of source.root.children) {
    lines.push(`    ${b.id}[${mermaidLabel(b.label)}]`);
    for (const l of b.children) lines.push(`      ${l.id}[${mermaidLabel(l.label)}]`);
  }
  return lines.join('\n') + '\n';
}

describe('maps without collisions (measured in Chromium)', () => {
  let dir: string;
  let measured: MapCollisions[];
  const sources: Array<{ name: string; source: string }> = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'coursemap-collisions-'));
    const courses = [{ name: 'DDIA', course: (await loadCourse(DDIA)).course }];
    for (const f of FIXTURES) courses.push({ name: f, course: (await loadCourse(f)).course });
    courses.push({ name: 'crowded', course: courseFromText(crowded(), 'crowded.md').course });
    for (const c of courses)
      for (const m of generateMaps(c.course, templateSet()))
        sources.push({ name: `${c.name}: ${m.name}`, source: m.source });
    const ddia = courses[0]!.course;
    sources.push({ name: 'control: DDIA chapter 5 as a mindmap', source: asMindmap(chapterMap(ddia.chapters[4]!)) });
    measured = await withRenderer({ ...sharedBrowser(), cache: false, poolSize: 2 }, async (r) => {
      const rendered = await r.render(
        sources.map((s, i) => ({ id: `map-${i}`, source: s.source })),
        { formats: ['svg'] },
      );
      for (const [i, x] of rendered.entries()) expect(x.error, sources[i]!.name).toBeUndefined();
      const body = rendered.map((x, i) => `<div data-map="${sources[i]!.name}">${x.svg}</div>`).join('\n');
      const file = join(dir, 'maps.html');
      writeFileSync(
        file,
        await embedPageFonts(`<!doctype html><html><head><meta charset="utf-8"></head><body>${body}</body></html>`),
      );
      return withDocumentPage(r, { file, width: 1600, height: 1000 }, (page) => page.evaluate(measureCollisions));
    });
  }, 900_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const maps = () => measured.filter((m) => !m.name.startsWith('control'));

  it('measures every map: DDIA (13), each fixture course and the crowded chapter', () => {
    expect(maps().filter((m) => m.name.startsWith('DDIA: '))).toHaveLength(13);
    for (const f of FIXTURES)
      expect(
        maps().some((m) => m.name.startsWith(`${f}: maps/`)),
        f,
      ).toBe(true);
    const crowdedMap = maps().find((m) => m.name.startsWith('crowded: maps/1-'))!;
    expect(crowdedMap.nodes).toBe(1 + 7 + 7 * 5);
    // Every node and every edge was found (a tree: one edge fewer than nodes).
    for (const m of maps().filter((x) => !x.name.endsWith('course-map'))) expect(m.edges, m.name).toBe(m.nodes - 1);
  });

  it('0 nodes over other nodes', () => {
    expect(maps().flatMap((m) => m.nodeOverNode.map((o) => `${m.name}: ${o}`))).toEqual([]);
  });

  it('0 nodes over an edge they do not own', () => {
    expect(maps().flatMap((m) => m.nodeOverEdge.map((o) => `${m.name}: ${o}`))).toEqual([]);
  });

  it('the measure can fail: the same chapter as a force-laid mindmap has collisions', () => {
    const control = measured.find((m) => m.name.startsWith('control'))!;
    expect(control.nodes).toBeGreaterThan(20);
    expect(control.nodeOverNode.length + control.nodeOverEdge.length).toBeGreaterThan(0);
  });
});
