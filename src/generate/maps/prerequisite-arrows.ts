// The course map's prerequisite arrows: from a chapter to each later one whose text says it builds
// on it (model/prerequisites.ts). The chapter just before already has the sequence arrow, so it
// gets none. Mermaid cannot draw them: a link into a row would undo the row's left-to-right
// layout, so the renderer draws them over the laid-out map (render/assets/arrows.js).
import type { Chapter } from '../../model/types.ts';

/** An arrow between two chapter boxes (node ids `c3` → `c5`), with its label. */
export interface CourseMapArrow {
  from: string;
  to: string;
  label: string;
}

/** Prerequisite arrows between the map's chapters, `order` being the chapters in reading order. */
export function prerequisiteArrows(order: readonly Chapter[], label: string): CourseMapArrow[] {
  const place = new Map(order.map((c, i) => [c.number, i]));
  return order.flatMap((c, i) =>
    (c.prerequisites ?? [])
      .filter((p) => {
        const at = place.get(p.chapter);
        return at !== undefined && at < i - 1;
      })
      .map((p) => ({ from: `c${p.chapter}`, to: `c${c.number}`, label })),
  );
}
