// Quiz blocks → questions (pure). Courses end sections with self-checks written in many ways:
// "**Pregunta 3.** ¿…?" then a list of options marked ✅/❌ or `[x]`, an "Answer: b — because…"
// line, a numbered list of questions with their options nested, a heading per question, and a
// separate "Answers"/"Respuestas" section whose entries ("P1: b …", "1. **B** — …") refer back by
// number. The recognisers are word tables in the strings-table languages, not code per course.
import { genericTitleKind } from './generic-titles.ts';
import { collapse, inlineText } from '../text.ts';
import type { Block, Chapter, ListItem, Position, QuizOption, QuizQuestion, Section } from '../types.ts';

const Q_WORDS = 'pregunta|question|questão|frage|domanda|pergunta|quiz|q|p|问题|题';
/** "Pregunta 3.", "**Q3:**", "3)" at the start of a question; group 1 or 2 is the number. */
const NUMBERED = new RegExp(`^\\s*(?:(?:${Q_WORDS})\\s*(\\d+)|(\\d+)\\s*[.)])\\s*[.:)：-]?\\s*`, 'iu');
const ANSWER_WORDS =
  'respuesta(?:\\s+correcta)?|correct answer|answer|réponse|antwort|resposta|risposta|lösung|solución|solution|答案|correcta';
const ANSWER_LINE = new RegExp(`^\\s*(?:${ANSWER_WORDS})\\s*[:：]\\s*`, 'iu');
/** An answers-section entry: "P1:", "Pregunta 1 -", "1." (group 1 or 2 is the number). */
const ANSWER_ENTRY = new RegExp(`^\\s*(?:(?:${Q_WORDS})\\s*(\\d+)|(\\d+))\\s*[.:)：—–-]\\s*`, 'iu');
/** An option's label: "a)", "(B)", "C.", "d:" */
const OPTION_LABEL = /^\s*\(?([a-hA-H])[).:]\s+/u;
/** A leading option letter in an answer: "b", "**B**", "b)", then a separator. */
const ANSWER_LETTER = /^\s*\(?([a-hA-H])\)?(?=$|[\s).:,;—–-])[).:]?\s*(?:[—–:,;-]\s*)?/u;
const RIGHT = /\s*(?:✅|✔️?|☑️?|✓|\((?:correct|correcta|correcto|correcte|richtig|corretta|correta)\))\s*/giu;
const WRONG = /\s*(?:❌|✖️?|✗|❎)\s*/gu;
const JUSTIFY =
  /^\s*(?:justificación|justification|explicación|explanation|why|porque|because|pourquoi|begründung|perché|razão)\s*[:：]\s*/iu;

const paragraphText = (b: Block | undefined): string =>
  b?.type === 'paragraph' ? collapse(inlineText(b.children)) : '';
const itemText = (item: ListItem): string => paragraphText(item.children.find((c) => c.type === 'paragraph'));
const span = (a: Position, b: Position): Position => ({ start: a.start, end: b.end });

function option(item: ListItem): QuizOption {
  let text = itemText(item);
  let correct: boolean | null = item.checked;
  if (RIGHT.test(text)) correct = true;
  RIGHT.lastIndex = 0;
  if (WRONG.test(text)) correct = correct ?? false;
  WRONG.lastIndex = 0;
  text = collapse(text.replace(RIGHT, ' ').replace(WRONG, ' '));
  const m = OPTION_LABEL.exec(text);
  return { label: m ? m[1]! : null, text: m ? text.slice(m[0].length).trim() : text, correct };
}

/** A list reads as options: two or more short items, labelled or marked (✅, [x]) or under a question. */
function optionsOf(b: Block | undefined, asked: boolean): QuizOption[] | null {
  if (b?.type !== 'list' || b.items.length < 2) return null;
  if (b.items.some((i) => i.children.some((c) => c.type !== 'paragraph') || itemText(i).split(/\s+/).length > 40))
    return null;
  const options = b.items.map(option);
  const marked = options.every((o) => o.label !== null) || options.some((o) => o.correct !== null);
  return marked || asked ? options : null;
}

/** "b — because …" → answer "b) float" (the option's text added) and the justification. */
function readAnswer(
  text: string,
  options: readonly QuizOption[],
): { answer: string; justification: string | null; label: string | null } {
  const m = ANSWER_LETTER.exec(text);
  const opt = m ? options.find((o) => o.label?.toLowerCase() === m[1]!.toLowerCase()) : undefined;
  if (!m || (options.length > 0 && !opt)) return { answer: text, justification: null, label: null };
  let rest = text.slice(m[0].length).trim();
  // "b) float, porque …": the option's own text repeated before the reason.
  const after = opt ? rest.slice(opt.text.length) : '';
  if (opt && rest.toLowerCase().startsWith(opt.text.toLowerCase()) && /^(?:$|\s*[,;:.—–-])/u.test(after))
    rest = after.replace(/^[\s,;:.—–-]+/, '');
  const answer = opt ? `${opt.label}) ${opt.text}` : m[1]!;
  return { answer, justification: rest || null, label: m[1]!.toLowerCase() };
}

function question(
  number: number,
  stem: string,
  options: QuizOption[],
  sectionId: string,
  position: Position,
): QuizQuestion {
  const right = options.filter((o) => o.correct === true);
  // One option marked right: the unmarked ones are wrong.
  if (right.length) for (const o of options) o.correct ??= false;
  const answer = right.length ? right.map((o) => (o.label ? `${o.label}) ${o.text}` : o.text)).join('; ') : null;
  return { number, stem, options, answer, justification: null, sectionId, position, answerPosition: null };
}

/** An answer line right after a question ("Respuesta: b — …") fills in its answer. */
function answerLine(q: QuizQuestion, b: Block | undefined): boolean {
  const text = paragraphText(b);
  const m = ANSWER_LINE.exec(text);
  if (!m || !b) return false;
  const read = readAnswer(text.slice(m[0].length), q.options);
  Object.assign(q, {
    answer: read.answer,
    justification: read.justification ?? q.justification,
    position: span(q.position, b.position),
  });
  for (const o of q.options) if (read.label && o.label) o.correct = o.label.toLowerCase() === read.label;
  return true;
}

/** A "Justificación: …" / "Why: …" paragraph after a question or its answer line. */
function justification(q: QuizQuestion, b: Block | undefined): boolean {
  const text = paragraphText(b);
  const m = JUSTIFY.exec(text);
  if (!m || !b) return false;
  Object.assign(q, { justification: text.slice(m[0].length), position: span(q.position, b.position) });
  return true;
}

/** Questions written in a section's own blocks. */
function blockQuestions(s: Section, key: string, counter: { n: number }): QuizQuestion[] {
  const out: QuizQuestion[] = [];
  const blocks = s.blocks;
  const quizSection = genericTitleKind(s.title) === 'question';
  const titled = quizSection ? /(\d+)\s*$/.exec(s.title) : null;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const text = paragraphText(b);
    const num = NUMBERED.exec(text);
    if (b.type === 'paragraph' && (num || (text.endsWith('?') && (titled || optionsOf(blocks[i + 1], false))))) {
      const options = optionsOf(blocks[i + 1], true) ?? [];
      if (!num && !titled && options.length === 0) continue;
      // A numbered line without options is a question only when it asks one in a quiz section, or says "Pregunta/Q".
      if (num && options.length === 0 && (!/[?？]\s*$/.test(text) || !(quizSection || num[1]))) continue;
      const n = num ? Number(num[1] ?? num[2]) : titled ? Number(titled[1]) : counter.n + 1;
      const end = options.length ? blocks[i + 1]!.position : b.position;
      const q = question(n, num ? text.slice(num[0].length) : text, options, key, span(b.position, end));
      if (options.length) i++;
      if (answerLine(q, blocks[i + 1])) i++;
      if (justification(q, blocks[i + 1])) i++;
      out.push(q);
      counter.n = n;
    } else if (
      b.type === 'list' &&
      b.ordered &&
      b.items.length > 0 &&
      b.items.every((it) => /[?？]\s*$/.test(itemText(it))) &&
      (quizSection ||
        b.items.some((it) =>
          optionsOf(
            it.children.find((c) => c.type === 'list'),
            false,
          ),
        ))
    ) {
      // A numbered list of questions, each with its options nested under it.
      b.items.forEach((it, k) => {
        const nested = it.children.find((c) => c.type === 'list');
        const n = (b.start ?? 1) + k;
        out.push(question(n, itemText(it), optionsOf(nested, true) ?? [], key, b.position));
        counter.n = n;
      });
      if (answerLine(out[out.length - 1]!, blocks[i + 1])) i++;
    }
  }
  return out;
}

/** Entries of an answers section: number → text and where it is written. */
function answerEntries(s: Section): Array<{ n: number; text: string; at: Position }> {
  const out: Array<{ n: number; text: string; at: Position }> = [];
  for (const b of s.blocks) {
    if (b.type === 'list') {
      b.items.forEach((it, k) => {
        const text = itemText(it);
        const m = ANSWER_ENTRY.exec(text);
        if (m) out.push({ n: Number(m[1] ?? m[2]), text: text.slice(m[0].length), at: b.position });
        else if (b.ordered) out.push({ n: (b.start ?? 1) + k, text, at: b.position });
      });
    } else if (b.type === 'paragraph') {
      const text = paragraphText(b);
      const m = ANSWER_ENTRY.exec(text);
      if (m) out.push({ n: Number(m[1] ?? m[2]), text: text.slice(m[0].length), at: b.position });
    }
  }
  return out;
}

const keyOf = (s: Section) => s.id ?? s.slug;

/** Every quiz question of a chapter, in order, answers from answers sections filled in. */
export function chapterQuiz(chapter: Chapter): QuizQuestion[] {
  const out: QuizQuestion[] = [];
  const counter = { n: 0 };
  const walk = (list: readonly Section[]) => {
    for (const s of list) {
      if (genericTitleKind(s.title) === 'answer') {
        for (const e of answerEntries(s)) {
          // The latest question with that number before the answers section.
          const q = [...out].reverse().find((x) => x.number === e.n);
          if (!q || q.answerPosition) continue;
          const read = readAnswer(e.text, q.options);
          q.answer = read.answer;
          q.justification = read.justification ?? q.justification;
          q.answerPosition = e.at;
          for (const o of q.options) if (read.label && o.label) o.correct = o.label.toLowerCase() === read.label;
        }
      } else out.push(...blockQuestions(s, keyOf(s), counter));
      walk(s.sections);
    }
  };
  walk(chapter.sections);
  return out;
}

/** True when every entry of an answers section answered a question (the section needs no slides of its own). */
export function answersUsed(section: Section, quiz: readonly QuizQuestion[]): boolean {
  if (genericTitleKind(section.title) !== 'answer') return false;
  const entries = answerEntries(section);
  const blocks = section.blocks.filter((b) => b.type !== 'thematicBreak');
  return (
    entries.length > 0 &&
    blocks.every((b) => quiz.some((q) => q.answerPosition?.start.offset === b.position.start.offset)) &&
    entries.every((e) => quiz.some((q) => q.answerPosition?.start.offset === e.at.start.offset && q.number === e.n))
  );
}
