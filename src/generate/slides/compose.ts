// Deck-level composition passes over the drafted slides (rules in rules.ts): short consecutive
// section slides share one slide, empty slides go, every slide's notes end with a transition and
// the source (notes.ts), and the title slide's notes get the deck's estimated duration.
import { escapeHtml } from './markdown.ts';
import { LIMITS } from './rules.ts';
import { gatherReferences } from './references.ts';
import { pairCode } from './code-pair.ts';
import type { Draft } from './flow.ts';
import { withSpeakerNotes } from './notes.ts';
import type { Point } from './types.ts';
import { fill, STRINGS, type UiStrings } from '../strings.ts';

const text = (html: string) => html.replace(/<[^>]+>/g, '');
const chars = (points: readonly Point[]) =>
  points.reduce((k, p) => k + text(p.html).length + p.sub.reduce((n, s) => n + text(s).length, 0), 0);
const units = (points: readonly Point[]) => points.reduce((k, p) => k + 1 + p.sub.length * 0.6, 0);

/** A plain section slide: points only, no figure, aside or continuation. */
const plain = (d: Draft): boolean =>
  d.kind === 'section' &&
  !d.references &&
  !d.quiz &&
  !d.figure &&
  !d.asideHtml &&
  !d.part &&
  (d.points?.length ?? 0) > 0;

function layoutOf(a: Draft, b: Draft): 'columns' | 'stack' | null {
  const pa = a.points ?? [];
  const pb = b.points ?? [];
  const col = LIMITS.groupColumns;
  if (units(pa) <= col.points && units(pb) <= col.points && chars(pa) <= col.chars && chars(pb) <= col.chars)
    return 'columns';
  const st = LIMITS.groupStack;
  if (units(pa) + units(pb) <= st.points && chars(pa) + chars(pb) <= st.chars) return 'stack';
  return null;
}

/**
 * How two consecutive slides relate, when they may share one: siblings under one parent, a
 * section's opening and its first subsection, or a section and its role part (Example…). Slides
 * from unrelated sections, or the tail of one section beside the start of the next, never do.
 */
function relation(a: Draft, b: Draft): 'siblings' | 'nested' | null {
  if (!a.parent || !b.parent) return null;
  if (a.section !== b.section && a.parent.key === b.parent.key) return 'siblings';
  if (a.section !== null && b.parent.key === a.section) return 'nested';
  return null;
}

/** A column's heading: a role section's word alone when its topic shows above it or beside it ("Examples"). */
function columnHeading(d: Draft, shown: ReadonlyArray<string | undefined>): Pick<Draft, 'title' | 'label'> {
  const of = d.role?.of;
  if (d.role && of && shown.some((h) => h !== undefined && (h === of || h.endsWith(` ${of}`))))
    return { title: d.role.word, label: d.role.label };
  return { title: d.title, label: d.label };
}

/** Pairs consecutive short section slides that are each a whole section into group slides (rule "group"). */
export function groupShort(drafts: readonly Draft[]): Draft[] {
  // A slide is a whole section when no other slide shows the same section, or the same role part of
  // it (an unnumbered "Example" shares its parent's section key): its title may be shortened to the
  // role word under a kicker, so the role, not the title, tells the parts apart.
  const count = new Map<string, number>();
  const id = (d: Draft) => `${d.section}\0${d.role?.word ?? ''}`;
  for (const d of drafts) if (d.section !== null) count.set(id(d), (count.get(id(d)) ?? 0) + 1);
  const whole = (d: Draft) => count.get(id(d)) === 1;
  const out: Draft[] = [];
  for (let i = 0; i < drafts.length; i++) {
    const a = drafts[i]!;
    const b = drafts[i + 1];
    const pair = (x: Draft, y: Draft | undefined) =>
      y && plain(x) && plain(y) && whole(x) && whole(y) && !y.opens ? relation(x, y) : null;
    const related = pair(a, b);
    // A section's opening stays alone when its first two subsections can share a slide as siblings.
    const c = drafts[i + 2];
    const siblingsNext = related === 'nested' && pair(b!, c) === 'siblings' && layoutOf(b!, c!) !== null;
    const layout = related && !siblingsNext ? layoutOf(a, b!) : null;
    if (!b || !layout) {
      out.push(a);
      continue;
    }
    // Siblings under a section show its heading above their own; each keeps its heading over its text.
    const heading = related === 'siblings' && a.parent?.key ? a.parent.heading : undefined;
    out.push({
      kind: 'group',
      layout,
      title: a.title,
      label: a.label,
      icon: a.icon,
      section: a.section,
      ...(heading ? { heading } : {}),
      ...(a.opens ? { opens: a.opens } : {}),
      columns: [a, b].map((d) => ({
        ...columnHeading(d, [heading, a.opens?.heading, related === 'nested' && d !== a ? a.title : undefined]),
        icon: d.icon,
        section: d.section,
        points: d.points ?? [],
      })),
      notesHtml: [a, b]
        .map((d) => `<h4>${escapeHtml(`${d.label ? `${d.label} ` : ''}${d.title}`)}</h4>\n${d.notesHtml ?? ''}`)
        .join('\n'),
      ...(a.source ? { source: a.source } : {}),
    });
    i++;
  }
  return out;
}

/** True when a draft has something to show (rule "no-empty"). */
export function hasContent(d: Draft): boolean {
  switch (d.kind) {
    case 'title':
      return true;
    case 'map':
      return Boolean(d.svg);
    case 'code':
      return Boolean(d.code?.trim());
    case 'table':
      return (d.rows?.length ?? 0) > 0 || (d.header?.length ?? 0) > 0;
    case 'group':
      return (d.columns?.length ?? 0) > 0;
    case 'diagram':
      return Boolean(d.figure);
    default:
      return (d.points?.length ?? 0) > 0 || Boolean(d.bodyHtml?.trim()) || Boolean(d.figure);
  }
}

/** Estimated speaking time: the prose of the notes at a speaking pace plus a pause per slide. */
export function estimateMinutes(drafts: readonly Draft[]): number {
  const words = drafts.reduce((k, d) => k + spokenWords(text(d.notesHtml ?? '')), 0);
  return Math.max(1, Math.round(words / LIMITS.wordsPerMinute + (drafts.length * LIMITS.secondsPerSlide) / 60));
}

const CJK = /[\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7A3\uF900-\uFAFF]/gu;

/** Words as spoken: Chinese, Japanese and Korean text has no spaces, so its characters count at their own pace. */
export function spokenWords(prose: string): number {
  const cjk = prose.match(CJK)?.length ?? 0;
  if (cjk === 0) return prose.split(/\s+/).filter(Boolean).length;
  // Full-width punctuation left between the characters is not a word.
  const words = prose
    .replace(CJK, ' ')
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return words + (cjk * LIMITS.wordsPerMinute) / LIMITS.cjkCharsPerMinute;
}

/** Runs the passes and writes the duration into the title slide's notes. */
export function compose(drafts: readonly Draft[], t: UiStrings = STRINGS['en']!, deckName?: string): Draft[] {
  const kept = drafts.filter(hasContent);
  // The references slide is named after its deck: a bare "References" would say nothing on its own.
  const name = deckName ?? kept.find((d) => d.kind === 'title')?.title;
  const out = withSpeakerNotes(
    gatherReferences(groupShort(pairCode(kept)), name ? `${t.references}: ${name}` : t.references),
    t,
  );
  const minutes = estimateMinutes(out);
  const title = out.find((d) => d.kind === 'title');
  if (title)
    title.notesHtml = `<p>${escapeHtml(fill(t.duration, { n: minutes }))}</p>${title.notesHtml ? `\n${title.notesHtml}` : ''}`;
  return out;
}
