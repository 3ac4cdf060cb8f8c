// The generated concept maps (Mermaid text of the course map and every chapter map) kept in the
// cache folder: generating them measures every label with HarfBuzz and runs the templates, which
// is most of what a build that changes nothing would still do. generateMaps is pure, so its result
// is reused when its inputs are the same: the course (its hash), the templates (built-in and
// --templates) and the code that generates (generate/ and model/, handlebars, HarfBuzz, the font).
import { createHash } from 'node:crypto';
import type { GeneratedDiagram } from '../generate/maps/maps.ts';
import type { TemplateSet } from '../generate/templates.ts';
import type { Course } from '../model/types.ts';
import { readCacheJson, writeCacheJson } from '../write/cache-file.ts';
import { codeFingerprint } from './code-fingerprint.ts';
import { folderFingerprint, keyOf, toolFingerprint } from './manifest.ts';

const GENERATE_PACKAGES = ['handlebars', 'harfbuzzjs', 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf'];

export interface MapsRequest {
  course: Course;
  /** keyOf(course), computed once by the build. */
  courseHash: string;
  templates: TemplateSet;
  templatesDir: string | undefined;
  /** Cache folder, or false for none. */
  cacheDir: string | false;
  /** The input as given (names the cache file). */
  input: string;
}

/** The course's generated maps, from the cache when nothing they depend on changed. */
export async function generatedMaps(r: MapsRequest): Promise<GeneratedDiagram[]> {
  const make = async () => (await import('../generate/maps/maps.ts')).generateMaps(r.course, r.templates);
  if (r.cacheDir === false) return make();
  const key = keyOf({
    course: r.courseHash,
    tool: toolFingerprint().fingerprint, // coursemap version and the built-in templates
    templates: folderFingerprint(r.templatesDir),
    code: codeFingerprint(['generate', 'model'], GENERATE_PACKAGES),
  });
  const name = `maps-${createHash('sha256').update(r.input).digest('hex').slice(0, 16)}.json`;
  const entry = await readCacheJson(r.cacheDir, name); // undefined: none yet, unreadable or tampered
  if (entry?.['key'] === key && Array.isArray(entry['maps'])) return entry['maps'] as GeneratedDiagram[];
  const maps = await make();
  await writeCacheJson(r.cacheDir, name, { key, maps });
  return maps;
}
