// Slide composition rules: every threshold the deck builder uses, in one table, each with the
// rule it belongs to. The README prints the same table; the layouts themselves are partials
// (templates/slides/*.hbs) and theme.css, which a --templates folder overrides.

/** Slide frame and type (CSS px, as theme.css sets them). */
export const FRAME = { width: 1280, height: 720, contentWidth: 1136, bodyHeight: 560, bodyPx: 34, linePx: 44 } as const;

/** Code slides: wrapped rows per slide and characters per row at the code size (26 px monospace). */
export const CODE = { rows: 14, columns: 68, minPx: 24 } as const;

export interface Rule {
  id: string;
  rule: string;
}

export const RULES: readonly Rule[] = [
  {
    id: 'lead-in',
    rule: 'A paragraph ending in ":" stays with what follows: with its list as sub-points, above its code/table, or as the title line of its diagram.',
  },
  {
    id: 'numbers',
    rule: 'Items of an ordered list keep their numbers, as points or as sub-points of a lead-in, on continuation slides too.',
  },
  {
    id: 'diagram-inline',
    rule: 'An authored mermaid block is drawn where it is written. It shares the slide with the points before it when it keeps at least 80 % of the size it would have alone (or is at least 1.2× its natural size); otherwise it gets a slide of its own titled by its lead-in.',
  },
  {
    id: 'diagram-fit',
    rule: 'A diagram whose labels would be under 14 px on its own slide never shares a slide; the build draws it in the other direction or splits it (subgraphs, %% sections, hubs), a slide per part titled "Part (i/n)", and warns when nothing reaches 14 px.',
  },
  {
    id: 'diagram-side',
    rule: "A diagram slide's title (its lead-in) stands above a wide diagram in a short strip; a tall diagram gets the slide's whole height with the title in a column beside it, when that draws it at least 1.1× larger.",
  },
  {
    id: 'code-split',
    rule: 'Code is highlighted at build time; a block longer than 14 wrapped rows continues on "(2/3)" slides, split at a blank line or a top-level statement, line numbers continuing.',
  },
  {
    id: 'code-pair',
    rule: 'Two short code blocks in a row in one section (each at most 10 rows at half width), such as an old and a new version, share one slide side by side, each under its own lead-in.',
  },
  {
    id: 'group',
    rule: "Consecutive short slides that are each a whole section share one when they are siblings under one parent (its title above them), a section's opening and its first subsection, or a section and its Example/Rationale part: side by side when each has at most 3 points and 260 characters, stacked when together they have at most 5 points and 420 characters; each heading stays above its own text.",
  },
  {
    id: 'fill',
    rule: 'A section that is one paragraph and nothing else keeps up to 6 sentences (110 words) on its slide, so that it does not leave one line under its title.',
  },
  {
    id: 'tail',
    rule: 'At most 2 short points (220 characters) that follow a table or a code block in the same section are shown under it, not on a slide of their own.',
  },
  {
    id: 'lone-paragraph',
    rule: 'A section (or the part of it between two blocks) that is one paragraph, or a quote of one paragraph that is no analogy, keeps up to 3 sentences (45 words) on its slide instead of the first one.',
  },
  {
    id: 'whole-sentence',
    rule: 'A point is whole sentences: never cut inside one, and an ellipsis only where the source has one; a dot inside brackets or after an abbreviation (e.g., ej., z.B.) ends no sentence.',
  },
  {
    id: 'context-title',
    rule: 'A section titled only by its role (Rationale, Example, The Setup, Pregunta 3…) is titled by the section above it joined with the word ("Single-Leader Replication: The Setup", "缓存：示例"), keeping its number (else the topic\'s); under that topic\'s kicker or beside its column the word stands alone.',
  },
  {
    id: 'references',
    rule: 'A section of links only goes to one references slide at the end of its lecture, a line per section, not a slide of its own.',
  },
  {
    id: 'lecture',
    rule: 'A chapter deck longer than lectureSlides (default 45) becomes balanced lectures split at its top-level sections (inside one only when it alone is too long); the first lecture keeps the agenda and map, the last the summary.',
  },
  { id: 'intro', rule: 'A one-sentence chapter introduction (at most 220 characters) is shown on the title slide.' },
  {
    id: 'analogy-aside',
    rule: 'An analogy of at most 55 words sits beside its section (points left, callout right) when the section has at most 4 points and 360 characters; otherwise it is a big-type quote slide, centred.',
  },
  {
    id: 'agenda',
    rule: 'The agenda lists the top-level sections (none for fewer than 2); continuation pages are balanced (9 → 5 + 4).',
  },
  {
    id: 'map',
    rule: 'The chapter map follows the agenda as the overview; it is shown again at the end only when the deck has more than 24 slides; no map for a chapter with fewer than 2 sections.',
  },
  {
    id: 'opening',
    rule: "A section whose own text is only its subsections' list, or one short introduction to them (one paragraph of at most 2 sentences and 160 characters, or a lead-in of one line with at most 2 one-line items), gets no slide of its own: its heading is the kicker above its first subsection's slide, the introduction the line under the kicker, and that slide holds its anchor and notes.",
  },
  {
    id: 'split-parts',
    rule: 'A list that would split takes a type step smaller when that saves a slide, and never leaves fewer than 2.5 lines of text on its last slide: two steps smaller when that saves it, else points move from the slide before.',
  },
  {
    id: 'context-kicker',
    rule: 'The slides of an unnumbered subsection ("Cost", "Serializable") show their parent section\'s heading as the kicker above the title, unless a group slide shows it as its heading.',
  },
  { id: 'no-empty', rule: 'A slide with nothing to show (no points, body, table, code or figure) is never emitted.' },
  { id: 'balance', rule: 'Content is centred vertically in the space under the heading.' },
  {
    id: 'notes',
    rule: "Speaker notes hold the full prose of the slide and its source file:line; the title slide's notes give the deck's estimated duration.",
  },
];

/** Thresholds named by the rules above. */
export const LIMITS = {
  diagramKeep: 0.8,
  diagramMinScale: 1.2,
  diagramMaxScale: 1.8,
  /** A tall diagram takes the slide's height, its title in a side column, when that draws it this much larger. */
  diagramSide: 1.1,
  groupColumns: { points: 3, chars: 260 },
  groupStack: { points: 5, chars: 420 },
  aside: { words: 55, points: 4, chars: 360 },
  tail: { points: 2, chars: 220, codeLines: 9 },
  codePair: { rows: 10, leadChars: 140 },
  lone: { sentences: 3, words: 45 },
  fill: { sentences: 6, words: 110 },
  intro: { chars: 220 },
  /** A section's introduction to its subsections that rides above the first one's title: two lines of the 30 px lead. */
  openingLead: { sentences: 2, chars: 160, items: 2, itemChars: 70, leadInChars: 80 },
  agendaMin: 2,
  mapAgainAfter: 24,
  mapMinSections: 2,
  /** Speaking pace and time per slide for the duration estimate. */
  wordsPerMinute: 130,
  /** Characters per minute for Chinese, Japanese and Korean prose read aloud. */
  cjkCharsPerMinute: 220,
  secondsPerSlide: 20,
} as const;
