// The earlier chapters a chapter's own text says it builds on (recognisers/prerequisites.ts says
// which sentences count), each with the line that says so. Only earlier chapters count: a reader
// cannot need a chapter the course has not reached yet.
import { chapterReferences, needPhrase, PREREQUISITE_HEADING, sentencesOf } from './recognisers/prerequisites.ts';
import { flattenSections } from './sections.ts';
import { collapse, inlineText } from './text.ts';
import type { Block, Chapter, Point, Prerequisite } from './types.ts';

/** Prerequisites of chapter `number`, in the order its text names them, one per chapter. */
export function findPrerequisites(chapter: Pick<Chapter, 'number' | 'intro' | 'sections'>): Prerequisite[] {
  const found = new Map<number, Prerequisite>();
  const add = (list: Prerequisite[]) => {
    for (const p of list)
      if (p.chapter >= 1 && p.chapter < chapter.number && !found.has(p.chapter)) found.set(p.chapter, p);
  };
  add(blocksPrerequisites(chapter.intro, null));
  for (const s of flattenSections(chapter.sections))
    add(blocksPrerequisites(s.blocks, PREREQUISITE_HEADING.test(s.title) ? s.title : null));
  return [...found.values()];
}

/** In `blocks`; under a "Prerequisites" heading (`heading`), every chapter named counts. */
function blocksPrerequisites(blocks: readonly Block[], heading: string | null): Prerequisite[] {
  return blocks.flatMap((b): Prerequisite[] => {
    if (b.type === 'paragraph') return paragraphPrerequisites(inlineText(b.children), b.position.start, heading);
    if (b.type === 'list') return b.items.flatMap((i) => blocksPrerequisites(i.children, heading));
    if (b.type === 'quote') return blocksPrerequisites(b.children, heading);
    return [];
  });
}

function paragraphPrerequisites(text: string, start: Point, heading: string | null): Prerequisite[] {
  const out: Prerequisite[] = [];
  for (const s of sentencesOf(text)) {
    const phrase = needPhrase(s.text) ?? heading;
    if (!phrase) continue;
    for (const ref of chapterReferences(s.text)) {
      const before = text.slice(0, s.index + ref.index);
      const lines = before.split('\n');
      out.push({
        chapter: ref.chapter,
        phrase,
        text: collapse(s.text),
        line: start.line + lines.length - 1,
        column: lines.length > 1 ? (lines.at(-1)?.length ?? 0) + 1 : start.column + before.length,
      });
    }
  }
  return out;
}
