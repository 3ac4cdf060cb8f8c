// Two chapter words nested in one course: "# Módulo 1" holding "## Aula 1", "## Aula 2"; "# Module 2"
// holding "## Lesson 3"; "# 第一讲" … Courses (Brazilian ones especially) group lessons into modules,
// so when every heading with one word sits above, and holds, headings with another word, the outer
// word names parts. Said with an info message at the first outer heading, since it is a guess.
import type { Heading } from 'mdast';
import type { ChapterRef } from './markers.ts';
import { phrasingText } from '../lines.ts';
import type { Diagnostics } from '../messages.ts';
import type { Marker, Scan } from '../scan.ts';

export function promoteOuterChapterWords(scan: Scan, diag: Diagnostics | undefined): void {
  const byWord = new Map<string, Marker[]>();
  for (const m of scan.markers) {
    if (m.kind === 'heading' && m.word) byWord.set(m.word, [...(byWord.get(m.word) ?? []), m]);
  }
  for (const [outer, outers] of byWord) {
    for (const [inner, inners] of byWord) {
      if (outer === inner || !holds(outers, inners)) continue;
      for (const m of outers) {
        scan.partHeadings.add(m.index);
        scan.partRefs.set(m.index, { number: m.number, title: m.title } satisfies ChapterRef);
      }
      scan.markers = scan.markers.filter((m) => !outers.includes(m));
      const first = outers[0];
      if (first) {
        diag?.info(
          first.position.start,
          `"${shown(scan, first)}" headings hold "${shown(scan, inners[0])}" chapters, so they are read as parts (${outers.length})`,
          'chapter-word-as-part',
          'Call them parts ("Part 1: …") to make this explicit.',
        );
      }
      return;
    }
  }
}

/** Every outer heading is shallower than every inner one and holds at least one, and inner ones are more. */
function holds(outers: readonly Marker[], inners: readonly Marker[]): boolean {
  if (inners.length <= outers.length) return false;
  if (Math.max(...outers.map((m) => m.depth)) >= Math.min(...inners.map((m) => m.depth))) return false;
  return outers.every((o, k) =>
    inners.some((m) => m.index > o.index && m.index < (outers[k + 1]?.index ?? Number.POSITIVE_INFINITY)),
  );
}

/** The structure word as the heading writes it ("Módulo", "第一讲" → "讲"). */
function shown(scan: Scan, m: Marker | undefined): string {
  const node = m ? scan.nodes[m.index] : undefined;
  const text = node?.type === 'heading' ? phrasingText((node as Heading).children).replace(/^[\s*_#]+/, '') : '';
  return /^\p{Script=Latin}/u.test(text) ? (text.split(/\s+/)[0] ?? m?.word ?? '') : (m?.word ?? '');
}
