// Decides the course language and says how, as a positioned info message on the first file.
import type { VFile } from 'vfile';
import { courseLanguage } from './language.ts';
import { diagnosticsFor } from '../messages.ts';

const HINT = 'Set lang: in front matter to override (e.g. "lang: fr").';

export function reportLanguage(meta: Readonly<Record<string, string>>, files: readonly VFile[]): string {
  const guess = courseLanguage(meta, files.map((f) => String(f.value ?? '')).join('\n'));
  const first = files[0];
  const at = { line: 1, column: 1, offset: 0 };
  if (first && guess.how === 'detected' && guess.language !== 'en') {
    diagnosticsFor(first).info(
      at,
      `Course language detected as '${guess.language}' (${guess.evidence})`,
      'language-detected',
      HINT,
    );
  } else if (first && guess.how === 'unsure' && guess.candidate !== 'en') {
    diagnosticsFor(first).info(
      at,
      `Course language unclear (${guess.evidence}); using 'en' for the interface words`,
      'language-detected',
      HINT,
    );
  }
  return guess.language;
}
