// The chapter model: every type coursemap's later stages read. JSON-serializable
// (no classes, no undefined-only fields that matter), positions as in mdast.

export interface Point {
  line: number;
  column: number;
  offset: number;
}

export interface Position {
  start: Point;
  end: Point;
}

/** Inline content, a small faithful subset of mdast phrasing content. */
export type Inline =
  | { type: 'text'; value: string }
  | { type: 'emphasis'; children: Inline[] }
  | { type: 'strong'; children: Inline[] }
  | { type: 'delete'; children: Inline[] }
  | { type: 'inlineCode'; value: string }
  | { type: 'break' }
  | { type: 'link'; url: string; title: string | null; children: Inline[] }
  | { type: 'image'; url: string; alt: string; title: string | null }
  /** Raw inline HTML from the course: kept so it can be reported; never rendered as HTML. */
  | { type: 'html'; value: string };

export interface ListItem {
  checked: boolean | null;
  children: Block[];
}

/** Block content; headings are not blocks, they become sections. */
export type Block =
  | { type: 'paragraph'; children: Inline[]; position: Position }
  | { type: 'list'; ordered: boolean; start: number | null; items: ListItem[]; position: Position }
  | {
      type: 'table';
      align: Array<'left' | 'right' | 'center' | null>;
      header: Inline[][];
      rows: Inline[][][];
      position: Position;
    }
  | { type: 'quote'; children: Block[]; position: Position }
  | { type: 'code'; lang: string | null; meta: string | null; value: string; position: Position }
  | { type: 'html'; value: string; position: Position }
  | { type: 'thematicBreak'; position: Position };

export type BlockType = Block['type'];

/** One option of a quiz question: "b) float ✅" → label "b", text "float", correct true. */
export interface QuizOption {
  label: string | null;
  text: string;
  /** ✅ / [x] / "(correct)" → true, ❌ → false, unmarked → null (an answer line may say). */
  correct: boolean | null;
}

/** A question of a quiz block (src/model/recognisers/quiz.ts), with its answer when the course gives one. */
export interface QuizQuestion {
  /** Its number as written ("Pregunta 3", "3."), else its order in the chapter. */
  number: number;
  stem: string;
  options: QuizOption[];
  /** The answer as written (an option's label and text, or free text), or null. */
  answer: string | null;
  justification: string | null;
  /** Key (id or slug) of the section that holds the question. */
  sectionId: string;
  /** The question's blocks (stem, options, an answer line right after). */
  position: Position;
  /** The entry of a separate answers section that answered it, if any. */
  answerPosition: Position | null;
}

export interface Section {
  /** "3.5" when the heading is numbered, otherwise null. */
  id: string | null;
  /** Title without number, emoji or markup. */
  title: string;
  /** Leading emoji of the heading, kept for display. */
  icon: string | null;
  /** Nesting level inside the chapter (1 = top-level section). */
  level: number;
  /** Markdown heading depth (1–6). */
  depth: number;
  slug: string;
  position: Position;
  blocks: Block[];
  sections: Section[];
}

export interface Analogy {
  text: string;
  /** Id of the section it sits in, "summary" for the executive summary, null for the intro. */
  sectionId: string | null;
  blocks: Block[];
  position: Position;
}

export interface Definition {
  term: string;
  text: string;
  sectionId: string | null;
  position: Position;
}

export interface KeyIdea {
  text: string;
  label: string;
  sectionId: string | null;
  position: Position;
}

/** A bold lead phrase in a list item or paragraph: "**Fault:** a component deviates…". */
export interface Term {
  term: string;
  text: string;
  sectionId: string | null;
  position: Position;
}

export interface Takeaways {
  sectionId: string | null;
  title: string;
  header: string[];
  rows: string[][];
  table: Extract<Block, { type: 'table' }>;
  position: Position;
}

export interface FinalInsight {
  text: string;
  sectionId: string | null;
  blocks: Block[];
  position: Position;
}

export interface Diagram {
  /** mermaid diagram type: flowchart, graph, mindmap, sequenceDiagram… ("unknown" if none). */
  kind: string;
  source: string;
  lang: string;
  /** Position of the whole fence; the source starts on the line after start.line. */
  position: Position;
  /** Chapter number, or null for course-level diagrams. */
  chapter: number | null;
}

export interface Chapter {
  number: number;
  title: string;
  /** Other titles the course uses for this chapter (outline, executive summary…). */
  altTitles: string[];
  slug: string;
  /** Plain text of the executive-summary paragraph(s), or null. */
  summary: string | null;
  summaryBlocks: Block[];
  intro: Block[];
  sections: Section[];
  analogies: Analogy[];
  definitions: Definition[];
  keyIdeas: KeyIdea[];
  terms: Term[];
  takeaways: Takeaways | null;
  finalInsight: FinalInsight | null;
  diagrams: Diagram[];
  /** Earlier chapters the text says this one builds on; absent when it names none. */
  prerequisites?: Prerequisite[];
  file: string;
  position: Position;
}

/** "As we saw in Chapter 3", "Prerequisites: Chapter 2": a chapter this one builds on. */
export interface Prerequisite {
  /** The number of the earlier chapter. */
  chapter: number;
  /** The words that say so ("as we saw", "builds on", or the "Prerequisites" heading). */
  phrase: string;
  /** The sentence, in one line. */
  text: string;
  /** Where the chapter is named in the course file. */
  line: number;
  column: number;
}

export interface Part {
  number: number;
  title: string;
  chapters: number[];
  position: Position;
}

/** Material outside the chapters, such as a closing "Systems Map". */
export interface Extra {
  title: string;
  slug: string;
  icon: string | null;
  blocks: Block[];
  sections: Section[];
  file: string;
  position: Position;
}

export type Severity = 'error' | 'warning' | 'info';

export interface ModelMessage {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  ruleId: string;
  message: string;
  hint: string | null;
}

export type InputForm = 'tidy' | 'transcript' | 'folder';

/** Where an input line went. */
export type LineUse =
  | 'chapters'
  | 'preface'
  | 'extras'
  | 'outline'
  | 'summary'
  | 'structure'
  | 'filler'
  | 'frontMatter'
  | 'blank'
  | 'lost';

/**
 * Every line of every input file, counted once by where it went: the LineUse fields add up to
 * `lines`. `structure` is course titles, part headings and part pages; `blank` includes `---`
 * separators; `lost` is content the model holds nowhere (it should be 0).
 */
export interface Coverage extends Record<LineUse, number> {
  lines: number;
  /** Filler lines per rule that dropped them (acknowledgement, offer, offer-options, wrap-up, lead-in). */
  fillerRules: Record<string, number>;
  /** Share of content lines (all but the named ones) kept in chapters, preface or extras, in %, one decimal, rounded down. */
  percent: number;
}

export interface Course {
  title: string;
  author: string | null;
  /** BCP-47 tag of the course's language: front matter `lang`/`language`, else detected ('en' when unsure). */
  language: string;
  /** Front matter keys of the course file, as strings. */
  meta: Record<string, string>;
  form: InputForm;
  /**
   * Folder courses only: the layout recognised (plain, mdbook, mkdocs, quarto, jupyter-book,
   * docusaurus, gitbook) and the file that gave the chapter order (null: names or front matter).
   */
  layout?: { name: string; orderFile: string | null };
  files: string[];
  parts: Part[];
  chapters: Chapter[];
  diagrams: Diagram[];
  extras: Extra[];
  /** Headed material before the chapters that is neither outline nor summary. */
  preface: Extra[];
  coverage: Coverage;
  messages: ModelMessage[];
}
