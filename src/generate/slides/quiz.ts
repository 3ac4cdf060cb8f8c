// Quiz questions → slides (pure): the question with its options (marks removed, so the slide does
// not give the answer away), then the answer with its justification on the next slide. Labels say
// "Pregunta 3" / "Question 3"; the title is the topic the quiz belongs to.
import type { QuizQuestion } from '../../model/types.ts';
import type { Draft } from './flow.ts';
import { escapeHtml } from './markdown.ts';
import type { Point } from './types.ts';
import { fill, type UiStrings } from '../strings.ts';

type Base = Pick<Draft, 'title' | 'label' | 'icon' | 'section'>;

const optionText = (o: QuizQuestion['options'][number]) => `${o.label ? `${o.label}) ` : ''}${o.text}`;

/** The question slide and, when the course gives the answer, the answer slide. */
export function quizSlides(q: QuizQuestion, base: Base, t: UiStrings, source: string): Draft[] {
  const stem: Point = { html: `<strong>${escapeHtml(q.stem)}</strong>`, sub: [] };
  const options: Point[] = q.options.map((o) => ({ html: escapeHtml(optionText(o)), sub: [] }));
  const notes = [
    `<p>${escapeHtml(q.stem)}</p>`,
    ...(q.options.length
      ? [
          `<ul>${q.options.map((o) => `<li>${escapeHtml(`${optionText(o)}${o.correct === true ? ' ✅' : ''}`)}</li>`).join('')}</ul>`,
        ]
      : []),
    ...(q.answer
      ? [`<p><strong>${escapeHtml(fill(t.quizAnswer, { n: q.number }))}:</strong> ${escapeHtml(q.answer)}</p>`]
      : []),
    ...(q.justification ? [`<p>${escapeHtml(q.justification)}</p>`] : []),
    `<p class="cm-source">${escapeHtml(source)}</p>`,
  ].join('\n');
  const out: Draft[] = [
    {
      ...base,
      kind: 'section',
      quiz: 'question',
      label: fill(t.quizQuestion, { n: q.number }),
      points: [stem, ...options],
      notesHtml: notes,
      source,
    },
  ];
  if (q.answer) {
    const answer: Point[] = [
      { html: escapeHtml(q.stem), sub: [] },
      { html: `<strong>✅ ${escapeHtml(q.answer)}</strong>`, sub: [] },
      ...(q.justification ? [{ html: escapeHtml(q.justification), sub: [] }] : []),
    ];
    out.push({
      ...base,
      kind: 'section',
      quiz: 'answer',
      label: fill(t.quizAnswer, { n: q.number }),
      points: answer,
      notesHtml: notes,
      source,
    });
  }
  return out;
}
