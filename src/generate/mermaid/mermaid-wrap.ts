// Word-safe widths for authored diagrams. Mermaid wraps a label at spaces, but a word wider than
// the wrapping width is cut anywhere ("ExecutePrimar / y", "SubmitOrderReservationReq- / uest"):
// state nodes wrap at 120 px, sequence boxes and notes at 150 px, flowchart nodes at 300 px
// (src/render/assets/mermaid-config.js). Authored labels are the course's own text, so instead of breaking
// them we widen the node: the widest unbreakable word of the source is measured with the diagram
// font (src/generate/maps/wrap.ts) and, when it would not fit, a `%%{init}%%` directive raises the
// diagram type's width to hold it. The directive goes at the end of the text (mermaid reads
// directives anywhere), so line numbers of errors are unchanged. CJK text may break between any
// two characters and is not measured.
import { textWidth } from '../maps/wrap.ts';

/** The wrapping widths the renderer starts from (mermaid-config.js and mermaid's defaults), px. */
export const WRAP_DEFAULTS = { flowchart: 300, state: 120, sequence: 150, mindmap: 220 } as const;
/** Past this a word is cut as mermaid does: wider nodes would no longer fit any page. */
export const MAX_WRAP_WIDTH = 640;
/** Sequence diagrams wrap inside `width - 2 × wrapPadding`. */
const SEQUENCE_PADDING = 10;

const CJK =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA960-\uA97F\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/gu;
// What separates words in a mermaid source: spaces, label brackets and quotes, pipes, `;`/`:`
// and link arrows. Parentheses and commas stay with their word (mermaid keeps them together).
const SEPARATORS = /[\s[\]{}|"<>;:`]+|-{2,}>?|={2,}>?|-\.+->?|~{3,}/u;

const KEYWORD = /^(?:\w+Diagram(?:-v2)?|flowchart-elk|requirementDiagram)$/;

/** The words of a source a label could show, without comments, directives and CJK text. */
export function sourceWords(source: string): string[] {
  const text = source
    .split(/\r?\n/)
    .filter((line) => !/^\s*%%/.test(line))
    .join('\n')
    .replace(CJK, ' ')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/#(\w+);/g, 'x');
  // The diagram's keyword (stateDiagram-v2, sequenceDiagram…) is no label.
  return text.split(SEPARATORS).filter((w) => w.length > 1 && !KEYWORD.test(w));
}

/** Width in px (16 px diagram font) of the widest word of the source. */
export function widestWord(source: string): number {
  return sourceWords(source).reduce((max, w) => Math.max(max, textWidth(w)), 0);
}

/** The room a word of `width` px needs: a little slack for rounding and the bold of titles. */
const room = (width: number): number => Math.min(MAX_WRAP_WIDTH, Math.ceil(width * 1.06 + 6));

/**
 * The `%%{init}%%` line that keeps every word of an authored diagram whole, or null when the
 * renderer's widths already hold its widest word. `kind` is the diagram's first keyword.
 */
export function wordSafeDirective(kind: string, source: string): string | null {
  const need = room(widestWord(source));
  const config: Record<string, Record<string, number>> = {};
  const k = kind.toLowerCase();
  if (k.startsWith('state')) {
    if (need > WRAP_DEFAULTS.state) config.state = { wrappingWidth: need };
  } else if (k.startsWith('sequence')) {
    const width = Math.min(MAX_WRAP_WIDTH, need + 2 * SEQUENCE_PADDING);
    if (width > WRAP_DEFAULTS.sequence) config.sequence = { width };
  } else if (k === 'mindmap') {
    if (need > WRAP_DEFAULTS.mindmap) config.mindmap = { maxNodeWidth: need };
  }
  // Every other type that wraps (flowchart, class, ER, block…) reads flowchart.wrappingWidth.
  if (need > WRAP_DEFAULTS.flowchart) config.flowchart = { wrappingWidth: need };
  return Object.keys(config).length ? `%%{init: ${JSON.stringify(config)}}%%` : null;
}

/** The source to render: `source`, plus the directive that keeps its words whole when one is needed. */
export function wordSafeSource(kind: string, source: string): string {
  const directive = wordSafeDirective(kind, source);
  return directive ? `${source.replace(/\n*$/, '')}\n${directive}\n` : source;
}
