// The parts of an Anki package's collection (schema 11, the `collection.anki2` that every Anki
// since 2.1 imports) that do not depend on the cards: the tables, the collection settings, the
// default options group, and one note type per card kind. Names and ids are fixed here so that a
// rebuilt package matches the note types of the previous import (a changed note type would stop
// Anki from updating the notes in place).
import { createHash } from 'node:crypto';
import type { CardKind } from './cards.ts';

export const SCHEMA_SQL = `
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null, scm integer not null, ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null, models text not null, decks text not null, dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null, mod integer not null, usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null, ord integer not null, mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null, ivl integer not null, factor integer not null, reps integer not null, lapses integer not null, left integer not null, odue integer not null, odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);
`;

/** Seconds: the collection's creation and the modification time of notes never edited since. */
export const BASE_MOD = 1_700_000_000;

/** A positive id below 2^53 from a text (Anki ids are integers; ours are stable, not clock-based). */
export function stableId(text: string): number {
  const h = createHash('sha256').update(text).digest();
  // 2^40 ids above 10^12 (the range of Anki's own millisecond ids), far from 1 (the Default deck).
  return 1_000_000_000_000 + h.readUIntBE(0, 5);
}

const CSS = `.card { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 20px; line-height: 1.4; text-align: left; color: #1d2330; background: #fff; max-width: 40em; margin: 0 auto; }
.card.nightMode { color: #e8ebf2; background: #1d2330; }
.map img { max-width: 100%; height: auto; margin-top: 1em; }
small { color: #5b6478; }
.cloze { font-weight: bold; color: #1f5fbf; }`;

interface Model {
  id: number;
  name: string;
  cloze: boolean;
}

/** One note type per card kind; the two analogy directions are one type each too. */
export const MODELS: Record<CardKind, Model> = {
  definition: { id: stableId('coursemap-model:definition:1'), name: 'coursemap Definition', cloze: false },
  takeaway: { id: stableId('coursemap-model:takeaway:1'), name: 'coursemap Takeaway', cloze: false },
  analogy: { id: stableId('coursemap-model:analogy:1'), name: 'coursemap Analogy', cloze: false },
  'analogy-reverse': {
    id: stableId('coursemap-model:analogy-reverse:1'),
    name: 'coursemap Analogy (reverse)',
    cloze: false,
  },
  insight: { id: stableId('coursemap-model:insight:1'), name: 'coursemap Insight (cloze)', cloze: true },
  quiz: { id: stableId('coursemap-model:quiz:1'), name: 'coursemap Quiz question', cloze: false },
  rule: { id: stableId('coursemap-model:rule:1'), name: 'coursemap Rule', cloze: false },
};

const field = (name: string, ord: number) => ({
  name,
  ord,
  sticky: false,
  rtl: false,
  font: 'Arial',
  size: 20,
  media: [],
});

function modelJson(m: Model, deckId: number): unknown {
  const names = m.cloze ? ['Text', 'Back Extra', 'Map'] : ['Front', 'Back', 'Map'];
  const map = '{{#Map}}<div class="map">{{Map}}</div>{{/Map}}';
  const tmpl = m.cloze
    ? { name: 'Cloze', ord: 0, qfmt: '{{cloze:Text}}', afmt: `{{cloze:Text}}<br>{{Back Extra}}${map}` }
    : { name: 'Card 1', ord: 0, qfmt: '{{Front}}', afmt: `{{FrontSide}}<hr id=answer>{{Back}}${map}` };
  return {
    id: m.id,
    name: m.name,
    type: m.cloze ? 1 : 0,
    mod: BASE_MOD,
    usn: -1,
    sortf: 0,
    did: deckId,
    tmpls: [{ ...tmpl, bqfmt: '', bafmt: '', did: null, bfont: '', bsize: 0 }],
    flds: names.map(field),
    css: CSS,
    latexPre:
      '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n',
    latexPost: '\\end{document}',
    latexsvg: false,
    req: [[0, m.cloze ? 'all' : 'any', [0]]],
    tags: [],
    vers: [],
  };
}

export function modelsJson(deckId: number): string {
  return JSON.stringify(Object.fromEntries(Object.values(MODELS).map((m) => [String(m.id), modelJson(m, deckId)])));
}

export function decksJson(decks: ReadonlyArray<{ id: number; name: string }>): string {
  const deck = (id: number, name: string) => ({
    id,
    name,
    mod: BASE_MOD,
    usn: -1,
    collapsed: false,
    browserCollapsed: false,
    conf: 1,
    desc: '',
    dyn: 0,
    extendNew: 10,
    extendRev: 50,
    lrnToday: [0, 0],
    newToday: [0, 0],
    revToday: [0, 0],
    timeToday: [0, 0],
  });
  return JSON.stringify(
    Object.fromEntries([['1', deck(1, 'Default')], ...decks.map((d) => [String(d.id), deck(d.id, d.name)])]),
  );
}

export const DCONF_JSON = JSON.stringify({
  1: {
    id: 1,
    name: 'Default',
    mod: 0,
    usn: 0,
    maxTaken: 60,
    autoplay: true,
    timer: 0,
    replayq: true,
    dyn: false,
    new: { bury: true, delays: [1, 10], initialFactor: 2500, ints: [1, 4, 7], order: 1, perDay: 20, separate: true },
    lapse: { delays: [10], leechAction: 0, leechFails: 8, minInt: 1, mult: 0 },
    rev: { bury: true, ease4: 1.3, fuzz: 0.05, ivlFct: 1, maxIvl: 36500, minSpace: 1, perDay: 200 },
  },
});

export const CONF_JSON = JSON.stringify({
  activeDecks: [1],
  addToCur: true,
  collapseTime: 1200,
  curDeck: 1,
  curModel: String(MODELS.definition.id),
  dueCounts: true,
  estTimes: true,
  newBury: true,
  newSpread: 0,
  nextPos: 1,
  sortBackwards: false,
  sortType: 'noteFld',
  timeLim: 0,
});
