// Rule "opening": a section whose own slide would only list its subsections' titles, or hold one
// short introduction to them ("Kleppmann distinguishes three integration styles:"), gets no slide
// of its own. Its heading becomes the kicker of its first subsection's slide, the introduction the
// line between that kicker and the subsection's title, and its anchor and notes move there too.
import type { Block } from '../../model/types.ts';
import { sentencesOf, textLength } from '../sentences.ts';
import type { Draft } from './flow.ts';
import type { Point } from './types.ts';
import { LIMITS } from './rules.ts';
import type { Base } from './section-base.ts';
import { stripTags } from './segments.ts';

/** Slides whose heading partial shows an opening section's kicker and lead (diagram slides title themselves). */
const OPENS_LEAD: ReadonlySet<Draft['kind']> = new Set(['section', 'table', 'code', 'definition']);

/**
 * Marks the section's one own slide (drafted from `start`) as a short introduction when the
 * section's own prose (`blocks`: its definitions and analogies left out, they have slides or
 * callouts of their own) is one paragraph of at most LIMITS.openingLead sentences and characters,
 * or a one-line lead-in ("Workloads can still be uneven:") with a list of at most two short items.
 */
export function markLead(out: Draft[], blocks: readonly Block[], start: number): void {
  const d = out[start];
  if (!d || out.length !== start + 1 || d.kind !== 'section' || d.references || d.points?.length !== 1) return;
  const [first, list, ...more] = blocks;
  if (first?.type !== 'paragraph' || more.length > 0 || (list && list.type !== 'list')) return;
  const point = d.points[0]!;
  const plain = (html: string) => stripTags(html).replace(/&[a-z#0-9]+;/gi, '&');
  const text = plain(point.html);
  const { sentences, chars, items, itemChars, leadInChars } = LIMITS.openingLead;
  const short = sentencesOf(text).length <= sentences && textLength(text) <= chars;
  // A list keeps the whole opening within three lines: a one-line lead-in and one line an item.
  const listed =
    point.sub.length === 0 ||
    (point.sub.length <= items &&
      textLength(text) <= leadInChars &&
      point.sub.every((x) => textLength(plain(x)) <= itemChars));
  if (short && listed && Boolean(list) === point.sub.length > 0) d.opening = 'lead';
}

/** The opening's HTML: the lead-in, and its list when it has one. */
export function openingHtml(p: Point): string {
  return p.sub.length ? `${p.html}<ul>${p.sub.map((x) => `<li>${x}</li>`).join('')}</ul>` : p.html;
}

/** Moves a section's opening slide (titles only, or a short lead) onto its first subsection's slide. */
export function foldOpening(out: Draft[], first: number, base: Base): void {
  const at = out.findIndex((d, i) => i >= first && d.opening);
  if (at < 0) return;
  const intro = out[at]!;
  const lead = intro.opening === 'lead' ? openingHtml(intro.points![0]!) : undefined;
  delete intro.opening;
  const next = out[at + 1];
  if (!next || next.parent?.key !== base.section || next.opens) return;
  if (lead !== undefined && (intro.asideHtml || !OPENS_LEAD.has(next.kind) || next.quiz || next.references)) return;
  const heading = `${base.icon ? `${base.icon} ` : ''}${base.label ? `${base.label} ` : ''}${base.title}`;
  next.opens = { heading, section: base.section, ...(lead !== undefined ? { leadHtml: lead } : {}) };
  // The kicker names the topic now: a role section's slide shows its role word alone ("The Setup"),
  // and so do its further slides (its code, its table), the topic as their kicker.
  const role = next.role;
  if (role && role.of === base.title) {
    next.title = role.word;
    next.label = role.label;
    for (const d of out.slice(at + 2)) {
      if (d.section !== next.section || d.role?.word !== role.word || !OPENS_LEAD.has(d.kind)) continue;
      d.title = role.word;
      d.label = role.label;
      d.context = heading;
    }
  }
  if (intro.notesHtml) next.notesHtml = `${intro.notesHtml}\n${next.notesHtml ?? ''}`;
  out.splice(at, 1);
}
