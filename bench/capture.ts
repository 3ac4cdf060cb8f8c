// CPU per slide of the ways to take a slide's 1920×1080 PNG, on one page of a DDIA chapter deck
// (Node plus every Chromium process, /proc): the build's capture (CDP Page.captureScreenshot,
// optimizeForSpeed, captureBeyondViewport false) against the options that could lower it, each
// checked for the same PNG bytes. A variant that changes the bytes would change every build's
// slides: it is worth it only if it saves much more than it costs in size.
//
//   node bench/capture.ts [--chapter 5] [--rounds 2]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { CDPSession } from 'puppeteer';
import { deckJobs, PNG_SCALE } from '../src/pipeline/decks.ts';
import { deckHtml } from '../src/generate/slides/html.ts';
import { slideTemplates } from '../src/generate/slides/partials.ts';
import { templateSet } from '../src/generate/templates.ts';
import { loadCourse } from '../src/index.ts';
import { SLIDE_HEIGHT, SLIDE_WIDTH, withDeckPage } from '../src/render/documents/deck.ts';
import { embedPageFonts } from '../src/render/fonts/embed-fonts.ts';
import { installFontsCheck, requireFonts } from '../src/render/fonts-ready.ts';
import { Renderer } from '../src/render/index.ts';
import { descendantsCpu } from './proc-tree.ts';

const { values } = parseArgs({
  options: { chapter: { type: 'string', default: '5' }, rounds: { type: 'string', default: '2' } },
});
const DDIA = fileURLToPath(new URL('../../shared/courses/ddia-course.md', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'coursemap-bench-capture-'));
const full = { x: 0, y: 0, width: SLIDE_WIDTH, height: SLIDE_HEIGHT, scale: 1 };

/** Page.captureScreenshot parameters of each variant; the first is the build's. */
const VARIANTS: Array<[string, Record<string, unknown>]> = [
  ['build (optimizeForSpeed, captureBeyondViewport false)', { optimizeForSpeed: true, captureBeyondViewport: false }],
  ['zlib default (optimizeForSpeed false)', { optimizeForSpeed: false, captureBeyondViewport: false }],
  ['fromSurface true', { optimizeForSpeed: true, captureBeyondViewport: false, fromSurface: true }],
  ['clip of the whole slide', { optimizeForSpeed: true, captureBeyondViewport: false, clip: full }],
  ['captureBeyondViewport true', { optimizeForSpeed: true, captureBeyondViewport: true }],
  ['JPEG q90 (not a PNG: encoder cost only)', { format: 'jpeg', quality: 90, captureBeyondViewport: false }],
];

const nodeCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const { course } = await loadCourse(DDIA);
const job = deckJobs({ course, theme: 'default', diagrams: new Map() }).find(
  (j) => j.chapter === Number(values.chapter),
)!;
const file = join(tmp, 'deck.html');
writeFileSync(file, await embedPageFonts(deckHtml(job.deck, slideTemplates(templateSet()))));
const renderer = await Renderer.open({ cache: false, poolSize: 1 });
try {
  await withDeckPage(renderer, { file, scale: PNG_SCALE, timeoutMs: 120_000, warnings: [] }, async (page) => {
    // As the build's capture (slidePngs): no controls, no transitions, the export look.
    const count = await page.evaluate(() => {
      (window as unknown as { Reveal: { configure(c: object): void } }).Reveal.configure({
        controls: false,
        progress: false,
        slideNumber: false,
        transition: 'none',
        backgroundTransition: 'none',
      });
      document.documentElement.classList.add('cm-export');
      return document.querySelectorAll('.reveal .slides > section').length;
    });
    const client: CDPSession = await page.createCDPSession();
    await client.send('Emulation.setDeviceMetricsOverride', {
      width: SLIDE_WIDTH,
      height: SLIDE_HEIGHT,
      deviceScaleFactor: PNG_SCALE,
      mobile: false,
    });
    await requireFonts(page, 'deck', [], '.reveal .slides');
    await installFontsCheck(page);
    const show = (i: number) =>
      page.evaluate((n) => (window as unknown as { Reveal: { slide(h: number): void } }).Reveal.slide(n), i);
    console.log(`chapter ${values.chapter}: ${count} slides, ${SLIDE_WIDTH * PNG_SCALE}×${SLIDE_HEIGHT * PNG_SCALE}`);
    let reference: string[] = [];
    for (const [name, params] of VARIANTS) {
      let best = Infinity;
      let shown = Infinity;
      let bytes: string[] = [];
      for (let round = 0; round < Math.max(1, Number(values.rounds)); round++) {
        bytes = [];
        let showing = 0;
        const cpu = descendantsCpu(process.pid);
        const node0 = nodeCpu();
        for (let i = 0; i < count; i++) {
          const s0 = nodeCpu();
          await show(i);
          showing += nodeCpu() - s0;
          bytes.push((await client.send('Page.captureScreenshot', { format: 'png', ...params })).data);
        }
        best = Math.min(best, (cpu.stop() + nodeCpu() - node0) / count);
        shown = Math.min(shown, showing / count);
      }
      if (reference.length === 0) reference = bytes;
      const same = bytes.every((b, i) => b === reference[i]);
      const kb = bytes.reduce((n, b) => n + (b.length * 3) / 4, 0) / count / 1024;
      console.log(
        `  ${name}: ${best.toFixed(1)} ms CPU/slide (Node's share of showing the slide ${shown.toFixed(1)} ms), ${kb.toFixed(0)} KB/slide, ${same ? 'same bytes' : 'other bytes'}`,
      );
    }
    // The old headless shell's deterministic frames; the browser the build runs has no such domain.
    const begin = await client.send('HeadlessExperimental.enable' as never).then(
      () => 'available',
      (e: Error) => `not available (${e.message.split('\n')[0]})`,
    );
    console.log(`  HeadlessExperimental.beginFrame: ${begin}`);
    await client.detach();
  });
} finally {
  await renderer.close();
  rmSync(tmp, { recursive: true, force: true });
}
