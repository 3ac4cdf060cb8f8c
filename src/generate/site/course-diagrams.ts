// The course's own diagrams on the site's home page: authored diagrams outside every chapter (a
// closing "Systems map" section) had no page. Each gets a section of the home page, titled as on
// the course deck (the extra around it, its own title, else the last extra before it) and drawn as
// a chapter page draws its diagrams (./figures.ts: whole, as the slide fit's parts, or zoomable).
import type { Course } from '../../model/types.ts';
import { courseDiagramTitle } from '../maps/diagram-title.ts';
import type { UiStrings } from '../strings.ts';
import { diagramFigure, type FigureSource } from './figures.ts';

export interface CourseDiagramSection {
  /** The section's id on the home page: "diagram-1". */
  id: string;
  title: string;
  /** The figure(s), sanitised HTML. */
  html: string;
}

/** A section per rendered course-level diagram, in the course's order. */
export function courseDiagramSections(course: Course, from: FigureSource, t: UiStrings): CourseDiagramSection[] {
  return course.diagrams.flatMap((d, i) => {
    const html = diagramFigure(`diagrams/course-${i + 1}`, from);
    return html ? [{ id: `diagram-${i + 1}`, title: courseDiagramTitle(course, d) ?? t.diagram, html }] : [];
  });
}
