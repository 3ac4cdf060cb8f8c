// Which headings end a chapter. Once a course's chapters are recognised, a chapter owns
// everything up to the next chapter start, whatever the heading levels (assistants write
// `### Chapter 3` followed by `### Step 1`, or `## Chapter 5` followed by `## Introduction`).
// Only the rows of this table end it early: course-level blocks, some of them only after the
// last chapter. Parts end a chapter too (see segments.ts). Add a language by adding words.

export interface CourseBlockRule {
  id: string;
  /** Matched against the heading's clean title (no number, emoji or markup). */
  title: RegExp;
  /** Only ends the last chapter (a closing map or appendix; inside a chapter these are sections). */
  lastOnly: boolean;
}

const w = (words: readonly string[]) => new RegExp(String.raw`(?<!\p{L})(?:${words.join('|')})(?!\p{L})`, 'iu');
const start = (words: readonly string[]) =>
  new RegExp(String.raw`^(?:the\s+)?(?:course\s+|book\s+)?(?:${words.join('|')})(?!\p{L})`, 'iu');

export const COURSE_BLOCKS: readonly CourseBlockRule[] = [
  {
    id: 'outline',
    lastOnly: false,
    title: start([
      'outline',
      'table of contents',
      'contents',
      'syllabus',
      'índice',
      'temario',
      'sommaire',
      'table des matières',
      'inhaltsverzeichnis',
      'sumário',
      'indice',
      '目录',
      '大纲',
    ]),
  },
  {
    id: 'executive-summary',
    lastOnly: false,
    title: w([
      'executive summary',
      'condensed (?:executive )?summary',
      'summary of (?:the|all) (?:\\d+ )?chapters',
      'resumen ejecutivo',
      'résumé exécutif',
      'resumo executivo',
      'riassunto esecutivo',
      'zusammenfassung aller kapitel',
    ]),
  },
  {
    id: 'cheat-sheet',
    lastOnly: false,
    title: w([
      'cheat ?sheet',
      'quick reference',
      'chuleta',
      'antisèche',
      'spickzettel',
      'folha de consulta',
      'guia rápido',
      '速查表',
    ]),
  },
  {
    id: 'references',
    lastOnly: true,
    title: start([
      'references',
      'bibliography',
      'further reading',
      'referencias',
      'bibliografía',
      'références',
      'bibliographie',
      'literatur',
      'referências',
      'bibliografia',
      '参考文献',
      '参考资料',
    ]),
  },
  {
    id: 'closing-map',
    lastOnly: true,
    title: w([
      'map',
      'mind ?map',
      'systems map',
      'appendix',
      'appendices',
      'glossary',
      'index',
      'mapa',
      'carte',
      'karte',
      'apéndice',
      'anexo',
      'annexe',
      'anhang',
      'apêndice',
      'glosario',
      'glossaire',
      'glossar',
      'glossário',
      '附录',
      '术语表',
      '地图',
    ]),
  },
];

/** The course-level block a heading title names, or null. `last`: the heading is inside the last chapter. */
export function courseBlock(title: string, last: boolean): CourseBlockRule | null {
  return COURSE_BLOCKS.find((r) => (last || !r.lastOnly) && r.title.test(title)) ?? null;
}
