// Where every input line went: the model measures its own output (the positions of what it
// kept) and adds what it dropped by name (filler, outline, summary, titles, separators), so
// the counts add up to the input's line count and lost content shows as `lost`.
import type { Diagnostics } from './messages.ts';
import { flattenSections } from './sections.ts';
import type { Block, Chapter, Course, Coverage, Extra, LineUse, Position, Section } from './types.ts';

/** Lines (1-based, inclusive) that the model dropped on purpose, with the rule that did it. */
export interface Drop {
  start: number;
  end: number;
  use: Exclude<LineUse, 'chapters' | 'preface' | 'extras' | 'lost'>;
  rule: string;
}

export interface FileLines {
  path: string;
  text: string;
  drops: readonly Drop[];
}

/** Use of each line of one file; index 0 is line 1. Exported for the warnings and tests. */
export type LineMap = LineUse[];

const KEPT: readonly LineUse[] = ['chapters', 'preface', 'extras'];

export function lineCount(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

export function mapLines(file: FileLines, course: Pick<Course, 'chapters' | 'preface' | 'extras'>): LineMap {
  const lines = file.text.split('\n').slice(0, lineCount(file.text));
  const map: LineMap = lines.map(() => 'lost');
  const mark = (p: Position | undefined, use: LineUse) => {
    if (!p) return;
    for (let l = p.start.line; l <= Math.min(p.end.line, map.length); l++) map[l - 1] = use;
  };
  const markBlocks = (blocks: readonly Block[], use: LineUse) => blocks.forEach((b) => mark(b.position, use));
  const markSections = (sections: readonly Section[], use: LineUse) => {
    for (const s of flattenSections(sections)) {
      mark(s.position, use);
      markBlocks(s.blocks, use);
    }
  };
  const mine = <T extends { file: string }>(list: readonly T[]) => list.filter((x) => x.file === file.path);
  for (const c of mine(course.chapters)) {
    mark(headingLine(c), 'chapters');
    markBlocks(c.intro, 'chapters');
    markSections(c.sections, 'chapters');
    markBlocks(c.summaryBlocks, 'summary');
  }
  const markExtra = (e: Extra, use: LineUse) => {
    mark(e.position, use);
    markBlocks(e.blocks, use);
    markSections(e.sections, use);
  };
  mine(course.preface).forEach((e) => markExtra(e, 'preface'));
  mine(course.extras).forEach((e) => markExtra(e, 'extras'));
  for (const d of file.drops)
    mark({ start: { line: d.start, column: 1, offset: 0 }, end: { line: d.end, column: 1, offset: 0 } }, d.use);
  lines.forEach((text, k) => {
    if (text.trim() === '') map[k] = 'blank';
  });
  return map;
}

function headingLine(c: Chapter): Position {
  return { start: c.position.start, end: c.position.start };
}

export function measure(files: readonly FileLines[], maps: readonly LineMap[]): Coverage {
  const counts: Record<LineUse, number> = {
    chapters: 0,
    preface: 0,
    extras: 0,
    outline: 0,
    summary: 0,
    structure: 0,
    filler: 0,
    frontMatter: 0,
    blank: 0,
    lost: 0,
  };
  const fillerRules: Record<string, number> = {};
  maps.forEach((map, k) => {
    for (const use of map) counts[use]++;
    const drops = files[k]?.drops ?? [];
    // Count filler per rule from the map, so a line is counted once even if two rules named it.
    const ruleAt = new Map<number, string>();
    for (const d of drops) if (d.use === 'filler') for (let l = d.start; l <= d.end; l++) ruleAt.set(l, d.rule);
    map.forEach((use, i) => {
      const rule = ruleAt.get(i + 1);
      if (use === 'filler' && rule) fillerRules[rule] = (fillerRules[rule] ?? 0) + 1;
    });
  });
  const lines = maps.reduce((n, m) => n + m.length, 0);
  const kept = KEPT.reduce((n, u) => n + counts[u], 0);
  const content = kept + counts.lost;
  const sortedRules = Object.fromEntries(Object.entries(fillerRules).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    lines,
    ...counts,
    fillerRules: sortedRules,
    percent: content === 0 ? 100 : Math.floor((kept / content) * 1000) / 10,
  };
}

const RUN_LIMIT = 40;

/** Warns about chapters left empty while their lines went elsewhere, and long runs of extras between chapters. */
export function coverageWarnings(map: LineMap, chapters: readonly Chapter[], diag: Diagnostics): void {
  const starts = chapters.map((c) => c.position.start.line).sort((a, b) => a - b);
  for (const c of chapters) {
    const from = c.position.start.line;
    const to = starts.find((l) => l > from) ?? map.length + 1;
    const elsewhere = countUses(map, from + 1, to - 1).filter(([use]) => use !== 'chapters' && use !== 'blank');
    if (c.intro.length > 0 || c.sections.length > 0 || elsewhere.length === 0) continue;
    const where = elsewhere.map(([use, n]) => `${n} to ${use}`).join(', ');
    diag.warn(
      c.position.start,
      `Chapter ${c.number} is empty: the lines after its heading went elsewhere (${where})`,
      'chapter-empty',
      'Check the heading levels; a heading the chapter should own may have been read as the start of something else.',
    );
  }
  for (let k = 0; k + 1 < starts.length; k++) {
    for (const run of extrasRuns(map, starts[k]!, starts[k + 1]!)) {
      diag.warn(
        { line: run.start, column: 1, offset: 0 },
        `${run.length} lines between chapters went to extras (lines ${run.start}–${run.end})`,
        'extras-between-chapters',
        'Material between two chapters usually belongs to the first; check its heading levels or name it as a chapter.',
      );
    }
  }
}

function countUses(map: LineMap, from: number, to: number): Array<[LineUse, number]> {
  const counts = new Map<LineUse, number>();
  for (let l = from; l <= to; l++) {
    const use = map[l - 1];
    if (use) counts.set(use, (counts.get(use) ?? 0) + 1);
  }
  return [...counts.entries()];
}

/** Runs of extras lines (blank lines do not break a run) longer than RUN_LIMIT, between two lines. */
function extrasRuns(map: LineMap, from: number, to: number): Array<{ start: number; end: number; length: number }> {
  const out: Array<{ start: number; end: number; length: number }> = [];
  let start = 0;
  let end = 0;
  const flush = () => {
    if (start > 0 && end - start + 1 > RUN_LIMIT) out.push({ start, end, length: end - start + 1 });
    start = 0;
  };
  for (let l = from; l < to; l++) {
    const use = map[l - 1];
    if (use === 'extras') {
      if (start === 0) start = l;
      end = l;
    } else if (use !== 'blank') flush();
  }
  flush();
  return out;
}
