// Diagram slides in Chromium (rule "diagram-side"): a tall authored diagram under a one-line
// lead-in gets the slide's whole height with its title in a column beside it, and its labels
// come out larger than with the title above it (measured both ways on the same slide); a wide
// one keeps its title above (here it shares its section's slide, under the lead-in) and spans the
// content width.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/pipeline/index.ts';
import { Renderer } from '../src/render/index.ts';
import { sharedBrowser, sharedBuild } from './support/browser.ts';
import { measureDiagramSlides } from './support/diagram-slides.ts';
import { onPage, SLIDE } from './support/page.ts';

const fixture = fileURLToPath(new URL('./fixtures/slides/tall-diagram.md', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'coursemap-diagram-side-'));

interface Look {
  title: string;
  side: boolean;
  /** Smallest label on the diagram, px, and the drawing's box as a share of the slide's width and height. */
  minText: number;
  w: number;
  h: number;
  overflow: boolean;
}

/** Runs in the page: every diagram slide, as laid out, or with the title moved back above the figure. */
function looks(above: boolean): Look[] {
  const measure = (globalThis as unknown as { measure: () => Array<{ index: number; minText: number }> }).measure;
  const slides = [...document.querySelectorAll<HTMLElement>('.reveal .slides > section')];
  const side = slides.map((s) => s.classList.contains('cm-diagram-side'));
  if (above) for (const s of slides) s.classList.remove('cm-diagram-side');
  const out = measure().map((m) => {
    const s = slides[m.index]!;
    s.style.display = 'flex';
    const frame = s.getBoundingClientRect();
    const drawing = s.querySelector('figure.cm-diagram svg > g')!.getBoundingClientRect();
    const look = {
      title: s.querySelector('h2')?.textContent?.trim() ?? '',
      side: side[m.index]!,
      minText: m.minText,
      w: drawing.width / frame.width,
      h: drawing.height / frame.height,
      overflow: s.scrollHeight > s.clientHeight + 1 || s.scrollWidth > s.clientWidth + 1,
    };
    s.style.display = '';
    return look;
  });
  slides.forEach((s, i) => side[i] && s.classList.add('cm-diagram-side'));
  return out;
}

let renderer: Renderer;
let deck: string;
beforeAll(async () => {
  const result = await build(fixture, sharedBuild({ outDir: join(tmp, 'out'), formats: ['svg'], cacheDir: false }));
  expect(result.files.flatMap((f) => f.messages.filter((m) => m.fatal))).toEqual([]);
  const dir = join(tmp, 'out', 'decks');
  deck = join(dir, readdirSync(dir).find((f) => f.startsWith('1-') && f.endsWith('.html'))!);
  renderer = await Renderer.open({ ...sharedBrowser(), cache: false, poolSize: 1 });
}, 300_000);
afterAll(async () => {
  await renderer?.close();
  rmSync(tmp, { recursive: true, force: true });
});

function onDeck<T>(fn: (page: Page) => Promise<T>): Promise<T> {
  return onPage(renderer, deck, { ...SLIDE, ready: 'deck-fonts' }, async (page) => {
    await page.evaluate(`globalThis.measure = ${measureDiagramSlides.toString()}`);
    return fn(page);
  });
}

describe('diagram slides: a tall diagram gets the whole slide, its title beside it', () => {
  it('draws the tall state diagram larger beside its title than under it; the wide flowchart keeps its title above', async () => {
    const [side, above] = await onDeck(async (page) => [
      await page.evaluate(looks, false),
      await page.evaluate(looks, true),
    ]);
    expect(side.map((l) => [l.title, l.side])).toEqual([
      ['Each copy follows this cycle', true],
      ['1.2 The Lending Desk', false],
    ]);
    const [tall, wide] = side as [Look, Look];
    // The whole height: the drawing spans at least 80 % of the slide's height (the frame is 620 of 720 px).
    expect(tall.h).toBeGreaterThanOrEqual(0.8);
    // Labels at least 1.1× what they are with the title above (rule "diagram-side").
    expect(tall.minText).toBeGreaterThanOrEqual(above[0]!.minText * 1.1);
    // The wide one spans the content width (1136 of 1280 px) or is at its 1.8× cap; neither overflows.
    expect(wide.w).toBeGreaterThanOrEqual(0.8);
    for (const l of side) expect(l.overflow, l.title).toBe(false);
    console.log(
      `tall: labels ${above[0]!.minText.toFixed(1)} → ${tall.minText.toFixed(1)} px, drawing ${(above[0]!.w * 100).toFixed(0)}×${(above[0]!.h * 100).toFixed(0)} % → ${(tall.w * 100).toFixed(0)}×${(tall.h * 100).toFixed(0)} % of the slide`,
    );
  }, 120_000);
});
