import { describe, expect, it } from 'vitest';
import { genericTitleKind, isGenericTitle, titleCore } from '../src/model/recognisers/generic-titles.ts';

describe('generic titles', () => {
  it('recognises role words in several languages, with numbers, counters and emoji', () => {
    const cases: [string, string][] = [
      ['Example', 'example'],
      ['Example (1/2)', 'example'],
      ['### 2.3 Examples:', 'example'],
      ['Rationale', 'rationale'],
      ['External resources', 'references'],
      ['Disadvantages', 'cons'],
      ['**Cons**', 'cons'],
      ['The Setup', 'setup'],
      ['Goals', 'goals'],
      ['Definition', 'definition'],
      ['Strategies', 'strategies'],
      ['Limitations', 'cons'],
      ['Pregunta 12', 'question'],
      ['¿Pregunta 3?', 'question'],
      ['Respuestas', 'answer'],
      ['Cuestionario de sección', 'question'],
      ['Inconvénients', 'cons'],
      ['Beispiel 2', 'example'],
      ['The challenge:', 'cons'],
      ['The Core Idea', 'definition'],
      ['When to Use Which?', 'strategies'],
      ['📘 Summary', 'summary'],
      ['示例', 'example'],
      ['缺点', 'cons'],
      ['Esempi', 'example'],
    ];
    for (const [title, kind] of cases) expect(genericTitleKind(title.replace(/^#+\s*/, '')), title).toBe(kind);
  });

  it('leaves topic titles alone', () => {
    for (const t of [
      'Replication lag',
      'Leader election',
      'Why Kafka uses logs',
      'Example-driven design',
      'Setup of a Raft cluster',
      'CAP theorem',
      '复制延迟',
      'Day 2',
    ]) {
      expect(isGenericTitle(t), t).toBe(false);
    }
  });

  it('reduces a title to its core words', () => {
    expect(titleCore('1.2 Examples (cont.)')).toBe('examples');
    expect(titleCore('Pregunta N.º 4:')).toBe('pregunta');
  });
});
