import fc from 'fast-check';
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { VFileMessage } from 'vfile-message';
import { describe, expect, it } from 'vitest';
import { LOOKALIKE, guardNesting } from '../src/parse/guard.ts';
import { runs } from './support/property.ts';

const fmt = (m: VFileMessage): string => `${m.file}:${m.line}:${m.column}: ${m.reason}`;
const parse = (text: string): Root => unified().use(remarkParse).use(remarkGfm).parse(text);

/** Depth of the mdast tree, iteratively (deep trees would overflow a recursive walk). */
function treeDepth(tree: Root): number {
  let max = 0;
  const stack: Array<[{ children?: unknown[] }, number]> = [[tree, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > max) max = depth;
    for (const child of (node.children ?? []) as Array<{ children?: unknown[] }>) stack.push([child, depth + 1]);
  }
  return max;
}

const LOOKALIKES = LOOKALIKE;

/** Only allowed substitutions, same length, same line breaks. */
function expectSameShape(before: string, after: string): void {
  expect(after.length).toBe(before.length);
  for (let i = 0; i < before.length; i++) {
    if (before[i] !== after[i]) expect(LOOKALIKES[before[i]!]).toBe(after[i]);
  }
}

const CONTAINERS = 'Containers (block quotes, list items) nested';
const INLINE = 'Emphasis, links or images nested';

describe('guardNesting: containers', () => {
  it('leaves ordinary Markdown alone (same string)', () => {
    const text = '# Planets\n\n> A quote\n> > nested\n\n- one\n  - two\n    - three\n\n*a* **b** [c](d) ![e](f)\n';
    const result = guardNesting(text, 'planets.md');
    expect(result.text).toBe(text);
    expect(result.messages).toEqual([]);
  });

  it('cuts a 10,000-deep blockquote (crashes remark-parse unguarded) to the limit', () => {
    const text = '# Deep\n\n' + '>'.repeat(10_000) + ' leaf\n\n## After\n';
    const result = guardNesting(text, 'q.md');
    expectSameShape(text, result.text);
    expect(result.messages.map(fmt)).toEqual([
      `q.md:3:101: ${CONTAINERS} 10000 deep, more than the limit of 100; markers beyond depth 100 are kept as plain text`,
    ]);
    expect(result.messages[0]).toMatchObject({ ruleId: 'nesting-too-deep', source: 'coursemap', fatal: false });
    const tree = parse(result.text);
    expect(treeDepth(tree)).toBeLessThanOrEqual(103);
    expect(tree.children.at(-1)).toMatchObject({
      type: 'heading',
      position: { start: { line: 5, column: 1, offset: text.indexOf('## After') } },
    });
  });

  it('cuts a 10,000-deep list on one line, and quote/list mixes', () => {
    for (const [text, column, depth] of [
      ['- '.repeat(10_000) + 'leaf\n', 201, 10_000],
      ['1. '.repeat(10_000) + 'leaf\n', 302, 10_000],
      ['> - '.repeat(5_000) + 'leaf\n', 201, 10_000],
    ] as const) {
      const result = guardNesting(text, 'l.md');
      expectSameShape(text, result.text);
      expect(result.messages.map(fmt)).toEqual([
        `l.md:1:${column}: ${CONTAINERS} ${depth} deep, more than the limit of 100; markers beyond depth 100 are kept as plain text`,
      ]);
      expect(treeDepth(parse(result.text))).toBeLessThanOrEqual(2 * 100 + 3);
    }
  });

  it('tracks list items opened by indentation across lines', () => {
    const depth = 300;
    const lines = Array.from({ length: depth }, (_, i) => '  '.repeat(i) + '- level ' + (i + 1));
    const text = lines.join('\n') + '\n\nBack at the top.\n';
    const result = guardNesting(text, 'stairs.md');
    expectSameShape(text, result.text);
    expect(result.messages.map(fmt)).toEqual([
      `stairs.md:101:201: ${CONTAINERS} ${depth} deep, more than the limit of 100; markers beyond depth 100 are kept as plain text`,
    ]);
    const out = result.text.split('\n');
    expect(out[99]).toBe(lines[99]); // depth 100 kept
    expect(out[100]).toBe('  '.repeat(100) + '\u2010 level 101');
    const tree = parse(result.text);
    expect(treeDepth(tree)).toBeLessThanOrEqual(2 * 100 + 3);
    expect(tree.children.at(-1)).toMatchObject({
      type: 'paragraph',
      position: { start: { line: depth + 2, column: 1 } },
    });
  });

  it('counts exactly: depth == limit is kept, limit + 1 is cut', () => {
    expect(guardNesting('>'.repeat(5) + ' x\n', 'a.md', 5).messages).toEqual([]);
    const cut = guardNesting('>'.repeat(6) + ' x\n', 'a.md', 5);
    expect(cut.text).toBe('>>>>>\u203A x\n');
    expect(cut.messages.map(fmt)).toEqual([
      `a.md:1:6: ${CONTAINERS} 6 deep, more than the limit of 5; markers beyond depth 5 are kept as plain text`,
    ]);
  });

  it('does not mistake thematic breaks or fenced code for nesting', () => {
    const rule = '- '.repeat(5_000) + '\n\n' + '* '.repeat(5_000) + '\n';
    expect(guardNesting(rule, 'hr.md').text).toBe(rule);
    const fenced =
      '```\n' + '>'.repeat(500) + '\n' + '- '.repeat(500) + 'x\n```\n\n> ~~~\n> ' + '>'.repeat(500) + '\n> ~~~\n';
    expect(guardNesting(fenced, 'code.md')).toEqual({ text: fenced, messages: [] });
    // ...but a fence does not hide what follows once its container is closed.
    const escaped = '> ```\n\n' + '>'.repeat(500) + ' x\n';
    expect(guardNesting(escaped, 'e.md').messages).toHaveLength(1);
  });

  it('rejects a bad limit (programmer error)', () => {
    expect(() => guardNesting('x', 'a.md', 0)).toThrow(RangeError);
  });
});

describe('guardNesting: inline', () => {
  it.each([
    ['closed emphasis', '*'.repeat(10_000) + 'x' + '*'.repeat(10_000), 101],
    ['nested emphasis', '*a '.repeat(10_000) + 'x' + ' b*'.repeat(10_000), 301],
    ['nested emphasis over lines', '_a\n'.repeat(5_000) + 'x' + '\nb_'.repeat(5_000), 0],
    // 3,000 deep: unguarded, 3,000 nested images take 7 s. (Kept levels stay small: remark-gfm is
    // slow on long link text by itself, e.g. one link around 60 KB of words takes 9 s.)
    ['nested links', '['.repeat(3_000) + 'x' + '](u)'.repeat(3_000), 101],
    ['nested images', '!['.repeat(3_000) + 'x' + '](u)'.repeat(3_000), 202],
    ['strikethrough', '~a '.repeat(3_000) + 'x' + ' b~'.repeat(3_000), 301],
  ])('neutralises %s beyond the limit', (_name, body, column) => {
    const text = '# T\n\n' + body + '\n\nEnd.\n';
    const started = performance.now();
    const result = guardNesting(text, 'i.md');
    expectSameShape(text, result.text);
    expect(result.messages).toHaveLength(1);
    const position = column === 0 ? '103:1' : `3:${column}`;
    expect(fmt(result.messages[0]!)).toMatch(
      new RegExp(`^i\\.md:${position}: ${INLINE} \\d+ deep, more than the limit of 100;`),
    );
    const tree = parse(result.text);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(treeDepth(tree)).toBeLessThanOrEqual(100 + 4);
    expect(tree.children.at(-1)?.position?.start.line).toBe(text.split('\n').length - 1);
  });

  it('leaves unmatched openers and code spans alone (they are cheap)', () => {
    for (const text of [
      '['.repeat(5_000) + 'x\n',
      '*'.repeat(5_000) + 'x\n',
      '`' + '*a '.repeat(500) + 'x' + ' b*'.repeat(500) + '`\n',
      '\\*'.repeat(500) + 'x' + '*'.repeat(500) + '\n',
    ]) {
      expect(guardNesting(text, 'u.md')).toEqual({ text, messages: [] });
    }
  });

  it('also neutralises the closers that would pair with cut openers', () => {
    const result = guardNesting('[[[x](u)](u)](u)\n', 'c.md', 2);
    expect(result.text).toBe('[[\uFF3Bx\uFF3D(u)](u)](u)\n');
  });
});

describe('guardNesting: properties', () => {
  const token = fc.constantFrom(
    '>',
    '> ',
    '- ',
    '* ',
    '1. ',
    '  ',
    '    ',
    '*',
    '**',
    '_',
    '~',
    '[',
    '](u)',
    ']',
    '![',
    '`',
    'a',
    'b ',
    ' ',
    '\n',
    '\n\n',
    '```\n',
    '\\',
    '\t',
    '+ ',
    '~~~\n',
  );
  const doc = fc.array(token, { maxLength: 120 }).map((t) => t.join(''));

  it('keeps length and line breaks, substitutes only look-alikes, and is idempotent', () => {
    fc.assert(
      fc.property(doc, fc.integer({ min: 1, max: 6 }), (text, limit) => {
        const once = guardNesting(text, 'p.md', limit);
        expectSameShape(text, once.text);
        expect(guardNesting(once.text, 'p.md', limit)).toEqual({ text: once.text, messages: [] }); // guarding twice is harmless
        for (const m of once.messages) expect(m.line).toBeLessThanOrEqual(text.split('\n').length);
      }),
      { numRuns: runs(3000) },
    );
  });

  it('bounds the depth of the parsed tree', () => {
    fc.assert(
      fc.property(doc, fc.integer({ min: 1, max: 4 }), (text, limit) => {
        const tree = parse(guardNesting(text, 'p.md', limit).text);
        // root → containers (a list level is list + listItem) → block → inline nesting → leaf
        expect(treeDepth(tree)).toBeLessThanOrEqual(1 + 2 * limit + 1 + limit + 2);
      }),
      { numRuns: runs(3000) },
    );
  });
});

describe('guardNesting: a fence opened on a list marker’s line', () => {
  it('ends with its list item, so the nested markers after it are still bounded', () => {
    // Found by the property above (CI's run count): the fence of "* ~~~" hid the next line's
    // three list levels from the guard, though the dedented line ends the item and its fence.
    const text = '* ~~~\n1. * - ~';
    const tree = parse(guardNesting(text, 'p.md', 1).text);
    expect(treeDepth(tree)).toBeLessThanOrEqual(1 + 2 * 1 + 1 + 1 + 2);
  });
});
