// Three projects; the project-times reporter prints each one's time. `npm test` runs unit and
// browser, `npm run test:dist` (CI, after it) runs dist.
//   unit    — pure stages and everything without a browser, many files at once.
//   browser — files that render: they share one Chromium launched by test/setup/browser.ts
//             (test/support/browser.ts), and the DDIA build of test/support/ddia.ts; crash,
//             timeout and leak tests still open their own browser.
//   dist    — the packed tarball, signals and start-up of real processes.
// A new test file lands in unit unless it is listed below; listing a rendering file under
// BROWSER only makes it faster (the helpers fall back to a private browser elsewhere).
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import SlowFirst from './test/setup/sequencer.ts';

// One name a line, sorted, so that lists added to by several branches merge cleanly.
// `visual` is left out on purpose: in a full run the shared browser, used by earlier files, drew the
// study map 17.9 % differently from a fresh one (alone both match the reference); it launches its own.
const BROWSER = [
  'a11y',
  'authored-wrap',
  'book-page-parts',
  'build-config',
  'build-diagrams',
  'cache-poison',
  'cjk',
  'class-split',
  'cli-e2e',
  'code-slides',
  'config',
  'companion-diagrams',
  'contrast',
  'course-map-look',
  'deck-controls',
  'deck-reload',
  'deck-zoom',
  'decks-browser',
  'diagram-bound',
  'diagram-cache',
  'diagram-fit',
  'diagram-page',
  'diagram-side',
  'emoji-capture',
  'fonts-text',
  'formats-build',
  'handout-book',
  'handout-figures',
  'incremental-formats',
  'injection',
  'lecture-estimate',
  'lecture-fit',
  'lock',
  'map-collisions',
  'maps',
  'opening-look',
  'pdf-outline',
  'pptx-ddia',
  'prerequisite-arrows',
  'print',
  'render',
  'render-cache',
  'sequence-split',
  'site-browser',
  'site-course-diagrams',
  'slide-fill',
  'slides-density',
  'stage-overlap',
].map((n) => `test/${n}.test.ts`);
const DIST = ['package', 'quickstart', 'signals', 'startup'].map((n) => `test/${n}.test.ts`);

export default defineConfig({
  test: {
    // Two files at once even on two cores: a browser file mostly waits on Chromium, whose
    // processes use the other core (vitest's default would be one worker there).
    maxWorkers: Math.max(2, availableParallelism()),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/setup/project-times.ts'],
    // Longest files first (test/setup/sequencer.ts).
    sequence: { sequencer: SlowFirst },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...BROWSER, ...DIST],
          globalSetup: ['test/setup/leftovers.ts'],
        },
      },
      {
        test: {
          name: 'browser',
          include: BROWSER,
          // the run's shared Chromium, then the DDIA fixture's build started in the background
          globalSetup: ['test/setup/leftovers.ts', 'test/setup/browser.ts', 'test/setup/ddia.ts'],
        },
      },
      { test: { name: 'dist', include: DIST, globalSetup: ['test/setup/leftovers.ts'] } },
    ],
  },
});
