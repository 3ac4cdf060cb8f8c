// Small text helpers shared by the recognisers: plain text, emoji, slugs.
import type { Inline } from './types.ts';

/** Emoji and their modifiers: pictographs, keycaps (1️⃣), flags, ZWJ sequences, skin tones. */
const EMOJI_RE =
  /(?:[0-9#*]\uFE0F?\u20E3|\p{Regional_Indicator}{2}|\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?(?:\u200D\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?)*)/gu;
const LEADING_EMOJI_RE = new RegExp(`^\\s*((?:${EMOJI_RE.source}\\s*)+)`, 'u');

export function stripEmoji(text: string): string {
  return text.replace(EMOJI_RE, '').replace(/[\uFE0F\u200D]/g, '');
}

/** Splits "🧩 1.1 Title" into the leading emoji ("🧩") and the rest. */
export function splitLeadingEmoji(text: string): { icon: string | null; rest: string } {
  const m = LEADING_EMOJI_RE.exec(text);
  if (!m?.[1]) return { icon: null, rest: text };
  return { icon: m[1].replace(/\s+/g, ''), rest: text.slice(m[0].length) };
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Plain text of inline content (markup dropped, breaks as spaces). */
export function inlineText(nodes: readonly Inline[]): string {
  let out = '';
  for (const n of nodes) {
    switch (n.type) {
      case 'text':
      case 'inlineCode':
        out += n.value;
        break;
      case 'break':
        out += ' ';
        break;
      case 'image':
        out += n.alt;
        break;
      case 'html':
        break;
      default:
        out += inlineText(n.children);
    }
  }
  return out;
}

/** A clean display title: no emoji, no surrounding quotes or trailing punctuation, one line. */
export function cleanTitle(text: string): string {
  let t = collapse(stripEmoji(text));
  t = t.replace(/^[\s"'“”‘’«»„*_]+|[\s"'“”‘’«»„*_]+$/gu, '');
  t = t.replace(/[.:;,]+$/u, '').trim();
  t = t.replace(/^[\s"'“”‘’«»„*_]+|[\s"'“”‘’«»„*_]+$/gu, '');
  return t;
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/** Longest slug, in characters (a file name stays far below 255 bytes even in CJK). */
const SLUG_MAX = 60;
const words = new Intl.Segmenter('und', { granularity: 'word' });

/**
 * Filesystem-safe, readable slug: letters and digits of every script kept as written (accents,
 * Chinese), lower case; everything else (punctuation, slashes, dots, emoji, controls) becomes a
 * single hyphen. A long slug is cut at a word boundary (a hyphen, or between CJK words), never
 * mid-word. The same title always gives the same slug.
 */
export function slugify(text: string, fallback: string): string {
  const full = stripEmoji(text)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  const base = cutAtWord(full, SLUG_MAX);
  if (!base || WINDOWS_RESERVED.test(base)) return fallback;
  return base;
}

/** The longest run of whole words (word segments and the hyphens between them) within `max` characters. */
function cutAtWord(slug: string, max: number): string {
  if ([...slug].length <= max) return slug;
  let out = '';
  for (const { segment } of words.segment(slug)) {
    if ([...out].length + [...segment].length > max) break;
    out += segment;
  }
  // A single word longer than the limit is cut (there is no boundary to keep).
  if (out.replace(/-/g, '') === '') out = [...slug].slice(0, max).join('');
  return out.replace(/-+$/, '');
}

/** Returns a slug not yet in `taken` (adds -2, -3…), and records it. */
export function uniqueSlug(slug: string, taken: Set<string>): string {
  let candidate = slug;
  for (let i = 2; taken.has(candidate); i++) candidate = `${slug}-${i}`;
  taken.add(candidate);
  return candidate;
}

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };
const WORD_NUMBERS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  uno: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  un: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  eins: 1,
  zwei: 2,
  drei: 3,
  vier: 4,
  fünf: 5,
  um: 1,
  dois: 2,
  três: 3,
};

/** Ordinal words that come before "part" ("Première partie", "Primeira parte", "Second part"). */
export const ORDINAL_WORDS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  première: 1,
  premiere: 1,
  premier: 1,
  deuxième: 2,
  deuxieme: 2,
  seconde: 2,
  troisième: 3,
  troisieme: 3,
  quatrième: 4,
  quatrieme: 4,
  cinquième: 5,
  cinquieme: 5,
  sixième: 6,
  sixieme: 6,
  primeira: 1,
  primeiro: 1,
  segunda: 2,
  segundo: 2,
  terceira: 3,
  terceiro: 3,
  quarta: 4,
  quarto: 4,
  quinta: 5,
  quinto: 5,
  sexta: 6,
  sexto: 6,
  primera: 1,
  tercera: 3,
  erster: 1,
  zweiter: 2,
  dritter: 3,
};

/** "III" → 3, "12" → 12, "two" → 2; null when not a number. */
export function parseNumber(token: string): number | null {
  const t = token.toLowerCase();
  if (/^\d+$/.test(t)) return Number(t);
  if (WORD_NUMBERS[t] !== undefined) return WORD_NUMBERS[t];
  if (!/^[ivxlc]+$/.test(t)) return null;
  let total = 0;
  for (let i = 0; i < t.length; i++) {
    const v = ROMAN[t[i] as string] ?? 0;
    const next = ROMAN[t[i + 1] as string] ?? 0;
    total += v < next ? -v : v;
  }
  return total > 0 ? total : null;
}
