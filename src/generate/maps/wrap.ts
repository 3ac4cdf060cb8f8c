// Word-safe line breaks for generated diagram labels. Mermaid wraps a label at spaces, but a
// word wider than the node splits anywhere ("timestamp-ba / sed"); so the generator breaks each
// label itself, measured with the font the diagrams are drawn with (DejaVu Sans 16 px, shaped by
// HarfBuzz as Chromium does), into lines that mermaid then never has to split:
// - breaks fall at spaces; a word too long for a line of its own breaks after a hyphen or dash,
//   and CJK text between characters;
// - only a single unit (a word without hyphens) wider than the limit is cut, at the limit.
import { readFileSync } from 'node:fs';
import * as hb from 'harfbuzzjs';
import { fileURLToPath } from 'node:url';

/** Line width the generator aims for (px at 16 px); mermaid's wrapping width (220) leaves slack. */
export const LABEL_WIDTH = 180;
export const FONT_SIZE = 16;

export type Weight = 'normal' | 'bold';

const FONT_FILES: Readonly<Record<Weight, string>> = { normal: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' };
const fonts = new Map<Weight, { font: hb.Font; upem: number }>();
const widths = new Map<string, number>();

function fontOf(weight: Weight): { font: hb.Font; upem: number } {
  let f = fonts.get(weight);
  if (!f) {
    const face = new hb.Face(
      new hb.Blob(readFileSync(fileURLToPath(import.meta.resolve(`dejavu-fonts-ttf/ttf/${FONT_FILES[weight]}`)))),
    );
    f = { font: new hb.Font(face), upem: face.upem };
    fonts.set(weight, f);
  }
  return f;
}

/**
 * Advance width of `text` in px at `size`, shaped with DejaVu Sans (Bold for `bold`: the face
 * Chromium draws a bold label with); CJK and emoji as 1 em.
 */
export function textWidth(text: string, size = FONT_SIZE, weight: Weight = 'normal'): number {
  const key = weight === 'bold' ? `b\0${text}` : text;
  let w = widths.get(key);
  if (w === undefined) {
    const { font, upem } = fontOf(weight);
    const buf = new hb.Buffer();
    buf.addText(text);
    buf.guessSegmentProperties();
    hb.shape(font, buf);
    const infos = buf.getGlyphInfos();
    const positions = buf.getGlyphPositions();
    w = 0;
    // Glyph 0 is .notdef: a character DejaVu lacks (CJK, emoji) is drawn by another face, about 1 em wide.
    for (const [i, p] of positions.entries()) w += infos[i]?.codepoint === 0 ? upem : p.xAdvance;
    w /= upem;
    if (widths.size > 5000) widths.clear();
    widths.set(key, w);
  }
  return w * size;
}

const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/u;
const BREAK_AFTER = /[-‐‑–—]/u;

/** A word as pieces a line may end after: after hyphens and dashes, and between CJK characters. */
export function wordPieces(word: string): string[] {
  const pieces: string[] = [];
  let cur = '';
  for (const ch of Array.from(word)) {
    if (CJK.test(ch) && cur && !BREAK_AFTER.test(cur.slice(-1))) {
      pieces.push(cur);
      cur = '';
    }
    cur += ch;
    // A dash breaks only inside a word: not at its start, and not before another dash.
    if ((BREAK_AFTER.test(ch) && cur.length > 1) || CJK.test(ch)) {
      pieces.push(cur);
      cur = '';
    }
  }
  if (cur) pieces.push(cur);
  // Never leave a lone dash or closing punctuation at the start of a piece.
  return pieces.reduce<string[]>((out, p) => {
    if (out.length > 0 && /^[-‐‑–—/)\]}»”’.,;:!?、。，；：！？）]+$/u.test(p)) out[out.length - 1] += p;
    else out.push(p);
    return out;
  }, []);
}

/** Cuts one unit wider than `max` into parts that fit (only when nothing else can). */
function cutUnit(unit: string, max: number, weight: Weight): string[] {
  const parts: string[] = [];
  let cur = '';
  for (const ch of Array.from(unit)) {
    if (cur && textWidth(cur + ch, FONT_SIZE, weight) > max) {
      parts.push(cur);
      cur = '';
    }
    cur += ch;
  }
  if (cur) parts.push(cur);
  return parts;
}

/** The lines of `text` within `max` px (in `weight`), broken only where the rules above allow. */
export function wrapLines(text: string, max = LABEL_WIDTH, weight: Weight = 'normal'): string[] {
  const width = (s: string) => textWidth(s, FONT_SIZE, weight);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    // A whole word moves to the next line when it fits there: hyphen breaks only for long words.
    const sep0 = line ? ' ' : '';
    if (width(line + sep0 + word) <= max) {
      line += sep0 + word;
      continue;
    }
    if (line && width(word) <= max) {
      lines.push(line);
      line = word;
      continue;
    }
    const pieces = wordPieces(word);
    for (const [i, piece] of pieces.entries()) {
      const sep = i === 0 && line ? ' ' : '';
      if (width(line + sep + piece) <= max) {
        line += sep + piece;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      if (width(piece) <= max) {
        line = piece;
        continue;
      }
      const parts = cutUnit(piece, max, weight);
      lines.push(...parts.slice(0, -1));
      line = parts[parts.length - 1] ?? '';
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** `text` with newlines where its label should break (see wrapLines). Existing newlines are kept. */
export function wrapLabel(text: string, max = LABEL_WIDTH): string {
  if (!(max > 0)) return text;
  return text
    .split(/\r\n?|\n/)
    .map((l) => wrapLines(l, max).join('\n'))
    .filter(Boolean)
    .join('\n');
}
