import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixMermaid } from '../src/generate/mermaid/mermaid-fix.ts';
import { validateMermaid } from '../src/generate/mermaid/mermaid-validate.ts';
import { runs } from './support/property.ts';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/mermaid/${name}`, import.meta.url), 'utf8');

/** The authored flowchart in the DDIA transcript: the ```mermaid fence opening at line 3018. */
function ddiaDiagram(): string {
  const lines = readFileSync(new URL('../../shared/courses/ddia-course.md', import.meta.url), 'utf8').split('\n');
  const fence = 3017;
  expect(lines[fence]).toMatch(/^```mermaid/);
  const close = lines.findIndex((line, i) => i > fence && line.startsWith('```'));
  return lines.slice(fence + 1, close).join('\n');
}

const fixed = (source: string): string => fixMermaid(source).source;

describe('fixMermaid on the DDIA transcript', () => {
  it('repairs exactly diagram lines 23 and 43, and the result parses', async () => {
    const source = ddiaDiagram();
    expect(await validateMermaid(source)).toMatchObject({ ok: false, line: 23 });
    const result = fixMermaid(source);
    expect(result.changes.map((c) => [c.line, c.before, c.after, c.rule])).toEqual([
      [23, 'Derived Data = Function(Log)', '"Derived Data = Function(Log)"', 'quote-node-label'],
      [43, 'Logs (Immutable Events)', '"Logs (Immutable Events)"', 'quote-node-label'],
    ]);
    expect(result.source.split('\n')[22]).toBe('C -->|Core Idea| C4["Derived Data = Function(Log)"]');
    expect(result.source.split('\n')[42]).toBe('F --> F2["Logs (Immutable Events)"]');
    const untouched = (text: string) => text.split('\n').filter((_l, i) => i !== 22 && i !== 42);
    expect(untouched(result.source)).toEqual(untouched(source));
    expect(await validateMermaid(result.source)).toEqual({ ok: true });
  });
});

describe('fixMermaid fixtures', () => {
  it('repairs every kind of broken label', async () => {
    const source = fixture('broken.mmd');
    const result = fixMermaid(source);
    expect(result.source).toBe(fixture('broken.fixed.mmd'));
    expect(await validateMermaid(result.source)).toEqual({ ok: true });
    expect(new Set(result.changes.map((c) => c.rule))).toEqual(
      new Set(['quote-node-label', 'quote-edge-label', 'escape-label-quotes', 'quote-subgraph-title']),
    );
  });

  it('reports 1-based positions of what it replaced', () => {
    const [first] = fixMermaid(fixture('broken.mmd')).changes;
    expect(first).toEqual({
      line: 3,
      column: 25,
      before: 'Light Reactions (Thylakoid)',
      after: '"Light Reactions (Thylakoid)"',
      rule: 'quote-node-label',
    });
    for (const change of fixMermaid(fixture('broken.mmd')).changes) {
      const line = fixture('broken.mmd').split('\n')[change.line - 1] ?? '';
      expect(line.slice(change.column - 1)).toContain(change.before);
      expect(line.slice(change.column - 1).startsWith(change.before)).toBe(true);
    }
  });

  it('leaves valid source untouched byte for byte', async () => {
    const source = fixture('valid.mmd');
    expect(await validateMermaid(source)).toEqual({ ok: true });
    expect(fixMermaid(source)).toEqual({ source, changes: [] });
  });

  it('keeps CRLF line endings', () => {
    expect(fixed(fixture('crlf.mmd'))).toBe('flowchart TD\r\nA["one (1)"] --> B[two]\r\nB --> C\r\n');
  });

  it('ignores other diagram types', () => {
    const mindmap = 'mindmap\n  root((A (b)))';
    expect(fixMermaid(mindmap)).toEqual({ source: mindmap, changes: [] });
  });
});

describe('fixMermaid rules', () => {
  it.each([
    ['A[x (y)]', 'A["x (y)"]'],
    ['A(f(x))', 'A("f(x)")'],
    ['A{is [it]?}', 'A{"is [it]?"}'],
    ['A([a (b)])', 'A(["a (b)"])'],
    ['A[[a (b)]]', 'A[["a (b)"]]'],
    ['A[(a (b))]', 'A[("a (b)")]'],
    ['A((a (b)))', 'A(("a (b)"))'],
    ['A(((a (b))))', 'A((("a (b)")))'],
    ['A>a (b)]', 'A>"a (b)"]'],
    ['A{{a (b)}}', 'A{{"a (b)"}}'],
    ['A[\\a (b)\\]', 'A[\\"a (b)"\\]'],
    ['A((x) and y)', 'A("(x) and y")'],
    ['A[say "hi"]', 'A["say #quot;hi#quot;"]'],
    ['A["say "hi""]', 'A["say #quot;hi#quot;"]'],
    ['A[`x` (y)]', 'A["#96;x` (y)"]'],
    ['A(-x)', 'A("-x")'],
    ['A[/usr/bin]', 'A["/usr/bin"]'],
    ['A --> B[b (1)] --> C[c (2)]', 'A --> B["b (1)"] --> C["c (2)"]'],
    ['A[a (1)] & B[b (2)] --> C', 'A["a (1)"] & B["b (2)"] --> C'],
    ['A[a (1)]:::hot --> B', 'A["a (1)"]:::hot --> B'],
    ['A[a (1)];B[b (2)]', 'A["a (1)"];B["b (2)"]'],
    ['A -->|f(x)| B', 'A -->|"f(x)"| B'],
    ['A --> |say "x"| B', 'A --> |"say #quot;x#quot;"| B'],
    ['A -- say "x" --> B', 'A -- "say #quot;x#quot;" --> B'],
    ['A == say "x" ==> B', 'A == "say #quot;x#quot;" ==> B'],
    ['A -. say "x" .-> B', 'A -. "say #quot;x#quot;" .-> B'],
    ['subgraph Topics (core)\nA\nend', 'subgraph "Topics (core)"\nA\nend'],
    ['subgraph Key: a = b\nA\nend', 'subgraph "Key: a = b"\nA\nend'],
    ['subgraph s1 [Topics (core)]\nA\nend', 'subgraph s1 ["Topics (core)"]\nA\nend'],
  ])('%s', async (body, expected) => {
    const out = fixed(`flowchart TD\n${body}`);
    expect(out).toBe(`flowchart TD\n${expected}`);
    expect(await validateMermaid(out)).toEqual({ ok: true });
  });

  it.each([
    'A[Data = Facts: a/b & c #1; d]',
    'A -->|Rule: a = b; c & d| B',
    'A -- text (with parens) [and] {braces} --> B',
    'A["already (quoted)"] --> B("`**md** (x)`")',
    'A[/Trapezoid/] --> B[\\Other\\] --> C(-Ellipse-)',
    'subgraph Plain title: a/b & c\nA\nend',
    '%% A[commented (out)]',
    'style A fill:#f9f;stroke:#333',
    'click A "https://example.com/(x)" "Tip (x)"',
  ])('leaves valid %s alone', async (body) => {
    const source = `flowchart TD\n${body}`;
    expect(await validateMermaid(source)).toEqual({ ok: true });
    expect(fixMermaid(source).changes).toEqual([]);
  });

  it('repairs statements after a header ending in ;', () => {
    expect(fixed('graph LR; A[x (y)] --> B')).toBe('graph LR; A["x (y)"] --> B');
  });

  it('skips front matter, directives and accessibility lines', () => {
    const source =
      '---\ntitle: A (b)\n---\n%%{init: {}}%%\nflowchart TD\naccTitle: t (x)\naccDescr {\n  d [x]\n}\nA[a (b)]';
    expect(fixMermaid(source).changes.map((c) => c.line)).toEqual([10]);
  });
});

// Labels that cannot end a node early: no separators, edges or class markers.
const labelUnit = fc.oneof(
  fc.constantFrom(...'()[]{}"\'`#/\\<>!?. '.split('')),
  fc.constantFrom('é', '中', '🚀', 'ab', 'Xy', '12'),
);
const shapes: Array<[string, string]> = [
  ['[', ']'],
  ['(', ')'],
  ['{', '}'],
  ['([', '])'],
  ['[[', ']]'],
  ['[(', ')]'],
  ['((', '))'],
  ['{{', '}}'],
  ['>', ']'],
  ['(((', ')))'],
];
const nodeLine = fc
  .tuple(fc.constantFrom(...shapes), fc.string({ unit: labelUnit, minLength: 1, maxLength: 12 }))
  .filter(([, label]) => label.trim() !== '' && !/^\s*""\s*$/.test(label))
  .map(([[open, close], label]) => `N${open}${label}${close} --> M`);
// Separators and arrows inside labels, but no closer to end the node early, no `<` (see below)
// and no `%%{`, which mermaid reads as a directive wherever it stands.
const openLabelUnit = fc.oneof(
  labelUnit.filter((u) => !/[)\]}<]/.test(u)),
  fc.constantFrom('=', ':', ';', '&', '-', '-->', '%', '|', '#1;'),
);
const openNodeLine = fc
  .tuple(
    fc.constantFrom<[string, string]>(['[', ']'], ['{', '}'], ['[[', ']]'], ['{{', '}}'], ['>', ']']),
    fc.string({ unit: openLabelUnit, minLength: 1, maxLength: 12 }),
  )
  .filter(([, label]) => /[^\s"]/.test(label))
  .map(([[open, close], label]) => `N${open}${label}${close} --> M`);
const pipeLine = fc
  .string({ unit: labelUnit, minLength: 1, maxLength: 12 })
  .filter((label) => label.trim() !== '' && label.trim() !== '""')
  .map((label) => `A -->|${label}| B`);
const edgeTextLine = fc
  .string({ unit: labelUnit, minLength: 1, maxLength: 12 })
  .filter((label) => /[^\s"]/.test(label))
  .map((label) => `A -- x${label}x --> B`);
// No `=`: mermaid's own preprocessing rewrites `="` after a raw `<word` (it takes it for an HTML attribute).
const subgraphLine = fc
  .string({
    unit: fc.oneof(labelUnit, fc.constantFrom(':', ',', ';', '&', '-', '|', '@', '~')),
    minLength: 1,
    maxLength: 12,
  })
  .filter((title) => /^[A-Za-z]/.test(title))
  .map((title) => `subgraph ${title}\n  Q\nend`);

describe('fixMermaid properties', () => {
  it('is idempotent on arbitrary text', () => {
    const unit = fc.oneof(
      fc.constantFrom(...'()[]{}<>|"\'`#;:&=/\\-.!?*@~%x o\n'.split('')),
      fc.constantFrom('-->', '==>', '-.->', '%%', 'subgraph ', 'end', 'A', 'B1'),
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 60 }), (body) => {
        const once = fixed(`flowchart TD\n${body}`);
        expect(fixed(once)).toBe(once);
      }),
      { numRuns: runs(3000) },
    );
  });

  it('makes generated broken diagrams parse, idempotently', { timeout: 120_000 }, async () => {
    const line = fc.oneof(nodeLine, openNodeLine, pipeLine, edgeTextLine, subgraphLine);
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 4 }), async (lines) => {
        const once = fixed(`flowchart TD\n${lines.join('\n')}`);
        expect(fixed(once)).toBe(once);
        expect(await validateMermaid(once), once).toEqual({ ok: true });
      }),
      { numRuns: runs(300) },
    );
  });
});
