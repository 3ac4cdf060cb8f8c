// Cards from technical text (pure), for courses without analogies (handbooks, references): a
// rule and its rationale ("Hide the version banner" → why), and a lead term explained in the
// sentence it opens ("**TLS** is …", "`max_body` means …"). Courses that teach with analogies
// keep their cards as they are.
import { blocksText } from '../../model/enrich.ts';
import { genericTitleKind } from '../../model/recognisers/generic-titles.ts';
import { collapse, inlineText } from '../../model/text.ts';
import type { Block, Chapter, Inline, Position, Section } from '../../model/types.ts';

export interface TechnicalCard {
  kind: 'rule' | 'definition';
  subject: string;
  front: string;
  back: string;
  at: Position;
}

/** At most this many sentences of a rationale go on a card's back. */
const RATIONALE_SENTENCES = 3;
/** "is", "means" and their kin in the strings-table languages, right after the lead term. */
const COPULA =
  /^\s*(?:is|are|means|refers to|es|son|significa|est|sont|signifie|ist|sind|bedeutet|è|sono|é|são)\s+\S/iu;

const sentences = (text: string, n: number) =>
  (text.match(/[^.!?。！？]+(?:[.!?。！？]+|$)/gu) ?? [text]).slice(0, n).join('').trim();

/** The chapter's rules: sections with a Rationale / Why / Justificación subsection (or lead paragraph). */
function rules(sections: readonly Section[], out: TechnicalCard[]): void {
  for (const s of sections) {
    const why = s.sections.find((x) => genericTitleKind(x.title) === 'rationale');
    const text = why ? collapse(blocksText(why.blocks)) : '';
    if (why && text)
      out.push({
        kind: 'rule',
        subject: s.title,
        front: s.title,
        back: sentences(text, RATIONALE_SENTENCES),
        at: why.position,
      });
    rules(s.sections, out);
  }
}

/** "**X** is …" / "`X` means …": the lead term and its sentence. */
function leadTerm(children: readonly Inline[]): { term: string; text: string } | null {
  const [head, next] = children;
  if (
    !head ||
    (head.type !== 'strong' && head.type !== 'inlineCode') ||
    next?.type !== 'text' ||
    !COPULA.test(next.value)
  )
    return null;
  const term = collapse(head.type === 'inlineCode' ? head.value : inlineText(head.children));
  if (!term || term.split(/\s+/).length > 5) return null;
  return { term, text: sentences(collapse(inlineText(children)), 1) };
}

function definitions(blocks: readonly Block[], out: TechnicalCard[]): void {
  for (const b of blocks) {
    if (b.type === 'paragraph') {
      const d = leadTerm(b.children);
      if (d) out.push({ kind: 'definition', subject: d.term, front: d.term, back: d.text, at: b.position });
    } else if (b.type === 'quote') definitions(b.children, out);
    else if (b.type === 'list') for (const i of b.items) definitions(i.children, out);
  }
}

/** The technical cards of a chapter, in source order of kind (rules first, then terms). */
export function technicalCards(chapter: Chapter): TechnicalCard[] {
  const out: TechnicalCard[] = [];
  rules(chapter.sections, out);
  const walk = (list: readonly Section[]) => list.forEach((s) => (definitions(s.blocks, out), walk(s.sections)));
  definitions(chapter.intro, out);
  walk(chapter.sections);
  return out;
}
