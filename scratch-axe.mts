import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { Renderer } from './src/render/index.ts';
const require = createRequire(import.meta.url);
const axe = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const dir = process.argv[2]!;
const files = [
  ...readdirSync(join(dir, 'decks')).filter((f) => f.endsWith('.html')).map((f) => join(dir, 'decks', f)),
  ...readdirSync(join(dir, 'chapters')).map((f) => join(dir, 'chapters', f)),
  join(dir, 'index.html'), join(dir, 'study-map.html'), join(dir, 'companion.html'),
];
const renderer = await Renderer.open({ cache: false, poolSize: 1 });
const { browser } = await renderer.sharedBrowser();
for (const file of files) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  const q = file.includes('/decks/') ? '?print-pdf' : '';
  await page.goto(pathToFileURL(file).href + q, { waitUntil: 'load' });
  await new Promise((r) => setTimeout(r, 500));
  await page.evaluate(axe);
  const res: any = await page.evaluate(() => (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }));
  const bad = res.violations.filter((v: any) => v.impact === 'serious' || v.impact === 'critical');
  console.log(res.passes.length, res.violations.map((v: any) => v.id + ':' + v.impact).join(','), file.replace(dir, ''), bad.map((v: any) => `${v.id}(${v.impact}) x${v.nodes.length}: ${v.nodes.slice(0, 2).map((n: any) => n.target.join(' ') + ' :: ' + (n.failureSummary ?? '').split('\n')[1]).join(' | ')}`).join('\n   '));
  await page.close();
}
await renderer.close();
