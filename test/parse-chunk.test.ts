// Chunked Markdown parsing must give exactly the tree (positions included)
// of a whole-document parse.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { bracketKeys, labelKey, planChunks } from '../src/parse/chunk.ts';
import { parseMarkdown } from '../src/parse/markdown.ts';
import { emojiShortcodes, mayHaveShortcodes } from '../src/parse/shortcodes.ts';
import { runs } from './support/property.ts';

const whole = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();
const noFrontmatter = unified().use(remarkParse).use(remarkGfm).freeze();

/**
 * The whole-document reference: front matter only when the opening `---` is closed, and emoji
 * shortcodes (":m:") replaced as parseMarkdown does after parsing, whatever the chunks.
 */
function plainParse(text: string): Root {
  const unclosed = /^---[ \t]*(?:\r\n?|\n)/.test(text) && !/(?:\r\n?|\n)---[ \t]*(?:\r\n?|\n|$)/.test(text.slice(3));
  const tree = (unclosed ? noFrontmatter : whole).parse(text);
  return mayHaveShortcodes(text) ? emojiShortcodes(tree) : tree;
}

/** JSON of the tree: strict comparison, key order included. */
function json(tree: Root): string {
  return JSON.stringify(tree);
}

function expectSameTree(text: string, chunkBytes: number): void {
  const chunked = parseMarkdown(text, { chunkBytes });
  const expected = plainParse(text);
  expect(structuredClone(chunked)).toEqual(structuredClone(expected));
  expect(json(chunked)).toBe(json(expected));
}

const tricky: Record<string, string> = {
  'fences containing headings and blank lines': [
    '# Title',
    '',
    'Intro paragraph.',
    '',
    '```js',
    '# not a heading',
    '',
    'Not a paragraph either',
    '',
    '```',
    '',
    'After the fence.',
    '',
    '# Real heading',
    '',
    '````md',
    '```',
    '',
    '# still code',
    '```',
    '',
    'still code',
    '````',
    '',
    'Done.',
    '',
  ].join('\n'),
  'tilde fences, indented fences, info strings': [
    'Para',
    '',
    '~~~',
    '```',
    '',
    '# code',
    '~~~~~',
    '',
    'Text',
    '',
    '  ```python',
    '',
    '# code too',
    '',
    '    ```',
    '',
    'still code (closer indented 4)',
    '  ```',
    '',
    '``` not `a` fence',
    '',
    '# Heading',
    '',
    '~~~ info with ` backtick',
    '',
    '# code',
    '~~~',
    '',
    'End',
  ].join('\n'),
  'HTML blocks spanning blank lines': [
    'Before',
    '',
    '<!-- a comment',
    '',
    '# not a heading',
    '',
    '-->',
    '',
    'Between',
    '',
    '<pre>',
    '',
    '# not a heading',
    '',
    '</pre>',
    '',
    '<div>',
    '# in the div',
    '</div>',
    '',
    '# heading',
    '',
    '<?php',
    '',
    'echo 1;',
    '',
    '?>',
    '',
    '<!DOCTYPE html',
    '',
    'x>',
    '',
    '<![CDATA[',
    '',
    '# x',
    '',
    ']]>',
    '',
    '<script type="x">',
    '',
    '</script>',
    '',
    '<span>',
    '```',
    '',
    '# after html 7',
    '```',
    '',
    'text',
    '<span>',
    '```',
    '',
    '# in fence',
    '```',
    '',
    'End',
  ].join('\n'),
  'loose lists, nested lists, blank lines': [
    '- one',
    '',
    '- two',
    '',
    '  continued paragraph',
    '',
    '      indented code in item',
    '',
    '- three',
    '  - nested',
    '',
    '    nested para',
    '',
    'After list.',
    '',
    '1. first',
    '',
    '2) second (new list)',
    '',
    '10. ten',
    '',
    '* star',
    '',
    '+ plus',
    'lazy continuation',
    '',
    '- ```',
    '  code in item',
    '',
    '  # code',
    '  ```',
    '',
    '- item',
    '',
    '  ```',
    '  code',
    '',
    '# heading closes list and fence',
    '  ```',
    '',
    '# real heading? no, in fence',
    '```',
    '',
    'End',
  ].join('\n'),
  'block quotes': [
    '> quote',
    '>',
    '> # heading in quote',
    '',
    '> second quote',
    'lazy line',
    '',
    '> ```',
    '> code',
    '```',
    '',
    '# fence above was top level',
    '```',
    '',
    'Text',
  ].join('\n'),
  'tables and setext headings': [
    '| a | b |',
    '|---|:-:|',
    '| 1 | 2 |',
    '| 3 | 4 |',
    '# heading after table',
    '',
    'Setext',
    '======',
    '',
    'Setext 2',
    '---',
    '',
    'a | b',
    '- | -',
    'row without pipes',
    '',
    '---',
    '',
    '***',
    '',
    'Para',
    '# heading interrupts',
    'text',
    '',
  ].join('\n'),
  'link reference definitions used before they are defined': [
    'See [foo] and [Bar Baz][] and [text][ref-1] and [^note].',
    '',
    '# Section',
    '',
    'More [foo]. Not defined: [nope].',
    '',
    'And ![img][ref-1].',
    '',
    '> [quoted]: /in-quote',
    '',
    'Use [quoted].',
    '',
    '- [listed]: /in-list',
    '',
    'Use [listed] and [multi',
    'line].',
    '',
    '[foo]: /foo',
    '[bar  baz]: </bb> "Title"',
    '  [REF-1]: http://example.com',
    '',
    'text',
    '[fake]: /not-a-definition',
    '',
    'Use [fake].',
    '',
    '[multi line]: /ml',
    '',
    '[^note]: A footnote',
    '    with more text.',
    '',
    '[a]:',
    '#',
    '',
    'Use [a].',
  ].join('\n'),
  'front matter': [
    '---',
    'title: A course',
    '',
    'tags: [a, b]',
    '---',
    '',
    '# Heading',
    '',
    'Text',
    '',
    '---',
    '',
    'not: front matter',
    '',
    '---',
    '',
    'End',
  ].join('\n'),
  'unclosed front matter is a thematic break': ['---', '', '# H', '', 'text', ''].join('\n'),
  'emoji and astral characters': [
    '# 🧭 Course 𝒳',
    '',
    'Emoji 😀😀 and 𝕏 in text, **bold 🚀**.',
    '',
    '## 🧩 1.1 Section',
    '',
    '- 👷 item',
    '',
    '```',
    '🦀 code',
    '```',
    '',
    '| 🌲 | 🔍 |',
    '|---|---|',
    '| 💾 | 🧬 |',
    '',
    'Last 🧠 line',
  ].join('\n'),
  'indented code and tabs': [
    'Para',
    '',
    '    code',
    '',
    '    # code',
    '',
    '\tcode with tab',
    '',
    'Text\twith tab',
    '',
    '# H',
  ].join('\n'),
  'line 1 is an unclosed ---: a thematic break, quotes and lists still work': [
    '---',
    '',
    '> a quote',
    '',
    '- a list',
    '',
    '[^a]: a footnote',
    '',
    'Use [^a].',
    '',
    '# H',
    '',
    '> still a quote',
  ].join('\n'),
  'footnote definition after a list item with an open fence': [
    '1. ~~~',
    '',
    '[^n]: note',
    '',
    '- ```',
    '',
    '[^n]:',
    '',
    'Use [^n].',
  ].join('\n'),
  'unclosed fence at the end': ['Para', '', '```', 'code', '', '# code', '', 'more'].join('\n'),
  'unclosed comment at the end': ['Para', '', '<!--', '', '# x', '', 'more', ''].join('\n'),
  'no trailing newline, CR line endings': 'A\r\rB\r\r# C\r\rD\r\n\r\nE\r\n\r\n```\r\n\r\n# x\r\n```\r\n\r\nF',
};

describe('unclosed front matter', () => {
  it('is a thematic break and does not hide the quotes and lists after it', () => {
    const types = parseMarkdown('---\n\n> q\n\n- a\n').children.map((n) => n.type);
    expect(types).toEqual(['thematicBreak', 'blockquote', 'list']);
  });
});

describe('parseMarkdown in chunks', () => {
  for (const [name, text] of Object.entries(tricky)) {
    it(`gives the whole-document tree: ${name}`, () => {
      // Make sure the document really is split.
      expect(planChunks(text, 1).splits.length).toBeGreaterThan(1);
      for (const chunkBytes of [1, 8, 30, 100]) expectSameTree(text, chunkBytes);
    });
  }

  it('gives the whole-document tree for all tricky documents concatenated', () => {
    const text = Object.entries(tricky)
      .filter(([name]) => !/unclosed|front matter|CR|---/.test(name))
      .map(([, t]) => t)
      .join('\n\n');
    for (const chunkBytes of [1, 50, 200, 1000]) expectSameTree(text, chunkBytes);
  });

  it('gives the whole-document tree for the DDIA course', () => {
    const course = readFileSync(new URL('../../shared/courses/ddia-course.md', import.meta.url), 'utf8');
    expect(planChunks(course, 200).splits.length).toBeGreaterThan(100);
    for (const chunkBytes of [200, 2000]) expectSameTree(course, chunkBytes);
    expectSameTree(course, 16 * 1024);
    // Default options.
    expect(json(parseMarkdown(course))).toBe(json(plainParse(course)));
  });

  it('an emoji shortcode in a chunked document (counterexample the property found)', () => {
    expectSameTree(':m:\n', 1);
  });

  it('gives the whole-document tree for random documents (property)', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '# Heading',
        '## Sub 🧩 heading',
        '#',
        'Setext\n======',
        'Setext\n---',
        '---',
        '***',
        'Plain paragraph with [foo] and [Bar Baz][] and [x][ref-1] and [^n].',
        'Line one\nline two 😀 𝒳',
        '```js\n# in code\n\nmore code\n```',
        '```\ncode',
        '~~~\n```\n\n# in code\n~~~',
        '````\n```\n\n````',
        '  ```\n\n# x\n  ```',
        '``` `x`',
        '<!-- comment\n\n# x\n-->',
        '<!--',
        '-->',
        '<pre>\n\n# x\n</pre>',
        '<div>\n# in div',
        '</div>',
        '<span>',
        '<?x\n\n?>',
        '<![CDATA[\n\n]]>',
        '<!X\n\n>',
        '- a\n\n- b\n\n  para',
        '- a\n- b',
        '1. x\n2. y',
        '3) z',
        '* star\n  - nested\n\n    text',
        '- ```\n  code\n\n  # x\n  ```',
        '- item\n\n  ```\n  code',
        '> quote\n>\n> # h',
        '> ```\n> x',
        'lazy',
        '| a | b |\n|---|---|\n| 1 | 2 |',
        'a | b\n- | -\nrow',
        '[foo]: /url',
        '[Bar  baz]: </u> "title"',
        '  [ref-1]: http://x',
        '[^n]: note\n    more',
        '[^n]',
        '> [q]: /q',
        '[q] [nope]',
        '[a]:',
        '    indented code',
        '\ttab code',
        'text  ',
        '---\ntitle: x\n---',
      ),
      fc.string({ maxLength: 12 }),
    );
    const separator = fc.constantFrom('\n', '\n\n', '\n\n\n', '\n \n', '\r\n\r\n');
    const doc = fc
      .array(fc.tuple(piece, separator), { maxLength: 30 })
      .map((parts) => parts.map(([p, s]) => p + s).join(''));
    fc.assert(
      fc.property(doc, fc.constantFrom(1, 10, 40, 200), (text, chunkBytes) => {
        return json(parseMarkdown(text, { chunkBytes })) === json(plainParse(text));
      }),
      { numRuns: runs(1000) },
    );
  });

  it('gives the whole-document tree for random line soups (property)', () => {
    const prefix = fc.constantFrom(
      '',
      '',
      '',
      ' ',
      '  ',
      '   ',
      '    ',
      '\t',
      '> ',
      '- ',
      '1. ',
      '* ',
      '  - ',
      '>',
      '2) ',
    );
    const body = fc.constantFrom(
      '',
      '',
      'text',
      'more [a] [B  c] [^n] [x][a]',
      '# H',
      '#',
      '```',
      '```js',
      '````',
      '~~~',
      '``` `',
      '---',
      '***',
      '===',
      '<!--',
      '-->',
      '<pre>',
      '</pre>',
      '<div>',
      '<span>',
      '<?',
      '?>',
      '<![CDATA[',
      ']]>',
      '<!DOC',
      '>',
      '[a]: /u',
      '[b c]: /u "t"',
      '[^n]: note',
      '[^n]:',
      '[a]:',
      '| a | b |',
      '|---|---|',
      'a | b',
      '-|-',
      '😀 𝒳',
    );
    const doc = fc
      .array(
        fc.tuple(prefix, body).map(([p, b]) => p + b),
        { maxLength: 60 },
      )
      .chain((lines) => fc.constantFrom('\n', '\r\n', '\r').map((eol) => lines.join(eol)));
    fc.assert(
      fc.property(doc, fc.constantFrom(1, 5, 20, 60), (text, chunkBytes) => {
        return json(parseMarkdown(text, { chunkBytes })) === json(plainParse(text));
      }),
      { numRuns: runs(1000) },
    );
  });
});

describe('planChunks', () => {
  it('splits only at safe lines', () => {
    const text = ['a', '', '```', '', '# x', '', '```', '', '- l', '', 'b', '# h', '  c', '', '> q', '', 'd'].join(
      '\n',
    );
    const lines = text.split('\n');
    const splitLines = planChunks(text, 1).splits.map((s) => lines[s.line]);
    expect(splitLines).toEqual(['a', '```', 'b', '# h', 'd']);
  });

  it('honours the chunk size', () => {
    const text = Array.from({ length: 100 }, (_, i) => `Paragraph ${i} ${'x'.repeat(50)}`).join('\n\n');
    const { splits } = planChunks(text, 500);
    for (let i = 1; i < splits.length; i++) {
      const size = (splits[i]?.offset ?? 0) - (splits[i - 1]?.offset ?? 0);
      expect(size).toBeGreaterThanOrEqual(500);
      expect(size).toBeLessThan(600);
    }
  });

  it('does not split front matter', () => {
    const text = '---\na: 1\n\nb: 2\n---\n\n# H\n\nx\n';
    const lines = text.split('\n');
    expect(planChunks(text, 1).splits.map((s) => lines[s.line])).toEqual(['---', '# H', 'x']);
  });

  it('pre-scans definition labels', () => {
    const plan = planChunks('[Foo  Bar]: /x\n> [q]: /q\n\n[^Note]: n\n\n```\n[code]: /c\n```\n', 1);
    expect([...plan.definitions.keys()].sort()).toEqual(['FOO BAR', 'Q']);
    expect([...plan.footnotes.keys()]).toEqual(['^NOTE']);
  });

  it('normalizes labels like micromark', () => {
    expect(labelKey(' Foo \n  bar ')).toBe('FOO BAR');
    expect([...bracketKeys('[a] [b\nc] [d [e]] \\[f]')]).toEqual(['A', 'B C', 'E', 'F']);
  });
});
