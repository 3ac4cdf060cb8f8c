// Flashcards as text: Anki's text import (anki.txt) and a CSV for other tools (cards.csv).
//
// anki.txt follows Anki's documented file headers: tab-separated, HTML fields, a GUID column (a
// re-import updates the notes it made before), a notetype column (Basic, or Cloze for the final
// insights: `{{c1::…}}`), a deck column (one sub-deck per chapter, "Course::05 Replication") and a
// tags column ("chapter::05-replication kind::definition"). Field text is HTML-escaped and line
// breaks become <br>, so no field ever holds a tab, a newline or a double quote.
import { stringify } from 'csv-stringify/sync';
import type { Course } from '../../model/types.ts';
import { sourceText, type Card } from './cards.ts';
import { escapeHtml } from '../escape.ts';

export const ANKI_COLUMNS = ['guid', 'notetype', 'deck', 'tags', 'front', 'back'] as const;
export const CSV_COLUMNS = ['front', 'back', 'chapter', 'kind', 'source'] as const;

const field = (s: string) => escapeHtml(s.replace(/\t/g, ' ')).replace(/\r?\n/g, '<br>');
/** "{{" or "::" in course text would open or split a cloze. */
const clozeSafe = (s: string) => field(s).replace(/\{\{/g, '{ {').replace(/\}\}/g, '} }').replace(/::/g, ': :');

/**
 * Deck and tag names are plain text to Anki, not HTML fields: markup in a title (front matter
 * `title: <img src=x onerror=…>`) is dropped, and a stray `<`, `>` or `&` becomes a look-alike, so
 * nothing in the file reads as HTML whichever way it is imported.
 */
export const plainName = (s: string) =>
  s
    .replace(/<[^>]*>/g, ' ')
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .replace(/&/g, '＆');
/** Deck and tag names: no "::" of their own (it nests decks), no tabs or quotes, no spaces in tags. */
const deckPart = (s: string) =>
  plainName(s)
    .replace(/::+/g, ':')
    .replace(/[\t\r\n"]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim() || 'Course';
const tagPart = (s: string) =>
  plainName(s)
    .replace(/::+/g, '-')
    .replace(/[\s"]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '') || 'x';

function chapterPad(course: Course): number {
  return Math.max(2, String(Math.max(0, ...course.chapters.map((c) => c.number))).length);
}

/** "Course Title::05 Replication". */
export function deckName(course: Course, card: Pick<Card, 'chapter' | 'chapterTitle'>): string {
  return `${deckPart(course.title)}::${String(card.chapter).padStart(chapterPad(course), '0')} ${deckPart(card.chapterTitle)}`;
}

export function cardTags(course: Course, card: Pick<Card, 'chapter' | 'chapterSlug' | 'kind'>): string[] {
  const slug = card.chapterSlug.replace(/^\d+-/, '');
  return [`chapter::${String(card.chapter).padStart(chapterPad(course), '0')}-${tagPart(slug)}`, `kind::${card.kind}`];
}

export function ankiFields(card: Card): [string, string, string] {
  const sources = card.sources.map(sourceText).join(', ');
  if (card.kind === 'insight' && card.cloze) {
    const { before, answer, after } = card.cloze;
    return [
      'Cloze',
      `${clozeSafe(before)}{{c1::${clozeSafe(answer)}}}${clozeSafe(after)}`,
      `${field(card.chapterTitle)}<br><small>${field(sources)}</small>`,
    ];
  }
  return ['Basic', field(card.front), `${field(card.back)}<br><br><small>${field(sources)}</small>`];
}

export function ankiText(course: Course, cards: readonly Card[]): string {
  const lines = [
    '#separator:tab',
    '#html:true',
    '#guid column:1',
    '#notetype column:2',
    '#deck column:3',
    '#tags column:4',
    `#columns:${ANKI_COLUMNS.join('\t')}`,
  ];
  for (const card of cards) {
    const [notetype, front, back] = ankiFields(card);
    lines.push([card.guid, notetype, deckName(course, card), cardTags(course, card).join(' '), front, back].join('\t'));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break. A cell that
 * starts with `=`, `+`, `-`, `@`, a tab or a CR (or their full-width forms) gets a leading `'`, the
 * OWASP defence against formula injection (`=HYPERLINK(…)` would run when the file is opened in a
 * spreadsheet); csv-stringify's `escape_formulas` does exactly that.
 */
export function cardsCsv(cards: readonly Card[]): string {
  const rows = cards.map((c) => [
    c.front,
    c.back,
    `${c.chapter}. ${c.chapterTitle}`,
    c.kind,
    c.sources.map(sourceText).join('; '),
  ]);
  return stringify([[...CSV_COLUMNS], ...rows], {
    record_delimiter: '\r\n',
    quoted_match: /[\r\n]|^\s|\s$/,
    escape_formulas: true,
  });
}
