// Splitting an authored class diagram that is too big to read on a slide. The parts are its
// namespaces when it has two or more (a class outside every namespace goes with the namespace it
// has most relationships with), else its connected groups of classes (classes joined by a
// relationship), small groups packed together and a big group cut at its most even bridge (a
// relationship that alone joins two halves) until each part has at most MAX_CLASSES classes. Each relationship goes with the part of its first class; when its
// other class lives in another part, that class is drawn there too as a bare box (name only, its
// members stay in its own part), so every relationship is shown with both ends. A part keeps the
// header lines (directives, `direction`, title, accessibility), every `classDef`, and the
// members, annotations, notes and styles of its classes. Pure text work; the caller renders and
// measures (src/pipeline/diagram-fit.ts).
import type { DiagramPart } from './diagram-split.ts';

/** Most classes one part holds: about a slide of boxes with a few members at a readable size. */
export const MAX_CLASSES = 4;

const HEADER = /^\s*classDiagram(?:-v2)?\s*$/;
const META = /^\s*(direction\s+(TB|BT|LR|RL)|title\b|accTitle\b|accDescr\b|%%\{)/;
const SHARED = /^\s*classDef\b/;
const NAME = String.raw`[\w$-]+(?:~[^~]*~)?|\`[^\`]+\``;
const CLASS_LINE = new RegExp(String.raw`^\s*class\s+(${NAME})`);
const NAMESPACE = /^\s*namespace\s+([\w.-]+)\s*\{\s*$/;
const ANNOTATION = new RegExp(String.raw`^\s*<<[^>]+>>\s*(${NAME})\s*$`);
const MEMBER = new RegExp(String.raw`^\s*(${NAME})\s*:`);
const NOTE_FOR = new RegExp(String.raw`^\s*note\s+for\s+(${NAME})`);
const ATTACHED = new RegExp(String.raw`^\s*(?:style|click|link|callback)\s+(${NAME})`);
const CSS_CLASS = /^\s*cssClass\s+"([^"]+)"/;
/** `A "1" *-- "many" B : label`: the two ends of a relationship. */
const RELATION = new RegExp(
  String.raw`^\s*(${NAME})\s*(?:"[^"]*"\s*)?(?:<\||\*|o|<)?(?:--|\.\.)(?:\|>|\*|o|>)?\s*(?:"[^"]*"\s*)?(${NAME})\s*(?::.*)?$`,
);

/** A top-level statement: its lines and the classes it belongs to (a relationship: both ends). */
interface Unit {
  lines: string[];
  classes: string[];
  relation: boolean;
  namespace: string | null;
}

/** Whether `kind` is a class diagram this module can split. */
export const isClassDiagram = (kind: string): boolean => /^classDiagram(-v2)?$/.test(kind);

/** A class's name without its generic type (`Box~T~` → `Box`) or backticks. */
const bare = (name: string): string => name.replace(/~[^~]*~$/, '').replace(/^`|`$/g, '');

function unitOf(line: string): Omit<Unit, 'lines' | 'namespace'> {
  const rel = RELATION.exec(line);
  if (rel && !/^\s*class\s/.test(line)) return { classes: [bare(rel[1]!), bare(rel[2]!)], relation: true };
  const css = CSS_CLASS.exec(line);
  if (css) return { classes: css[1]!.split(',').map((s) => bare(s.trim())), relation: false };
  for (const re of [CLASS_LINE, ANNOTATION, NOTE_FOR, ATTACHED, MEMBER]) {
    const m = re.exec(line);
    if (m) return { classes: [bare(m[1]!)], relation: false };
  }
  return { classes: [], relation: false };
}

/** The header lines every part keeps and the statements, a class block `{ … }` as one. */
function parse(lines: readonly string[], head: number): { preamble: string[]; shared: string[]; units: Unit[] } {
  const preamble = lines.slice(0, head + 1);
  const shared: string[] = [];
  const units: Unit[] = [];
  let namespace: string | null = null;
  let block: Unit | null = null;
  for (const line of lines.slice(head + 1)) {
    const t = line.trim();
    if (block) {
      block.lines.push(line);
      if (t === '}') block = null;
      continue;
    }
    if (!t || (/^%%/.test(t) && !/^%%\{/.test(t))) continue;
    if (META.test(line)) preamble.push(line);
    else if (SHARED.test(line)) shared.push(line);
    else if (NAMESPACE.test(line)) namespace = NAMESPACE.exec(line)![1]!;
    else if (t === '}' && namespace !== null) namespace = null;
    else {
      const unit: Unit = { lines: [line], namespace, ...unitOf(line) };
      units.push(unit);
      if (CLASS_LINE.test(line) && /\{\s*$/.test(t)) block = unit;
    }
  }
  return { preamble, shared, units };
}

/** Classes in order of first mention. */
function classesOf(units: readonly Unit[]): string[] {
  return [...new Set(units.flatMap((u) => u.classes))];
}

/** Groups by namespace (two or more), classes outside them with the namespace they relate to most. */
function byNamespace(units: readonly Unit[]): Array<{ title: string | null; classes: string[] }> | null {
  const names = [...new Set(units.map((u) => u.namespace).filter((n): n is string => n !== null))];
  if (names.length < 2) return null;
  const home = new Map<string, string>();
  for (const u of units) if (u.namespace && !u.relation) for (const c of u.classes) home.set(c, u.namespace);
  const groups = names.map((title) => ({ title, classes: [] as string[] }));
  const rest: string[] = [];
  for (const c of classesOf(units)) {
    let ns = home.get(c);
    if (!ns) {
      const votes = new Map<string, number>();
      for (const u of units)
        if (u.relation && u.classes.includes(c))
          for (const o of u.classes) if (home.has(o)) votes.set(home.get(o)!, (votes.get(home.get(o)!) ?? 0) + 1);
      ns = [...votes].sort((a, b) => b[1] - a[1])[0]?.[0];
    }
    if (ns) groups[names.indexOf(ns)]!.classes.push(c);
    else rest.push(c);
  }
  return rest.length ? [...groups, { title: null, classes: rest }] : groups;
}

/** The connected groups of `classes` along `edges`, each in reading order. */
function components(classes: readonly string[], edges: ReadonlyArray<readonly [string, string]>): string[][] {
  const group = new Map(classes.map((c) => [c, c]));
  const root = (c: string): string => (group.get(c) === c ? c : root(group.get(c)!));
  for (const [a, b] of edges) if (group.has(a) && group.has(b)) group.set(root(a), root(b));
  const out = new Map<string, string[]>();
  for (const c of classes) out.set(root(c), [...(out.get(root(c)) ?? []), c]);
  return [...out.values()];
}

/**
 * A connected group cut into parts of at most `max`: at the relationship whose removal leaves the
 * most even halves (a bridge: a cut through one link only), again in each half still too big;
 * a group with no bridge is cut in reading order.
 */
function bisect(classes: string[], edges: ReadonlyArray<readonly [string, string]>, max: number): string[][] {
  if (classes.length <= max) return [classes];
  const inside = edges.filter(([a, b]) => classes.includes(a) && classes.includes(b));
  let best: string[][] | null = null;
  for (const e of inside) {
    const halves = components(
      classes,
      inside.filter((o) => o !== e),
    );
    const worst = (h: string[][]) => Math.max(...h.map((x) => x.length));
    if (halves.length === 2 && (!best || worst(halves) < worst(best))) best = halves;
  }
  if (!best) {
    const size = Math.ceil(classes.length / Math.ceil(classes.length / max));
    best = Array.from({ length: Math.ceil(classes.length / size) }, (_, i) => classes.slice(i * size, (i + 1) * size));
  }
  return best.flatMap((h) => bisect(h, edges, max));
}

/** Connected groups of classes in reading order, a big one cut by `bisect`, small ones packed together. */
function byConnection(units: readonly Unit[], max: number): Array<{ title: string | null; classes: string[] }> {
  const order = classesOf(units);
  const edges = units.filter((u) => u.relation).map((u) => [u.classes[0]!, u.classes[1]!] as const);
  const runs = components(order, edges).flatMap((c) => bisect(c, edges, max));
  const packed: string[][] = [];
  for (const run of runs) {
    const last = packed[packed.length - 1];
    if (last && last.length + run.length <= max) last.push(...run);
    else packed.push([...run]);
  }
  return packed.map((classes) => ({ title: null, classes }));
}

/** The class diagram in parts, or null when it has a single part. */
export function splitClassDiagram(source: string, max = MAX_CLASSES): DiagramPart[] | null {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const head = lines.findIndex((l) => HEADER.test(l));
  if (head < 0) return null;
  const { preamble, shared, units } = parse(lines, head);
  const groups = byNamespace(units) ?? byConnection(units, max);
  if (groups.length < 2) return null;
  const partOf = new Map<string, number>();
  groups.forEach((g, i) => {
    for (const c of g.classes) partOf.set(c, i);
  });
  return groups.map((g, i) => {
    const own = (u: Unit) =>
      u.relation
        ? partOf.get(u.classes[0]!) === i
        : u.classes.length > 0 && u.classes.every((c) => partOf.get(c) === i);
    const mine = units.filter(own);
    const drawn = new Set(mine.filter((u) => !u.relation).flatMap((u) => u.classes));
    // The other end of a relationship into another part: a bare box, so the link has both ends.
    const borrowed = [...new Set(mine.filter((u) => u.relation).flatMap((u) => u.classes))].filter(
      (c) => partOf.get(c) !== i && !drawn.has(c),
    );
    const body: string[] = [];
    let ns: string | null = null;
    for (const u of mine) {
      if (u.namespace !== ns) {
        if (ns !== null) body.push('  }');
        if (u.namespace !== null) body.push(`  namespace ${u.namespace} {`);
        ns = u.namespace;
      }
      body.push(...u.lines);
    }
    if (ns !== null) body.push('  }');
    return {
      title: g.title,
      source: `${[...preamble, ...shared, ...borrowed.map((c) => `  class ${c}`), ...body].join('\n')}\n`,
    };
  });
}

/** The class diagram drawn the other way round (`direction` TB ↔ LR, added after the header when absent). */
export function flipClassDiagram(source: string): string | null {
  const lines = source.split('\n');
  const head = lines.findIndex((l) => HEADER.test(l));
  if (head < 0) return null;
  const at = lines.findIndex((l, i) => i > head && /^\s*direction\s+(TB|BT|LR|RL)\s*$/.test(l));
  const now = at >= 0 ? /direction\s+(\w+)/.exec(lines[at]!)![1]! : 'TB';
  const line = `  direction ${now === 'LR' || now === 'RL' ? 'TB' : 'LR'}`;
  if (at >= 0) lines[at] = line;
  else lines.splice(head + 1, 0, line);
  return lines.join('\n');
}

/** Whether a part's source is a class diagram. */
export const isClassSource = (source: string): boolean => /^\s*classDiagram/m.test(source);

/** A class diagram part cut in two (see `splitClassDiagram`), each keeping the part's title; null when it cannot be. */
export function classHalves(part: DiagramPart): [DiagramPart, DiagramPart] | null {
  const lines = part.source.replace(/\r\n?/g, '\n').split('\n');
  const head = lines.findIndex((l) => HEADER.test(l));
  if (head < 0) return null;
  const n = classesOf(parse(lines, head).units).length;
  for (let max = Math.ceil(n / 2); max < n; max++) {
    const parts = splitClassDiagram(part.source, max);
    if (parts?.length === 2)
      return [parts[0]!, parts[1]!].map((p) => ({ ...p, title: part.title })) as [DiagramPart, DiagramPart];
  }
  return null;
}
