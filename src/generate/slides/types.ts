// Slide data: what the templates under templates/slides/ receive. Every string that ends in
// `Html` (and `svg`) is already sanitised; every other string is plain text that the templates escape.

import type { UiStrings } from '../strings.ts';

export type SlideKind =
  | 'title'
  | 'agenda'
  | 'section'
  | 'analogy'
  | 'definition'
  | 'table'
  | 'code'
  | 'diagram'
  | 'group'
  | 'map'
  | 'insight'
  | 'summary';

export interface Point {
  html: string;
  sub: string[];
  /** Its number, when the point is an item of an ordered list ("2." stays "2." on every slide). */
  n?: number;
  /** The first number of the sub-points, when they are an ordered list. */
  subStart?: number;
}

export interface Slide {
  kind: SlideKind;
  /** Stable key inside the deck (fit results refer to it). */
  key: string;
  title: string;
  /** "1.3" for numbered sections. */
  label: string | null;
  icon: string | null;
  /** Model section id this slide stands for (data-section), if any. */
  section: string | null;
  subtitle?: string;
  author?: string;
  /** Bullet points (section, agenda, summary): the unit that fit splits. */
  points?: Point[];
  /** Callout / definition / insight body. */
  bodyHtml?: string;
  term?: string;
  /** Table: header cells and rows of cells (the rows are the unit that fit splits). */
  header?: string[];
  rows?: string[][];
  code?: string;
  lang?: string | null;
  /** Code: highlighted HTML per line, and the number of the first line. */
  codeLines?: string[];
  startLine?: number;
  /** Code slides: two short blocks side by side (old/new, before/after), each with its lead-in. */
  pair?: Array<Pick<Slide, 'leadHtml' | 'codeLines' | 'code' | 'lang' | 'startLine' | 'lineBase' | 'codeNote'>>;
  /** Code shown without highlighting: the note that says which language it fell back from. */
  codeNote?: string;
  /** startLine − 1: the CSS counter's reset value. */
  lineBase?: number;
  svg?: string;
  /**
   * An authored diagram drawn on the slide (sanitised SVG) and its output name; `zoom`, the id of
   * its "Full size" switch when its text stays under 14 px on the slide (./diagram-parts.ts).
   */
  figure?: { svg: string; name: string; maxWidth: number; maxHeight: number; zoom?: string };
  /** The lead-in paragraph kept above a code block, table or figure. */
  leadHtml?: string;
  /** Table slides: a short remark that follows the table in the text, shown under it (last part only). */
  tailPoints?: Point[];
  /** An analogy shown beside the points. */
  asideHtml?: string;
  /** Group slides: the sections sharing the slide, side by side or stacked. */
  columns?: Array<Pick<Slide, 'title' | 'label' | 'icon' | 'section' | 'points'>>;
  /** Group slides: columns or stacked; diagram slides: 'side' puts the title in a column beside a tall diagram. */
  layout?: 'columns' | 'stack' | 'side';
  /** Where the slide's content comes from ("course.md:42"). */
  source?: string;
  notesHtml?: string;
  /** Set on the slides of a split slide: "2/3"; `continued` on the second and later ("cont., 2/3"). */
  part?: { n: number; of: number; continued?: boolean };
  /** Smaller type step chosen by the fit pass (0 = normal). */
  shrink?: number;
  /** Stable slide id (reveal.js `#/<anchor>`): on the first slide of a section and on the map slide. */
  anchor?: string;
  /** Anchors of further sections on this slide (a group slide's second column). */
  moreAnchors?: string[];
  /** A quiz question's slide, or its answer's (never grouped with other slides). */
  quiz?: 'question' | 'answer';
  /** A section of links only: gathered onto the lecture's references slide (see references.ts). */
  references?: boolean;
  /** The section that holds this slide's section (key null: the chapter) and its heading: group slides combine siblings only. */
  parent?: { key: string | null; heading: string };
  /** Group slides of sibling sections: their parent's heading, shown above the columns. */
  heading?: string;
  /**
   * A section whose own text is only its subsections' list, or one short introduction to them, opens
   * on its first subsection's slide: its heading as the kicker above that slide's title, its id here
   * (an anchor on that slide), and that introduction (`leadHtml`) between the kicker and the title.
   */
  opens?: { heading: string; section: string | null; leadHtml?: string };
  /** An unnumbered subsection's slide: its parent's heading ("9.3 Implementing Linearizability"), shown as the kicker. */
  context?: string;
  /**
   * A section titled only by its role ("The Setup", "Example"): the title shows "<of>: <word>"; where
   * `of` is already on the slide (the kicker above, the column beside it) the word alone, with `label`.
   */
  role?: { word: string; of: string; label: string | null };
  /** Link back to the chapter's concept map (section slides). */
  mapHref?: string;
}

export interface Deck {
  /** Output name without extension, e.g. "3-storage-and-retrieval" or "course". */
  slug: string;
  title: string;
  courseTitle: string;
  author: string | null;
  lang: string;
  theme: 'light' | 'dark';
  /** Interface words in the course's language (templates read deck.t.*, never hard-code words). */
  t: UiStrings;
  slides: Slide[];
}

/** What the browser's fit pass decided for one slide key. */
export interface FitDecision {
  /** Units (points or rows) per slide; one entry = no split. */
  chunks: number[];
  shrink: number;
}

export type FitPlan = ReadonlyMap<string, FitDecision>;
