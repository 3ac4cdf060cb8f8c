// Concept selection (src/generate/maps/concepts.ts) on small hand-built Course objects: the documented
// rule (branches, leaves, caps, label length, exclusions, dedupe, order), the core idea of a
// chapter, the course map's grouping, and label escaping in the generated .mmd.
import { describe, expect, it } from 'vitest';
import {
  chapterMap,
  coreIdea,
  courseMap,
  MAX_BRANCHES,
  MAX_COURSE_TITLE,
  MAX_LEAVES,
  MAX_NODE_LABEL,
  type ChapterMap,
} from '../src/generate/maps/concepts.ts';
import { generateMaps } from '../src/generate/maps/maps.ts';
import { validateMermaid } from '../src/generate/mermaid/mermaid-validate.ts';
import { templateSet } from '../src/generate/templates.ts';
import type { Block, Chapter, Course, Definition, KeyIdea, Section, Takeaways, Term } from '../src/model/types.ts';

// ---------------------------------------------------------------- builders

const at = { line: 1, column: 1, offset: 0 };
const position = { start: at, end: at };

function para(text: string): Block {
  return { type: 'paragraph', children: [{ type: 'text', value: text }], position };
}

function slugify(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'x'
  );
}

function section(
  title: string,
  options: { id?: string | null; sections?: Section[]; blocks?: number; level?: number } = {},
): Section {
  return {
    id: options.id ?? null,
    title,
    icon: null,
    level: options.level ?? 1,
    depth: 3,
    slug: `${options.id ?? ''}-${slugify(title)}`,
    position,
    blocks: Array.from({ length: options.blocks ?? 1 }, (_, i) => para(`${title} paragraph ${i}`)),
    sections: options.sections ?? [],
  };
}

function takeaways(rows: string[][]): Takeaways {
  return {
    sectionId: null,
    title: 'Key Takeaways',
    header: ['Idea', 'Why'],
    rows,
    table: {
      type: 'table',
      align: [null, null],
      header: [[{ type: 'text', value: 'Idea' }], [{ type: 'text', value: 'Why' }]],
      rows: [],
      position,
    },
    position,
  };
}

function chapter(number: number, title: string, sections: Section[], extra: Partial<Chapter> = {}): Chapter {
  return {
    number,
    title,
    altTitles: [],
    slug: `${number}-${slugify(title)}`,
    summary: null,
    summaryBlocks: [],
    intro: [],
    sections,
    analogies: [],
    definitions: [],
    keyIdeas: [],
    terms: [],
    takeaways: null,
    finalInsight: null,
    diagrams: [],
    file: 'course.md',
    position,
    ...extra,
  };
}

function course(
  chapters: Chapter[],
  parts: Array<{ number: number; title: string; chapters: number[] }> = [],
  title = 'A Course',
): Course {
  return {
    title,
    author: null,
    language: 'en',
    meta: {},
    form: 'tidy',
    files: ['course.md'],
    parts: parts.map((p) => ({ ...p, position })),
    chapters,
    diagrams: [],
    extras: [],
    preface: [],
    coverage: {
      lines: 0,
      chapters: 0,
      preface: 0,
      extras: 0,
      outline: 0,
      summary: 0,
      structure: 0,
      filler: 0,
      frontMatter: 0,
      blank: 0,
      lost: 0,
      fillerRules: {},
      percent: 100,
    },
    messages: [],
  };
}

const def = (term: string, sectionId: string): Definition => ({
  term,
  text: `${term} means something.`,
  sectionId,
  position,
});
const term = (t: string, sectionId: string): Term => ({ term: t, text: `${t} is bold.`, sectionId, position });
const idea = (text: string, label: string, sectionId: string | null = null): KeyIdea => ({
  text,
  label,
  sectionId,
  position,
});

const branches = (m: ChapterMap): string[] => m.root.children.map((b) => b.label);
const leaves = (m: ChapterMap, label: string): string[] =>
  m.root.children.find((b) => b.label === label)?.children.map((l) => l.label) ?? [];
const graphemes = (s: string): number =>
  [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s)].length;
const allLabels = (m: ChapterMap): string[] => [
  m.root.label,
  ...m.root.children.flatMap((b) => [b.label, ...b.children.map((l) => l.label)]),
];

// ---------------------------------------------------------------- chapterMap

describe('chapterMap: branches', () => {
  it('are the top-level sections in document order, without takeaway and final-insight sections', () => {
    const ch = chapter(1, 'Storage', [
      section('Logs', { id: '1.1' }),
      section('Indexes', { id: '1.2' }),
      section('Key Takeaways', { id: '1.3' }),
      section('Final Insight', { id: '1.4' }),
      section('Column Stores', { id: '1.5' }),
      section('Core takeaways of the chapter', { id: '1.6' }),
      section('Closing thoughts', { id: '1.7' }),
    ]);
    const m = chapterMap(ch);
    expect(branches(m)).toEqual(['Logs', 'Indexes', 'Column Stores']);
    expect(m.root.label).toBe('Storage');
    expect(m.title).toBe('Chapter 1: Storage');
    expect(m.description).toBe('Concept map of chapter 1, Storage: Logs, Indexes, Column Stores.');
  });

  it('adds a "Key takeaways" branch, last, when the chapter has a takeaway table; its first column gives the leaves', () => {
    const ch = chapter(2, 'Replication', [section('Leaders', { id: '2.1' }), section('Key Takeaways', { id: '2.2' })], {
      takeaways: takeaways([
        ['Leader-based', 'simple'],
        ['Multi-leader', 'conflicts'],
        ['Leaderless', 'quorums'],
      ]),
    });
    const m = chapterMap(ch);
    expect(branches(m)).toEqual(['Leaders', 'Key takeaways']);
    expect(leaves(m, 'Key takeaways')).toEqual(['Leader-based', 'Multi-leader', 'Leaderless']);
    expect(m.root.children.at(-1)!.id).toBe('tk');
  });

  it(`keeps at most ${MAX_BRANCHES} branches, the takeaway branch included; the heaviest sections win, still in document order`, () => {
    // Ten sections; the even ones carry more material (subsections → leaves weigh most).
    const sections = Array.from({ length: 10 }, (_, i) =>
      section(`Section ${i + 1}`, {
        id: `3.${i + 1}`,
        blocks: 1,
        sections:
          i % 2 === 1
            ? [
                section(`Sub ${i + 1}a`, { id: `3.${i + 1}.1`, level: 2 }),
                section(`Sub ${i + 1}b`, { id: `3.${i + 1}.2`, level: 2 }),
              ]
            : [],
      }),
    );
    const withTable = chapterMap(chapter(3, 'Many', sections, { takeaways: takeaways([['One', 'x']]) }));
    expect(withTable.root.children).toHaveLength(MAX_BRANCHES);
    // The five with subsections (2, 4, 6, 8, 10), then the first light one (1), in document order.
    expect(branches(withTable)).toEqual([
      'Section 1',
      'Section 2',
      'Section 4',
      'Section 6',
      'Section 8',
      'Section 10',
      'Key takeaways',
    ]);

    const without = chapterMap(chapter(3, 'Many', sections));
    expect(without.root.children).toHaveLength(MAX_BRANCHES);
    expect(branches(without)).toEqual([
      'Section 1',
      'Section 2',
      'Section 3',
      'Section 4',
      'Section 6',
      'Section 8',
      'Section 10',
    ]);
  });

  it('keeps every section (and no takeaway branch) when there is room', () => {
    const m = chapterMap(chapter(4, 'Few', [section('A', { id: '4.1' }), section('B', { id: '4.2' })]));
    expect(branches(m)).toEqual(['A', 'B']);
    expect(m.root.children.map((b) => b.id)).toEqual(['b1', 'b2']);
  });
});

describe('chapterMap: leaves', () => {
  it(`are numbered subsections, then definitions, then bold terms, then unnumbered subsections; at most ${MAX_LEAVES}`, () => {
    const s = section('Encoding', {
      id: '5.1',
      sections: [
        section('Loose notes', { level: 2 }),
        section('JSON', { id: '5.1.1', level: 2 }),
        section('Protocol Buffers', {
          id: '5.1.2',
          level: 2,
          sections: [section('Field tags', { id: '5.1.2.1', level: 3 })],
        }),
      ],
    });
    const ch = chapter(5, 'Encoding', [s], {
      definitions: [def('Schema', '5.1'), def('Elsewhere', '9.9')],
      terms: [term('Backward compatibility', '5.1.2')],
    });
    expect(leaves(chapterMap(ch), 'Encoding')).toEqual([
      'JSON',
      'Protocol Buffers',
      'Field tags',
      'Schema',
      'Backward compatibility',
    ]);

    // One more candidate: the unnumbered subsection is the one cut by the cap.
    const ch2 = { ...ch, terms: [...ch.terms, term('Forward compatibility', '5.1.1')] };
    const got = leaves(chapterMap(ch2), 'Encoding');
    expect(got).toHaveLength(MAX_LEAVES);
    expect(got).toEqual(['JSON', 'Protocol Buffers', 'Field tags', 'Schema', 'Backward compatibility']);
  });

  it('drops duplicates (case-insensitive) and leaves equal to their branch, keeping the first in order', () => {
    const s = section('Quorums', {
      id: '6.1',
      sections: [
        section('Read repair', { id: '6.1.1', level: 2 }),
        section('Sloppy quorums', { id: '6.1.2', level: 2 }),
      ],
    });
    const ch = chapter(6, 'Leaderless', [s], {
      definitions: [def('read repair', '6.1'), def('Quorums', '6.1'), def('Hinted handoff', '6.1')],
      terms: [term('SLOPPY QUORUMS', '6.1.2'), term('Hinted handoff', '6.1')],
    });
    expect(leaves(chapterMap(ch), 'Quorums')).toEqual(['Read repair', 'Sloppy quorums', 'Hinted handoff']);
  });

  it('dedupes takeaway rows and caps them too; empty first cells are skipped', () => {
    const ch = chapter(7, 'T', [section('A', { id: '7.1' })], {
      takeaways: takeaways([
        ['One', ''],
        ['one', ''],
        ['', 'x'],
        ['Two', ''],
        ['Three', ''],
        ['Four', ''],
        ['Five', ''],
        ['Six', ''],
      ]),
    });
    expect(leaves(chapterMap(ch), 'Key takeaways')).toEqual(['One', 'Two', 'Three', 'Four', 'Five']);
  });

  it('gives unique, stable node ids', () => {
    const ch = chapter(
      8,
      'Ids',
      [section('A', { id: '8.1', sections: [section('x', { id: '8.1.1', level: 2 })] }), section('B', { id: '8.2' })],
      { takeaways: takeaways([['t', '']]) },
    );
    const m = chapterMap(ch);
    const ids = [m.root.id, ...m.root.children.flatMap((b) => [b.id, ...b.children.map((l) => l.id)])];
    expect(ids).toEqual(['root', 'b1', 'b1l1', 'b2', 'tk', 'tk1']);
  });
});

describe(`chapterMap: labels are at most ${MAX_NODE_LABEL} characters, cut on a word boundary with "…"`, () => {
  const long = 'The Surprisingly Subtle Trade-offs Between Consistency and Availability in Practice';
  const ch = chapter(
    9,
    long,
    [section(long, { id: '9.1', sections: [section(`${long} (again)`, { id: '9.1.1', level: 2 })] })],
    {
      takeaways: takeaways([[long, 'x']]),
    },
  );
  const m = chapterMap(ch);

  it('every label fits', () => {
    for (const l of allLabels(m)) expect(graphemes(l), l).toBeLessThanOrEqual(MAX_NODE_LABEL);
  });

  it('a cut label is a whole-word prefix of the title plus "…"', () => {
    const cut = m.root.label;
    expect(cut.endsWith('…')).toBe(true);
    const kept = cut.slice(0, -1);
    expect(long.startsWith(kept)).toBe(true);
    expect(long[kept.length]).toBe(' ');
    expect(cut).toBe('The Surprisingly Subtle Trade-offs Between Consistency and…');
  });

  it('short labels are left alone; whitespace is collapsed', () => {
    const m2 = chapterMap(
      chapter(10, '  Short   title ', [section('Exactly forty characters long, no more!!', { id: '10.1' })]),
    );
    expect(m2.root.label).toBe('Short title');
    expect(branches(m2)).toEqual(['Exactly forty characters long, no more!!']);
  });

  it('never cuts inside an emoji or a non-Latin grapheme', () => {
    const emoji =
      '🧩🧩🧩🧩🧩🧩🧩🧩🧩🧩 👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦 ' +
      'データ'.repeat(10);
    const m3 = chapterMap(chapter(11, emoji, [section('x', { id: '11.1' })]));
    const label = m3.root.label;
    expect(graphemes(label)).toBeLessThanOrEqual(MAX_NODE_LABEL);
    expect(label.endsWith('…')).toBe(true);
    expect(emoji.startsWith(label.slice(0, -1))).toBe(true);
    expect(label).not.toMatch(/\u200d…$/); // no dangling joiner
  });
});

// ---------------------------------------------------------------- coreIdea

describe('coreIdea: final insight, else a core/big key idea, summary, first key idea, first takeaway, intro', () => {
  const base = chapter(12, 'Ideas', [section('A', { id: '12.1' })]);
  it('prefers the final insight', () => {
    expect(
      coreIdea({
        ...base,
        finalInsight: { text: '  Logs are the truth. ', sectionId: null, blocks: [], position },
        keyIdeas: [idea('Core thing.', 'Core idea')],
        summary: 'Summary first. Second.',
      }),
    ).toBe('Logs are the truth.');
  });
  it('then a key idea labelled core / big / main / central / grand', () => {
    expect(
      coreIdea({
        ...base,
        keyIdeas: [idea('First idea.', 'Idea'), idea('The big one.', 'Big Idea')],
        summary: 'Summary first. Second.',
      }),
    ).toBe('The big one.');
  });
  it('then the first sentence of the summary', () => {
    expect(
      coreIdea({ ...base, keyIdeas: [idea('First idea.', 'Idea')], summary: 'Summary first! Second sentence.' }),
    ).toBe('Summary first!');
  });
  it('then the first key idea', () => {
    expect(coreIdea({ ...base, keyIdeas: [idea('First idea.', 'Idea')] })).toBe('First idea.');
  });
  it('then the first takeaway row, first two cells', () => {
    expect(
      coreIdea({
        ...base,
        takeaways: takeaways([
          ['Replication', 'copies data', 'extra'],
          ['Other', 'x'],
        ]),
      }),
    ).toBe('Replication: copies data');
  });
  it('then the first sentence of the intro, else empty', () => {
    expect(coreIdea({ ...base, intro: [para('Intro sentence one. Two.')] })).toBe('Intro sentence one.');
    expect(coreIdea(base)).toBe('');
  });
  it('skips blank candidates', () => {
    expect(
      coreIdea({
        ...base,
        finalInsight: { text: '   ', sectionId: null, blocks: [], position },
        summary: 'Summary. More.',
      }),
    ).toBe('Summary.');
  });
});

// ---------------------------------------------------------------- courseMap

describe('courseMap', () => {
  const chs = [1, 2, 3, 4].map((n) =>
    chapter(n, `Chapter title number ${n} that is rather long indeed`, [section('A', { id: `${n}.1` })], {
      summary: `Idea of chapter ${n} is a long sentence that goes on and on past sixty characters. Second.`,
    }),
  );

  it('groups chapters by part, in part order; chapters outside parts go last as "Other chapters"', () => {
    const m = courseMap(
      course(chs, [
        { number: 1, title: 'Foundations', chapters: [1, 2] },
        { number: 2, title: 'Distributed', chapters: [3] },
      ]),
    );
    expect(m.parts.map((p) => [p.id, p.label, p.chapters.map((c) => c.id)])).toEqual([
      ['p1', 'Part 1: Foundations', ['c1', 'c2']],
      ['p2', 'Part 2: Distributed', ['c3']],
      ['p3', 'Other chapters', ['c4']],
    ]);
    expect(m.description).toBe('Course map of A Course: 4 chapters in 3 group(s).');
  });

  it('without parts, one "Chapters" group in document order', () => {
    const m = courseMap(course(chs));
    expect(m.parts.map((p) => p.label)).toEqual(['Chapters']);
    expect(m.parts[0]!.chapters.map((c) => c.id)).toEqual(['c1', 'c2', 'c3', 'c4']);
  });

  it('labels "N. Title" whole (cut only past MAX_COURSE_TITLE), ideas as whole sentences, never cut mid-sentence', () => {
    const m = courseMap(course(chs));
    const c1 = m.parts[0]!.chapters[0]!;
    expect(c1.label).toBe('1. Chapter title number 1 that is rather long indeed');
    expect(c1.idea).toBe('Idea of chapter 1 is a long sentence that goes on and on past sixty characters.');
    const insight = 'A first sentence that is well past twenty characters. A second one, also long enough to matter.';
    const two = chapter(6, 'Six', [section('A', { id: '6.1' })], {
      finalInsight: { text: insight, sectionId: null, blocks: [], position },
    });
    expect(courseMap(course([two])).parts[0]!.chapters[0]!.idea).toBe(insight);
    // Room for one sentence only: the second goes, the first stays whole even past the room.
    expect(courseMap(course([two]), 60).parts[0]!.chapters[0]!.idea).toBe(
      'A first sentence that is well past twenty characters.',
    );
    expect(courseMap(course([two]), 20).parts[0]!.chapters[0]!.idea).toBe(
      'A first sentence that is well past twenty characters.',
    );
    const long = chapter(5, 'word '.repeat(40).trim(), [section('A', { id: '5.1' })]);
    const cut = courseMap(course([long])).parts[0]!.chapters[0]!.label;
    expect(graphemes(cut)).toBeLessThanOrEqual(MAX_COURSE_TITLE);
    expect(cut.endsWith('word…')).toBe(true);
  });

  it('a part that names a missing chapter is not a crash', () => {
    const m = courseMap(course(chs.slice(0, 1), [{ number: 1, title: 'P', chapters: [1, 99] }]));
    expect(m.parts.map((p) => p.chapters.map((c) => c.id))).toEqual([['c1']]);
  });
});

// ---------------------------------------------------------------- escaping in the generated .mmd

describe('label escaping in the generated .mmd', () => {
  const hostile = [
    'Derived Data = Function(Log)',
    'Say "hello" to the \'log\'',
    '#1 Issue: C# & F# #quot; #35;',
    '🧩 Emoji 👨‍👩‍👧‍👦 chapter',
    'データ指向アプリケーション設計',
    'Репликация и шардинг',
    'تدفق البيانات',
    '<script>alert(1)</script>',
    'Brackets [x] {y} (z) |pipe| `tick`',
    '100%% sure %%{init: {"securityLevel":"loose"}}%%',
    'end',
    'graph TD; A-->B',
  ];
  const chs = hostile.map((t, i) =>
    chapter(
      i + 1,
      t,
      [section(t, { id: `${i + 1}.1`, sections: [section(`${t} leaf`, { id: `${i + 1}.1.1`, level: 2 })] })],
      {
        takeaways: takeaways([[t, t]]),
        summary: `${t}. Second.`,
      },
    ),
  );
  const c = course(
    chs,
    [{ number: 1, title: '<b>Part</b> "one" #1', chapters: chs.map((x) => x.number) }],
    'Course "title" with <script>x</script> & #hash',
  );
  const maps = generateMaps(c, templateSet());

  it('generates one map per chapter plus the course map', () => {
    expect(maps.map((m) => m.name)).toEqual(['maps/course-map', ...chs.map((x) => `maps/${x.slug}`)]);
  });

  it.each(hostile.map((t, i) => [t, i] as const))('every generated map parses with mermaid: %s', async (_t, i) => {
    const m = maps[i + 1]!;
    expect(await validateMermaid(m.source), m.source).toEqual({ ok: true });
  });

  it('the course map parses', async () => {
    expect(await validateMermaid(maps[0]!.source), maps[0]!.source).toEqual({ ok: true });
  });

  it('no raw markup, quotes or directives reach the source; every label is quoted', () => {
    for (const m of maps) {
      const labelsText = m.source
        .split('\n')
        .filter((l) => /\[|\(/.test(l))
        .join('\n');
      expect(m.source, m.name).not.toContain('<script');
      expect(m.source, m.name).not.toContain('<b>');
      expect(m.source, m.name).not.toMatch(/%%\{/);
      // Inside every label: no raw double quote (only the delimiters).
      for (const lab of labelsText.matchAll(/[[(]+"([^"]*)"[\])]+/g)) {
        // A markdown string ("`…`", the course map's boxes) may hold `**` around whole lines only.
        const md = /^`[\s\S]*`$/.test(lab[1]!);
        const body = md ? lab[1]!.slice(1, -1).replace(/^\*\*(.*)\*\*$/gm, '$1') : lab[1]!;
        expect(body.replace(/<br\/>/g, '\n'), m.name).not.toMatch(md ? /["<>`*_~]/ : /["<>`]/);
      }
    }
    const script = maps[8]!.source;
    // One word wider than a line is the only thing the word-safe wrapping may cut.
    expect(script.replace(/<br\/>/g, '')).toContain('‹script›alert(1)‹/script›');
  });
});
