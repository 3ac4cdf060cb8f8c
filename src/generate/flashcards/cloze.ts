// Which phrase of a final insight a cloze card hides: the punchline after the last dash or colon
// when it is short ("Consensus transforms chaos into order — at a cost."), else the last content
// words of the sentence ("…a chaotic world of concurrency." → "concurrency"). Never a word of
// the chapter's title alone, which the deck name already gives away.

export interface Cloze {
  before: string;
  answer: string;
  after: string;
}

/** Small words a cloze never hides on their own (English, French, Spanish, Portuguese, German). */
const STOP = new Set(
  (
    'a an the of in on at to for from by with and or but not no is are be was were it its this that these those as into than then so ' +
    'le la les un une des du de et ou en au aux est sont el los las y o es son del al um uma os e do da dos das der die das und ist ein eine'
  ).split(' '),
);

const MAX_WORDS = 8;

function words(s: string): string[] {
  return s.split(/\s+/).filter(Boolean);
}

const bare = (w: string) => w.toLowerCase().replace(/[^\p{L}\p{N}-]/gu, '');

function split(text: string, start: number, end: number): Cloze {
  return { before: text.slice(0, start), answer: text.slice(start, end), after: text.slice(end) };
}

export function pickCloze(raw: string, chapterTitle: string): Cloze | null {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (!text) return null;
  const title = new Set(words(chapterTitle).map(bare));
  // Punchline: after the last em/en dash or colon, up to the end of its sentence.
  const dash = Math.max(
    text.lastIndexOf(' — '),
    text.lastIndexOf(' – '),
    text.lastIndexOf('—'),
    text.lastIndexOf(': '),
  );
  if (dash > 0) {
    const from = text.slice(dash).search(/[\p{L}\p{N}]/u) + dash;
    const stop = text.slice(from).search(/[.!?…]*$|[.!?…](\s|$)/u);
    const end = stop < 0 ? text.length : from + stop;
    const phrase = text.slice(from, end);
    const n = words(phrase).length;
    if (n >= 1 && n <= MAX_WORDS && words(phrase).some((w) => !STOP.has(bare(w)) && !title.has(bare(w))))
      return split(text, from, end);
  }
  // Else the last content word of the first sentence (with a hyphenated or preceding adjective kept whole).
  const first = /^[\s\S]*?[.!?…](?=\s|$)/u.exec(text)?.[0] ?? text;
  const re = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
  let best: { start: number; end: number } | null = null;
  for (const m of first.matchAll(re)) {
    const w = bare(m[0]);
    if (w.length < 4 || STOP.has(w) || title.has(w)) continue;
    best = { start: m.index, end: m.index + m[0].length };
  }
  return best ? split(text, best.start, best.end) : null;
}
