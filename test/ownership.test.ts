// Chapter ownership by chapter markers, not heading depth; the course-level block table; pseudo-headings.
import { describe, expect, it } from 'vitest';
import { courseFromText } from '../src/load.ts';
import { COURSE_BLOCKS, courseBlock } from '../src/model/ownership.ts';
import type { Course } from '../src/model/types.ts';

const outline = (course: Course) =>
  course.chapters.map((c) => `${c.number} ${c.title}: ${c.sections.map((s) => s.title).join(', ')}`);
const extras = (course: Course) => course.extras.map((e) => e.title);

describe('a chapter owns everything up to the next chapter start', () => {
  it('same-level headings after a chapter heading are its sections', () => {
    const { course } = courseFromText(
      '## Chapter 1: Tools\n\n## Introduction\n\nText.\n\n## What are tools?\n\nMore.\n\n## Chapter 2: Memory\n\n## Introduction\n\nText.\n',
    );
    expect(outline(course)).toEqual(['1 Tools: Introduction, What are tools?', '2 Memory: Introduction']);
    expect(extras(course)).toEqual([]);
  });

  it('higher-level headings inside a chapter stay in it too', () => {
    const { course } = courseFromText(
      '### Chapter 1: Wiring\n\nIntro.\n\n## Safety first\n\nUnplug it.\n\n### Chapter 2: Power\n\nText.\n',
    );
    expect(outline(course)).toEqual(['1 Wiring: Safety first', '2 Power: ']);
  });

  it('a part heading or a group title before the next chapter ends the chapter', () => {
    const { course } = courseFromText(
      '# Basics\n\n## Chapter 1: A\n\nText.\n\n# Part II: Later\n\n## Chapter 2: B\n\nText.\n\n# Advanced\n\n## Chapter 3: C\n\nText.\n',
    );
    expect(outline(course)).toEqual(['1 A: ', '2 B: ', '3 C: ']);
    expect(course.coverage.lost).toBe(0);
  });

  it('course-level blocks end a chapter; closing ones only after the last chapter', () => {
    const text = [
      '## Chapter 1: A',
      'Text.',
      '## Cheat sheet',
      '- a',
      '## Chapter 2: B',
      'Text.',
      '## References',
      'In the chapter.',
      '## Chapter 3: C',
      'Text.',
      '## Systems Map',
      'All of it.',
      '## Glossary',
      'Words.',
    ].join('\n\n');
    const { course } = courseFromText(text);
    expect(outline(course)).toEqual(['1 A: ', '2 B: References', '3 C: ']);
    expect(extras(course)).toEqual(['Cheat sheet', 'Systems Map', 'Glossary']);
  });

  it('is a table: every row names its rule and its words match', () => {
    expect(COURSE_BLOCKS.map((r) => r.id)).toEqual([
      'outline',
      'executive-summary',
      'cheat-sheet',
      'references',
      'closing-map',
    ]);
    expect(courseBlock('Designing Data Systems — Systems Map', true)?.id).toBe('closing-map');
    expect(courseBlock('Designing Data Systems — Systems Map', false)).toBeNull();
    expect(courseBlock('Resumen ejecutivo', false)?.id).toBe('executive-summary');
    expect(courseBlock('Sommaire', false)?.id).toBe('outline');
    expect(courseBlock('Summary', true)).toBeNull();
    expect(courseBlock('Mapping the territory', true)).toBeNull();
  });
});

describe('pseudo-headings', () => {
  const sections = (body: string) =>
    courseFromText(`# Chapter 1: A\n\n${body}\n\n# Chapter 2: B\n\nText.\n`).course.chapters[0]!.sections.map(
      (s) => s.title,
    );

  it('a short bold or italic line followed by content is an unnumbered section, with an info', () => {
    const { course } = courseFromText(
      '# Chapter 1: A\n\n*Scalability*\n\nGrowing without pain.\n\n**Pause and reflect**\n\nThink.\n',
    );
    expect(course.chapters[0]!.sections.map((s) => [s.id, s.title, s.depth])).toEqual([
      [null, 'Scalability', 2],
      [null, 'Pause and reflect', 2],
    ]);
    expect(
      course.messages
        .filter((m) => m.ruleId === 'pseudo-heading')
        .map((m) => `${m.line}:${m.column} ${m.severity} ${m.message}`),
    ).toEqual([
      '3:1 info "Scalability" is read as a section title (a short bold or italic line followed by content)',
      '7:1 info "Pause and reflect" is read as a section title (a short bold or italic line followed by content)',
    ]);
  });

  it('labels, sentences, long lines, mixed text and lines with nothing after them stay text', () => {
    expect(sections('**Key ideas:**\n\n- one')).toEqual([]);
    expect(sections('*It works.*\n\nText.')).toEqual([]);
    expect(sections(`**${'very long bold line '.repeat(4)}**\n\nText.`)).toEqual([]);
    expect(sections('**Bold** and plain\n\nText.')).toEqual([]);
    expect(sections('Text.\n\n*Last words*')).toEqual([]);
    expect(sections('**One**\n**Two**\n\nText.')).toEqual([]);
    expect(courseFromText('# A Title\n\n**By Ada Example**\n\nText.\n\n# Chapter 1: A\n\nText.\n').course.author).toBe(
      'Ada Example',
    );
  });
});
