// Unit tests of the table-driven recognisers: chapter, part and section names, chat filler, labels.
import { describe, expect, it } from 'vitest';
import { isAcknowledgement, isLeadIn, isOffer, isWrapUp } from '../src/model/recognisers/filler.ts';
import { readLabel } from '../src/model/recognisers/labels.ts';
import {
  matchAnnouncement,
  matchChapterHeading,
  matchPartHeading,
  matchSectionId,
} from '../src/model/recognisers/markers.ts';
import { cleanTitle, slugify, splitLeadingEmoji } from '../src/model/text.ts';
import { parseMarkdown } from '../src/parse/markdown.ts';
import type { Paragraph } from 'mdast';
import { toInlines } from '../src/model/blocks.ts';

const para = (md: string) => parseMarkdown(md).children[0] as Paragraph;

describe('chapter headings', () => {
  it.each([
    ['Chapter 3: Storage and Retrieval', 3, 'Storage and Retrieval'],
    ['Chapter 6. Partitioning (Sharding)', 6, 'Partitioning (Sharding)'],
    ['**Chapter 12 — The Future**', 12, 'The Future'],
    ['🧭 Chapter IV – Encoding', 4, 'Encoding'],
    ['Capítulo 2: Modelos de datos', 2, 'Modelos de datos'],
    ['Kapitel 5 - Replikation', 5, 'Replikation'],
    ['Lesson two: Orbits', 2, 'Orbits'],
    ['第3章 ストレージ', 3, 'ストレージ'],
    ['Chapter 7', 7, ''],
  ])('%s', (text, number, title) => {
    expect(matchChapterHeading(text)).toEqual({ number, title });
  });

  it.each(['Chapters and verses', 'Why chapter 3 matters', '1.2 Chapter review'])('rejects %s', (text) => {
    expect(matchChapterHeading(text)).toBeNull();
  });
});

describe('announcements inside chat lines', () => {
  it.each([
    ['Let’s begin **Chapter 1 — “Reliable Systems”** from the book.', 1, 'Reliable Systems'],
    ['**Chapter 8 – “The Trouble with Clocks.”**', 8, 'The Trouble with Clocks'],
    ['as if it were Chapter 12: _“The Big Ideas”_.', 12, 'The Big Ideas'],
    ['Now we move into **Chapter 6 — “Partitioning”** (also called _sharding_).', 6, 'Partitioning'],
  ])('%s', (md, number, title) => {
    expect(matchAnnouncement(para(md).children)).toEqual({ number, title });
  });

  it.each([
    'If Chapter 1 was about _why_, Chapter 2 is about _how_.',
    'You’ve just completed Chapter 11 — the last chapter of the book.',
    'Recall FLP (from Chapter 8): no.',
  ])('is not fooled by a mention: %s', (md) => {
    expect(matchAnnouncement(para(md).children)).toBeNull();
  });
});

describe('parts and sections', () => {
  it('reads part headings with roman numerals', () => {
    expect(matchPartHeading('**Part II – Distributed Data**')).toEqual({ number: 2, title: 'Distributed Data' });
    expect(matchPartHeading('Parte 1: Fundamentos')).toEqual({ number: 1, title: 'Fundamentos' });
  });
  it('reads numbered section ids', () => {
    expect(matchSectionId('3.5 SSTables and LSM-Trees')).toEqual({ id: '3.5', title: 'SSTables and LSM-Trees' });
    expect(matchSectionId('1.3.1 Faults vs. Failures')).toEqual({ id: '1.3.1', title: 'Faults vs. Failures' });
    expect(matchSectionId('12.9. Key Takeaways')).toEqual({ id: '12.9', title: 'Key Takeaways' });
    expect(matchSectionId('Version 2 notes')).toBeNull();
  });
});

describe('chat filler', () => {
  it('knows acknowledgements, offers, wrap-ups and lead-ins', () => {
    expect(isAcknowledgement('Perfect, Diego ⚙️')).toBe(true);
    expect(isAcknowledgement('Excellent choice, Sam 👏 —')).toBe(true);
    expect(isAcknowledgement('¡Perfecto, Ana! 🎉'.replace('¡', ''))).toBe(true);
    expect(isAcknowledgement('Great engineering needs great tests and careful reviews.')).toBe(false);
    expect(isOffer('Would you like me to continue with **Chapter 3**?')).toBe(true);
    expect(isOffer('¿Quieres que sigamos con el capítulo 4?')).toBe(true);
    expect(isOffer('Caching would you believe is hard.')).toBe(false);
    expect(isWrapUp('✅ With this, you’ve completed the book')).toBe(true);
    expect(isWrapUp('You now have the entire map.')).toBe(true);
    expect(isLeadIn('Let’s begin the first module 👇')).toBe(true);
  });
});

describe('labels', () => {
  it.each([
    ['**Analogy:** a city with two power grids', 'analogy', 'a city with two power grids'],
    ['💡 _Final Insight:_ logs are the truth', 'finalInsight', 'logs are the truth'],
    ['**Key ideas:**', 'keyIdea', ''],
    ['**Kleppmann’s key insight:** be explicit', 'keyIdea', 'be explicit'],
    ['**Definición**: un sistema fiable', 'definition', 'un sistema fiable'],
    ['Analogie : une ville', 'analogy', 'une ville'],
  ])('%s', (md, kind, rest) => {
    const l = readLabel(toInlines(para(md).children));
    expect(l?.kind).toBe(kind);
    expect(l?.rest.map((n) => ('value' in n ? n.value : '')).join('')).toBe(rest);
  });
  it('ignores ordinary bold phrases', () => {
    expect(readLabel(toInlines(para('**Throughput** matters: a lot').children))).toBeNull();
  });
});

describe('text helpers', () => {
  it('splits leading emoji, including keycaps', () => {
    expect(splitLeadingEmoji('🧩 1.1 What Are Data Systems?')).toEqual({
      icon: '🧩',
      rest: '1.1 What Are Data Systems?',
    });
    expect(splitLeadingEmoji('1️⃣ Foundations')).toEqual({ icon: '1️⃣', rest: 'Foundations' });
  });
  it('cleans titles and makes safe slugs', () => {
    expect(cleanTitle(' “The Trouble with Distributed Systems.” ')).toBe('The Trouble with Distributed Systems');
    expect(slugify('3. SSTables & LSM-Trees 🌲', 'x')).toBe('3-sstables-lsm-trees');
    expect(slugify('../../etc/passwd', 'x')).toBe('etc-passwd');
    expect(slugify('CON', 'chapter-1')).toBe('chapter-1');
    // Readable in every script: accents and CJK kept, cut at a word boundary, never mid-word.
    expect(slugify('Égalité à l’école', 'x')).toBe('égalité-à-l-école');
    expect(slugify('データ', 'x')).toBe('データ');
    expect(slugify('1 水源与取水', 'x')).toBe('1-水源与取水');
    expect(slugify('Leçon : les attaques « classiques »', 'x')).toBe('leçon-les-attaques-classiques');
    expect(slugify('12 The Big Ideas Behind Reliable, Scalable, and Maintainable Systems', 'x')).toBe(
      '12-the-big-ideas-behind-reliable-scalable-and-maintainable',
    );
    expect(
      slugify(
        '第十二章 分布式系统中的复制、分区、事务、一致性与共识以及批处理和流处理的整体架构设计原则与实践经验总结和展望未来的发展方向',
        'x',
      ).length,
    ).toBeLessThanOrEqual(60);
    expect(slugify('a\u202Eb\u0000c/d', 'x')).toBe('a-b-c-d');
  });
  it.each([
    '../../etc/passwd',
    '/absolute/path',
    'C:\\Windows\\system32',
    'CON',
    'aux',
    'trailing dots...',
    '..',
    '',
    'a'.repeat(500),
    'NUL.txt',
    'x/../../y',
  ])('makes a safe file name of %j', (title) => {
    const slug = slugify(title, 'fallback');
    expect(slug).toMatch(/^[\p{L}\p{N}\p{M}]+(?:-[\p{L}\p{N}\p{M}]+)*$/u);
    expect(slug).not.toMatch(/[/\\.:]/);
    expect([...slug].length).toBeLessThanOrEqual(60);
    expect(['con', 'aux', 'nul', 'prn']).not.toContain(slug);
  });
});
