// What the print outputs take from each chapter. The rules, documented in the README:
// - groups: the course's parts in order, chapters in part order; chapters in no part follow
//   under "Other chapters" (or "Chapters" when the course has no parts);
// - best analogy: the one of the executive summary, else the first analogy of a top-level
//   section (the chapter's framing image), else the chapter's first analogy;
// - key analogies: the best one, then the others in document order;
// - takeaways: the takeaway table's rows, first column as the concept, second as its essence;
// - key terms (study map): the takeaway rows, then the definitions, then the bold lead terms of
//   lists and paragraphs, in that order, each term once (compared without case and punctuation);
// - summary: the executive summary's paragraphs and lists, else the chapter's introduction
//   paragraphs, else its final insight.
import type { Analogy, Chapter, Course } from '../../model/types.ts';
import { fill, stringsFor } from '../strings.ts';

export interface ChapterGroup {
  label: string;
  chapters: Chapter[];
}

export function chapterGroups(course: Course): ChapterGroup[] {
  const t = stringsFor(course.language);
  const byNumber = new Map(course.chapters.map((c) => [c.number, c]));
  const groups: ChapterGroup[] = course.parts.map((p) => ({
    label: fill(t.partTitle, { n: p.number, title: p.title }),
    chapters: p.chapters.flatMap((n) => byNumber.get(n) ?? []),
  }));
  const inParts = new Set(course.parts.flatMap((p) => p.chapters));
  const loose = course.chapters.filter((c) => !inParts.has(c.number));
  if (loose.length > 0) groups.push({ label: groups.length > 0 ? t.otherChapters : t.chapters, chapters: loose });
  return groups.filter((g) => g.chapters.length > 0);
}

const TOP_LEVEL = /^\d+\.\d+$/;

export function keyAnalogies(chapter: Chapter): Analogy[] {
  const list = chapter.analogies.filter((a) => a.text.trim().length > 0);
  const best =
    list.find((a) => a.sectionId === 'summary') ??
    list.find((a) => a.sectionId !== null && TOP_LEVEL.test(a.sectionId)) ??
    list[0];
  return best ? [best, ...list.filter((a) => a !== best)] : [];
}

export interface TakeawayItem {
  term: string;
  text: string;
}

export function takeawayItems(chapter: Chapter): TakeawayItem[] {
  return (chapter.takeaways?.rows ?? [])
    .map((r) => ({ term: (r[0] ?? '').trim(), text: (r[1] ?? '').trim() }))
    .filter((t) => t.term || t.text);
}

/** A bold lead term longer than this is a phrase, not a term to learn. */
const MAX_TERM = 48;

const termKey = (term: string) =>
  term
    .toLocaleLowerCase()
    .replace(/[\p{P}\p{S}\s]+/gu, ' ')
    .trim();

/** The chapter's key terms, most telling first: takeaway rows, then definitions, then bold lead terms. */
export function keyTerms(chapter: Chapter): TakeawayItem[] {
  const seen = new Set<string>();
  const out: TakeawayItem[] = [];
  const candidates = [...takeawayItems(chapter), ...chapter.definitions, ...chapter.terms];
  for (const c of candidates) {
    const term = c.term
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[:：]$/u, '');
    const key = termKey(term);
    if (!key || seen.has(key) || term.length > MAX_TERM) continue;
    seen.add(key);
    out.push({ term, text: c.text.replace(/\s+/g, ' ').trim() });
  }
  return out;
}
