// The course's language (BCP-47): front matter `lang`/`language` when given, else detected from the
// text — the share of CJK script for zh/ja/ko, else the most frequent stop words per Latin-script
// language. Pure; the caller reports how it was decided.

export interface LanguageGuess {
  language: string;
  /** 'meta' = front matter, 'detected' = found in the text, 'unsure' = too little evidence (falls back to 'en'). */
  how: 'meta' | 'detected' | 'unsure';
  /** A short reason for the message ("72 % CJK characters", "French stop words 41 of 220 words"). */
  evidence: string;
  /** The best guess even when unsure ('en' when nothing points elsewhere): an unsure English guess is not worth a message. */
  candidate: string;
}

/** Frequent short words that tell Latin-script languages apart (few shared spellings across rows). */
const STOP_WORDS: Record<string, readonly string[]> = {
  en: [
    'the',
    'and',
    'of',
    'to',
    'is',
    'in',
    'that',
    'it',
    'with',
    'for',
    'are',
    'this',
    'as',
    'be',
    'or',
    'you',
    'when',
    'which',
    'not',
    'can',
    'but',
    'by',
    'from',
    'what',
    'how',
    'each',
    'an',
  ],
  fr: [
    'le',
    'la',
    'les',
    'des',
    'du',
    'et',
    'est',
    'une',
    'un',
    'dans',
    'que',
    'qui',
    'pour',
    'pas',
    'sur',
    'au',
    'aux',
    'ce',
    'cette',
    'sont',
    'avec',
    'ou',
    'par',
    'plus',
    'vous',
    'mais',
    'leur',
  ],
  es: [
    'el',
    'los',
    'las',
    'del',
    'y',
    'es',
    'una',
    'en',
    'que',
    'por',
    'con',
    'para',
    'se',
    'lo',
    'su',
    'como',
    'al',
    'más',
    'pero',
    'son',
    'está',
    'cada',
    'cuando',
    'sus',
    'muy',
    'también',
  ],
  pt: [
    'o',
    'os',
    'as',
    'do',
    'da',
    'dos',
    'das',
    'e',
    'é',
    'uma',
    'um',
    'em',
    'no',
    'na',
    'que',
    'com',
    'para',
    'não',
    'por',
    'se',
    'ao',
    'mais',
    'são',
    'como',
    'quando',
    'cada',
    'você',
  ],
  de: [
    'der',
    'die',
    'das',
    'und',
    'ist',
    'nicht',
    'ein',
    'eine',
    'zu',
    'den',
    'mit',
    'sich',
    'des',
    'auf',
    'für',
    'im',
    'dem',
    'von',
    'sie',
    'es',
    'auch',
    'wird',
    'oder',
    'wenn',
    'werden',
    'bei',
    'wie',
  ],
  it: [
    'il',
    'lo',
    'gli',
    'della',
    'di',
    'che',
    'è',
    'per',
    'un',
    'una',
    'non',
    'con',
    'sono',
    'del',
    'le',
    'nel',
    'alla',
    'dei',
    'delle',
    'ogni',
    'più',
    'come',
    'anche',
    'quando',
    'questo',
    'ed',
    'ma',
  ],
  nl: [
    'de',
    'het',
    'een',
    'en',
    'van',
    'is',
    'niet',
    'op',
    'dat',
    'die',
    'te',
    'voor',
    'met',
    'zijn',
    'ook',
    'als',
    'aan',
    'bij',
    'wordt',
    'naar',
    'dit',
    'hoe',
    'maar',
    'worden',
    'kan',
    'er',
    'wat',
  ],
};

const SETS = Object.entries(STOP_WORDS).map(([lang, words]) => [lang, new Set(words)] as const);

/** Fewer words than this, or a winner this close to the runner-up, is "unsure". */
const MIN_WORDS = 40;
const MIN_SHARE = 0.08;
const MIN_LEAD = 1.5;
/** A text whose letters are this share CJK is Chinese/Japanese/Korean (English terms are common in CJK notes). */
const CJK_SHARE = 0.25;

/**
 * Code, inline code, links' targets, HTML and front matter say nothing about the prose's language.
 * The inline patterns are bounded ({0,N}, no line breaks): unbounded, each unclosed `](`, `<` or
 * backtick scanned to the end of the text again, quadratic on hostile input (`[a](<b` × 30,000:
 * 23 s).
 */
export function proseOf(markdown: string): string {
  return markdown
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, ' ')
    .replace(/`[^`\n]{0,1000}`/g, ' ')
    .replace(/\]\([^)\n]{0,500}\)/g, ']')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/<[^>\n]{1,200}>/g, ' ');
}

function cjk(text: string): LanguageGuess | null {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const kana = text.match(/[\p{Script=Hiragana}\p{Script=Katakana}]/gu)?.length ?? 0;
  const hangul = text.match(/\p{Script=Hangul}/gu)?.length ?? 0;
  const latin = text.match(/\p{Script=Latin}/gu)?.length ?? 0;
  const all = han + kana + hangul;
  // A Latin letter is about a fifth of a word; a CJK character about half of one: weigh them alike.
  if (all === 0 || all / (all + latin / 2.5) < CJK_SHARE) return null;
  const language = hangul > all / 2 ? 'ko' : kana > all * 0.1 ? 'ja' : 'zh';
  const share = Math.round((all / (all + latin)) * 100);
  return {
    language,
    how: all >= 20 ? 'detected' : 'unsure',
    evidence: `${all} CJK characters (${share} % of the letters)`,
    candidate: language,
  };
}

function latin(text: string): LanguageGuess {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const scores = SETS.map(([lang, set]) => [lang, words.filter((w) => set.has(w)).length] as const).sort(
    (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
  );
  const [best, second] = [scores[0]!, scores[1]!];
  const sure = words.length >= MIN_WORDS && best[1] >= words.length * MIN_SHARE && best[1] >= second[1] * MIN_LEAD;
  const evidence = `${best[1]} of ${words.length} words are common ${best[0]} words, ${second[1]} ${second[0]}`;
  const candidate = best[1] > 0 ? best[0] : 'en';
  return sure
    ? { language: best[0], how: 'detected', evidence, candidate }
    : { language: 'en', how: 'unsure', evidence, candidate };
}

/** The course language from its front matter or, failing that, from its prose. */
export function courseLanguage(meta: Readonly<Record<string, string>>, markdown: string): LanguageGuess {
  const given = (meta['lang'] ?? meta['language'] ?? '').trim();
  if (given) return { language: given, how: 'meta', evidence: 'front matter', candidate: given };
  const prose = proseOf(markdown);
  const c = cjk(prose);
  if (c) return c.how === 'detected' ? c : { ...c, language: 'en' };
  return latin(prose);
}

/** The primary subtag, lower case: 'zh-Hans-CN' → 'zh'. */
export function primaryLanguage(tag: string): string {
  return (tag.split(/[-_]/)[0] ?? '').toLowerCase() || 'en';
}
