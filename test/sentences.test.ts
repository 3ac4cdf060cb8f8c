// Shortening at sentence ends (src/generate/sentences.ts) and the study map's key terms
// (src/generate/print/select.ts keyTerms): pure, no browser.
import { describe, expect, it } from 'vitest';
import { keyTerms } from '../src/generate/print/select.ts';
import { isShortened, sentencesOf, textLength, wholeSentences } from '../src/generate/sentences.ts';
import { courseFromText } from '../src/index.ts';

describe('wholeSentences', () => {
  const text = 'A cache keeps answers close, e.g. in memory. It forgets the old ones!  Then it asks again?';

  it('keeps the leading sentences that fit, never part of one', () => {
    expect(sentencesOf(text)).toEqual([
      'A cache keeps answers close, e.g. in memory.',
      'It forgets the old ones!',
      'Then it asks again?',
    ]);
    expect(wholeSentences(text, null)).toBe(
      'A cache keeps answers close, e.g. in memory. It forgets the old ones! Then it asks again?',
    );
    expect(wholeSentences(text, 70)).toBe('A cache keeps answers close, e.g. in memory. It forgets the old ones!');
    expect(wholeSentences(text, 50)).toBe('A cache keeps answers close, e.g. in memory.');
    expect(isShortened(text, wholeSentences(text, 50))).toBe(true);
    expect(isShortened(text, wholeSentences(text, 500))).toBe(false);
  });

  it('gives nothing when the first sentence is too long, or that sentence whole when asked', () => {
    expect(wholeSentences(text, 20)).toBe('');
    expect(wholeSentences(text, 20, true)).toBe('A cache keeps answers close, e.g. in memory.');
  });

  it('counts East Asian characters twice and keeps CJK sentences joined without spaces', () => {
    const zh = '水库像储蓄罐。水塔像输液瓶！高度就是压力。';
    expect(textLength('水库')).toBe(4);
    expect(wholeSentences(zh, 28)).toBe('水库像储蓄罐。水塔像输液瓶！');
    expect(wholeSentences(zh, 27)).toBe('水库像储蓄罐。');
    expect(wholeSentences(zh, 10)).toBe('');
  });
});

describe('keyTerms', () => {
  it('takes takeaway rows, then definitions, then bold lead terms, each term once', async () => {
    const { course } = await courseFromText(`# Chapter 1: Caches

### 1.1 Basics

A **cache** is a small fast store that keeps recent answers.

- **Eviction:** dropping old entries to make room.
- **Hit rate:** the share of lookups answered from the cache.
- **TTL:** how long an entry lives.

### 1.2 Key Takeaways

| Concept | Essence |
| --- | --- |
| Hit rate | Most lookups should hit |
| Invalidation | The hard part |
`);
    const terms = keyTerms(course.chapters[0]!);
    expect(terms.slice(0, 2)).toEqual([
      { term: 'Hit rate', text: 'Most lookups should hit' },
      { term: 'Invalidation', text: 'The hard part' },
    ]);
    expect(terms.map((t) => t.term)).toEqual(expect.arrayContaining(['Eviction', 'TTL']));
    expect(terms.filter((t) => t.term.toLowerCase() === 'hit rate')).toHaveLength(1);
  });
});
