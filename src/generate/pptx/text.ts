// Measured paragraphs → pptxgenjs text runs: one PowerPoint paragraph per HTML paragraph or list
// item, exact line spacing and paragraph gaps from the browser, fonts metric-compatible with
// the ones measured (PPTX_FONTS), bullets hanging like the HTML list markers.
import type { TextProps, TextPropsOptions } from './lib.ts';
import { PPTX_FONTS, type Paragraph, type Run } from './types.ts';

/** CSS px → points (96 px = 72 pt = 1 inch). */
export const pt = (px: number) => Math.round(px * 0.75 * 100) / 100;
/** CSS px → inches. */
export const inch = (px: number) => Math.round((px / 96) * 1e6) / 1e6;

export interface ParagraphStyle {
  /** Hanging indent of level-0 bullets, px (the HTML list's left padding). */
  bulletIndent: number;
  /** Keep the measured gaps between paragraphs (false for code, where lines follow each other). */
  gaps: boolean;
}

function runOptions(run: Run): TextPropsOptions {
  const o: TextPropsOptions = {
    color: run.color,
    fontSize: pt(run.size),
    fontFace: run.mono ? PPTX_FONTS.mono : PPTX_FONTS.sans,
    bold: run.bold,
    italic: run.italic,
  };
  if (run.highlight) o.highlight = run.highlight;
  if (run.link) o.hyperlink = { url: run.link };
  return o;
}

/** pptxgenjs runs for `paragraphs`; paragraph options ride on each paragraph's first run. */
export function textRuns(paragraphs: readonly Paragraph[], style: ParagraphStyle): TextProps[] {
  const out: TextProps[] = [];
  paragraphs.forEach((p, i) => {
    const prev = paragraphs[i - 1];
    const gap = style.gaps && prev ? Math.max(0, p.top - prev.bottom) : 0;
    const runs =
      p.runs.length > 0 ? p.runs : [{ text: '', color: '000000', size: 20, bold: false, italic: false, mono: false }];
    runs.forEach((run, k) => {
      // On every run: pptxgenjs starts a new paragraph where the alignment changes.
      const options: TextPropsOptions = { ...runOptions(run), align: p.align };
      if (k === 0) {
        options.lineSpacing = pt(p.lineHeight);
        if (gap > 0) options.paraSpaceBefore = pt(gap);
        if (p.bullet && p.numbered) {
          // An ordered list keeps its numbers (PowerPoint counts on from the list's first number).
          options.bullet = {
            type: 'number',
            style: p.numbered.scheme,
            numberStartAt: p.numbered.startAt,
            indent: pt(style.bulletIndent),
          };
          if (p.level > 0) options.indentLevel = p.level;
        } else if (p.bullet) {
          // Like the HTML list markers: a disc, then a circle for nested items.
          options.bullet =
            p.level > 0
              ? { indent: pt(style.bulletIndent), characterCode: '25CB' }
              : { indent: pt(style.bulletIndent) };
          if (p.level > 0) options.indentLevel = p.level;
        } else options.bullet = false;
      }
      if (run.br && k > 0) options.softBreakBefore = true;
      if (k === runs.length - 1 && i < paragraphs.length - 1) options.breakLine = true;
      out.push({ text: run.text, options });
    });
  });
  return out;
}
