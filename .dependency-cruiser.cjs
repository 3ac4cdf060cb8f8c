// The import rules of ARCHITECTURE.md, checked by `npm run depcruise` (in `npm run check`) and by
// test/architecture.test.ts, which reads this same file. Type-only imports are erased at run time,
// so the stage rules count runtime imports only.
/** The folder that runs the stages. */
const PIPELINE = 'pipeline';
const runtime = { dependencyTypesNot: ['type-only'] };

/** @type {import('dependency-cruiser').IForbiddenRuleType[]} */
const forbidden = [
  {
    name: 'no-runtime-cycle',
    comment: 'an import cycle (type-only imports are erased and do not count)',
    from: { path: '^src/' },
    to: { circular: true, ...runtime, viaOnly: runtime },
  },
  {
    name: 'parse-comes-first',
    comment: 'src/parse reads and parses; it imports no later stage',
    from: { path: '^src/parse/' },
    to: { path: `^src/(model|generate|render|write|${PIPELINE}|cli|config)/`, ...runtime },
  },
  {
    name: 'model-is-pure',
    comment: 'src/model turns mdast into the Course: it imports no other stage at runtime',
    from: { path: '^src/model/' },
    to: { path: `^src/(parse|generate|render|write|${PIPELINE}|cli|config)/`, ...runtime },
  },
  {
    name: 'model-has-no-io',
    comment: 'src/model is pure: no file system, process, network or worker modules',
    from: { path: '^src/model/' },
    to: {
      dependencyTypes: ['core'],
      path: '^(node:)?(fs|fs/promises|child_process|net|http|https|worker_threads|os)$',
    },
  },
  {
    name: 'generate-is-text',
    comment: 'src/generate makes text; rendering and writing come after it',
    from: { path: '^src/generate/' },
    to: { path: `^src/(render|write|${PIPELINE}|cli|config)/`, ...runtime },
  },
  {
    name: 'render-knows-no-pipeline',
    comment: 'src/render takes jobs and returns bytes; it does not write outputs or drive the build',
    from: { path: '^src/render/' },
    to: { path: `^src/(write|${PIPELINE}|cli|config)/`, ...runtime },
  },
  {
    name: 'write-is-a-leaf',
    comment: 'src/write only writes; it imports nothing else from src',
    from: { path: '^src/write/' },
    to: { path: '^src/', pathNot: '^src/write/' },
  },
  {
    name: 'library-without-cli',
    comment: 'the library never imports the command line shell',
    from: { path: '^src/', pathNot: '^src/cli/' },
    to: { path: '^src/cli/' },
  },
  {
    name: 'browser-only-in-render',
    comment: "only src/render touches a browser (type imports included: pass render's own handle types)",
    from: { path: '^src/', pathNot: '^src/render/' },
    to: { path: '(^|/)node_modules/(puppeteer|puppeteer-core)/' },
  },
].map((rule) => ({ severity: 'error', ...rule }));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden,
  options: {
    tsPreCompilationDeps: 'specify',
    doNotFollow: { path: 'node_modules' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs'] },
  },
};
