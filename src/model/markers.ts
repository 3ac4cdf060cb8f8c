// Recognisers for the structure words of a course: chapters, parts, numbered sections.
// Table-driven: add a language by adding words, not code.
import type { PhrasingContent } from 'mdast';
import { phrasingText } from './lines.ts';
import { cleanTitle, collapse, parseNumber, stripEmoji } from './text.ts';

/** Words that introduce a chapter, in the languages courses are written in. */
export const CHAPTER_WORDS = [
  'chapter', 'chap\\.', 'ch\\.', 'module', 'lesson', 'unit', 'lecture', 'week', 'session',
  'capítulo', 'capitulo', 'módulo', 'modulo', 'lección', 'leccion', 'unidad', 'tema', 'semana',
  'chapitre', 'leçon', 'lecon', 'unité', 'semaine',
  'kapitel', 'lektion', 'einheit', 'woche',
  'capitolo', 'lezione', 'unità', 'lição', 'licao', 'aula', 'hoofdstuk', 'les', 'rozdział', 'lekcja',
  'глава', 'урок', 'розділ',
];
export const PART_WORDS = ['part', 'parte', 'partie', 'teil', 'deel', 'część', 'часть', 'book', 'libro', 'livre', 'buch'];

const NUM = String.raw`(\d{1,4}|[IVXLC]{1,7}|one|two|three|four|five|six|seven|eight|nine|ten|uno|dos|tres|cuatro|cinco|un|deux|trois|quatre|cinq|eins|zwei|drei|vier|fünf|um|dois|três)`;
const SEP = String.raw`\s*(?:[:.\-–—)|]\s*|\s+(?=\S))`;
const words = (list: readonly string[]) => list.join('|');

const CHAPTER_HEAD_RE = new RegExp(String.raw`^(?:${words(CHAPTER_WORDS)})\s+${NUM}(?:${SEP}(.*))?$`, 'iu');
const CHAPTER_ANYWHERE_RE = new RegExp(String.raw`(?<!\p{L})(?:${words(CHAPTER_WORDS)})\s+${NUM}${SEP}`, 'giu');
const CJK_CHAPTER_RE = /^第\s*(\d+|[一二三四五六七八九十]+)\s*[章课節节回]\s*[:：.\s]*(.*)$/u;
const PART_HEAD_RE = new RegExp(String.raw`^(?:${words(PART_WORDS)})\s+${NUM}(?:${SEP}(.*))?$`, 'iu');
/** "3.5 Title", "3.5. Title", "Section 3.5: Title". */
const SECTION_ID_RE = /^(?:(?:section|sección|seção|secção|abschnitt|sezione|§)\s*)?(\d{1,4}(?:\.\d{1,4})+)\.?(?:[:\-–—)]?\s+|$)/iu;
const QUOTES: Record<string, string> = { '“': '”', '"': '"', '«': '»', '„': '“”', '‘': '’', "'": "'", '「': '」' };
const CJK_NUM: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

export interface ChapterRef {
  number: number;
  /** Title as written (cleaned); empty when the heading names only the number. */
  title: string;
}

function cjkNumber(token: string): number | null {
  if (/^\d+$/.test(token)) return Number(token);
  if (token.length === 1) return CJK_NUM[token] ?? null;
  if (token.startsWith('十')) return 10 + (CJK_NUM[token.slice(1)] ?? 0);
  return null;
}

/** A heading (or a whole line) that is a chapter title: "Chapter 3: Storage", "Capítulo 2 — Modelos". */
export function matchChapterHeading(text: string): ChapterRef | null {
  const t = collapse(stripEmoji(text)).replace(/^[*_\s]+|[*_\s]+$/g, '');
  const m = CHAPTER_HEAD_RE.exec(t);
  if (m?.[1]) {
    const n = parseNumber(m[1]);
    return n === null ? null : { number: n, title: titleAfter(m[2] ?? '') };
  }
  const c = CJK_CHAPTER_RE.exec(t);
  if (c?.[1]) {
    const n = cjkNumber(c[1]);
    return n === null ? null : { number: n, title: cleanTitle(c[2] ?? '') };
  }
  return null;
}

/** Text inside the quotes that open `rest` ("“Title” from …" → "Title"), or null. */
function quoted(rest: string): string | null {
  const s = rest.trimStart();
  const close = QUOTES[s[0] ?? ''];
  if (!close) return null;
  for (let i = 1; i < Math.min(s.length, 200); i++) {
    if (close.includes(s[i] ?? '')) return s.slice(1, i);
  }
  return null;
}

function titleAfter(rest: string): string {
  return cleanTitle(quoted(rest) ?? rest);
}

export function matchPartHeading(text: string): ChapterRef | null {
  const t = collapse(stripEmoji(text)).replace(/^[*_\s]+|[*_\s]+$/g, '');
  const m = PART_HEAD_RE.exec(t);
  if (!m?.[1]) return null;
  const n = parseNumber(m[1]);
  return n === null ? null : { number: n, title: cleanTitle(m[2] ?? '') };
}

/** Splits "1.3.1 Faults vs. Failures" into its id and title. */
export function matchSectionId(text: string): { id: string; title: string } | null {
  const m = SECTION_ID_RE.exec(text.trim());
  if (!m?.[1]) return null;
  return { id: m[1], title: text.trim().slice(m[0].length) };
}

/**
 * A chapter announced inside a chat line: "Let’s begin **Chapter 1 — “Title”** from …",
 * "as if it were Chapter 12: _“Title”_". Only accepted when the title is clearly delimited:
 * quoted, inside the same bold/italic span, or when the line starts with the chapter word.
 */
export function matchAnnouncement(nodes: readonly PhrasingContent[]): ChapterRef | null {
  const text = phrasingText(nodes);
  CHAPTER_ANYWHERE_RE.lastIndex = 0;
  for (let m = CHAPTER_ANYWHERE_RE.exec(text); m; m = CHAPTER_ANYWHERE_RE.exec(text)) {
    const number = m[1] ? parseNumber(m[1]) : null;
    if (number === null) continue;
    const rest = text.slice(m.index + m[0].length);
    const inQuotes = quoted(rest);
    if (inQuotes && cleanTitle(inQuotes)) return { number, title: cleanTitle(inQuotes) };
    const spanTitle = titleInsideSpan(nodes, m[0].trim());
    if (spanTitle) return { number, title: spanTitle };
    const lead = text.slice(0, m.index).replace(/[\p{P}\p{S}\s]/gu, '');
    if (lead === '' && cleanTitle(rest)) return { number, title: cleanTitle(rest) };
  }
  return null;
}

/** The rest of a bold/italic span that contains the chapter phrase: **Chapter 8 – The Trouble…** */
function titleInsideSpan(nodes: readonly PhrasingContent[], phrase: string): string | null {
  for (const n of nodes) {
    if (n.type !== 'strong' && n.type !== 'emphasis') continue;
    const span = phrasingText(n.children);
    const at = span.indexOf(phrase);
    if (at === -1) continue;
    const title = cleanTitle(span.slice(at + phrase.length));
    if (title) return title;
  }
  return null;
}
