// Recognisers for chat-transcript filler: acknowledgements, offers and wrap-ups that an
// assistant puts between chapters. Table-driven; each table is a list of phrase starts.
import { collapse, stripEmoji } from '../text.ts';

/** Short acknowledgement lines: "Perfect, Diego ⚙️", "Excellent choice 👏 —". */
// biome-ignore format: word lists, several words to a line
const ACK_WORDS = [
  'perfect', 'excellent', 'great', 'awesome', 'sure', 'absolutely', 'of course', 'got it', 'alright', 'all right',
  'okay', 'ok', 'wonderful', 'fantastic', 'certainly', 'nice', 'brilliant', 'amazing', 'good', 'cool', 'yes',
  'sounds good', 'love it', 'lovely', 'super', 'done', 'understood', 'noted', 'right', 'fair enough',
  'perfecto', 'excelente', 'genial', 'claro', 'por supuesto', 'muy bien', 'vale', 'listo', 'buenísimo',
  'parfait', 'très bien', 'génial', "d'accord", 'bien sûr', 'entendu',
  'perfekt', 'prima', 'klar', 'sehr gut', 'alles klar', 'gerne',
  'perfeito', 'ótimo', 'otimo', 'claro', 'ottimo', 'certo', 'benissimo', 'va bene', 'beleza', 'combinado', 'com certeza', 'tudo bem', 'legal',
  '好的', '好嘞', '当然', '当然可以', '没问题', '太好了', '明白了', '收到', '好',
];
/** Chinese offers are questions: "需要我继续讲第三章吗？" (a line that only starts like one is content). */
const CJK_QUESTIONS = ['需要我', '要不要我', '是否需要', '要我', '要继续', '你想让我', '你希望我'];
/** Offers and questions that end an assistant turn. */
// biome-ignore format: word lists, several words to a line
const OFFER_STARTS = [
  'would you like', 'do you want', 'shall i', 'should i', 'want me to', 'let me know', "if you'd like", 'if you would like',
  'if you want', 'would it help', 'ready for', 'ready to', 'next, i can', 'i can also', 'do you prefer', 'which would you',
  '¿quieres', '¿te gustaría', '¿deseas', '¿prefieres', 'quieres que', 'si quieres', 'voulez-vous', 'souhaitez-vous',
  'veux-tu', 'tu veux', 'souhaites-tu', 'dois-je', 'on continue', 'möchtest du', 'möchten sie', 'soll ich', 'vuoi', 'desideri',
  'quer que', 'você gostaria', 'gostaria que', 'posso continuar', 'quer continuar', 'deseja que', 'se quiser',
  '如果你愿意', '如果你需要', '如果需要的话', ...CJK_QUESTIONS,
];
/** Lines that close a turn: "✅ With this, you’ve completed…", "End of Book Summary". */
// biome-ignore format: word lists, several words to a line
const WRAP_UP_STARTS = [
  'with this, you', "you've just completed", 'you have just completed', "you've completed", 'you have completed',
  'you now have', 'end of', 'that concludes', 'this concludes', "that's the end", 'that wraps up', 'and that’s',
  'here’s your', "here's your", 'here is your',
  'con esto', 'has completado', 'fin del', 'voilà', 'et voilà', 'tu as terminé', 'vous avez terminé', 'ainsi se termine', 'damit hast du',
  'com isso, você', 'você concluiu', 'você terminou', 'e assim terminamos', '以上就是', '本章到此结束', '恭喜你',
];
const WRAP_UP_MARKS = /^[✅🎉🎓🏁✔☑]/u;
/** Lead-ins that only announce what comes next: "Let’s begin the first module 👇". */
// biome-ignore format: word lists, several words to a line
const LEAD_IN_STARTS = [
  "let's begin", "let's start", "let's move", "let's dive", "let's continue", "let's now", "let's go", 'now we move',
  'now we arrive', "we've reached", 'we have reached', 'now we', "here's a", 'here is a', "here's the", 'here is the',
  'empecemos', 'comencemos', 'vamos con', 'passons', 'commençons', 'allons-y', "c'est parti", 'beginnen wir', 'weiter geht',
  'vamos começar', 'vamos lá', 'agora vamos', 'vamos para', '我们开始', '下面我们', '现在我们来', '接下来我们',
];

/** Speaker labels of chat exports ("**User:** …", "You said:", "## ChatGPT said:", "助手："): who speaks. */
// biome-ignore format: word lists, several words to a line
const SPEAKERS: Record<string, 'user' | 'assistant'> = {
  user: 'user', you: 'user', 'you said': 'user', human: 'user', prompt: 'user', me: 'user',
  'usuário': 'user', usuario: 'user', utilisateur: 'user', utilisatrice: 'user', benutzer: 'user', nutzer: 'user', utente: 'user', 用户: 'user', 提问: 'user',
  assistant: 'assistant', 'chatgpt said': 'assistant', chatgpt: 'assistant', claude: 'assistant', gemini: 'assistant', copilot: 'assistant',
  ai: 'assistant', bot: 'assistant', response: 'assistant', assistente: 'assistant', asistente: 'assistant', 助手: 'assistant', 回答: 'assistant',
};
/** Labels that name a speaker even without a colon when they are a whole heading ("## User", "### ChatGPT"). */
// biome-ignore format: word lists, several words to a line
const BARE_SPEAKERS = new Set(['user', 'you said', 'human', 'assistant', 'chatgpt', 'chatgpt said', 'claude', 'gemini', 'copilot', '用户', '助手']);
const SPEAKER_RE = new RegExp(
  `^(${Object.keys(SPEAKERS)
    .sort((a, b) => b.length - a.length)
    .join('|')})\\s*[:：]\\s*(.*)$`,
  'iu',
);

export interface SpeakerTurn {
  who: 'user' | 'assistant';
  /** The text after the label on the same line. */
  rest: string;
}

/** Labels that start ordinary lines of a course ("Prompt: write a haiku…"): speakers only as headings. */
const HEADING_ONLY = new Set(['prompt', 'response', 'ai', 'bot', 'me']);

/** "User: yes please" → a user turn; "**Assistant:** Sure!" → an assistant turn with "Sure!". */
export function speakerTurn(line: string): SpeakerTurn | null {
  // Markup is dropped: the label may be bold with or without its colon ("**User:**", "**User**:").
  const m = SPEAKER_RE.exec(collapse(stripEmoji(line).replace(/[*_]/g, '')));
  const who = m?.[1] && !HEADING_ONLY.has(m[1].toLowerCase()) ? SPEAKERS[m[1].toLowerCase()] : undefined;
  return who ? { who, rest: (m?.[2] ?? '').trim() } : null;
}

/** A heading that only names a speaker: "## User", "### ChatGPT said:", "## Prompt:". */
export function speakerHeading(text: string): SpeakerTurn['who'] | null {
  const t = collapse(stripEmoji(text)).replace(/^[*_\s]+|[*_\s]+$/g, '');
  const colon = /[:：]$/.test(t);
  const label = t.replace(/\s*[:：]$/, '').toLowerCase();
  const who = SPEAKERS[label];
  return who && (colon || BARE_SPEAKERS.has(label)) ? who : null;
}

const norm = (line: string) => collapse(stripEmoji(line)).toLowerCase().replace(/[’‘]/g, "'");
// Chinese has no spaces: a word ending in a Han character is matched as a prefix.
const startsWithAny = (text: string, list: readonly string[]) =>
  list.some(
    (w) =>
      text.startsWith(w.replace(/[’‘]/g, "'")) && (/\p{Script=Han}$/u.test(w) || !/\p{L}/u.test(text.charAt(w.length))),
  );

/** Words that also start ordinary sentences ("Right over left…", "Good design…", "Claro que…"): acknowledgements only when alone. */
// biome-ignore format: word lists, several words to a line
const PLAIN_WORDS = new Set(['right', 'good', 'nice', 'cool', 'done', 'super', 'yes', 'ok', 'okay', 'noted', 'claro', 'certo', 'prima', 'klar', 'vale', 'listo', 'entendu', 'legal', '好', '当然', '收到']);

export function isAcknowledgement(line: string): boolean {
  const t = norm(line);
  // Six words, or (without spaces) a short Chinese line: "好的，我们继续！".
  if (
    !t ||
    t.split(' ').length > 6 ||
    [...t].length > 60 ||
    /\p{Script=Han}{13}/u.test(t.replace(/\P{Script=Han}/gu, '')) ||
    /[?？]$/.test(t)
  )
    return false;
  const word = ACK_WORDS.find((w) => startsWithAny(t, [w]));
  if (!word) return false;
  return !PLAIN_WORDS.has(word) || /^\s*(?:[!,.…—–:;-]|$)/u.test(t.slice(word.length));
}

export function isOffer(text: string): boolean {
  const t = norm(text);
  if (!startsWithAny(t, OFFER_STARTS)) return false;
  return !startsWithAny(t, CJK_QUESTIONS) || /[?？]\s*\S{0,3}$/u.test(t);
}

export function isWrapUp(line: string): boolean {
  if (WRAP_UP_MARKS.test(line.trim())) return true;
  return startsWithAny(norm(line).replace(/^[*_\s]+/, ''), WRAP_UP_STARTS);
}

export function isLeadIn(line: string): boolean {
  return startsWithAny(norm(line), LEAD_IN_STARTS);
}
