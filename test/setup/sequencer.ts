// The order in which the files of a run start. A run ends when its slowest chain of files ends, so
// the longest files start first and the many short ones fill the two workers at the end. Vitest
// orders by the durations of the previous run when it has them, else by file size; a fresh clone
// has none, and size says little about time (a short file may build a whole course). SLOW names
// the files known to take longest, longest first (measured in a full run); the rest follow in
// vitest's order. Projects keep vitest's order (browser, then unit).
import { basename } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// One name a line, so that branches adding a slow file merge cleanly.
const SLOW = [
  'build-diagrams',
  'cli-e2e',
  'contrast',
  'diagram-cache',
  'print',
  'diagram-page',
  'render',
  'formats-build',
  'fonts-text',
  'diagram-fit',
  'course-map-look',
  'pptx-ddia',
  'a11y',
  'slides-density',
  'decks-browser',
  'site-browser',
  'map-collisions',
  'cache-poison',
  'render-cache',
  'deck-controls',
  'emoji-capture',
  'cjk',
  'handout-book',
  'stage-overlap',
  'incremental-formats',
  'pdf-outline',
].map((n) => `${n}.test.ts`);

export default class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const projects = [...new Set(sorted.map((f) => f.project.name))];
    const rank = (f: TestSpecification) => {
      const i = SLOW.indexOf(basename(f.moduleId));
      return i < 0 ? SLOW.length : i;
    };
    const key = (f: TestSpecification) => [projects.indexOf(f.project.name), rank(f), sorted.indexOf(f)] as const;
    return [...sorted].sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2];
    });
  }
}
