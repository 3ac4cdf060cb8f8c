import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accLine, escapeLabel, mermaidLabel, shorten } from '../src/generate/mermaid/mermaid-label.ts';
import { validateMermaid } from '../src/generate/mermaid/mermaid-validate.ts';
import { runs } from './support/property.ts';

/** Every place a generated label goes: flowchart shapes, a flowchart edge, mindmap shapes. */
function diagrams(label: string): string[] {
  return [
    `flowchart TD\n  A[${label}] --> B(${label})\n  B -->|${label}| C{${label}}\n  C --> D((${label}))`,
    `mindmap\n  root((${label}))\n    child[${label}]\n    other(${label})`,
  ];
}

async function expectParses(text: string): Promise<void> {
  for (const source of diagrams(mermaidLabel(text))) {
    expect(await validateMermaid(source), source).toEqual({ ok: true });
  }
}

describe('mermaidLabel', () => {
  it.each([
    ['parentheses, brackets, braces', 'f(x) = [a] + {b}'],
    ['straight and curly quotes', `He said "hi" and 'bye', “curly” ‘single’`],
    ['punctuation the grammar uses', 'a # b ; c : d | e %% f'],
    ['a directive opener', '100%%{init: {}}%% x'],
    ['html', '<script>alert("x")</script> & <b>bold</b>'],
    ['backticks', '`code` and ``more``'],
    ['newlines', 'first line\nsecond line\r\nthird'],
    ['emoji', '🚀 Launch 👩‍💻 team'],
    ['non-Latin scripts', 'Пример 例子 مثال उदाहरण'],
    ['an entity-looking text', 'see #quot; and #35; and &amp;'],
    ['arrows and keywords', 'A --> B end subgraph graph'],
    ['empty', ''],
    ['only whitespace', '  \n\t '],
  ])('parses with %s', async (_name, text) => {
    await expectParses(text);
  });

  it('HTML-escapes so a script tag is inert text', () => {
    const label = mermaidLabel('<script>alert(1)</script>');
    expect(label).toBe('"‹script›alert(1)‹/script›"');
    expect(label).not.toMatch(/[<>]/);
    expect(mermaidLabel('Tom & Jerry')).toBe('"Tom #amp; Jerry"');
  });

  it('writes straight quotes as typographic ones and breaks entity-looking #', () => {
    expect(mermaidLabel('say "hi"')).toBe('"say “hi”"');
    // Only a `#` that would start an entity code gets a zero-width space after it.
    expect(mermaidLabel('C# #1;')).toBe('"C# #\u200B1;"');
  });

  it('writes backticks as a look-alike so no markdown string opens', () => {
    expect(mermaidLabel('`x`')).toBe('"ˋxˋ"');
  });

  it('keeps emoji, non-Latin text and curly quotes as they are', () => {
    expect(mermaidLabel('🚀 Запуск “go”')).toBe('"🚀 Запуск “go”"');
  });

  it('trims, collapses whitespace and breaks lines', () => {
    expect(mermaidLabel('  a   b \n\n c  ')).toBe('"a b<br/>c"');
    expect(mermaidLabel('a\nb', { newline: 'space' })).toBe('"a b"');
  });

  it('gives empty text a blank but parseable label', () => {
    expect(escapeLabel('   ')).toBe('\u00A0');
  });

  it('parses whatever the text (property)', { timeout: 120_000 }, async () => {
    const unit = fc.oneof(
      fc.constantFrom(...'()[]{}<>"\'`#;:|&%=/\\-.!?*@~^ \n\t'.split('')),
      fc.constantFrom('é', '中', '🚀', '👩‍💻', '“', '”', 'end', '-->', '#quot;', '%%'),
      fc.string({ maxLength: 3 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ unit, maxLength: 20 }), async (text) => {
        await expectParses(text);
      }),
      { numRuns: runs(150) },
    );
  });
});

describe('shorten', () => {
  it('counts CJK characters as two columns and does not end on full-width punctuation', () => {
    expect(shorten('网络是什么', 10)).toBe('网络是什么'); // 10 columns: fits
    expect(shorten('安全不是某一层单独能解决的问题，每一层都有自己的漏洞', 20)).toBe('安全不是某一层单独…'); // 19 columns of room: 9 characters
    expect(shorten('安全不是某一层单独，能解决的问题', 21)).toBe('安全不是某一层单独…');
    expect(shorten('MAC 地址只在同一段链路内有意义', 12)).toBe('MAC 地址只…');
  });

  it('leaves short text alone', () => {
    expect(shorten('Short title')).toBe('Short title');
    expect(shorten('x'.repeat(40))).toBe('x'.repeat(40));
  });

  it('cuts on a word boundary and adds an ellipsis', () => {
    const out = shorten('Reliability, scalability and maintainability of data systems');
    expect(out).toBe('Reliability, scalability and…');
    expect(shorten('one two three four', 12)).toBe('one two…');
  });

  it('drops trailing punctuation before the ellipsis', () => {
    expect(shorten('Alpha, beta, gamma delta', 14)).toBe('Alpha, beta…');
  });

  it('hard-cuts a single long word', () => {
    expect(shorten('Supercalifragilisticexpialidocious', 10)).toBe('Supercali…');
  });

  it('never splits an emoji or combined character', () => {
    expect(shorten('👩‍💻👩‍💻👩‍💻👩‍💻', 3)).toBe('👩‍💻👩‍💻…');
    expect(shorten('é'.normalize('NFD').repeat(5), 3)).toBe('é'.normalize('NFD').repeat(2) + '…');
  });

  it('stays within max graphemes (property)', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.integer({ min: 1, max: 50 }), (text, max) => {
        const out = shorten(text, max);
        expect([...segmenter.segment(out)].length).toBeLessThanOrEqual(max);
      }),
    );
  });
});

describe('accLine', () => {
  it('folds to one escaped line', () => {
    expect(accLine('accTitle', 'Data <systems>\n  "overview"')).toBe('accTitle: Data ‹systems› “overview”');
    expect(accLine('accDescr', 'A map\nof (things)')).toBe('accDescr: A map of (things)');
  });

  it('returns nothing for empty text', () => {
    expect(accLine('accTitle', ' \n ')).toBe('');
  });

  it('parses inside a flowchart', async () => {
    const title = accLine('accTitle', 'Title: with (parens) [and] {braces} | pipes ; # "quotes"');
    const descr = accLine('accDescr', 'Line one\nline two <b>x</b> `code` 🚀');
    expect(await validateMermaid(`flowchart TD\n  ${title}\n  ${descr}\n  A --> B`)).toEqual({ ok: true });
  });
});
