// Recognisers for the structure words of a course: chapters, parts, numbered sections.
// Table-driven: add a language by adding words, not code.
import type { PhrasingContent } from 'mdast';
import { phrasingText } from '../lines.ts';
import { cleanTitle, collapse, ORDINAL_WORDS, parseNumber, stripEmoji } from '../text.ts';

/** Words that introduce a chapter, in the languages courses are written in. */
export const CHAPTER_WORDS = [
  'chapter',
  'chap\\.',
  'ch\\.',
  'module',
  'lesson',
  'unit',
  'lecture',
  'week',
  'session',
  'capítulo',
  'capitulo',
  'módulo',
  'modulo',
  'lección',
  'leccion',
  'unidad',
  'tema',
  'semana',
  'chapitre',
  'leçon',
  'lecon',
  'unité',
  'semaine',
  'kapitel',
  'lektion',
  'einheit',
  'woche',
  'séance',
  'seance',
  'capitolo',
  'lezione',
  'unità',
  'lição',
  'licao',
  'aula',
  'unidade',
  'hoofdstuk',
  'les',
  'rozdział',
  'lekcja',
  'глава',
  'урок',
  'розділ',
];
export const PART_WORDS = [
  'part',
  'parte',
  'partie',
  'teil',
  'deel',
  'część',
  'часть',
  'book',
  'libro',
  'livre',
  'buch',
];

const NUM = String.raw`(\d{1,4}|[IVXLC]{1,7}|one|two|three|four|five|six|seven|eight|nine|ten|uno|dos|tres|cuatro|cinco|un|deux|trois|quatre|cinq|eins|zwei|drei|vier|fünf|um|dois|três)`;
/** Ordinal marks after a number: "Capítulo 1º", "Aula 2ª", "Chapitre 1er", "Leçon 2e". */
const ORD_SUFFIX = String.raw`(?:[ºª°]|(?:er|re|ère|ème|e)(?!\p{L}))?`;
/** Ordinals before the word: "Première partie", "Primeira parte", "1ª Parte", "2e partie", "1º Módulo". */
const ORDINAL = String.raw`(\d{1,3}(?:[ºª°]|\.º|ère|re|er|ème|e|st|nd|rd|th)|${Object.keys(ORDINAL_WORDS).join('|')})`;
const SEP = String.raw`\s*(?:[:.\-–—)|]\s*|\s+(?=\S))`;
const words = (list: readonly string[]) => list.join('|');

const CHAPTER_HEAD_RE = new RegExp(String.raw`^(${words(CHAPTER_WORDS)})\s+${NUM}${ORD_SUFFIX}(?:${SEP}(.*))?$`, 'iu');
const CHAPTER_ANYWHERE_RE = new RegExp(
  String.raw`(?<!\p{L})(?:${words(CHAPTER_WORDS)})\s+${NUM}${ORD_SUFFIX}${SEP}`,
  'giu',
);
/** "1º Capítulo: …", "2ª Aula — …": only numeric ordinals (a word like "First lesson" is prose). */
const ORDINAL_CHAPTER_RE = new RegExp(
  String.raw`^(\d{1,3})(?:[ºª°]|\.º|ère|re|er|ème|e)\s+(${words(CHAPTER_WORDS)})(?:${SEP}(.*))?$`,
  'iu',
);
const PART_HEAD_RE = new RegExp(String.raw`^(?:${words(PART_WORDS)})\s+${NUM}${ORD_SUFFIX}(?:${SEP}(.*))?$`, 'iu');
const ORDINAL_PART_RE = new RegExp(String.raw`^${ORDINAL}\s+(?:${words(PART_WORDS)})(?:${SEP}(.*))?$`, 'iu');
/** Chinese and Japanese numbering: 第3章, 第十二章, 第一讲, 第2课; parts 第一部分, 第二篇, 第1部, 第三编, 卷. */
const CJK_NUMERAL = String.raw`(\d{1,4}|[零〇一二两三四五六七八九十百]{1,6})`;
const CJK_CHAPTER_RE = new RegExp(
  String.raw`^第\s*${CJK_NUMERAL}\s*(章|课|課|讲|講|回|单元|單元)\s*[:：.、．\s]*(.*)$`,
  'u',
);
const CJK_PART_RE = new RegExp(String.raw`^第\s*${CJK_NUMERAL}\s*(?:部分|篇|部|编|編|卷)\s*[:：.、．\s]*(.*)$`, 'u');
/** "3.5 Title", "3.5. Title", "Section 3.5: Title", "1.1、标题", "1.1标题". */
const SECTION_ID_RE =
  /^(?:(?:section|sección|seção|secção|abschnitt|sezione|§)\s*)?(\d{1,4}(?:\.\d{1,4})+)\.?(?:[:\-–—)]?\s+|[、：]\s*|$|(?=\p{Script=Han}))/iu;
const QUOTES: Record<string, string> = { '“': '”', '"': '"', '«': '»', '„': '“”', '‘': '’', "'": "'", '「': '」' };
const CJK_DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

export interface ChapterRef {
  number: number;
  /** Title as written (cleaned); empty when the heading names only the number. */
  title: string;
}

/** "12", "十二", "二十一", "一百零五" → the number; null when not a numeral. */
export function cjkNumber(token: string): number | null {
  if (/^\d+$/.test(token)) return Number(token);
  let total = 0;
  let digit = 0;
  for (const ch of token) {
    if (ch in CJK_DIGIT) digit = CJK_DIGIT[ch] ?? 0;
    else if (ch === '十' || ch === '百') {
      total += (digit || 1) * (ch === '十' ? 10 : 100);
      digit = 0;
    } else return null;
  }
  total += digit;
  return total > 0 ? total : null;
}

/** Number of an ordinal written before its word: "Première", "segunda", "1ª", "2e", "3rd". */
function ordinalNumber(token: string): number | null {
  const digits = /^(\d{1,3})/.exec(token);
  if (digits?.[1]) return Number(digits[1]);
  return ORDINAL_WORDS[token.toLowerCase()] ?? null;
}

/** A heading (or a whole line) that is a chapter title: "Chapter 3: Storage", "Capítulo 2 — Modelos". */
export function matchChapterHeading(text: string): ChapterRef | null {
  return readChapterHeading(text)?.ref ?? null;
}

/**
 * The structure word a chapter heading uses, lowercased without accents ("módulo" → "modulo",
 * "第一讲" → "讲"): a course that nests one such word inside another uses the outer one as parts.
 */
export function chapterWord(text: string): string | null {
  return readChapterHeading(text)?.word ?? null;
}

function readChapterHeading(text: string): { ref: ChapterRef; word: string } | null {
  const t = collapse(stripEmoji(text)).replace(/^[*_\s]+|[*_\s]+$/g, '');
  const m = CHAPTER_HEAD_RE.exec(t);
  if (m?.[1] && m[2]) {
    const n = parseNumber(m[2]);
    return n === null ? null : { ref: { number: n, title: titleAfter(m[3] ?? '') }, word: baseWord(m[1]) };
  }
  const o = ORDINAL_CHAPTER_RE.exec(t);
  if (o?.[1] && o[2]) return { ref: { number: Number(o[1]), title: titleAfter(o[3] ?? '') }, word: baseWord(o[2]) };
  const c = CJK_CHAPTER_RE.exec(t);
  if (c?.[1] && c[2]) {
    const n = cjkNumber(c[1]);
    return n === null ? null : { ref: { number: n, title: cleanTitle(c[3] ?? '') }, word: c[2] };
  }
  return null;
}

const baseWord = (w: string) =>
  w
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

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
  if (m?.[1]) {
    const n = parseNumber(m[1]);
    return n === null ? null : { number: n, title: cleanTitle(m[2] ?? '') };
  }
  const o = ORDINAL_PART_RE.exec(t);
  const c = o ? null : CJK_PART_RE.exec(t);
  const n = o?.[1] ? ordinalNumber(o[1]) : c?.[1] ? cjkNumber(c[1]) : null;
  return n === null ? null : { number: n, title: cleanTitle((o ?? c)?.[2] ?? '') };
}

/** List-style enumerators before a section title: "一、", "（二）", "3、", "第二节", "II. ". Not ids: they name no chapter. */
const ENUMERATOR_RE =
  /^(?:第\s*[一二三四五六七八九十百\d]{1,4}\s*[节節](?:\s*[:：、.]\s*|\s+)|[一二三四五六七八九十百]{1,4}\s*、|[（(][一二三四五六七八九十百\d]{1,4}[）)]|\d{1,3}\s*、|[IVX]{1,5}\.(?=\s+\p{Lu}))\s*/u;

/** "一、信号与编码" → "信号与编码"; the text unchanged when it has no enumerator or nothing after it. */
export function stripEnumerator(text: string): string {
  const rest = text.replace(ENUMERATOR_RE, '');
  return rest.trim() === '' ? text : rest;
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
