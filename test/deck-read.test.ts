// The pure rules of reading a slide back for the PowerPoint export (src/render/documents/
// deck-read-rules.ts), and the script that carries every slide reader into the deck page: the
// page gets source text, not modules, so the copies must work with nothing imported.
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { Run } from '../src/generate/pptx/types.ts';
import { DECK_READERS } from '../src/render/documents/deck-extract-page.ts';
import * as rules from '../src/render/documents/deck-read-rules.ts';

const run = (text: string, extra: Partial<Run> = {}): Run => ({
  text,
  color: '000000',
  size: 20,
  bold: false,
  italic: false,
  mono: false,
  ...extra,
});

describe('slide reading rules', () => {
  it('reads computed colours as RRGGBB and drops transparent ones', () => {
    expect(rules.hexColour('rgb(29, 29, 43)')).toBe('1D1D2B');
    expect(rules.hexColour('rgba(255, 128, 0, 0.5)')).toBe('FF8000');
    expect(rules.hexColour('rgb(10.6 20.2 30 / 1)')).toBe('0B141E');
    expect(rules.hexColour('rgba(0, 0, 0, 0)')).toBeNull();
    expect(rules.hexColour('transparent')).toBeNull();
  });

  it('reads lengths, alignments and ordered-list styles', () => {
    expect(rules.cssPx('12.5px')).toBe(12.5);
    expect(rules.cssPx('normal')).toBe(0);
    expect(['center', 'right', 'end', 'start', 'justify'].map(rules.alignOf)).toEqual([
      'center',
      'right',
      'right',
      'left',
      'left',
    ]);
    expect(
      ['decimal', 'lower-latin', 'upper-alpha', 'lower-roman', 'upper-roman', 'disc'].map(rules.numberScheme),
    ).toEqual(['arabicPeriod', 'alphaLcPeriod', 'alphaUcPeriod', 'romanLcPeriod', 'romanUcPeriod', 'arabicPeriod']);
  });

  it('collapses the spaces between runs and trims the paragraph, as CSS draws it', () => {
    const runs = [run(' first '), run(' second', { bold: true }), run(' third ')];
    rules.collapseSpaces(runs);
    expect(runs.map((r) => r.text)).toEqual(['first ', 'second', ' third']);
  });

  it('cuts a code block into lines, keeping empty lines and each run of a line', () => {
    const lines = rules.splitLines([run('let a = 1;\n\nlet ', { mono: true }), run('b', { mono: true, bold: true })]);
    expect(lines.map((l) => l.map((r) => r.text))).toEqual([['let a = 1;'], [], ['let ', 'b']]);
    expect(lines[2]![1]!.bold).toBe(true);
  });

  it('finds the drawn box of a figure shown with preserveAspectRatio meet', () => {
    // A 200×100 drawing in a 400×400 box: scaled 2×, centred vertically.
    expect(rules.meetBox({ left: 10, top: 20, width: 400, height: 400 }, 200, 100)).toEqual({
      x: 10,
      y: 120,
      w: 400,
      h: 200,
    });
    // A tall drawing in a wide box: centred horizontally.
    expect(rules.meetBox({ left: 0, top: 0, width: 300, height: 100 }, 50, 100)).toEqual({
      x: 125,
      y: 0,
      w: 50,
      h: 100,
    });
  });
});

describe('the slide readers carried into the page', () => {
  it('install every reader in cmDeck, and the copies run with nothing imported', () => {
    const page: { cmDeck?: Record<string, Record<string, unknown>> } = {};
    runInNewContext(DECK_READERS, { globalThis: page });
    const kit = page.cmDeck!;
    expect(Object.keys(kit)).toEqual(['rules', 'text', 'blocks']);
    expect(Object.keys(kit['rules']!).sort()).toEqual(
      Object.keys(rules)
        .filter((k) => typeof (rules as Record<string, unknown>)[k] === 'function')
        .sort(),
    );
    expect(Object.keys(kit['text']!)).toEqual(
      expect.arrayContaining(['runsOf', 'paragraphsOf', 'paragraphOf', 'linkOf', 'firstNumber', 'notesOf']),
    );
    expect(Object.keys(kit['blocks']!)).toEqual(
      expect.arrayContaining(['textBlock', 'preBlock', 'tableBlock', 'figureBlock', 'paddingOf']),
    );
    const copy = kit['rules'] as unknown as typeof rules;
    expect(copy.hexColour('rgb(29, 29, 43)')).toBe('1D1D2B');
    expect(copy.splitLines([run('a\nb')]).map((l) => l.map((r) => r.text))).toEqual([['a'], ['b']]);
  });
});
