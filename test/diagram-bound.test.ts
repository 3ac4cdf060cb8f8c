// The slide fit renders fewer candidates without choosing differently (issue 22): the bound on a
// flowchart's text in the other direction, read from its render in this direction, is never
// under the text measured when that direction is rendered (every part, half and whole of the
// fixture diagrams and the DDIA systems map, both ways); and the fit's choice on every authored
// diagram of the fixtures is the one an exhaustive search makes (every candidate rendered, as
// the fit did before), with fewer renders (the DDIA systems map: 12 instead of 17).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimatedText, otherDirectionBound } from '../src/generate/diagram-bound.ts';
import {
  bothDirections,
  flipVariant,
  halves,
  MIN_SLIDE_TEXT,
  slideTextPx,
  splitVariant,
} from '../src/generate/diagram-fit.ts';
import type { DiagramPart } from '../src/generate/diagram-split.ts';
import { templateSet } from '../src/generate/templates.ts';
import { wordSafeSource } from '../src/generate/mermaid/mermaid-wrap.ts';
import { loadCourse } from '../src/index.ts';
import { fitAuthored } from '../src/pipeline/diagram-fit.ts';
import { diagramJobs, inertTags, type Job } from '../src/pipeline/diagrams.ts';
import type { Renderer } from '../src/render/index.ts';
import { sharedRenderer } from './support/browser.ts';

const DDIA = '../shared/courses/ddia-course.md';
const OPTIONS = { theme: 'default' as const, background: 'white', timeoutMs: 60_000 };

let tmp: string;
let renderer: Renderer;
const jobs: Job[] = [];
const svgs = new Map<string, string>();

const renderSource = (job: Job, source: string) => wordSafeSource(job.kind ?? '', inertTags(source));
async function svgOf(job: Job, source: string): Promise<string> {
  const [r] = await renderer.render([{ id: 'x', source: renderSource(job, source) }], { formats: ['svg'], ...OPTIONS });
  return r?.svg ?? '';
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'coursemap-bound-'));
  renderer = await sharedRenderer({ cache: false, keepSvgs: true, poolSize: 2 });
  const ddia = (await loadCourse(DDIA)).course.diagrams[0]!;
  const systems = join(tmp, 'systems.md');
  writeFileSync(
    systems,
    `# Systems\n\n## Chapter 1: One\n\nA chapter.\n\n## Chapter 2: Two\n\nAnother.\n\n## Systems map\n\n\`\`\`mermaid\n${ddia.source.replace(/\n?$/, '\n')}\`\`\`\n`,
  );
  for (const input of [systems, 'test/fixtures/fit/course.md', 'test/fixtures/slides/tall-diagram.md']) {
    const { course, files } = await loadCourse(input);
    for (const job of await diagramJobs(course, files, templateSet()))
      if (job.name.startsWith('diagrams/') && job.source) {
        jobs.push(job);
        svgs.set(job.name, await svgOf(job, job.source));
      }
  }
}, 600_000);
afterAll(async () => {
  await renderer?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('the bound on the other direction', () => {
  it('is never under the text that direction measures (wholes, parts and halves, both ways)', async () => {
    const checked: string[] = [];
    for (const job of jobs.filter((j) => /^(graph|flowchart)$/i.test(j.kind ?? ''))) {
      const split = splitVariant(job.kind!, job.source)?.parts ?? [];
      const sources = [job.source, ...split.map((p) => p.source)];
      for (const p of split) sources.push(...(halves(p) ?? []).map((h) => h.source));
      for (const source of sources) {
        const [a, b] = bothDirections({ title: null, source });
        if (!a || !b) continue;
        const [svgA, svgB] = [await svgOf(job, a.source), await svgOf(job, b.source)];
        expect(otherDirectionBound(a.source, svgA), `${job.name}: ${b.source}`).toBeGreaterThanOrEqual(
          slideTextPx(svgB),
        );
        expect(otherDirectionBound(b.source, svgB), `${job.name}: ${a.source}`).toBeGreaterThanOrEqual(
          slideTextPx(svgA),
        );
        checked.push(job.name);
      }
    }
    expect(checked.length).toBeGreaterThanOrEqual(30);
  }, 600_000);

  it('is the scale cap where the layout is not one ranked graph (subgraphs), and says nothing of a broken SVG', () => {
    const svg = '<svg viewBox="0 0 100 100"><style>#a{font-size:16px}</style></svg>';
    expect(otherDirectionBound('flowchart TD\n  subgraph S\n    A --> B\n  end\n', svg)).toBeCloseTo(16 * 1.8);
    expect(otherDirectionBound('flowchart TD\n  A --> B\n', '<svg></svg>')).toBe(Infinity);
  });

  it('guesses from the source which way reads better: a short chain left to right, a fan top-down', () => {
    const chain = 'flowchart TD\n  A[Load] --> B[Parse] --> C[Check] --> D[Plan] --> E[Write]\n';
    expect(estimatedText(chain.replace('TD', 'LR'), 'LR')).toBeGreaterThan(estimatedText(chain, 'TD'));
    const fan = `flowchart TD\n${['Alpha', 'Beta', 'Gamma', 'Delta', 'Omega', 'Kappa'].map((w) => `  H[Hub] --> ${w}[${w}]`).join('\n')}\n`;
    expect(estimatedText(fan, 'TD')).toBeGreaterThan(estimatedText(fan.replace('TD', 'LR'), 'LR'));
  });
});

interface Measured extends DiagramPart {
  text: number;
}

/** The fit's choice as it was made before (every candidate rendered): the reference. */
async function exhaustive(job: Job, whole: number): Promise<{ how: string; sources: string[] } | null> {
  const measure = async (parts: DiagramPart[]): Promise<Measured[]> =>
    Promise.all(parts.map(async (p) => ({ ...p, text: slideTextPx(await svgOf(job, p.source)) || 0 })));
  const min = (ps: Measured[]) => Math.min(...ps.map((p) => p.text));
  const best = async (part: DiagramPart, depth: number): Promise<Measured[]> => {
    const pick = (await measure(bothDirections(part))).reduce((a, b) => (b.text > a.text ? b : a));
    const cut = pick.text < MIN_SLIDE_TEXT && depth < 2 ? halves(pick) : null;
    if (!cut) return [pick];
    const split = [...(await best(cut[0], depth + 1)), ...(await best(cut[1], depth + 1))];
    return min(split) > pick.text ? split : [pick];
  };
  let choice: { how: string; parts: Measured[] } | null = null;
  const flip = flipVariant(job.kind ?? '', job.source);
  if (flip) {
    const parts = await measure(flip.parts);
    if (parts[0]!.text > whole) choice = { how: 'flipped', parts };
  }
  const split = choice && min(choice.parts) >= MIN_SLIDE_TEXT ? null : splitVariant(job.kind ?? '', job.source);
  if (split) {
    const parts: Measured[] = [];
    for (const p of split.parts) parts.push(...(await best(p, 0)));
    if (min(parts) > (choice ? min(choice.parts) : whole)) choice = { how: 'split', parts };
  }
  return choice && { how: choice.how, sources: choice.parts.map((p) => p.source) };
}

describe('the fit with fewer renders', () => {
  it('chooses what rendering every candidate chooses, for every authored diagram of the fixtures', async () => {
    let compared = 0;
    for (const job of jobs) {
      const svg = svgs.get(job.name)!;
      const whole = slideTextPx(svg);
      const fit = await fitAuthored(
        [job],
        new Map([[job.name, { name: job.name, svg, chapter: job.chapter }]]),
        renderer,
        OPTIONS,
      );
      const want = whole >= MIN_SLIDE_TEXT ? null : await exhaustive(job, whole);
      const got = fit.parts.get(job.name);
      expect(
        got
          ? { how: got[0]!.name.endsWith('-flipped') ? 'flipped' : 'split', sources: fit.jobs.map((j) => j.source) }
          : null,
        job.name,
      ).toEqual(want);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(5);
  }, 600_000);

  it('renders 12 candidates for the DDIA systems map, not the 17 of the exhaustive search', async () => {
    const job = jobs.find((j) => j.name === 'diagrams/course-1')!;
    const svg = svgs.get(job.name)!;
    let renders = 0;
    const counting = {
      render: (list: Parameters<Renderer['render']>[0], o: Parameters<Renderer['render']>[1]) => {
        renders += list.length;
        return renderer.render(list, o);
      },
    } as unknown as Renderer;
    const fit = await fitAuthored(
      [job],
      new Map([[job.name, { name: job.name, svg, chapter: job.chapter }]]),
      counting,
      OPTIONS,
    );
    expect(fit.jobs.map((j) => j.name)).toEqual(Array.from({ length: 7 }, (_, i) => `diagrams/course-1-part-${i + 1}`));
    expect(renders).toBe(12);
  }, 600_000);
});
