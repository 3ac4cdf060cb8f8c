// Model → flashcards (pure): definitions and bold terms (term → definition), takeaway-table rows
// (first column → the other columns), analogies both ways (concept → analogy, analogy → concept)
// final insights as cloze cards, quiz questions (question and options → answer and why), and for a
// course without analogies, rules (rule → rationale) and lead terms ("**X** is …"). A card needs both sides; cards with the same kind and front
// are merged (their backs and sources joined). Every card keeps the file:line it came from and a
// GUID derived from the course title and the card's subject, so that a re-import into Anki after
// an edit of the course updates the card instead of adding a second one.
import { createHash } from 'node:crypto';
import type { Chapter, Course, Position, Section } from '../../model/types.ts';
import { isGenericTitle } from '../../model/recognisers/generic-titles.ts';
import { isLabelWord } from '../../model/recognisers/labels.ts';
import { courseRoot, sourceRef as sourceOf, type SourceRef } from '../source.ts';
import { pickCloze, type Cloze } from './cloze.ts';
import { chapterQuiz } from '../../model/recognisers/quiz.ts';
import { technicalCards } from './technical.ts';
import { fill, stringsFor, type UiStrings } from '../strings.ts';

export type CardKind = 'definition' | 'takeaway' | 'analogy' | 'analogy-reverse' | 'insight' | 'quiz' | 'rule';
export const CARD_KINDS: readonly CardKind[] = [
  'definition',
  'takeaway',
  'analogy',
  'analogy-reverse',
  'insight',
  'quiz',
  'rule',
];

export type CardSource = SourceRef;

export interface Card {
  guid: string;
  kind: CardKind;
  /** Plain text of each side (the cloze card's front has "[…]" where the answer goes). */
  front: string;
  back: string;
  /** Insight cards: the text split around the hidden phrase. */
  cloze?: Cloze;
  chapter: number;
  chapterTitle: string;
  chapterSlug: string;
  /** First source first; more when duplicates were merged. */
  sources: CardSource[];
}

/** A card that could not be made (one side empty), with where it came from. */
export interface SkippedCard {
  kind: CardKind;
  subject: string;
  source: CardSource;
}

export interface CardSet {
  cards: Card[];
  skipped: SkippedCard[];
}

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
const capital = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);
const norm = (s: string) =>
  clean(s)
    .toLowerCase()
    .replace(/[*_`"“”'’.:;!?]+/g, '');

interface Draft {
  kind: CardKind;
  /** What the card is about (term, row head, concept): with the kind, the GUID's seed. */
  subject: string;
  front: string;
  back: string;
  cloze?: Cloze;
  at: Position;
}

/** The chain of sections from the top down to the one with this id or slug ([] when none). */
function pathTo(sections: readonly Section[], key: string | null): Section[] {
  if (key === null) return [];
  for (const s of sections) {
    if (s.id === key || s.slug === key) return [s];
    const inner = pathTo(s.sections, key);
    if (inner.length) return [s, ...inner];
  }
  return [];
}

const inside = (outer: Position, at: Position) =>
  at.start.offset >= outer.start.offset && at.start.offset <= outer.end.offset;

/**
 * The concept an analogy illustrates: the bold term of the list item or paragraph it sits in,
 * else the nearest section title that names a topic (a "Disadvantages" or "The Setup"
 * sub-heading says nothing out of context, so its parent's title is used), else the chapter's.
 */
export function concept(chapter: Chapter, sectionId: string | null, at?: Position): string {
  const term = at
    ? chapter.terms.find((t) => inside(t.position, at) && !isGenericTitle(t.term) && !isLabelWord(t.term))
    : undefined;
  if (term) return term.term;
  const path = pathTo(chapter.sections, sectionId);
  return [...path].reverse().find((s) => !isGenericTitle(s.title))?.title ?? chapter.title;
}

/** A card's back as whole sentences: a capital first letter and a full stop (。 after CJK). */
export function sentence(text: string): string {
  const t = capital(clean(text));
  if (t === '' || /[.!?。！？…]["'”’)\]]*$/u.test(t)) return t;
  return /[\u3040-\u30FF\u3400-\u9FFF\uAC00-\uD7A3]$/u.test(t) ? `${t}。` : `${t}.`;
}

function chapterDrafts(chapter: Chapter, ui: UiStrings, technical: boolean): Draft[] {
  const out: Draft[] = [];
  for (const d of [...chapter.definitions, ...chapter.terms]) {
    out.push({ kind: 'definition', subject: d.term, front: d.term, back: sentence(d.text), at: d.position });
  }
  const t = chapter.takeaways;
  if (t) {
    for (const [i, row] of t.rows.entries()) {
      // A GFM table: header line, delimiter line, then one line per row.
      const line = t.table.position.start.line + 2 + i;
      const at = { start: { ...t.table.position.start, line }, end: t.table.position.end };
      const back = row
        .slice(1)
        .map((cell, i) =>
          clean(cell) ? `${clean(t.header[i + 1] ?? '') ? `${clean(t.header[i + 1]!)}: ` : ''}${clean(cell)}` : '',
        )
        .filter(Boolean)
        .join('\n');
      out.push({ kind: 'takeaway', subject: row[0] ?? '', front: row[0] ?? '', back, at });
    }
  }
  for (const a of chapter.analogies) {
    const idea = concept(chapter, a.sectionId === 'summary' ? null : a.sectionId, a.position);
    const text = sentence(a.text);
    out.push({
      kind: 'analogy',
      subject: idea,
      front: fill(ui.whatIsLike, { idea: clean(idea) }),
      back: text,
      at: a.position,
    });
    out.push({
      kind: 'analogy-reverse',
      subject: idea,
      front: fill(ui.whichIdeaIsLike, { text }),
      back: idea,
      at: a.position,
    });
  }
  const f = chapter.finalInsight;
  if (f) {
    const at = f.blocks[0]?.position ?? f.position; // the insight's text, not its heading
    const cloze = pickCloze(f.text, chapter.title);
    if (cloze)
      out.push({
        kind: 'insight',
        subject: chapter.title,
        front: `${cloze.before}[…]${cloze.after}`,
        back: sentence(f.text),
        cloze,
        at,
      });
    else out.push({ kind: 'insight', subject: chapter.title, front: '', back: sentence(f.text), at });
  }
  // A course without analogies (a handbook): rules with their rationale, lead terms explained.
  if (technical) for (const c of technicalCards(chapter)) out.push({ ...c });
  // Quiz questions: the question (with its options) → the answer and why. Unanswered ones are skipped and counted.
  for (const q of chapterQuiz(chapter)) {
    const options = q.options.map((o) => `${o.label ? `${o.label}) ` : ''}${o.text}`).join('\n');
    const back = [q.answer ?? '', q.justification ?? ''].filter(Boolean).join('\n');
    out.push({
      kind: 'quiz',
      subject: q.stem,
      front: options ? `${q.stem}\n${options}` : q.stem,
      back: q.answer ? back : '',
      at: q.position,
    });
  }
  return out;
}

function guidOf(course: Course, kind: CardKind, subject: string, n: number): string {
  const hash = createHash('sha256')
    .update(`coursemap\0${clean(course.title)}\0${kind}\0${norm(subject)}\0${n}`)
    .digest('base64url');
  return hash.slice(0, 12);
}

/** Every card of the course, in chapter and source order, duplicates merged. */
export function courseCards(course: Course): CardSet {
  const root = courseRoot(course);
  const t = stringsFor(course.language);
  const cards: Card[] = [];
  const skipped: SkippedCard[] = [];
  const byFront = new Map<string, Card>();
  const seeds = new Map<string, number>();
  const technical = course.chapters.every((c) => c.analogies.length === 0);
  for (const chapter of course.chapters) {
    for (const d of chapterDrafts(chapter, t, technical)) {
      const source = sourceOf(root, chapter.file, d.at);
      if (!clean(d.front) || !clean(d.back) || !clean(d.subject)) {
        skipped.push({ kind: d.kind, subject: clean(d.subject || d.front || d.back), source });
        continue;
      }
      // Duplicates merge within a chapter; an analogy card holds one analogy (a second one of the
      // same concept is a card of its own), so only an identical back merges there.
      const key = `${chapter.number}\0${d.kind}\0${norm(d.front)}${d.kind.startsWith('analogy') ? `\0${norm(d.back)}` : ''}`;
      const same = byFront.get(key);
      if (same) {
        if (!same.back.split('\n').some((b) => norm(b) === norm(d.back))) same.back = `${same.back}\n${clean(d.back)}`;
        if (!same.sources.some((s) => s.file === source.file && s.line === source.line)) same.sources.push(source);
        continue;
      }
      // The n-th card of a subject (two analogies of one section) gets its own stable seed.
      const seed = `${d.kind}\0${norm(d.subject)}`;
      const n = seeds.get(seed) ?? 0;
      seeds.set(seed, n + 1);
      const card: Card = {
        guid: guidOf(course, d.kind, d.subject, n),
        kind: d.kind,
        front: clean(d.front),
        back: d.kind === 'takeaway' || d.kind === 'quiz' ? d.back : clean(d.back),
        ...(d.kind === 'quiz' ? { front: d.front.trim() } : {}),
        ...(d.cloze ? { cloze: d.cloze } : {}),
        chapter: chapter.number,
        chapterTitle: chapter.title,
        chapterSlug: chapter.slug,
        sources: [source],
      };
      byFront.set(key, card);
      cards.push(card);
    }
  }
  return { cards, skipped };
}

export { sourceText } from '../source.ts';
