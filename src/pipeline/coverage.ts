// Derived-output coverage for a build: how many of the course's text units each output kind
// (chapter decks, site chapter pages) holds, one summary line, and a warning at file:line for
// every unit an output leaves out.
import { diagnosticsFor } from '../model/messages.ts';
import type { Chapter } from '../model/types.ts';
import { shorten } from '../generate/mermaid/mermaid-label.ts';
import { chapterUnits, coverage, percent, type Haystack } from '../generate/text-units.ts';
import type { StageContext } from './stages.ts';

export interface OutputText {
  chapter: Chapter;
  /** The output's path in out/ ("decks/5-replication.html"). */
  path: string;
  text: Haystack;
}

export interface CoverageLine {
  units: number;
  missing: number;
  percent: number;
}

/** Checks each output against its chapter's units, warns per missing unit and prints the total. */
export function reportCoverage(
  ctx: Pick<StageContext, 'files' | 'phase'>,
  what: 'decks' | 'site',
  outputs: readonly OutputText[],
): CoverageLine {
  let units = 0;
  let missing = 0;
  for (const o of outputs) {
    const c = coverage(chapterUnits(o.chapter), o.text);
    units += c.total;
    missing += c.missing.length;
    const file = ctx.files.find((f) => f.path === o.chapter.file) ?? ctx.files[0];
    if (!file) continue;
    const diag = diagnosticsFor(file);
    for (const u of c.missing) {
      diag.warn(
        u.position.start,
        `${o.path} leaves out a ${u.kind}: “${shorten(u.text.replace(/\s+/g, ' ').trim(), 60)}”`,
        `${what === 'decks' ? 'deck' : 'site'}-coverage`,
        what === 'decks'
          ? 'Every text unit should be on a slide or in its speaker notes; please report this as a coursemap bug.'
          : 'Every text unit should be on the chapter page; please report this as a coursemap bug.',
      );
    }
  }
  const line = { units, missing, percent: percent({ total: units, missing }) };
  const where = what === 'decks' ? 'chapter decks (slides and notes)' : 'site chapter pages';
  ctx.phase('cover', `${where} hold ${units - missing} of ${units} text units (${line.percent} %)`);
  return line;
}
