// Speaker notes a presenter can speak from. The deck builders put in what a slide condenses (the
// whole prose, the analogy in full, the code's lines); this pass makes every slide's notes end
// the same way: a one-line cue where a slide has nothing more to say (agenda, map), a transition
// to the next slide, and the source reference last.
import { escapeHtml } from './markdown.ts';
import type { Draft } from './flow.ts';
import { fill, type UiStrings } from '../strings.ts';

const SOURCE = /\n?<p class="cm-source">[^<]*<\/p>/g;

/** How the next slide is announced: its number and title, "Analogy: …" for an analogy, no end punctuation. */
function titleOf(d: Draft, t: UiStrings): string {
  const title = `${d.label && /^\d/.test(d.label) ? `${d.label} ` : ''}${d.title}`.replace(/[\s.!?。！？:：]+$/u, '');
  return d.kind === 'analogy' ? `${t.analogy}: ${title}` : title;
}

/** A cue for a slide that has no prose of its own to say. */
function cue(d: Draft, t: UiStrings): string {
  if (d.kind === 'agenda') return fill(t.notesAgenda, { n: d.points?.length ?? 0 });
  if (d.kind === 'map') return t.notesMap;
  return '';
}

export function withSpeakerNotes(drafts: readonly Draft[], t: UiStrings): Draft[] {
  return drafts.map((d, i) => {
    const notes = d.notesHtml ?? '';
    // Every source the notes name, in one line at the end ("course.md:12, course.md:30").
    const refs = [...new Set([...notes.matchAll(SOURCE)].map((m) => m[0].replace(/<[^>]+>/g, '').trim()))];
    if (refs.length === 0 && d.source) refs.push(escapeHtml(d.source));
    const sources = refs.length ? [`<p class="cm-source">${refs.join(', ')}</p>`] : [];
    let body = notes.replace(SOURCE, '').trim();
    if (!body) {
      const line = cue(d, t);
      if (line) body = `<p>${escapeHtml(line)}</p>`;
    }
    const next = drafts[i + 1];
    const transition = next
      ? `<p class="cm-next">${escapeHtml(fill(t.notesNext, { title: titleOf(next, t) }))}</p>`
      : '';
    const notesHtml = [body, transition, ...sources].filter(Boolean).join('\n');
    return notesHtml ? { ...d, notesHtml } : d;
  });
}
