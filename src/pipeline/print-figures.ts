// Authored diagrams in the study companion (and the handouts' figure pages), measured against
// their page (labels ≥ 9 pt, src/generate/diagram-page.ts): what src/generate/print/ chose is
// drawn; what no choice makes readable — not at the text's full width, not as its parts — is
// warned about once, at the diagram's Markdown line, as the book does.
import { MIN_PRINT_TEXT_PT } from '../generate/diagram-page.ts';
import { companionDiagrams, companionTextMm } from '../generate/print/companion.ts';
import type { CompanionLevel, PageBox } from '../generate/print/paper.ts';
import { diagnosticsFor } from '../model/messages.ts';
import type { Diagram } from '../model/types.ts';
import type { StageContext } from './stages.ts';

/** The rendered diagrams and the slide fit's parts, as the print generators read them. */
export const diagramSource = (ctx: StageContext) => ({
  svg: (name: string) => ctx.diagrams.get(name)?.svg ?? null,
  parts: (name: string) => ctx.diagrams.get(name)?.parts,
});

/** A `diagram-unreadable` warning at the diagram's fence: `name` would print at `pt` in `where`. */
export function warnUnreadable(
  ctx: StageContext,
  name: string,
  where: string,
  pt: number,
  diagram: Diagram | undefined,
  path: string | undefined,
): void {
  const vfile = ctx.files.find((f) => f.path === path) ?? ctx.files[0];
  if (!vfile) return;
  diagnosticsFor(vfile).warn(
    diagram?.position.start ?? { line: 1, column: 1, offset: 0 },
    `${name}: text would be ${pt.toFixed(1)} pt in ${where} (under ${MIN_PRINT_TEXT_PT} pt), even at full width or split`,
    'diagram-unreadable',
    'Split the diagram into smaller blocks, group its nodes in subgraphs, or mark sections with "%% Section name" comment lines.',
  );
}

/** Warns of each diagram the companion shows at `level` whose labels stay under 9 pt. */
export function warnCompanionDiagrams(ctx: StageContext, box: PageBox, level: CompanionLevel): void {
  for (const c of ctx.course.chapters)
    for (const d of companionDiagrams(c, level, diagramSource(ctx), companionTextMm(box)))
      if (d.pt < MIN_PRINT_TEXT_PT)
        warnUnreadable(
          ctx,
          `diagrams/${c.slug}-${d.index + 1}`,
          'the study companion',
          d.pt,
          c.diagrams[d.index],
          c.file,
        );
}
