// Hostile inline markup: 120 KB paragraphs of flat delimiter runs or unclosed link destinations
// were quadratic (68 s and 23 s in `model`). The guard keeps at most DENSITY_BUDGET delimiter runs
// and brackets per paragraph (warning `inline-too-dense` naming the line), and the model's prose
// patterns are bounded, so the whole load is linear: under 2 s of CPU time each.
import { describe, expect, it } from 'vitest';
import { courseFromText } from '../src/load.ts';
import { guardNesting } from '../src/parse/guard.ts';
import { DENSITY_BUDGET } from '../src/parse/guard/inline.ts';
import { proseOf } from '../src/model/recognisers/language.ts';

const cpuMs = (work: () => void): number => {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
};

describe('hostile inline markup', () => {
  for (const unit of ['a***', '[a](<b', 'a~~b']) {
    it(`"${unit}" × 30,000 (120 KB on one line) loads in under 2 s of CPU time, with a warning naming the line`, () => {
      const text = `# Chapter 1: Dense\n\nIntro paragraph.\n\n${unit.repeat(30_000)}\n`;
      expect(text.length).toBeGreaterThan(120_000);
      let result: ReturnType<typeof courseFromText> | undefined;
      const ms = cpuMs(() => {
        result = courseFromText(text, 'dense.md');
      });
      expect(ms).toBeLessThan(2000);
      const dense = result!.course.messages.filter((m) => m.ruleId === 'inline-too-dense');
      expect(dense.map((m) => `${m.file}:${m.line}: ${m.message}`)).toEqual([
        `dense.md:5: More than ${DENSITY_BUDGET} intraword emphasis delimiters or link brackets in one paragraph; the rest are kept as plain text`,
      ]);
    }, 60_000);
  }

  it('a long paragraph with links, emphasis and snake_case, and a list of 200 links, are left alone', () => {
    const text = `${'Some *stressed* words, snake_case_names and a [link](https://example.org) here. '.repeat(120)}\n\n${'- [A reference](https://example.org/a_b) by **someone**\n'.repeat(200)}`;
    const guarded = guardNesting(text, 'x.md');
    expect(guarded.text).toBe(text);
    expect(guarded.messages).toEqual([]);
  });

  it('neutralises exactly the runs past the budget, one character for one', () => {
    const text = 'x*y'.repeat(DENSITY_BUDGET + 10);
    const guarded = guardNesting(text, 'x.md');
    expect(guarded.text.length).toBe(text.length);
    expect((guarded.text.match(/\*/g) ?? []).length).toBeLessThanOrEqual(DENSITY_BUDGET);
    expect((guarded.text.match(/\u2217/g) ?? []).length).toBeGreaterThanOrEqual(10);
  });

  it('the prose patterns still strip link targets, tags and code', () => {
    expect(proseOf('see [docs](https://x.test/a) and <b>bold</b> with `code` here')).toBe(
      'see [docs] and  bold  with   here',
    );
  });
});
