// Property: whatever Markdown comes in, the pipeline up to `generate` never throws, and every
// concept map it generates is valid Mermaid (all model text goes through the label helper).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateMaps } from '../src/generate/maps.ts';
import { validateMermaid } from '../src/generate/mermaid-validate.ts';
import { templateSet } from '../src/generate/templates.ts';
import { courseFromText } from '../src/load.ts';

/** Hostile bits that end up in titles, section names, terms and takeaway cells. */
const nasty = fc.constantFrom(
  '<script>alert(1)</script>', '"quoted" (paren) [bracket] {brace}', '#hash; semi: colon | pipe', '`tick`', '%%{init: {"securityLevel": "loose"}}%%',
  'click A call alert()', '{{constructor}}', '</style>', 'emoji 🧩🚀', 'Ελληνικά русский 日本語 عربى', '-->', 'end', ':::cls', '&amp; &lt;',
);
const text = fc.oneof(fc.string({ maxLength: 40 }), nasty, fc.tuple(nasty, fc.string({ maxLength: 10 }), nasty).map((p) => p.join(' ')));
const line = fc.oneof(
  text.map((t) => `# Chapter 1: ${t}`),
  fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), text).map(([c, s, t]) => `## ${c}.${s} ${t}`),
  text.map((t) => `### ${t}`),
  text.map((t) => `- **${t}:** ${t}`),
  text.map((t) => `> **Definition:** ${t}`),
  fc.constantFrom('## 1.9 Key Takeaways', '| A | B |', '|---|---|'),
  text.map((t) => `| **${t}** | ${t} |`),
  text.map((t) => `# Part I: ${t}`),
  text,
);
const doc = fc.array(line, { minLength: 1, maxLength: 30 }).map((l) => l.join('\n\n'));

describe('pipeline fuzz', () => {
  const templates = templateSet();
  it('never throws and always generates valid Mermaid', async () => {
    await fc.assert(
      fc.asyncProperty(doc, async (markdown) => {
        const { course } = courseFromText(markdown);
        for (const map of generateMaps(course, templates)) {
          const result = await validateMermaid(map.source);
          expect(result, `${map.name}\n${map.source}`).toEqual({ ok: true });
          expect(map.source).not.toMatch(/<script|%%\{/i);
        }
      }),
      { numRuns: Number(process.env['FUZZ_RUNS'] ?? 60) },
    );
  }, 120_000);
});
