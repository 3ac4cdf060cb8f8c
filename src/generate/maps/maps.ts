// Model → Mermaid text for the concept maps (pure apart from reading templates).
import type { Course } from '../../model/types.ts';
import { chapterMap, courseMap } from './concepts.ts';
import type { TemplateSet } from '../templates.ts';
import { stringsFor } from '../strings.ts';

export interface GeneratedDiagram {
  /** Output path relative to the output folder, without extension: "maps/3-storage-and-retrieval". */
  name: string;
  source: string;
  /** Accessible title and description, added to the SVG when the diagram type has no accTitle syntax. */
  title: string;
  description: string;
  chapter: number | null;
}

export function generateMaps(course: Course, templates: TemplateSet): GeneratedDiagram[] {
  const out: GeneratedDiagram[] = [];
  const cm = courseMap(course);
  out.push({
    name: 'maps/course-map',
    source: templates.render('maps/course-map.mmd.hbs', { map: cm, course }),
    title: cm.title,
    description: cm.description,
    chapter: null,
  });
  for (const chapter of course.chapters) {
    const map = chapterMap(chapter, stringsFor(course.language).keyTakeaways);
    out.push({
      name: `maps/${chapter.slug}`,
      source: templates.render('maps/chapter-map.mmd.hbs', { map, chapter }),
      title: map.title,
      description: map.description,
      chapter: chapter.number,
    });
  }
  return out;
}
