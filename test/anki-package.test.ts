// cards.apkg read back as Anki reads it: the zip, its SQLite collection (opened with sql.js), the
// note types, decks, tags and media; and two builds with one edited card: the same GUIDs, the
// edited note updated (newer mod, new fields), the others untouched, none duplicated.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { ankiPackage, readPackageNotes, type ChapterMap } from '../src/generate/flashcards/apkg.ts';
import { MODELS } from '../src/generate/flashcards/apkg-schema.ts';
import { courseCards } from '../src/generate/flashcards/cards.ts';
import { courseFromText } from '../src/index.ts';
import { svgAlt } from '../src/pipeline/anki-package.ts';

const text = readFileSync(fileURLToPath(new URL('./fixtures/study/course.md', import.meta.url)), 'utf8');
const SQL = await initSqlJs();

interface Read {
  notes: Array<{ id: number; guid: string; mid: number; mod: number; tags: string; flds: string[] }>;
  cards: Array<{ nid: number; did: number; ord: number }>;
  decks: Record<string, { id: number; name: string }>;
  models: Record<string, { id: number; name: string; type: number; flds: Array<{ name: string }> }>;
  media: Record<string, string>;
  files: string[];
}

async function read(apkg: Uint8Array): Promise<Read> {
  const zip = await JSZip.loadAsync(apkg);
  const db = new SQL.Database(await zip.file('collection.anki2')!.async('uint8array'));
  const rows = (sql: string) => db.exec(sql)[0]?.values ?? [];
  const [col] = rows('SELECT models, decks FROM col');
  const out: Read = {
    notes: rows('SELECT id, guid, mid, mod, tags, flds FROM notes ORDER BY id').map(
      ([id, guid, mid, mod, tags, flds]) => ({
        id: Number(id),
        guid: String(guid),
        mid: Number(mid),
        mod: Number(mod),
        tags: String(tags),
        flds: String(flds).split('\x1f'),
      }),
    ),
    cards: rows('SELECT nid, did, ord FROM cards').map(([nid, did, ord]) => ({
      nid: Number(nid),
      did: Number(did),
      ord: Number(ord),
    })),
    models: JSON.parse(String(col![0])),
    decks: JSON.parse(String(col![1])),
    media: JSON.parse(await zip.file('media')!.async('string')),
    files: Object.keys(zip.files).sort(),
  };
  db.close();
  return out;
}

const svg = (title: string, desc: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" role="img"><title id="m-title">${title}</title><desc id="m-desc">${desc}</desc><rect width="10" height="10"/></svg>`;

describe('Anki package', async () => {
  const { course } = courseFromText(text, 'course.md');
  const { cards } = courseCards(course);
  const maps: ChapterMap[] = course.chapters.map((c) => {
    const s = svg(`Concept map of ${c.title}`, `Branches: ${c.sections.map((x) => x.title).join(', ')}`);
    return { chapter: c.number, slug: c.slug, svg: s, alt: svgAlt(s, c.title) };
  });
  const first = await ankiPackage(course, cards, maps);
  const pkg = await read(first);

  it('holds one note and one card per flashcard, with the GUIDs of anki.txt', () => {
    expect(pkg.notes.map((n) => n.guid).sort()).toEqual(cards.map((c) => c.guid).sort());
    expect(pkg.cards).toHaveLength(cards.length);
    expect(new Set(pkg.cards.map((c) => c.nid))).toEqual(new Set(pkg.notes.map((n) => n.id)));
  });

  it('has a note type per card kind, the insight one a cloze type', () => {
    const byName = Object.fromEntries(Object.values(pkg.models).map((m) => [m.name, m]));
    expect(Object.keys(byName).sort()).toEqual(
      Object.values(MODELS)
        .map((m) => m.name)
        .sort(),
    );
    expect(byName['coursemap Insight (cloze)']!.type).toBe(1);
    expect(byName['coursemap Definition']!.flds.map((f) => f.name)).toEqual(['Front', 'Back', 'Map']);
    for (const c of cards) expect(pkg.notes.find((n) => n.guid === c.guid)!.mid).toBe(MODELS[c.kind].id);
    const insight = pkg.notes.find((n) => n.mid === MODELS.insight.id)!;
    expect(insight.flds[0]).toMatch(/\{\{c1::.+\}\}/);
  });

  it('files each card in its chapter sub-deck and tags it as anki.txt does', () => {
    const names = Object.values(pkg.decks)
      .map((d) => d.name)
      .sort();
    expect(names).toEqual(
      [
        'Default',
        'Keeping Bees',
        ...course.chapters.map((c) => `Keeping Bees::${String(c.number).padStart(2, '0')} ${c.title}`),
      ].sort(),
    );
    const queen = cards.find((c) => c.kind === 'definition' && c.front === 'Queen')!;
    const note = pkg.notes.find((n) => n.guid === queen.guid)!;
    const deck = pkg.decks[String(pkg.cards.find((c) => c.nid === note.id)!.did)]!;
    expect(deck.name).toBe('Keeping Bees::01 The Colony');
    expect(note.tags.trim().split(' ')).toEqual(['chapter::01-the-colony', 'kind::definition']);
  });

  it('ships each chapter map as media, shown on the back with alt text from the model', async () => {
    expect(Object.values(pkg.media)).toHaveLength(course.chapters.length);
    expect(pkg.files).toEqual([...course.chapters.map((_c, i) => String(i)), 'collection.anki2', 'media'].sort());
    const zip = await JSZip.loadAsync(first);
    expect(await zip.file('0')!.async('string')).toBe(maps[0]!.svg);
    const note = pkg.notes.find((n) => n.guid === cards[0]!.guid)!;
    expect(note.flds[2]).toBe(
      `<img src="${pkg.media['0']}" alt="Concept map of The Colony. Branches: ${course.chapters[0]!.sections.map((x) => x.title).join(', ')}">`,
    );
  });

  it('is byte-identical when built again from the same input', async () => {
    expect(Buffer.from(await ankiPackage(course, cards, maps)).equals(Buffer.from(first))).toBe(true);
  });

  it('after one edited card: same GUIDs, that note updated and newer, none duplicated', async () => {
    const edited = courseFromText(
      text.replace('she lays up to two thousand eggs a day', 'she lays most of the eggs'),
      'course.md',
    ).course;
    const again = courseCards(edited).cards;
    const second = await read(await ankiPackage(edited, again, maps, await readPackageNotes(first)));
    expect(second.notes.map((n) => n.guid)).toEqual(pkg.notes.map((n) => n.guid));
    expect(new Set(second.notes.map((n) => n.guid)).size).toBe(second.notes.length);
    const changed = second.notes.filter((n, i) => n.flds.join() !== pkg.notes[i]!.flds.join());
    expect(changed.map((n) => n.flds[0])).toEqual(['Queen']);
    expect(changed[0]!.flds[1]).toContain('she lays most of the eggs');
    const before = pkg.notes.find((n) => n.guid === changed[0]!.guid)!;
    expect(changed[0]!.mod).toBeGreaterThan(before.mod);
    // Unchanged notes keep their time, so Anki leaves them (and their review history) alone.
    expect(second.notes.filter((n) => n !== changed[0]).map((n) => n.mod)).toEqual(
      pkg.notes.filter((n) => n.guid !== changed[0]!.guid).map((n) => n.mod),
    );
    expect(second.cards).toHaveLength(pkg.cards.length);
  });
});

describe('svgAlt', () => {
  it('reads the title and description a map carries, unescaped', () => {
    expect(svgAlt(svg('Map of A &amp; B', 'Two branches'), 'x')).toBe('Map of A & B. Two branches');
    expect(svgAlt('<svg></svg>', 'Chapter 1')).toBe('Chapter 1');
  });
});
