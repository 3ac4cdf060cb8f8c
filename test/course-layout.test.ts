// The course map's layout (src/generate/maps/course-layout.ts) and its bold-title labels, as
// strings: each part's chapters in rows of at most `perRow`, in order; the row length chosen for
// the aspect; bold measured with DejaVu Sans Bold.
import { describe, expect, it } from 'vitest';
import { boxLines, boxSize, chooseLayout, rowsOf } from '../src/generate/maps/course-layout.ts';
import { markdownLabel } from '../src/generate/mermaid/mermaid-label.ts';
import { textWidth, wrapLines } from '../src/generate/maps/wrap.ts';

describe('rows: each part reads left to right, wrapping like text', () => {
  it('rowsOf cuts a part into rows of at most `perRow`, in order, only the last one shorter', () => {
    expect(rowsOf([1, 2, 3, 4, 5], 3)).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    expect(rowsOf([1, 2, 3, 4, 5], 5)).toEqual([[1, 2, 3, 4, 5]]);
    expect(rowsOf([1, 2, 3], 1)).toEqual([[1], [2], [3]]);
    expect(rowsOf([], 2)).toEqual([]);
  });

  it('chooseLayout keeps a part on one row when the map stays flat enough, and wraps a long part', () => {
    const box = (n: number) => ({ title: `${n}. Topic`, idea: 'One short idea.' });
    // Two parts of three small boxes: one row each is already wider than tall.
    expect(
      chooseLayout([
        [box(1), box(2), box(3)],
        [box(4), box(5), box(6)],
      ]).perRow,
    ).toBe(3);
    // One part of fifteen boxes: a single row would be a strip; it wraps.
    const long = chooseLayout([Array.from({ length: 15 }, (_, i) => box(i + 1))]);
    expect(long.perRow).toBeLessThan(15);
    expect(long.aspect).toBeGreaterThan(4 / 3);
    expect(long.aspect).toBeLessThan(21 / 9);
  });
});

describe('box text: a bold title measured in bold, then the idea', () => {
  it('bold text is measured wider, and wraps sooner, than regular text', () => {
    const title = '8. The Trouble with Distributed Systems';
    expect(textWidth(title, 16, 'bold')).toBeGreaterThan(textWidth(title) * 1.08);
    expect(wrapLines(title, 260, 'bold').length).toBeGreaterThanOrEqual(wrapLines(title, 260).length);
    for (const line of wrapLines(title, 180, 'bold')) expect(textWidth(line, 16, 'bold')).toBeLessThanOrEqual(180);
  });

  it('boxLines: title lines bold, idea lines regular; boxSize counts them all', () => {
    const box = { title: '9. Consistency and Consensus', idea: 'Consensus turns chaos into order, at a cost.' };
    const lines = boxLines(box, 180);
    const title = lines.filter((l) => l.bold).map((l) => l.text);
    expect(title.join(' ')).toBe(box.title);
    expect(title.length).toBe(2);
    expect(lines.slice(0, title.length).every((l) => l.bold)).toBe(true);
    expect(
      lines
        .slice(title.length)
        .map((l) => l.text)
        .join(' '),
    ).toBe(box.idea);
    expect(lines.slice(title.length).every((l) => !l.bold)).toBe(true);
    expect(boxSize(box, 180).height).toBeCloseTo(lines.length * 17.6 + 25, 5);
  });

  it('chooseLayout takes title and idea apart', () => {
    const boxes = Array.from({ length: 12 }, (_, i) => ({
      title: `${i + 1}. Chapter title number ${i + 1}`,
      idea: 'An idea that takes a couple of lines in its box.',
    }));
    const layout = chooseLayout([boxes.slice(0, 4), boxes.slice(4, 9), boxes.slice(9)]);
    expect(layout.aspect).toBeGreaterThan(4 / 3);
    expect(layout.aspect).toBeLessThan(21 / 9);
  });
});

describe('markdownLabel: bold lines, and nothing mermaid would read as markdown', () => {
  it('wraps bold lines in ** and keeps the rest as look-alikes', () => {
    expect(markdownLabel([{ text: '5. Replication', bold: true }, { text: 'Copies of the data' }])).toBe(
      '"`**5. Replication**\nCopies of the data`"',
    );
    expect(markdownLabel([{ text: 'a *b* _c_ ~~d~~ `e` [f](g) \\h', bold: true }])).toBe(
      '"`**a ∗b∗ ˍcˍ ∼∼d∼∼ ˋeˋ [f]\u200B(g) \\\u200Bh**`"',
    );
    expect(markdownLabel([{ text: 'see www.example.org, https://x.org or me@example.org' }])).toBe(
      '"`see www\u200B.example.org, https:\u200B//x.org or me@\u200Bexample.org`"',
    );
    expect(markdownLabel([{ text: 'Say "hi" <b> & #35;' }])).toBe('"`Say “hi” ‹b› #amp; #\u200B35;`"');
  });

  it('a plain line that would start a block starts with a zero-width space', () => {
    for (const start of ['- item', '+ item', '1. item', '2) item', '# head', '===', '| a |', ':--']) {
      expect(markdownLabel([{ text: start }])).toBe(`"\`\u200B${start}\`"`);
    }
    // `>` is already the look-alike ›, which starts no quote.
    expect(markdownLabel([{ text: '> quote' }])).toBe('"`› quote`"');
    expect(markdownLabel([{ text: '1. Title', bold: true }])).toBe('"`**1. Title**`"');
  });

  it('empty lines are dropped; no lines is a blank label', () => {
    expect(markdownLabel([{ text: '  ' }, { text: 'x' }])).toBe('"`x`"');
    expect(markdownLabel([])).toBe('"\u00A0"');
  });
});
