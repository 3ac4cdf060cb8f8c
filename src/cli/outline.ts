// The readable outline printed by `coursemap model`: parts → chapters → sections, with counts.
import type { Chapter, Course, Coverage, Section } from '../model/types.ts';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function countTables(sections: readonly Section[]): number {
  return sections.reduce((n, s) => n + s.blocks.filter((b) => b.type === 'table').length + countTables(s.sections), 0);
}

function chapterLine(c: Chapter): string {
  const counts = [
    plural(c.sections.length, 'section'),
    plural(c.analogies.length, 'analogy').replace('analogys', 'analogies'),
    plural(countTables(c.sections), 'table'),
    plural(c.diagrams.length, 'diagram'),
  ];
  return `${String(c.number).padStart(3)}  ${c.title}  (${counts.join(', ')})`;
}

function sectionLines(sections: readonly Section[], depth: number, maxDepth: number): string[] {
  if (depth > maxDepth) return [];
  return sections.flatMap((s) => [
    `${'   '.repeat(depth + 1)}  ${s.id ? `${s.id} ` : '· '}${s.title}`,
    ...sectionLines(s.sections, depth + 1, maxDepth),
  ]);
}

const LAYOUT_NAMES: Record<string, string> = {
  plain: 'folder',
  mdbook: 'mdBook',
  mkdocs: 'mkdocs',
  quarto: 'quarto book',
  'jupyter-book': 'jupyter book',
  docusaurus: 'docusaurus docs',
  gitbook: 'gitbook',
};

/** "quarto book (_quarto.yml)" for a folder course, else the form ("tidy", "transcript"). */
function formOf(course: Course): string {
  if (!course.layout) return course.form;
  const name = LAYOUT_NAMES[course.layout.name] ?? course.layout.name;
  return course.layout.orderFile ? `${name} (${course.layout.orderFile.split('/').pop()})` : name;
}

export function formatOutline(course: Course, maxDepth = 1): string {
  const out: string[] = [];
  out.push(course.author ? `${course.title} — ${course.author}` : course.title);
  out.push(
    `${formOf(course)} · ${course.language} · ${plural(course.chapters.length, 'chapter')} · ${plural(course.parts.length, 'part')} · ` +
      `${plural(course.diagrams.length + course.chapters.reduce((n, c) => n + c.diagrams.length, 0), 'diagram')} · ${plural(course.extras.length, 'extra')}`,
  );
  out.push(...coverageLines(course.coverage));
  const inPart = new Set(course.parts.flatMap((p) => p.chapters));
  const byNumber = new Map(course.chapters.map((c) => [c.number, c]));
  const emit = (c: Chapter) => out.push(chapterLine(c), ...sectionLines(c.sections, 1, maxDepth));
  for (const part of course.parts) {
    out.push('', `Part ${part.number}: ${part.title}`);
    for (const n of part.chapters) {
      const c = byNumber.get(n);
      if (c) emit(c);
    }
  }
  const loose = course.chapters.filter((c) => !inPart.has(c.number));
  if (loose.length > 0) out.push('');
  loose.forEach(emit);
  if (course.extras.length > 0) out.push('', 'Extras', ...course.extras.map((e) => `     ${e.title}`));
  return out.join('\n');
}

const num = (n: number) => n.toLocaleString('en-US');

/** "coverage  99.8 % of 1,562 content lines kept: …" and where the other lines of the input went. */
export function coverageLines(c: Coverage): string[] {
  const content = c.chapters + c.preface + c.extras + c.lost;
  const rules = Object.entries(c.fillerRules)
    .map(([rule, n]) => `${rule} ${num(n)}`)
    .join(', ');
  return [
    `coverage  ${c.percent.toFixed(1)} % of ${num(content)} content lines kept: ${num(c.chapters)} in chapters, ${num(c.preface)} preface, ${num(c.extras)} extras; ${num(c.lost)} lost`,
    `          of ${num(c.lines)} input lines: ${num(c.filler)} filler dropped${rules ? ` (${rules})` : ''}, ${num(c.outline)} outline, ${num(c.summary)} summary, ` +
      `${num(c.structure)} titles and parts, ${num(c.frontMatter)} front matter, ${num(c.blank)} blank`,
  ];
}
