// Which earlier chapters a sentence says this one builds on: "as we saw in Chapter 3", "builds on
// chapter 2", "Prerequisites: Chapters 1 and 2", "wie in Kapitel 3 gesehen", "如第3章所述". A
// sentence counts only when it both names a chapter by number and says, in one of the phrases
// below, that the reader needs it; a mere mention ("If Chapter 8 described…", "topic of
// Chapter 9", "(from Chapter 7)") is not a prerequisite. Table-driven: add a language by adding
// phrases, not code.
import { CHAPTER_WORDS } from './markers.ts';

/** Phrases that say the reader needs an earlier chapter, per language (regex source, case-insensitive). */
const NEED_PHRASES: Readonly<Record<string, readonly string[]>> = {
  en: [
    'build(?:s|ing)? (?:directly )?(?:up)?on',
    'built (?:up)?on',
    'as (?:we|you) (?:saw|learned|learnt|discussed|covered|described|explained|showed|introduced|defined|did|found)',
    'as (?:discussed|covered|described|explained|shown|introduced|defined|seen) (?:earlier |before |previously )?in',
    'recall',
    'remember (?:from|that)',
    'requires?',
    'assumes?',
    'prerequisites?',
    'relies on',
    'depends on',
    'extends',
  ],
  es: [
    'como (?:vimos|hemos visto|aprendimos|explicamos|vimos antes)',
    'se basa en',
    'partiendo de',
    'requiere',
    'requisitos? previos?',
    'recuerda',
  ],
  fr: [
    "comme (?:nous l['’]avons|on l['’]a) (?:vu|appris|expliqué)",
    "s['’]appuie sur",
    'prolonge',
    'nécessite',
    'prérequis',
    'rappel',
  ],
  de: [
    'wie (?:wir )?(?:in|im)(?: [^.]{0,40})? gesehen',
    'baut (?:direkt )?auf',
    'setzt [^.]{0,40}voraus',
    'voraussetzungen?',
    'erinnern',
  ],
  pt: ['como (?:vimos|aprendemos)', 'baseia-se', 'parte d[oa]', 'requer', 'pré-requisitos?', 'lembre'],
  it: ['come abbiamo visto', 'si basa su', 'richiede', 'prerequisiti', 'ricorda'],
  nl: ['zoals we (?:in|bij)', 'bouwt (?:voort )?op', 'vereist', 'voorkennis', 'vereisten'],
  ru: ['как мы видели', 'опирается на', 'основывается на', 'требует', 'предварительные требования'],
  zh: ['如', '基于', '前置', '先修', '回顾', '在第'],
  ja: ['で見たように', '前提', 'に基づ'],
};

/** CJK chapter references: 第3章 / 第 3 章. */
const CJK_CHAPTER = /第\s*(\d{1,3})\s*章/gu;

const NUMBER = '(\\d{1,3})';
const JOIN = '(?:\\s*(?:,|;|&|and|or|y|e|et|und|en|и|–|—|-|to|a|bis)\\s*)';
const WORD = `(?:${CHAPTER_WORDS.join('|')})(?:s|n|os|es|i)?`;
/** "Chapter 3", "chapters 2 and 3", "Kapitel 2–4", "ch. 5". */
const LATIN_CHAPTERS = new RegExp(`(?<![\\p{L}])${WORD}\\s*${NUMBER}((?:${JOIN}(?:${WORD}\\s*)?\\d{1,3})*)`, 'giu');

const NEED = new RegExp(
  Object.values(NEED_PHRASES)
    .flat()
    .map((p) => (/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(p) ? p : `(?<![\\p{L}])${p}`))
    .join('|'),
  'iu',
);

/** A chapter the sentence names, and where in the sentence. */
export interface ChapterReference {
  chapter: number;
  index: number;
}

/** Chapters a sentence names by number ("Chapters 2–4" names 2, 3 and 4), in order. */
export function chapterReferences(sentence: string): ChapterReference[] {
  const out: ChapterReference[] = [];
  for (const m of sentence.matchAll(LATIN_CHAPTERS)) {
    const first = Number(m[1]);
    const rest = [...(m[2] ?? '').matchAll(/(\d{1,3})/g)].map((x) => Number(x[1]));
    const range = /^\s*(?:–|—|-|to|a|bis)(?!\p{L})\s*(?:\p{L}+\.?\s*)?\d/u.test(m[2] ?? '') && rest.length === 1;
    const numbers = range && rest[0]! > first && rest[0]! - first < 20 ? span(first, rest[0]!) : [first, ...rest];
    for (const chapter of numbers) out.push({ chapter, index: m.index });
  }
  for (const m of sentence.matchAll(CJK_CHAPTER)) out.push({ chapter: Number(m[1]), index: m.index });
  return out.sort((a, b) => a.index - b.index);
}

function span(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** The phrase that says a sentence needs earlier material, or null. */
export function needPhrase(sentence: string): string | null {
  return NEED.exec(sentence)?.[0] ?? null;
}

/** A heading that lists what a chapter needs ("Prerequisites", "Voraussetzungen", "先修知识"). */
export const PREREQUISITE_HEADING =
  /^(?:prerequisites?|before you (?:start|begin)|requisitos(?: previos)?|prérequis|voraussetzungen|pré-requisitos|prerequisiti|voorkennis|предварительные требования|先修|前置知识|前提条件?)\b/iu;

/** Where sentences end: a full stop, question or exclamation mark before space (not after "ch." or "e.g."), or a CJK one. */
const SENTENCE_END = /(?<![\s(](?:ch|chap|cf|e\.g|i\.e|vs|p|bzw|z\.B|S))[.!?]+\s+|[。！？]+/giu;

/** Splits text into sentences, each with its offset in `text`. */
export function sentencesOf(text: string): Array<{ text: string; index: number }> {
  const out: Array<{ text: string; index: number }> = [];
  let start = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    const end = m.index + m[0].length;
    if (text.slice(start, end).trim()) out.push({ text: text.slice(start, end), index: start });
    start = end;
  }
  if (text.slice(start).trim()) out.push({ text: text.slice(start), index: start });
  return out;
}
