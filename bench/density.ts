// Prints how full the slides of every deck in a folder are (content bounding box vs 1280×720),
// measured in Chromium: slides, sparse share (< 35 % of the height, big type excepted), overflow.
// Usage: node bench/density.ts out/decks [--list]
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Renderer } from '../src/render/index.ts';
import { isSparse, measureDensity } from '../src/render/documents/density.ts';

const dir = resolve(process.argv[2] ?? 'out/decks');
const list = process.argv.includes('--list');
const renderer = await Renderer.open({ cache: false, poolSize: 1 });
try {
  const { browser } = await renderer.sharedBrowser();
  let slides = 0;
  let sparse = 0;
  let over = 0;
  let minText = Infinity;
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.html'))
    .sort()) {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 720 });
    await page.goto(pathToFileURL(join(dir, f)).href, { waitUntil: 'load' });
    await page.waitForFunction('document.documentElement.getAttribute("data-cm-ready") === "1"');
    const d = await measureDensity(page);
    await page.close();
    const s = d.filter((x) => isSparse(x));
    slides += d.length;
    sparse += s.length;
    over += d.filter((x) => x.overflow).length;
    minText = Math.min(minText, ...d.map((x) => x.minTextPx).filter((x) => x > 0));
    console.log(
      `${f.padEnd(60)} ${String(d.length).padStart(3)} slides, ${s.length} sparse, ${d.filter((x) => x.overflow).length} overflow`,
    );
    if (list) for (const x of s) console.log(`    sparse ${x.key} ${x.kind} ${(x.used * 100).toFixed(0)}%`);
  }
  console.log(
    `total ${slides} slides, ${sparse} sparse (${((sparse / slides) * 100).toFixed(1)} %), ${over} overflowing, smallest text ${minText} px`,
  );
} finally {
  await renderer.close();
}
