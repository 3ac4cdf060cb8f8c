// What the browser reads off a rendered HTML deck for the PowerPoint export (src/render/documents/deck-extract.ts)
// and the PPTX generator consumes (src/generate/pptx/). Plain JSON: every box is in CSS pixels of
// the 1280×720 slide, every colour is "RRGGBB" (no #), every size is in CSS pixels.

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Run {
  text: string;
  color: string;
  /** Font size, px. */
  size: number;
  bold: boolean;
  italic: boolean;
  /** Monospace (inline code or a code block). */
  mono: boolean;
  /** Background of inline code, if any. */
  highlight?: string;
  /** http(s) link target. */
  link?: string;
  /** A line break (<br> or a newline in a code block) before this run's text. */
  br?: boolean;
}

/** OOXML autonumber schemes for the CSS list styles ordered lists use (1. a. A. i. I.). */
export type NumberScheme = 'arabicPeriod' | 'alphaLcPeriod' | 'alphaUcPeriod' | 'romanLcPeriod' | 'romanUcPeriod';

export interface Paragraph {
  runs: Run[];
  /** 0 for top-level list items and plain paragraphs, 1 for nested items… */
  level: number;
  bullet: boolean;
  /** An ordered-list item: its numbering style (OOXML autonumber scheme) and its list's first number. */
  numbered?: { scheme: NumberScheme; startAt: number };
  /** Colour of the bullet (the list marker). */
  bulletColor?: string;
  /** Left edge of the text relative to the block's box, px (bullets hang to its left). */
  indent: number;
  align: 'left' | 'center' | 'right';
  /** CSS line height, px. */
  lineHeight: number;
  /** Top and bottom of the paragraph's own lines (without nested lists), slide px. */
  top: number;
  bottom: number;
}

export interface TextBlock {
  type: 'text';
  /** "title" goes into the master's title placeholder, "body" (the main list) into the body placeholder. */
  role: 'title' | 'body' | 'text';
  box: Box;
  paragraphs: Paragraph[];
  /** Filled shape behind the text (callouts, code blocks). */
  fill?: string;
  /** Left accent border of a callout. */
  border?: { color: string; width: number };
  radius?: number;
  /** Inner padding (top, right, bottom, left), px. */
  padding?: [number, number, number, number];
  /** Hanging indent of the list markers, px (lists only). */
  bulletIndent?: number;
  /** Code blocks keep spaces and line breaks. */
  pre?: boolean;
}

export interface TableCell {
  paragraphs: Paragraph[];
  header: boolean;
  fill?: string;
  /** Bottom rule under the cell. */
  rule?: { color: string; width: number };
  padding: [number, number, number, number];
}

export interface TableBlock {
  type: 'table';
  box: Box;
  colW: number[];
  rowH: number[];
  rows: TableCell[][];
}

export interface ImageBlock {
  type: 'image';
  box: Box;
  /** The inline SVG, sized to `box` (for PowerPoint 2016+ and Keynote). */
  svg: string;
  /** PNG of the same box, base64 (the fallback every viewer shows). */
  png: string;
  alt: string;
}

export type Block = TextBlock | TableBlock | ImageBlock;

export interface ExtractedSlide {
  /** reveal section's data-kind (section, table, map…). */
  kind: string;
  key: string;
  /** Plain text of the slide's heading. */
  title: string;
  blocks: Block[];
  /** Speaker notes, one string per paragraph. */
  notes: string[];
  /** Applied to every font size of the slide so that it fits with the PPTX fonts (1 = none). */
  scale: number;
  /** False when the slide still overflows at the smallest scale (reported as a warning). */
  fits: boolean;
}

export interface DeckColours {
  background: string;
  text: string;
  muted: string;
  accent: string;
  accent2: string;
  callout: string;
  code: string;
  rule: string;
  link: string;
}

export interface ExtractedDeck {
  title: string;
  lang: string;
  /** "light" or "dark". */
  theme: string;
  colours: DeckColours;
  slides: ExtractedSlide[];
}

/** The fonts the PPTX names (metric-compatible with the ones the browser measured with). */
export const PPTX_FONTS = { sans: 'Arial', mono: 'Courier New' } as const;
