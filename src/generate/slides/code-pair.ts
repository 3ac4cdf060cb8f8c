// Two short code blocks that follow each other in one section — an old and a new version, a
// before and an after, a request and its response — are read together: they share one slide,
// side by side, each under its own lead-in (rule "code-pair"). Pure, over the drafted slides.
import { CODE, LIMITS } from './rules.ts';
import type { Draft } from './flow.ts';
import type { Slide } from './types.ts';

/** One side of a paired code slide. */
export type CodeSide = Pick<Slide, 'leadHtml' | 'codeLines' | 'code' | 'lang' | 'startLine' | 'lineBase' | 'codeNote'>;

/** Wrapped rows of a block in half the slide's width. */
const halfRows = (code: string) =>
  code
    .split('\n')
    .reduce(
      (k, l) => k + Math.max(1, Math.ceil(l.replace(/\t/g, '    ').length / Math.floor(CODE.columns / 2 - 4))),
      0,
    );
const leadChars = (d: Draft) => (d.leadHtml ?? '').replace(/<[^>]+>/g, '').length;

/** A whole, short code block (not a part of a longer one) that fits half the slide. */
function short(d: Draft): boolean {
  return (
    d.kind === 'code' &&
    !d.part &&
    !d.pair &&
    halfRows(d.code ?? '') <= LIMITS.codePair.rows &&
    leadChars(d) <= LIMITS.codePair.leadChars
  );
}

const side = (d: Draft): CodeSide => ({
  ...(d.leadHtml ? { leadHtml: d.leadHtml } : {}),
  codeLines: d.codeLines ?? [],
  code: d.code ?? '',
  lang: d.lang ?? null,
  startLine: d.startLine ?? 1,
  lineBase: d.lineBase ?? 0,
  ...(d.codeNote ? { codeNote: d.codeNote } : {}),
});

/** Pairs consecutive short code slides of one section onto one slide, side by side. */
export function pairCode(drafts: readonly Draft[]): Draft[] {
  const out: Draft[] = [];
  for (let i = 0; i < drafts.length; i++) {
    const a = drafts[i]!;
    const b = drafts[i + 1];
    // A remark under the first block would sit between the two: they are not one pair then.
    if (!b || !short(a) || !short(b) || a.tailPoints || a.section !== b.section || a.title !== b.title) {
      out.push(a);
      continue;
    }
    out.push({
      ...a,
      pair: [side(a), side(b)],
      ...(b.tailPoints ? { tailPoints: b.tailPoints } : {}),
      notesHtml: [a.notesHtml, b.notesHtml].filter(Boolean).join('\n'),
    });
    i++;
  }
  return out;
}
