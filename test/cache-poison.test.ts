// A poisoned render cache (.coursemap-cache/ is input: CI caches are shared between branches).
// Every entry carries the sha256 recorded when it was written, and every SVG read back passes the
// allow-list of src/render/svg-clean.ts; a tampered entry is discarded, rendered again and
// reported. The outputs of a build over a poisoned cache are opened in Chromium: nothing runs.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import puppeteer, { type Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, DEFAULT_BUILD } from '../src/pipeline/index.ts';
import { STAGES } from '../src/pipeline/stages.ts';
import { cacheKey, withRenderer } from '../src/render/index.ts';
import { cleanSvg } from '../src/render/svg-clean.ts';
import { sharedBrowser, sharedEndpoint } from './support/browser.ts';
import { readCacheJson, writeCacheJson } from '../src/write/cache-file.ts';
import { runs } from './support/property.ts';

const COURSE = fileURLToPath(new URL('./fixtures/cache/poison.md', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'coursemap-poison-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const PAYLOAD = '<script>window.__pwned = (window.__pwned || 0) + 1</script>';
const HANDLER = ' onload="window.__pwned = (window.__pwned || 0) + 1"';

/** Every JSON entry of a render cache holding an SVG. */
function svgEntries(cache: string): string[] {
  return readdirSync(cache, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.json') && /^[0-9a-f]{2}$/.test(d.parentPath.split('/').pop() ?? ''))
    .map((d) => join(d.parentPath, d.name))
    .filter((f) => typeof (JSON.parse(readFileSync(f, 'utf8')) as { svg?: unknown }).svg === 'string');
}

/** Injects a script and an onload handler into an entry; `reseal` recomputes its hash as an attacker who read the code would. */
function poison(file: string, reseal: boolean): void {
  const { sha256: _old, ...entry } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & {
    svg: string;
  };
  const svg = entry.svg.replace(/^<svg/, `<svg${HANDLER}`).replace(/<\/svg>$/, `${PAYLOAD}</svg>`);
  const value = { ...entry, svg };
  writeFileSync(file, JSON.stringify(reseal ? { ...value, sha256: cacheKey(value) } : { ...value, sha256: _old }));
}

describe('cleanSvg: the allow-list every rendered SVG passes', () => {
  const label =
    '<foreignObject width="80" height="24"><div xmlns="http://www.w3.org/1999/xhtml" style="display: table-cell;"><span class="nodeLabel"><p>Rain <b>falls</b><br/>then</p></span></div></foreignObject>';
  const clean = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><style>#a .node rect{fill:#fff;}</style><defs><marker id="m"><path d="M0,0 L1,1"/></marker></defs><g class="node"><rect x="1" style="fill:url(#g)"/>${label}<use href="#m"/></g><text>a &gt; b &amp; c</text></svg>`;

  it('keeps what mermaid emits, foreignObject HTML labels included, byte for byte', () => {
    expect(cleanSvg(clean)).toEqual({ svg: clean, removed: [] });
  });

  it.each([
    ['a script element', `<svg>${PAYLOAD}</svg>`, 'element script'],
    ['an onload handler', `<svg${HANDLER}></svg>`, 'attribute onload'],
    ['an upper-case ONCLICK', '<svg><g ONCLICK="x()"></g></svg>', 'attribute ONCLICK'],
    [
      'a javascript: link hidden by entities',
      '<svg><a href="jav&#x09;ascript&colon;alert(1)"><text>x</text></a></svg>',
      'attribute href=jav',
    ],
    ['an external use', '<svg><use href="https://example.com/x.svg#a"/></svg>', 'attribute href=https://example.com'],
    ['an image', '<svg><image href="file:///etc/passwd"/></svg>', 'element image'],
    [
      'an img onerror in a label',
      `<svg><foreignObject><div><img src="x" onerror="alert(1)"/></div></foreignObject></svg>`,
      'element img',
    ],
    [
      'an iframe in a label',
      '<svg><foreignObject><iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe></foreignObject></svg>',
      'element iframe',
    ],
    [
      'markup hidden in a raw-text title',
      '<svg><foreignObject><title><p title="</title><img src=x onerror=alert(1)>"></p></title></foreignObject></svg>',
      'element p inside <title>',
    ],
    ['CSS @import', '<svg><style>@import "https://example.com/a.css";</style></svg>', 'unsafe CSS in <style>'],
    [
      'CSS url() to a server',
      '<svg><rect style="fill: url(http://127.0.0.1/x)"/></svg>',
      'attribute style=fill: url(http://127.0.0.1/x)',
    ],
    [
      'a presentation attribute url()',
      '<svg><rect fill="url(https://example.com/p.svg#g)"/></svg>',
      'attribute fill=url(https://example.com/p.svg#g)',
    ],
    ['a CSS escape', '<svg><style>a{background:\\75 rl(x)}</style></svg>', 'unsafe CSS in <style>'],
    [
      'animate setting an href',
      '<svg><a><animate attributeName="href" to="javascript:alert(1)"/></a></svg>',
      'element animate',
    ],
    ['a comment', '<svg><!-- x --></svg>', 'comment'],
    ['a DOCTYPE with entities', '<!DOCTYPE svg [<!ENTITY x "y">]><svg></svg>', 'markup <!DOCTYPE sv'],
    ['a slash-separated handler', '<svg/onload=alert(1)></svg>', 'stray <'],
  ])('removes %s', (_name, svg, what) => {
    const r = cleanSvg(svg);
    expect(r.removed.join('\n')).toContain(what);
    expect(r.svg).not.toMatch(/<script|<img|<iframe|<image|<animate|\son\w+=|javascript:|@import|url\(http/i);
  });

  it('cleaning twice changes nothing, and a clean result is byte-identical (property)', () => {
    const piece = fc.constantFrom(
      '<svg>',
      '</svg>',
      '<g class="n">',
      '</g>',
      '<script>',
      '</script>',
      '<foreignObject>',
      '</foreignObject>',
      '<div>',
      '</div>',
      '<br>',
      '<br/>',
      '<title>',
      '</title>',
      '<style>',
      '</style>',
      'a{fill:url(#x)}',
      '@import "y";',
      '<rect onload="x()"/>',
      '<a href="#k">',
      '<a href="javascript:x">',
      '</a>',
      '<!-- c -->',
      '<![CDATA[ <b> ]]>',
      'text & more',
      '<',
      '>',
      '"',
      '<img src=x onerror=y>',
      '<p title="</title><img onerror=1>">',
      '</p>',
      '<p>',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const once = cleanSvg(parts.join(''));
        const twice = cleanSvg(once.svg);
        const tags = once.svg.replace(/="[^"]*"/g, '=""'); // attribute values are values
        return (
          twice.svg === once.svg &&
          twice.removed.length === 0 &&
          !/<(?:script|img)\b|<[^>]*\son\w+=|<style>[^<]*@import/i.test(tags) &&
          !once.svg.includes('javascript:')
        );
      }),
      { numRuns: runs(3000) },
    );
  });
});

describe('the JSON caches (model, generated maps, validation results)', () => {
  it('read back only while their content has the hash recorded when they were written', async () => {
    const dir = join(tmp, 'json-cache');
    const value = { key: 'k', maps: [{ name: 'maps/course-map', source: 'flowchart LR\n  A --> B' }] };
    expect(await writeCacheJson(dir, 'maps-x.json', value)).toBe(true);
    expect(await readCacheJson(dir, 'maps-x.json')).toEqual(value);
    const file = join(dir, 'maps-x.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('A --> B', 'A --> B\n  click A call alert(1)'));
    expect(await readCacheJson(dir, 'maps-x.json')).toBeUndefined();
    writeFileSync(file, JSON.stringify(value)); // no hash at all
    expect(await readCacheJson(dir, 'maps-x.json')).toBeUndefined();
  });
});

describe('render cache entries are checked when read', () => {
  const source = 'flowchart LR\n  A[Seed] --> B[Sprout]';

  it('an entry whose bytes do not match its recorded hash, a re-sealed entry with a script, a swapped PNG: each discarded, rendered again and reported', async () => {
    const cache = join(tmp, 'unit-cache');
    const render = () =>
      withRenderer({ ...sharedBrowser(), cache: { dir: cache } }, (r) =>
        r.render([{ id: 'd', source }], { formats: ['svg', 'png'] }),
      );
    const [first] = await render();
    expect(first!.error).toBeUndefined();
    const [entry] = svgEntries(cache);

    // 1. edited without knowing the hash
    poison(entry!, false);
    let [again] = await render();
    expect(again!.cached).toBeUndefined();
    expect(again!.warnings.join('\n')).toMatch(
      /render cache entry [0-9a-f]{12} does not match the hash recorded when it was written: discarded and rendered again/,
    );
    expect(again!.svg).toBe(first!.svg);

    // 2. edited and re-sealed: the allow-list catches it
    poison(entry!, true);
    [again] = await render();
    expect(again!.warnings.join('\n')).toMatch(
      /holds unsafe content \(attribute onload, element script\): discarded and rendered again/,
    );
    expect(again!.svg).toBe(first!.svg);

    // 3. the PNG swapped for other bytes
    const png = readdirSync(cache, { recursive: true, withFileTypes: true }).find((d) => d.name.endsWith('.png'))!;
    writeFileSync(
      join(png.parentPath, png.name),
      Buffer.concat([Buffer.from(first!.png!.subarray(0, 100)), Buffer.from('tampered')]),
    );
    [again] = await render();
    expect(again!.warnings.join('\n')).toContain('(PNG) does not match the hash recorded when it was written');
    expect(Buffer.from(again!.png!).equals(Buffer.from(first!.png!))).toBe(true);

    // 4. and the repaired entries are served again, silently
    [again] = await render();
    expect(again!.cached).toBe(true);
    expect(again!.warnings.join('\n')).not.toContain('render cache entry');
  }, 120_000);
});

describe('a build over a poisoned cache', () => {
  const cache = join(tmp, 'build-cache');
  const others = STAGES.slice();
  let warnings: string[] = [];
  let browser: Browser;

  beforeAll(async () => {
    // Diagrams and maps are always built; of the stages only print (study-map.html) is needed here.
    STAGES.splice(0, STAGES.length, ...others.filter((s) => s.name === 'print'));
    const options = {
      ...DEFAULT_BUILD,
      ...sharedBrowser(),
      formats: ['svg' as const, 'pdf' as const],
      cacheDir: cache,
    };
    await build(COURSE, { ...options, outDir: join(tmp, 'first') });
    const entries = svgEntries(cache);
    expect(entries.length).toBeGreaterThanOrEqual(3); // the course map, two chapter maps, the authored diagram…
    for (const e of entries) poison(e, true);
    // The control: one poisoned SVG as it would have been written without the check.
    writeFileSync(join(tmp, 'control.svg'), (JSON.parse(readFileSync(entries[0]!, 'utf8')) as { svg: string }).svg);
    const result = await build(COURSE, { ...options, outDir: join(tmp, 'second') });
    warnings = result.files.flatMap((f) => f.messages.map((m) => String(m.reason)));
    const endpoint = sharedEndpoint();
    browser = endpoint
      ? await puppeteer.connect({ browserWSEndpoint: endpoint })
      : await puppeteer.launch({ args: ['--no-sandbox'] });
  }, 300_000);
  afterAll(async () => {
    STAGES.splice(0, STAGES.length, ...others);
    if (sharedEndpoint()) await browser?.disconnect();
    else await browser?.close();
  });

  it('reports every poisoned entry and writes clean outputs', () => {
    const discarded = warnings.filter((w) => w.includes('holds unsafe content'));
    expect(discarded.length).toBeGreaterThanOrEqual(3);
    const out = join(tmp, 'second');
    const files = [
      ...readdirSync(join(out, 'diagrams'))
        .filter((f) => f.endsWith('.svg'))
        .map((f) => join(out, 'diagrams', f)),
      ...readdirSync(join(out, 'maps'))
        .filter((f) => f.endsWith('.svg'))
        .map((f) => join(out, 'maps', f)),
      join(out, 'study-map.html'),
    ];
    for (const f of files) expect(readFileSync(f, 'utf8'), f).not.toMatch(/__pwned/);
  });

  it('nothing runs when the outputs are opened in Chromium', async () => {
    const out = join(tmp, 'second');
    const files = [
      ...readdirSync(join(out, 'diagrams'))
        .filter((f) => f.endsWith('.svg'))
        .map((f) => join(out, 'diagrams', f)),
      ...readdirSync(join(out, 'maps'))
        .filter((f) => f.endsWith('.svg'))
        .map((f) => join(out, 'maps', f)),
      join(out, 'study-map.html'),
    ];
    const context = await browser.createBrowserContext();
    try {
      for (const f of files) {
        const page = await context.newPage();
        await page.goto(pathToFileURL(f).href, { waitUntil: 'load' });
        expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? 0), f).toBe(0);
        await page.close();
      }
      // The control: the same payload does run in this browser, so the checks above can fail.
      const page = await context.newPage();
      await page.goto(pathToFileURL(join(tmp, 'control.svg')).href, { waitUntil: 'load' });
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? 0)).toBe(2);
    } finally {
      await context.close();
    }
  }, 120_000);
});
