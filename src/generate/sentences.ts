// Shortening text at sentence ends: the study map and the course map keep whole sentences
// rather than stopping mid-sentence with "…". Sentence boundaries come from ICU's sentence
// segmenter (Intl.Segmenter), which knows "e.g." or "v1.2" and the CJK full stops.
import { WIDE } from './mermaid/mermaid-label.ts';

const sentenceSegmenter = new Intl.Segmenter('und', { granularity: 'sentence' });
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** Length of text as it reads: East Asian wide characters count twice, like shorten() counts them. */
export function textLength(text: string): number {
  let n = 0;
  for (const { segment } of graphemes.segment(text)) n += WIDE.test(segment) ? 2 : 1;
  return n;
}

/** The sentences of a text, whitespace collapsed, each trimmed. */
export function sentencesOf(text: string): string[] {
  const clean = text.replace(/\s+/g, ' ').trim();
  return Array.from(sentenceSegmenter.segment(clean), (s) => s.segment.trim()).filter(Boolean);
}

/**
 * The longest run of whole leading sentences no longer than `max` (textLength; null = all).
 * '' when even the first sentence is longer: the caller then leaves the text out (and counts it)
 * or keeps the first sentence whole (`firstWhole`).
 */
export function wholeSentences(text: string, max: number | null, firstWhole = false): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (max === null) return clean;
  // Cut the text itself after the last sentence kept, so CJK sentences stay joined without spaces.
  let end = 0;
  for (const s of sentenceSegmenter.segment(clean)) {
    const stop = s.index + s.segment.length;
    if (textLength(clean.slice(0, stop).trim()) > max && (end > 0 || !firstWhole)) break;
    end = stop;
  }
  return clean.slice(0, end).trim();
}

/** True when `wholeSentences` left something out. */
export function isShortened(text: string, kept: string): boolean {
  return kept.length < text.replace(/\s+/g, ' ').trim().length;
}
