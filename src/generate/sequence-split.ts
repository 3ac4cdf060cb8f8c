// Splitting an authored sequence diagram that is too big to read on a slide: its messages cut
// into consecutive parts of at most MAX_MESSAGES, each part a diagram of its own that keeps the
// header lines (title, autonumber, accessibility) and declares, in the author's order, only the
// participants it uses — so a part with fewer actors is narrower as well as shorter. Cuts fall
// only between top-level statements: never inside a `rect` / `alt` / `loop` / `opt` / `par` /
// `critical` / `break` / `box` block, nor while a participant is activated (an activation cut in
// two would not parse). A part's title is the label of its first block (`alt Payment failed`),
// else null. Pure text work; the caller renders and measures (src/pipeline/diagram-fit.ts).
import type { DiagramPart } from './diagram-split.ts';

/** Most messages one part shows: about a slide's height of rows at a readable size. */
export const MAX_MESSAGES = 8;

const HEADER = /^\s*sequenceDiagram\s*$/;
const DECLARE = /^\s*(participant|actor)\s+([^\s]+)(?:\s+as\s+.*)?$/;
const META = /^\s*(autonumber|title\b|accTitle\b|accDescr\b)/;
const BLOCK_OPEN = /^\s*(rect|alt|opt|loop|par|critical|break|box)\b\s*(.*)$/;
const BLOCK_END = /^\s*end\s*$/;
/** `A->>+B: text`: the two ends, and whether the message activates (+) or deactivates (-) one. */
const MESSAGE = /^\s*([^\s:+-][^:]*?)\s*(-{1,2}>>|-{1,2}>|-{1,2}x|-{1,2}\)|<<-{1,2}>>)\s*([+-]?)\s*([^:]+?)\s*:/;
const ACTIVATION = /^\s*(activate|deactivate)\s+(\S+)/;
const NOTE = /^\s*note\s+(?:left of|right of|over)\s+([^:]+):/i;

interface Unit {
  lines: string[];
  messages: number;
  actors: string[];
  title: string | null;
}

/** Whether `kind` is a sequence diagram this module can split. */
export const isSequence = (kind: string): boolean => kind === 'sequenceDiagram';

/** The diagram's header lines, its participant declarations, and its top-level statements with what each uses. */
function units(
  lines: readonly string[],
  head: number,
): { preamble: string[]; declared: Map<string, string>; units: Unit[] } {
  const preamble = lines.slice(0, head + 1);
  const declared = new Map<string, string>();
  const out: Unit[] = [];
  let depth = 0;
  let open = 0;
  let current: Unit | null = null;
  for (const line of lines.slice(head + 1)) {
    if (!line.trim()) continue;
    const decl = open === 0 ? DECLARE.exec(line) : null;
    if (decl) {
      declared.set(decl[2]!, line);
      continue;
    }
    if (open === 0 && META.test(line)) {
      preamble.push(line);
      continue;
    }
    current ??= { lines: [], messages: 0, actors: [], title: null };
    current.lines.push(line);
    const block = BLOCK_OPEN.exec(line);
    if (block) {
      if (open === 0 && current.lines.length === 1) current.title = block[2]?.trim() || null;
      open++;
    } else if (BLOCK_END.test(line)) open = Math.max(0, open - 1);
    const m = MESSAGE.exec(line);
    if (m) {
      current.messages++;
      current.actors.push(m[1]!.trim(), m[4]!.trim());
      if (m[3] === '+') depth++;
      if (m[3] === '-') depth = Math.max(0, depth - 1);
    }
    const a = ACTIVATION.exec(line);
    if (a) depth = Math.max(0, depth + (a[1] === 'activate' ? 1 : -1));
    const note = NOTE.exec(line);
    if (note) current.actors.push(...note[1]!.split(',').map((s) => s.trim()));
    if (open === 0 && depth === 0) {
      out.push(current);
      current = null;
    }
  }
  if (current) out.push(current);
  return { preamble, declared, units: out };
}

/** The sequence diagram in parts of at most MAX_MESSAGES messages, or null when it needs no cut. */
export function splitSequence(source: string, max = MAX_MESSAGES): DiagramPart[] | null {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const head = lines.findIndex((l) => HEADER.test(l));
  if (head < 0) return null;
  const { preamble, declared, units: list } = units(lines, head);
  const total = list.reduce((n, u) => n + u.messages, 0);
  if (total <= max || list.length < 2) return null;
  // As many parts as the messages need, filled evenly: a cut when the next unit would pass the share.
  const share = Math.ceil(total / Math.ceil(total / max));
  const groups: Unit[][] = [[]];
  let count = 0;
  for (const u of list) {
    if (count > 0 && count + u.messages > share) {
      groups.push([]);
      count = 0;
    }
    groups[groups.length - 1]!.push(u);
    count += u.messages;
  }
  if (groups.length < 2) return null;
  let before = 0;
  return groups.map((g) => {
    // A plain `autonumber` would restart at 1 in every part: each part goes on from the last.
    const head = preamble.map((l) =>
      /^\s*autonumber\s*$/.test(l) && before > 0 ? `${l.replace(/\s*$/, '')} ${before + 1}` : l,
    );
    before += g.reduce((n, u) => n + u.messages, 0);
    const used = new Set(g.flatMap((u) => u.actors));
    const declarations = [...declared].filter(([id]) => used.has(id)).map(([, line]) => line);
    return {
      title: g.find((u) => u.title)?.title ?? null,
      source: `${[...head, ...declarations, ...g.flatMap((u) => u.lines)].join('\n')}\n`,
    };
  });
}
