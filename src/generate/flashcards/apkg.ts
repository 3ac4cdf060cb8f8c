// Flashcards as an Anki package (cards.apkg): a zip of `collection.anki2` (SQLite, written with
// sql.js — SQLite compiled to WebAssembly, nothing native to build), a `media` index and the
// chapter maps as numbered media files. One note type per card kind (apkg-schema.ts), one
// sub-deck per chapter, the tags of anki.txt, and each card's GUID from cards.ts (derived from
// the card's subject, not its text): importing a rebuilt package updates the notes in place.
//
// Anki updates a note on import only when the package's copy is newer (its `mod`). To stay
// deterministic without a clock, a note keeps the `mod` it had in the previous package when its
// fields did not change, and an edited or new note gets one second more than the newest `mod`
// of the previous package (BASE_MOD in a first build). The same input and the same previous
// package give the same bytes.
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import type { Course } from '../../model/types.ts';
import { BASE_MOD, CONF_JSON, DCONF_JSON, decksJson, MODELS, modelsJson, SCHEMA_SQL, stableId } from './apkg-schema.ts';
import type { Card } from './cards.ts';
import { ankiFields, cardTags, deckName } from './formats.ts';
import { escapeHtml as escapeAttr } from '../escape.ts';

/** Every date in the zip (the same as the PPTX decks'). */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));
/** Anki's field separator inside notes.flds. */
const SEP = '\x1f';

export interface ChapterMap {
  chapter: number;
  slug: string;
  svg: string;
  /** Alt text written from the model (chapter and branches). */
  alt: string;
}

export interface PreviousNote {
  mod: number;
  flds: string;
  mid: number;
}

let sql: Promise<SqlJsStatic> | null = null;
const sqlJs = () => (sql ??= initSqlJs());

const stripHtml = (s: string) =>
  s
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
/** Anki's checksum of the sort field: the first 8 hex digits of its SHA-1, as an integer. */
const checksum = (s: string) => parseInt(createHash('sha1').update(stripHtml(s)).digest('hex').slice(0, 8), 16);

/** The notes of a package (by GUID), to keep their modification times when nothing changed. */
export async function readPackageNotes(apkg: Uint8Array): Promise<Map<string, PreviousNote>> {
  const zip = await JSZip.loadAsync(apkg);
  const col = zip.file('collection.anki2');
  const out = new Map<string, PreviousNote>();
  if (!col) return out;
  const db = new (await sqlJs()).Database(await col.async('uint8array'));
  try {
    const rows = db.exec('SELECT guid, mod, flds, mid FROM notes')[0]?.values ?? [];
    for (const [guid, mod, flds, mid] of rows)
      out.set(String(guid), { mod: Number(mod), flds: String(flds), mid: Number(mid) });
  } finally {
    db.close();
  }
  return out;
}

function mediaName(course: Course, slug: string): string {
  // Media names are global in a collection: the course id keeps two courses' maps apart.
  return `coursemap-${stableId(`course:${course.title}`).toString(36)}-${slug}.svg`;
}

/**
 * A new card's row of the cards table: id, note, deck, template 0, mod, usn -1, type and queue 0
 * (new), due (its position among the new cards), then interval, ease, reps, lapses, left, odue,
 * odid and flags all 0, data empty.
 */
function cardRow(id: number, nid: number, did: number, mod: number, due: number): Array<number | string> {
  return [id, nid, did, 0, mod, -1, 0, 0, due, 0, 0, 0, 0, 0, 0, 0, 0, ''];
}

/** The .apkg: the collection, the media index and one numbered file per map, with fixed dates. */
async function packageZip(
  collection: Uint8Array,
  media: ReadonlyArray<{ index: number; name: string; svg: string }>,
): Promise<Uint8Array> {
  const zip = new JSZip();
  const add = (name: string, data: Uint8Array | string) =>
    zip.file(name, data, { date: FIXED_DATE, binary: typeof data !== 'string' });
  add('collection.anki2', collection);
  add('media', JSON.stringify(Object.fromEntries(media.map((m) => [String(m.index), m.name]))));
  for (const m of media) add(String(m.index), new TextEncoder().encode(m.svg));
  return zip.generateAsync({
    type: 'uint8array',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
    platform: 'DOS',
  });
}

/** The package's bytes. `previous`: the notes of the package this one replaces, if any. */
export async function ankiPackage(
  course: Course,
  cards: readonly Card[],
  maps: readonly ChapterMap[],
  previous: ReadonlyMap<string, PreviousNote> = new Map(),
): Promise<Uint8Array> {
  const SQL = await sqlJs();
  const db = new SQL.Database();
  const media = maps.map((m, i) => ({ ...m, index: i, name: mediaName(course, m.slug) }));
  const byChapter = new Map(media.map((m) => [m.chapter, m]));
  const decks = new Map<string, number>();
  const root = deckName(course, { chapter: 0, chapterTitle: 'x' }).split('::')[0]!;
  decks.set(root, stableId(`deck:${root}`));
  const next = Math.max(BASE_MOD - 1, ...[...previous.values()].map((p) => p.mod)) + 1;
  try {
    db.run(SCHEMA_SQL);
    const note = db.prepare('INSERT INTO notes VALUES (?,?,?,?,?,?,?,?,?,?,?)');
    const card = db.prepare('INSERT INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)');
    const ids = new Set<number>();
    const unique = (seed: string) => {
      let id = stableId(seed);
      while (ids.has(id)) id++;
      ids.add(id);
      return id;
    };
    for (const [due, c] of cards.entries()) {
      const deck = deckName(course, c);
      if (!decks.has(deck)) decks.set(deck, stableId(`deck:${deck}`));
      const model = MODELS[c.kind];
      const [, first, second] = ankiFields(c);
      const map = byChapter.get(c.chapter);
      const flds = [first, second, map ? `<img src="${escapeAttr(map.name)}" alt="${escapeAttr(map.alt)}">` : ''].join(
        SEP,
      );
      const prev = previous.get(c.guid);
      const mod = prev && prev.flds === flds && prev.mid === model.id ? prev.mod : next;
      const nid = unique(`note:${c.guid}`);
      note.run([
        nid,
        c.guid,
        model.id,
        mod,
        -1,
        ` ${cardTags(course, c).join(' ')} `,
        flds,
        stripHtml(first),
        checksum(first),
        0,
        '',
      ]);
      card.run(cardRow(unique(`card:${c.guid}:0`), nid, decks.get(deck)!, mod, due + 1));
    }
    note.free();
    card.free();
    const deckList = [...decks].map(([name, id]) => ({ id, name }));
    db.run('INSERT INTO col VALUES (1,?,?,?,11,0,0,0,?,?,?,?,?)', [
      BASE_MOD,
      BASE_MOD * 1000,
      BASE_MOD * 1000,
      CONF_JSON,
      modelsJson(decks.get(root)!),
      decksJson(deckList),
      DCONF_JSON,
      '{}',
    ]);
    return await packageZip(db.export(), media);
  } finally {
    db.close();
  }
}
