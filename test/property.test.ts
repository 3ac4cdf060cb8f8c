// Property: arbitrary Markdown never throws out of the model stage and always yields a valid model.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { courseFromText } from '../src/load.ts';
import { validateCourse } from '../src/model/validate.ts';
import { runs } from './support/property.ts';

/** Line shapes that courses are made of, so random documents exercise the recognisers. */
const line = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '',
    '---',
    '```',
    '```mermaid',
    '> **Analogy:** like a river',
    '| a | b |',
    '|---|---|',
    '- **Term:** text',
    '1. item',
  ),
  fc
    .tuple(
      fc.constantFrom('#', '##', '###', '####'),
      fc.constantFrom(
        'Chapter 1: A',
        'Chapter 2 — B',
        '1.1 Intro',
        '2.3 Deep',
        'Part I – One',
        '🧩 3.1 Emoji',
        'Key Takeaways',
        'Final Insight',
      ),
    )
    .map(([h, t]) => `${h} ${t}`),
  fc.constantFrom(
    'Perfect, Sam ⚙️',
    'Would you like me to continue with **Chapter 2 — “B”**?',
    'Let’s begin **Chapter 3 — “C”** now.',
    '✅ Done',
    'Here is a **Summary of _The Book_ (Ann Author)**',
  ),
  fc.string({ unit: 'binary' }),
);
const doc = fc.array(line, { maxLength: 60 }).map((lines) => lines.join('\n'));

describe('model properties', () => {
  it('never throws and always validates', () => {
    fc.assert(
      fc.property(doc, (text) => {
        const { course } = courseFromText(text);
        expect(validateCourse(course)).toEqual([]);
        expect(course.messages.filter((m) => m.ruleId === 'model-invariant')).toEqual([]);
      }),
      { numRuns: runs(400) },
    );
  });
});
