// A course's shape as short lines, for assertions: "Part 1 Title: 1 Chapter [sections], …", then
// the chapters outside parts. Shared by the genre and course-format tests.
import type { Course } from '../../src/model/types.ts';

export function outline(c: Course): string[] {
  const inPart = new Set(c.parts.flatMap((p) => p.chapters));
  const chapter = (n: number) => {
    const ch = c.chapters.find((k) => k.number === n);
    return ch ? `${n} ${ch.title} [${ch.sections.length}]` : `${n} missing`;
  };
  return [
    ...c.parts.map((p) => `Part ${p.number} ${p.title}: ${p.chapters.map(chapter).join(', ')}`),
    ...c.chapters.filter((k) => !inPart.has(k.number)).map((k) => chapter(k.number)),
  ];
}
