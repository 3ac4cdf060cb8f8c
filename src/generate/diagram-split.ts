// Re-flowing an authored flowchart that is too big to read on a slide: the same diagram in the
// other direction (TD ↔ LR), or split into parts a slide each. A part is a top-level subgraph,
// else a section the author marked with a `%%` comment line ("%% === Storage ==="), else a hub
// (a node with three or more children) with its children. A node a part links to but does not
// define keeps its label there (it is drawn in the part, as the link's other end); styles and
// classes go with the parts that hold their nodes; `linkStyle` (edge numbers) is left out and
// counted. Pure text work: which variant reads best is measured by the caller after rendering.

export interface DiagramPart {
  /** The part's name: its subgraph label or section comment; null for a hub part. */
  title: string | null;
  /** Mermaid source of the part, in the author's direction. */
  source: string;
}

export interface Split {
  parts: DiagramPart[];
  /** How the parts were found. */
  by: 'subgraph' | 'comment' | 'hub';
  /** Lines the parts could not carry (`linkStyle`, which counts edges of the whole). */
  dropped: number;
}

const HEADER = /^\s*(flowchart|graph)(?:\s+(TB|TD|BT|RL|LR))?\s*;?\s*$/i;
const OPEN = /[[({>]/;
const CLOSE: Readonly<Record<string, string>> = { '[': ']', '(': ')', '{': '}', '>': ']' };
const ID = /[A-Za-z0-9_][\w.-]*/y;
const KEYWORDS = new Set([
  'subgraph',
  'end',
  'classDef',
  'class',
  'style',
  'linkStyle',
  'click',
  'direction',
  'graph',
  'flowchart',
]);

/** Whether `kind` (the first keyword) is a flowchart that can be flipped and split. */
export const isFlowchart = (kind: string): boolean => /^(flowchart|graph)$/i.test(kind);

/** Where the body starts: after front matter, directives and the header line. */
function headerIndex(lines: readonly string[]): number {
  return lines.findIndex((l) => HEADER.test(l));
}

/** The flowchart's direction (TD when none is given). */
export function direction(source: string): string {
  const lines = source.split(/\r?\n/);
  const i = headerIndex(lines);
  const d = i >= 0 ? HEADER.exec(lines[i]!)?.[2] : undefined;
  return (d ?? 'TD').toUpperCase() === 'TB' ? 'TD' : (d ?? 'TD').toUpperCase();
}

/** The same flowchart drawn in `dir` (its header line rewritten; null when it has none). */
export function withDirection(source: string, dir: 'TD' | 'LR'): string | null {
  const lines = source.split(/\r?\n/);
  const i = headerIndex(lines);
  if (i < 0) return null;
  lines[i] = lines[i]!.replace(HEADER, (_m, kw: string) => `${kw} ${dir}`);
  return lines.join('\n');
}

/** The other reading direction: TD/BT → LR, LR/RL → TD. */
export const flipped = (dir: string): 'TD' | 'LR' => (dir === 'LR' || dir === 'RL' ? 'TD' : 'LR');

/** Each node id of a line with the text of its shape when the line defines it (`A[Label]`). */
export function nodesOf(line: string): Array<{ id: string; def: string | null }> {
  const out: Array<{ id: string; def: string | null }> = [];
  const s = line.replace(/\|[^|]*\|/g, (m) => ' '.repeat(m.length)); // edge labels are no nodes
  let i = 0;
  while (i < s.length) {
    ID.lastIndex = i;
    const m = ID.exec(s);
    const prev = i > 0 ? s[i - 1]! : ' ';
    if (!m || (/[\w"'-]/.test(prev) && i > 0 && !/[\s&;>]/.test(prev))) {
      i++;
      continue;
    }
    const id = m[0];
    const j = i + id.length;
    if (OPEN.test(s[j] ?? '')) {
      const end = shapeEnd(s, j);
      out.push({ id, def: line.slice(j, end) });
      i = end;
      continue;
    }
    if (!KEYWORDS.has(id) && !/^-+$/.test(id) && !/^(o|x)$/.test(id)) out.push({ id, def: null });
    i = j;
  }
  return out.filter((n) => !/^\d+$/.test(n.id));
}

/** Index after the closing bracket of the shape opening at `start` (quotes respected). */
function shapeEnd(s: string, start: number): number {
  const open = s[start]!;
  const close = CLOSE[open] ?? ']';
  let depth = 0;
  let quoted = false;
  for (let k = start; k < s.length; k++) {
    const ch = s[k]!;
    if (ch === '"') quoted = !quoted;
    if (quoted) continue;
    if (ch === open && open !== '>') depth++;
    else if (ch === close) {
      depth--;
      if (depth <= 0 && !/[\])}]/.test(s[k + 1] ?? '')) return k + 1;
    }
  }
  return s.length;
}

interface Group {
  title: string | null;
  lines: string[];
}

/** Tidies a section comment into a title: "=== LOG-CENTRIC ===" → "Log-Centric". */
function commentTitle(text: string): string {
  const t = text.replace(/^[\s=#*\-–—:]+|[\s=#*\-–—:]+$/g, '').trim();
  return t === t.toUpperCase() && /[A-Z]/.test(t)
    ? t.toLowerCase().replace(/(^|[\s/-])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase())
    : t;
}

/** The body's lines in groups: one per top-level subgraph, or per `%%` section comment. */
function groups(body: readonly string[]): { groups: Group[]; by: Split['by'] } | null {
  const sub: Group[] = [];
  let depth = 0;
  let current: Group | null = null;
  const outside: string[] = [];
  for (const line of body) {
    const t = line.trim();
    if (/^subgraph\b/.test(t)) {
      if (depth === 0) {
        const label = /^subgraph\s+\S+?\s*\[(.+?)\]\s*$/.exec(t)?.[1] ?? /^subgraph\s+(.+?)\s*$/.exec(t)?.[1] ?? null;
        current = { title: label ? label.replace(/^"|"$/g, '') : null, lines: [] };
        sub.push(current);
      }
      depth++;
    }
    if (depth > 0) current!.lines.push(line);
    else outside.push(line);
    if (/^end\s*;?$/.test(t) && depth > 0) depth--;
  }
  if (sub.length >= 2) {
    // Links between subgraphs and free nodes go with the part of their first node.
    for (const line of outside) {
      const first = nodesOf(line)[0]?.id;
      const home = first ? sub.find((g) => g.lines.some((l) => nodesOf(l).some((n) => n.id === first))) : undefined;
      (home ?? sub[sub.length - 1]!).lines.push(line);
    }
    return { groups: sub, by: 'subgraph' };
  }
  const sections: Group[] = [];
  let sec: Group = { title: null, lines: [] };
  for (const line of body) {
    const c = /^\s*%%(?!\{)\s*(.*)$/.exec(line);
    if (c && commentTitle(c[1]!)) {
      if (sec.lines.some((l) => l.trim() && !l.trim().startsWith('%%'))) sections.push(sec);
      sec = { title: commentTitle(c[1]!), lines: [] };
      continue;
    }
    sec.lines.push(line);
  }
  if (sec.lines.some((l) => l.trim())) sections.push(sec);
  const real = sections.filter((g) => g.lines.some((l) => nodesOf(l).length > 0));
  return real.length >= 2 ? { groups: real, by: 'comment' } : null;
}

/** Hub parts: every node with three or more children, with those children (a tree's levels). */
function hubs(body: readonly string[]): Group[] {
  const children = new Map<string, string[]>();
  for (const line of body) {
    const ids = nodesOf(line).map((n) => n.id);
    for (let k = 0; k + 1 < ids.length; k++) children.set(ids[k]!, [...(children.get(ids[k]!) ?? []), ids[k + 1]!]);
  }
  const big = [...children].filter(([, c]) => c.length >= 3).map(([id]) => id);
  if (big.length < 2) return [];
  const parts: Group[] = big.map(() => ({ title: null, lines: [] }));
  for (const line of body) {
    const first = nodesOf(line)[0]?.id;
    const k = first ? big.indexOf(first) : -1;
    parts[
      k >= 0
        ? k
        : Math.max(
            0,
            big.findIndex((h) => (children.get(h) ?? []).includes(first ?? '')),
          )
    ]!.lines.push(line);
  }
  return parts.filter((p) => p.lines.length > 0);
}

/**
 * The flowchart as parts a slide each, or null when it has no more than one part. Each part is a
 * complete flowchart: the header, the `classDef`s, its own lines, a definition for each node it
 * links to but does not define, and the `style`/`class`/`click` lines of its nodes.
 */
export function splitFlowchart(source: string): Split | null {
  const lines = source.split(/\r?\n/);
  const h = headerIndex(lines);
  if (h < 0) return null;
  const head = lines.slice(0, h + 1);
  const body = lines.slice(h + 1);
  const isShared = (t: string) => /^classDef\b/.test(t);
  const isAttached = (t: string) => /^(style|class|click)\b/.test(t);
  const isDropped = (t: string) => /^linkStyle\b/.test(t);
  const plain = body.filter((l) => !isShared(l.trim()) && !isAttached(l.trim()) && !isDropped(l.trim()));
  const found = groups(plain);
  const parts = found?.groups ?? hubs(plain);
  if (parts.length < 2) return null;
  const defs = new Map<string, string>();
  for (const l of plain) for (const n of nodesOf(l)) if (n.def && !defs.has(n.id)) defs.set(n.id, n.def);
  const shared = body.filter((l) => isShared(l.trim()));
  const attached = body.filter((l) => isAttached(l.trim()));
  const out = parts.map((g) => {
    const defined = new Set(
      g.lines.flatMap((l) =>
        nodesOf(l)
          .filter((n) => n.def)
          .map((n) => n.id),
      ),
    );
    const used = new Set(g.lines.flatMap((l) => nodesOf(l).map((n) => n.id)));
    const borrowed = [...used].filter((id) => !defined.has(id) && defs.has(id)).map((id) => `  ${id}${defs.get(id)}`);
    const styles = attached.filter(
      (l) =>
        nodesOf(l.trim().replace(/^(style|class|click)\s+/, ''))
          .slice(0, 1)
          .some((n) => used.has(n.id)) ||
        l
          .trim()
          .split(/[\s,]+/)
          .some((w) => used.has(w)),
    );
    const own = trimBlank(g.lines);
    return {
      title: g.title,
      source:
        [...head, ...shared, ...borrowed, ...own, ...styles]
          .join('\n')
          .replace(/\n{3,}/g, '\n\n')
          .trimEnd() + '\n',
    };
  });
  return { parts: out, by: found?.by ?? 'hub', dropped: body.filter((l) => isDropped(l.trim())).length };
}

/** Lines without the blank ones at either end. */
function trimBlank(lines: readonly string[]): string[] {
  let a = 0;
  let b = lines.length;
  while (a < b && !lines[a]!.trim()) a++;
  while (b > a && !lines[b - 1]!.trim()) b--;
  return lines.slice(a, b);
}
