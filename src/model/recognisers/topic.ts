// Titles of lesson-per-folder courses whose headings name only the place in the sequence
// ("📘 Day 2", "Lesson 3", "Week 4", "Módulo 1", "第3天"): the topic is then taken from the
// course's own contents table (the link text that points at the file) or from a heading-like
// HTML element (<h1>/<h2>, "Course name: Topic" → "Topic"). Pure string work.
import type { Root, RootContent } from 'mdast';
import { phrasingText } from '../lines.ts';
import { cleanTitle, stripEmoji } from '../text.ts';

const LABEL_WORDS = [
  'day',
  'lesson',
  'week',
  'module',
  'unit',
  'session',
  'lecture',
  'class',
  'chapter',
  'part',
  'step',
  'lab',
  'topic',
  'módulo',
  'modulo',
  'aula',
  'dia',
  'día',
  'semana',
  'lección',
  'leccion',
  'lição',
  'licao',
  'clase',
  'capítulo',
  'capitulo',
  'unidad',
  'unidade',
  'tema',
  'jour',
  'semaine',
  'leçon',
  'lecon',
  'séance',
  'seance',
  'chapitre',
  'partie',
  'tag',
  'woche',
  'lektion',
  'kapitel',
  'einheit',
  'teil',
  'giorno',
  'lezione',
  'settimana',
  'capitolo',
  'parte',
];
const LABEL = new RegExp(
  `^(?:${LABEL_WORDS.join('|')})\\s*(?:\\d+|[ivxlc]+)$|^第\\s*[\\d一二三四五六七八九十百]+\\s*[天课課讲講周週章节節单元單元部分]+$`,
  'iu',
);

/** "Day 2", "📘 Lesson 3", "Módulo 1", "第3天": a sequence label with no topic. */
export function isSequenceLabel(title: string): boolean {
  return LABEL.test(
    cleanTitle(stripEmoji(title))
      .replace(/[:：.\-–—]+$/u, '')
      .trim(),
  );
}

/** Text of the first <h1>…<h3> in the document's HTML blocks (before its first Markdown heading). */
export function htmlHeading(nodes: readonly RootContent[]): string | null {
  for (const node of nodes) {
    if (node.type === 'heading') return null;
    if (node.type !== 'html') continue;
    const m = /<h([1-3])\b[^>]*>([\s\S]*?)<\/h\1>/i.exec(node.value);
    const text = m
      ? cleanTitle(
          m[2]!
            .replace(/<[^>]+>/g, ' ')
            .replace(/&amp;/g, '&')
            .replace(/&nbsp;/g, ' '),
        )
      : '';
    if (text) return text;
  }
  return null;
}

/** "Course name: Topic" → "Topic" (the part after the last colon or dash that follows two words or more). */
export function topicOf(text: string): string {
  const m = /^(\S+(?:\s+\S+)+?)\s*(?::|：|\s[-–—]\s)\s*(.+)$/u.exec(text);
  return m ? cleanTitle(m[2]!) : text;
}

/**
 * Link text by target file, from the links of the course file's tables and lists (its contents
 * table). Targets are resolved against the course file's folder, as the chapter files' paths are.
 */
export function contentsTitles(tree: Root, coursePath: string): Map<string, string> {
  const out = new Map<string, string>();
  const base = coursePath.includes('/') ? coursePath.slice(0, coursePath.lastIndexOf('/')) : '';
  const visit = (node: { type: string; children?: unknown[] }, inContents: boolean): void => {
    if (node.type === 'link' && inContents) {
      const link = node as unknown as { url: string; children: Parameters<typeof phrasingText>[0] };
      const text = cleanTitle(phrasingText(link.children));
      if (text && !/^[a-z][a-z0-9+.-]*:|^#/i.test(link.url)) {
        const target = joinPath(base, decodeURIComponent(link.url.replace(/[#?].*$/, '')));
        if (!out.has(target)) out.set(target, text);
      }
      return;
    }
    for (const child of (node.children ?? []) as Array<{ type: string; children?: unknown[] }>)
      visit(child, inContents || node.type === 'table' || node.type === 'list');
  };
  visit(tree, false);
  return out;
}

function joinPath(base: string, rel: string): string {
  const parts = (rel.startsWith('/') ? rel : `${base}/${rel}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(p);
  }
  return (base.startsWith('/') ? '/' : '') + out.join('/');
}
