// The course map's grid (src/generate/maps/course-layout.ts) and its bold-title labels, as strings:
// row-by-row filling, arrows only between a part's neighbours, placeholders only at the end of a
// part's last row, invisible row ends for a one-part map, bold measured with DejaVu Sans Bold.
import { describe, expect, it } from 'vitest';
import { boxLines, boxSize, chooseLayout, columnsOf, gridChains } from '../src/generate/maps/course-layout.ts';
import { markdownLabel } from '../src/generate/mermaid/mermaid-label.ts';
import { textWidth, wrapLines } from '../src/generate/maps/wrap.ts';

const part = (...ids: number[]) => ({ chapters: ids.map((n) => ({ id: `c${n}` })) });
const chainText = (chains: ReturnType<typeof gridChains>['chains']) =>
  chains.map((c) => c.map((x) => `${x.link ? `${x.link} ` : ''}${x.id}`).join(' '));

describe('grid: chapters fill each part row by row', () => {
  it('columnsOf fills rows left to right, with as few columns as `rows` allows', () => {
    expect(columnsOf([1, 2, 3, 4, 5], 3)).toEqual([
      [1, 3, 5],
      [2, 4],
    ]);
    expect(columnsOf([1, 2, 3, 4, 5], 5)).toEqual([[1, 2, 3, 4, 5]]);
    expect(columnsOf([1, 2, 3, 4, 5], 1)).toEqual([[1], [2], [3], [4], [5]]);
    expect(columnsOf([], 2)).toEqual([]);
  });

  it("rows run through every part: arrows between a part's neighbours, invisible links elsewhere, gaps at the end", () => {
    const grid = gridChains([part(1, 2, 3, 4), part(5, 6, 7, 8, 9), part(10, 11, 12)], 4);
    expect(chainText(grid.chains)).toEqual([
      'c1 ~~~ c5 --> c6 ~~~ c10',
      'c2 ~~~ c7 --> c8 ~~~ c11',
      'c3 ~~~ c9 ~~~ gap3x3 ~~~ c12',
      'c4 ~~~ gap4x2 ~~~ gap4x3 ~~~ gap4x4',
    ]);
    expect(grid.gaps).toEqual([[], ['gap3x3', 'gap4x2', 'gap4x3'], ['gap4x4']]);
    expect(grid.anchors).toEqual([]);
  });

  it('a one-part map ends every row in an invisible anchor outside the part (keeps the rows in order)', () => {
    const grid = gridChains([part(1, 2, 3, 4, 5, 6, 7)], 3);
    expect(chainText(grid.chains)).toEqual([
      'c1 --> c2 --> c3 ~~~ end1',
      'c4 --> c5 --> c6 ~~~ end2',
      'c7 ~~~ gap3x2 ~~~ gap3x3 ~~~ end3',
    ]);
    expect(grid.anchors).toEqual(['end1', 'end2', 'end3']);
  });

  it('only rows some part uses are kept', () => {
    // 4 chapters with rows = 3: two columns of two rows.
    expect(chainText(gridChains([part(1, 2, 3, 4), part(5)], 3).chains)).toEqual([
      'c1 --> c2 ~~~ c5',
      'c3 --> c4 ~~~ gap2x3',
    ]);
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
