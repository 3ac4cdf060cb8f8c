// The one HTML/XML escaper (src/generate/escape.ts): all five characters, a round trip through an
// XML parser's entity rules, and a scan of src/ proving no other copy came back.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../src/generate/escape.ts';
import { esc } from '../src/generate/print/html-text.ts';
import { addSvgTitle } from '../src/generate/maps/svg-a11y.ts';
import { runs } from './support/property.ts';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

const decode = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);

describe('escapeHtml', () => {
  it('escapes all five characters, each to the entity every HTML and XML parser reads back', () => {
    expect(escapeHtml(`& < > " '`)).toBe('&amp; &lt; &gt; &quot; &#39;');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;'); // text, not markup: escaped again
    expect(escapeHtml('plain text, ünïcode ⚡')).toBe('plain text, ünïcode ⚡');
  });

  it('leaves no character that ends a text or a quoted attribute, and decodes back (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('&', '<', '>', '"', "'", 'a', ';', '#', 'amp', 'lt', ' ') }),
        (s) => {
          const e = escapeHtml(s);
          return !/[<>"']/.test(e) && !/&(?!amp;|lt;|gt;|quot;|#39;)/.test(e) && decode(e) === s;
        },
      ),
      { numRuns: runs(2000) },
    );
  });

  it('is what the print pages and the SVG titles use', () => {
    expect(esc(`"Let's" <b>&</b>`)).toBe(escapeHtml(`"Let's" <b>&</b>`));
    const svg = addSvgTitle('<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>', `It's <x> & "y"`, 'd');
    expect(svg).toContain('It&#39;s &lt;x&gt; &amp; &quot;y&quot;');
  });

  it('has no copy elsewhere in src/', () => {
    const copies: string[] = [];
    for (const e of readdirSync(SRC, { recursive: true, withFileTypes: true })) {
      if (!e.isFile() || !/\.(ts|js)$/.test(e.name)) continue;
      const file = join(e.parentPath, e.name);
      if (file.endsWith(join('generate', 'escape.ts'))) continue;
      const text = readFileSync(file, 'utf8');
      // An escaper writes an entity for a character: `'&amp;'`, `'&lt;'`, `&#${…}` or a map of them.
      for (const m of text.matchAll(
        /['"`]&(?:amp|lt|gt|quot|#39|apos);['"`]|&#\$\{|function escape(?:Html|Xml|Attr)\b/g,
      )) {
        const line = text.slice(0, m.index).split('\n').length;
        const source = text.split('\n')[line - 1]!;
        if (/replace\(\/&(?:amp|lt|gt|quot|#39);\/g, /.test(source) && !/replace\(\/[&<>"']\/g, '&/.test(source))
          continue; // decoding, not escaping
        if (/out \+= '&lt;'/.test(source)) continue; // sanitisers turning a stray < into text
        copies.push(`${file.slice(SRC.length)}:${line}: ${source.trim()}`);
      }
    }
    expect(copies).toEqual([]);
  });
});
