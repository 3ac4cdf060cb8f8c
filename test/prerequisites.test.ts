// Prerequisites a chapter's text names ("as we saw in Chapter 3", "builds on chapter 2", a
// "Prerequisites" heading), in several languages: the recogniser, the model field with its line,
// the course map's arrows (none beside a sequence arrow), and what the DDIA course yields.
import { describe, expect, it } from 'vitest';
import { courseMap } from '../src/generate/maps/concepts.ts';
import { generateMaps } from '../src/generate/maps/maps.ts';
import { templateSet } from '../src/generate/templates.ts';
import { loadCourse } from '../src/index.ts';
import { chapterReferences, needPhrase, sentencesOf } from '../src/model/recognisers/prerequisites.ts';
import { prepareSource } from '../src/render/diagrams/sanitize.ts';

const FIXTURE = 'test/fixtures/maps/prerequisites.md';
const DDIA = '../shared/courses/ddia-course.md';

/** Chapters a sentence says the reader needs: [] when it names none or only mentions them. */
const needs = (sentence: string) => (needPhrase(sentence) ? chapterReferences(sentence).map((r) => r.chapter) : []);

describe('which sentences name a prerequisite', () => {
  it.each([
    ['As we saw in Chapter 3, a log only grows.', [3]],
    ['This chapter builds on chapter 2.', [2]],
    ['Building on Chapters 4 and 5, we add retries.', [4, 5]],
    ['Prerequisites: Chapters 1–3.', [1, 2, 3]],
    ['It assumes you have read Ch. 6 closely.', [6]],
    ['Recall the quorum rule (from Chapter 7).', [7]],
    ['Como vimos en el capítulo 2, la cola ordena los mensajes.', [2]],
    ['Ce chapitre s’appuie sur le chapitre 4.', [4]],
    ['Comme nous l’avons vu au chapitre 5, le journal est immuable.', [5]],
    ['Dieses Kapitel baut auf Kapitel 3 auf.', [3]],
    ['Wie in Kapitel 2 gesehen, wächst das Protokoll nur.', [2]],
    ['Como vimos no capítulo 6, a réplica atrasa.', [6]],
    ['Come abbiamo visto nel capitolo 3, il registro cresce.', [3]],
    ['如第3章所述，日志只会追加。', [3]],
    ['本章基于第2章的内容。', [2]],
  ])('%s → %j', (sentence, chapters) => {
    expect(needs(sentence)).toEqual(chapters);
  });

  it.each([
    'If Chapter 8 described the problem, this chapter describes the cure.',
    'Consensus is the topic of Chapter 9.',
    'Logical correctness (from Chapter 7) is a different idea.',
    'Chapter 4 returns to this when we meet floods.',
    'We build on a solid foundation of logs.',
    'Requires care: the map in section 3.2 is approximate.',
  ])('not a prerequisite: %s', (sentence) => {
    expect(needs(sentence)).toEqual([]);
  });

  it('splits sentences at their ends, not after "ch." or inside "3.2"', () => {
    expect(sentencesOf('See ch. 3 and section 3.2 here. Then go on! 然后。继续').map((s) => s.text.trim())).toEqual([
      'See ch. 3 and section 3.2 here.',
      'Then go on!',
      '然后。',
      '继续',
    ]);
  });
});

describe('chapter.prerequisites and the course map arrows', () => {
  it('records each earlier chapter once, with the line and the words that name it', async () => {
    const { course } = await loadCourse(FIXTURE);
    const found = course.chapters.flatMap((c) =>
      (c.prerequisites ?? []).map((p) => `${c.number}←${p.chapter} line ${p.line} "${p.phrase}"`),
    );
    expect(found).toEqual([
      '3←1 line 29 "As we saw"',
      '5←2 line 51 "builds on"',
      '5←3 line 51 "builds on"',
      '6←1 line 63 "Prerequisites"',
      '6←4 line 64 "Prerequisites"',
    ]);
    // A chapter that names none has no field at all (the model stays as it was).
    expect(course.chapters.find((c) => c.number === 2)).not.toHaveProperty('prerequisites');
  });

  it('draws an arrow for each prerequisite except the chapter just before, named in the map source', async () => {
    const { course } = await loadCourse(FIXTURE);
    const map = courseMap(course);
    expect(map.prerequisites.map((a) => `${a.from}→${a.to}`)).toEqual(['c1→c3', 'c2→c5', 'c3→c5', 'c1→c6', 'c4→c6']);
    // Drawn over the map, so the accessible description names them.
    expect(map.description).toBe(
      'Course map of Rivers and Deltas: 6 chapters in 2 group(s). prerequisite: 1 → 3, 2 → 5, 3 → 5, 1 → 6, 4 → 6.',
    );
    const source = generateMaps(course, templateSet())[0]!.source;
    expect(prepareSource(source).arrows).toEqual(map.prerequisites);
    expect(source).toContain('%% coursemap-arrow c1 --> c3 : prerequisite');
    // Mermaid links join only neighbours in a row (a link out of a row would undo its layout).
    for (const m of source.matchAll(/^\s*c(\d+) --> c(\d+)/gm)) expect(Number(m[2]), m[0]).toBe(Number(m[1]) + 1);
  });

  it('labels the arrows in the course language', async () => {
    const md = `---\ntitle: Ríos\nlang: es\n---\n\n## Capítulo 1: Lluvia\n\nTexto.\n\n## Capítulo 2: Arroyos\n\nTexto.\n\n## Capítulo 3: Erosión\n\nComo vimos en el capítulo 1, el agua arrastra el suelo.\n`;
    const { course } = await loadCourse(md);
    expect(courseMap(course).prerequisites).toEqual([{ from: 'c1', to: 'c3', label: 'requisito previo' }]);
  });

  it('DDIA: the one prerequisite its text names (chapter 9 recalls chapter 8) gets no extra arrow', async () => {
    const { course } = await loadCourse(DDIA);
    const found = course.chapters.flatMap((c) => (c.prerequisites ?? []).map((p) => `${c.number}←${p.chapter}`));
    expect(found).toEqual(['9←8']);
    expect(courseMap(course).prerequisites).toEqual([]);
  });

  it('an arrow line only draws between node ids, with a one-line label', () => {
    const prep = prepareSource(
      'flowchart LR\n  a --> b\n  %% coursemap-arrow a --> b : needs\n  %% coursemap-arrow a"> --> b : x\n',
    );
    expect(prep.arrows).toEqual([{ from: 'a', to: 'b', label: 'needs' }]);
    expect(prep.text).not.toContain('coursemap-arrow');
  });
});
