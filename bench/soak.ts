// Soak run (not part of npm test): N random hostile courses through the whole pipeline up to
// generate — model, validation, concept maps — checking every generated diagram with mermaid's
// parser. Prints cases tried and failures; exits 1 on any failure.
//
//   node bench/soak.ts [count=500] [seed]
import fc from 'fast-check';
import { generateMaps } from '../src/generate/maps/maps.ts';
import { validateMermaid } from '../src/generate/mermaid/mermaid-validate.ts';
import { templateSet } from '../src/generate/templates.ts';
import { courseFromText } from '../src/load.ts';
import { validateCourse } from '../src/model/validate.ts';
import { hostileCourse } from '../test/support/arbitraries.ts';

const count = Number(process.argv[2] ?? 500);
const seed = Number(process.argv[3] ?? Date.now() % 1_000_000);
const templates = templateSet();
const started = performance.now();
let failures = 0;
let diagrams = 0;
for (const [i, markdown] of fc.sample(hostileCourse, { numRuns: count, seed }).entries()) {
  try {
    const { course } = courseFromText(markdown);
    const problems = validateCourse(course);
    if (problems.length > 0) throw new Error(problems.join('; '));
    for (const map of generateMaps(course, templates)) {
      diagrams++;
      const result = await validateMermaid(map.source);
      if (!result.ok) throw new Error(`${map.name}: ${result.message}`);
    }
  } catch (err) {
    failures++;
    console.error(
      `case ${i} failed: ${err instanceof Error ? err.message : String(err)}\n${JSON.stringify(markdown).slice(0, 400)}`,
    );
  }
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `soak: ${count} courses (seed ${seed}), ${diagrams} diagrams validated, ${failures} failures, ${seconds} s`,
);
process.exitCode = failures > 0 ? 1 : 0;
