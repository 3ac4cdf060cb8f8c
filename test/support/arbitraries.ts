// Random course documents with hostile text, for the fuzz tests and the soak run.
import fc from 'fast-check';

/** Hostile bits that end up in titles, section names, terms and takeaway cells. */
export const nasty = fc.constantFrom(
  '<script>alert(1)</script>',
  '"quoted" (paren) [bracket] {brace}',
  '#hash; semi: colon | pipe',
  '`tick`',
  '%%{init: {"securityLevel": "loose"}}%%',
  'click A call alert()',
  '{{constructor}}',
  '</style>',
  'emoji 🧩🚀',
  'Ελληνικά русский 日本語 عربى',
  '-->',
  'end',
  ':::cls',
  '&amp; &lt;',
);
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  nasty,
  fc.tuple(nasty, fc.string({ maxLength: 10 }), nasty).map((p) => p.join(' ')),
);
const line = fc.oneof(
  text.map((t) => `# Chapter 1: ${t}`),
  fc
    .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), text)
    .map(([c, s, t]) => `## ${c}.${s} ${t}`),
  text.map((t) => `### ${t}`),
  text.map((t) => `- **${t}:** ${t}`),
  text.map((t) => `> **Definition:** ${t}`),
  fc.constantFrom('## 1.9 Key Takeaways', '| A | B |', '|---|---|'),
  text.map((t) => `| **${t}** | ${t} |`),
  text.map((t) => `# Part I: ${t}`),
  text,
);
export const hostileCourse = fc.array(line, { minLength: 1, maxLength: 30 }).map((l) => l.join('\n\n'));
