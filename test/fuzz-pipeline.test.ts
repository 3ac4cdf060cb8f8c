// Property: whatever Markdown comes in, the pipeline up to `generate` never throws, and every
// concept map it generates is valid Mermaid (all model text goes through the label helper).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateMaps } from '../src/generate/maps/maps.ts';
import { validateMermaid } from '../src/generate/mermaid/mermaid-validate.ts';
import { templateSet } from '../src/generate/templates.ts';
import { courseFromText } from '../src/load.ts';
import { hostileCourse } from './support/arbitraries.ts';
import { runs } from './support/property.ts';

describe('pipeline fuzz', () => {
  const templates = templateSet();
  it('never throws and always generates valid Mermaid', async () => {
    await fc.assert(
      fc.asyncProperty(hostileCourse, async (markdown) => {
        const { course } = courseFromText(markdown);
        for (const map of generateMaps(course, templates)) {
          const result = await validateMermaid(map.source);
          expect(result, `${map.name}\n${map.source}`).toEqual({ ok: true });
          expect(map.source).not.toMatch(/<script|%%\{/i);
        }
      }),
      { numRuns: process.env['FUZZ_RUNS'] ? Number(process.env['FUZZ_RUNS']) : runs(60) },
    );
  }, 120_000);
});
