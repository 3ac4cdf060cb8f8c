// Every text coursemap draws reads against its background at WCAG AA:
// - maps: each node's and part's text against its shape's fill, computed from the rendered SVG
//   (test/support/contrast.ts), ≥ 4.5:1 for the DDIA course and the crowded chapter in every
//   theme; a control (the old force-laid mindmap, white on lavender) shows the measure fails;
// - HTML outputs of the sample course (decks slide by slide, chapter pages, index, study map,
//   companion): axe-core's color-contrast rule in Chromium, 0 violations; a control page with
//   grey-on-white text shows axe runs and reports.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMaps } from '../src/generate/maps/maps.ts';
import { mermaidLabel } from '../src/generate/mermaid/mermaid-label.ts';
import { templateSet } from '../src/generate/templates.ts';
import { loadCourse } from '../src/index.ts';
import { build, DEFAULT_BUILD } from '../src/pipeline/index.ts';
import { embedPageFonts, THEMES, withDocumentPage, withRenderer, type Renderer } from '../src/render/index.ts';
import { sharedBrowser } from './support/browser.ts';
import { measureSvgContrast, type LowContrast } from './support/contrast.ts';
import { runCache } from './support/run-cache.ts';

const DDIA = '../shared/courses/ddia-course.md';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs in the page: axe's color-contrast rule, on every slide of a reveal deck or on the page. */
async function axeContrast(): Promise<string[]> {
  type Axe = {
    run(
      ctx: unknown,
      o: unknown,
    ): Promise<{ violations: Array<{ nodes: Array<{ target: string[]; any: Array<{ message: string }> }> }> }>;
  };
  type Reveal = {
    configure(o: unknown): void;
    getSlides(): Element[];
    getIndices(e: Element): { h: number; v?: number };
    slide(h: number, v?: number): void;
  };
  const w = window as unknown as { axe: Axe; Reveal?: Reveal };
  const found = new Set<string>();
  const check = async () => {
    const r = await w.axe.run(document, { runOnly: ['color-contrast'], resultTypes: ['violations'] });
    for (const v of r.violations)
      for (const n of v.nodes) found.add(`${n.target.join(' ')}: ${n.any.map((a) => a.message).join(' ')}`);
  };
  if (w.Reveal) {
    // No transitions: a slide caught fading in would be measured at half opacity.
    w.Reveal.configure({ transition: 'none', backgroundTransition: 'none' });
    for (const s of w.Reveal.getSlides()) {
      const i = w.Reveal.getIndices(s);
      w.Reveal.slide(i.h, i.v);
      // Two frames for the new slide's layout, then until every transition still running has
      // ended (reveal's own controls fade), at most a second: not a fixed 300 ms for each of ~100 slides.
      await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
      const settled = Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)));
      await Promise.race([settled, new Promise((res) => setTimeout(res, 1000))]);
      await check();
    }
  } else await check();
  return [...found];
}

async function runAxe(r: Renderer, file: string): Promise<string[]> {
  return withDocumentPage(r, { file, width: 1280, height: 720, timeoutMs: 120_000 }, async (page) => {
    await page.evaluate(AXE);
    return page.evaluate(axeContrast);
  });
}

describe('contrast ≥ 4.5:1 for every text (measured in Chromium)', () => {
  let dir: string;
  const low = new Map<string, LowContrast[]>();
  const axe = new Map<string, string[]>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'coursemap-contrast-'));
    const { course } = await loadCourse(DDIA);
    const maps = generateMaps(course, templateSet()).map((m) => ({ name: m.name, source: m.source }));
    // The old chapter map: a mindmap whose third branch is white on lavender.
    const ch1 = course.chapters[0]!;
    maps.push({
      name: 'control',
      source: `mindmap\n  root((${mermaidLabel(ch1.title)}))\n${ch1.sections
        .slice(0, 6)
        .map((s, i) => `    s${i}[${mermaidLabel(s.title)}]\n`)
        .join('')}`,
    });
    const out = join(dir, 'out');
    await build('content', {
      ...DEFAULT_BUILD,
      ...sharedBrowser(),
      formats: ['svg', 'html'],
      outDir: out,
      cacheDir: runCache(),
    });
    // The run's cache: the default theme's maps are the ones the DDIA fixture renders.
    await withRenderer({ ...sharedBrowser(), cache: { dir: runCache() }, poolSize: 2 }, async (r) => {
      for (const theme of THEMES) {
        const res = await r.render(
          maps.map((m) => ({ id: m.name, source: m.source })),
          { formats: ['svg'], theme },
        );
        const file = join(dir, `${theme}.html`);
        writeFileSync(
          file,
          await embedPageFonts(
            `<!doctype html><html><head><meta charset="utf-8"></head><body>${res.map((x, i) => `<div data-map="${maps[i]!.name}">${x.svg}</div>`).join('\n')}</body></html>`,
          ),
        );
        low.set(
          theme,
          await withDocumentPage(r, { file, width: 1600, height: 1000 }, (page) =>
            page.evaluate(measureSvgContrast, 'rgb(255, 255, 255)'),
          ),
        );
      }
      const pages = [
        'study-map.html',
        'companion.html',
        'index.html',
        ...['chapters', 'decks'].flatMap((d) =>
          readdirSync(join(out, d))
            .filter((f) => f.endsWith('.html'))
            .map((f) => `${d}/${f}`),
        ),
      ];
      for (const p of pages) axe.set(p, await runAxe(r, join(out, p)));
      const control = join(dir, 'control.html');
      writeFileSync(
        control,
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>c</title></head><body><p style="color:#aaaaaa;background:#ffffff">Pale text</p></body></html>',
      );
      axe.set('control', await runAxe(r, control));
    });
  }, 1_200_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(THEMES)('maps, theme %s: every node and part text ≥ 4.5:1 against its fill', (theme) => {
    expect(low.get(theme)!.filter((l) => l.map !== 'control')).toEqual([]);
  });

  it('the map measure can fail: the old mindmap has white text on a pale fill', () => {
    expect(low.get('default')!.filter((l) => l.map === 'control').length).toBeGreaterThan(0);
  });

  it('HTML outputs: decks (every slide), chapter pages, index, study map and companion pass axe color-contrast', () => {
    const pages = [...axe.keys()].filter((k) => k !== 'control');
    expect(pages.filter((p) => p.startsWith('decks/')).length).toBeGreaterThan(1);
    expect(pages).toEqual(expect.arrayContaining(['study-map.html', 'companion.html', 'index.html']));
    expect(pages.flatMap((p) => axe.get(p)!.map((v) => `${p}: ${v}`))).toEqual([]);
  });

  it('axe runs and reports: grey on white fails', () => {
    expect(axe.get('control')!.join('\n')).toMatch(/insufficient color contrast of 2\.3/);
  });
});
