// The model's own invariants. Every Course that loadCourse returns must pass; the property
// tests feed it arbitrary Markdown to prove that.
import { flattenSections } from './sections.ts';
import type { Course, Position, Section } from './types.ts';

// Letters of any script, digits and marks, joined by single hyphens (slugify lower-cases them).
const SLUG = /^[\p{L}\p{N}\p{M}]+(?:-[\p{L}\p{N}\p{M}]+)*$/u;
const SECTION_ID = /^\d+(?:\.\d+)+$/;

function positionProblem(p: Position, where: string): string | null {
  const ok =
    p.start.line >= 1 &&
    p.start.column >= 1 &&
    p.end.line >= p.start.line &&
    p.start.offset >= 0 &&
    p.end.offset >= p.start.offset;
  return ok ? null : `${where}: bad position ${JSON.stringify(p)}`;
}

function sectionProblems(sections: readonly Section[], where: string): string[] {
  const out: string[] = [];
  for (const s of flattenSections(sections)) {
    const at = `${where} section "${s.title}"`;
    if (s.id !== null && !SECTION_ID.test(s.id)) out.push(`${at}: bad id ${s.id}`);
    if (!SLUG.test(s.slug)) out.push(`${at}: bad slug ${s.slug}`);
    if (s.level < 1 || s.depth < 1 || s.depth > 6) out.push(`${at}: bad level/depth`);
    const p = positionProblem(s.position, at);
    if (p) out.push(p);
  }
  return out;
}

/** Returns a list of broken invariants; empty when the model is sound. */
export function validateCourse(course: Course): string[] {
  const out: string[] = [];
  if (typeof course.title !== 'string' || course.title.trim() === '') out.push('course: empty title');
  const numbers = new Set<number>();
  const slugs = new Set<string>();
  for (const c of course.chapters) {
    const where = `chapter ${c.number}`;
    if (!Number.isInteger(c.number) || c.number < 0) out.push(`${where}: bad number`);
    if (numbers.has(c.number)) out.push(`${where}: duplicate number`);
    numbers.add(c.number);
    if (!SLUG.test(c.slug)) out.push(`${where}: bad slug ${c.slug}`);
    if (slugs.has(c.slug)) out.push(`${where}: duplicate slug ${c.slug}`);
    slugs.add(c.slug);
    if (c.title.trim() === '') out.push(`${where}: empty title`);
    const p = positionProblem(c.position, where);
    if (p) out.push(p);
    out.push(...sectionProblems(c.sections, where));
  }
  for (const part of course.parts) {
    for (const n of part.chapters) if (!numbers.has(n)) out.push(`part ${part.number}: names missing chapter ${n}`);
  }
  for (const e of [...course.extras, ...course.preface]) {
    if (!SLUG.test(e.slug) || slugs.has(e.slug)) out.push(`extra "${e.title}": bad or duplicate slug ${e.slug}`);
    slugs.add(e.slug);
    out.push(...sectionProblems(e.sections, `extra "${e.title}"`));
  }
  const c = course.coverage;
  const counted =
    c.chapters +
    c.preface +
    c.extras +
    c.outline +
    c.summary +
    c.structure +
    c.filler +
    c.frontMatter +
    c.blank +
    c.lost;
  if (counted !== c.lines) out.push(`coverage: ${counted} lines counted, the input has ${c.lines}`);
  const json = JSON.stringify(course);
  if (JSON.stringify(JSON.parse(json)) !== json) out.push('course: not JSON-serializable');
  return out;
}
