// Course title and author: front matter first, then what the text itself says.
import type { PhrasingContent, RootContent } from 'mdast';
import { parse as parseYaml } from 'yaml';
import { phrasingText } from '../lines.ts';
import { matchChapterHeading, matchPartHeading } from './markers.ts';
import type { Diagnostics } from '../messages.ts';
import { cleanTitle, collapse, stripEmoji } from '../text.ts';

export function readFrontMatter(nodes: readonly RootContent[], diag: Diagnostics): Record<string, string> {
  const yaml = nodes[0]?.type === 'yaml' ? nodes[0] : undefined;
  if (!yaml) return {};
  try {
    const data: unknown = parseYaml(yaml.value);
    if (!data || typeof data !== 'object' || Array.isArray(data)) return {};
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(data)) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
      else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out[k] = v.join(', ');
    }
    return out;
  } catch (err) {
    const at = yaml.position?.start ?? { line: 1, column: 1, offset: 0 };
    diag.warn(
      { line: at.line, column: at.column, offset: at.offset ?? 0 },
      `Front matter is not valid YAML: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
      'front-matter-invalid',
      'Fix the YAML between the --- lines.',
    );
    return {};
  }
}

const AUTHOR_AFTER =
  /^\s*(?:\(|,?\s*(?:by|de|von|di|por|par)\s+)(\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,3})\)?/u;
const AUTHOR_LINE =
  /^(?:author|authors|autor|autora|autores|auteur|autrice|auteurs|autore|by|por|par|von|作者|著者)(?:\s*[:：]\s*|\s+)(.{2,80})$/iu;

/** Title-case phrases in italics or bold, with how often they recur and who they are attributed to. */
function emphasisedPhrases(nodes: readonly RootContent[]): Map<string, { count: number; authors: string[] }> {
  const found = new Map<string, { count: number; authors: string[] }>();
  const visit = (children: readonly PhrasingContent[]) => {
    children.forEach((c, i) => {
      if (c.type !== 'emphasis' && c.type !== 'strong') return;
      const text = collapse(phrasingText(c.children));
      const words = text.split(' ');
      const capital = words.filter((w) => /^\p{Lu}/u.test(w)).length;
      if (
        words.length >= 2 &&
        words.length <= 12 &&
        !/[:：?]$/.test(text) &&
        capital >= Math.ceil(words.filter((w) => w.length > 3).length * 0.6)
      ) {
        const entry = found.get(text) ?? { count: 0, authors: [] };
        entry.count++;
        const next = children[i + 1];
        const m = next?.type === 'text' ? AUTHOR_AFTER.exec(next.value) : null;
        if (m?.[1]) entry.authors.push(m[1].replace(/[.’']+$/u, ''));
        found.set(text, entry);
      }
      visit(c.children);
    });
  };
  for (const n of nodes) if (n.type === 'paragraph') visit(n.children);
  return found;
}

/** A transcript names its book or subject again and again: "the short course on _X_ (Author)". */
export function recurringTitle(nodes: readonly RootContent[]): { title: string; author: string | null } | null {
  let best: { title: string; author: string | null; score: number } | null = null;
  for (const [text, e] of emphasisedPhrases(nodes)) {
    if (matchChapterHeading(text) || matchPartHeading(text)) continue;
    const score = e.count + e.authors.length * 3;
    if ((e.authors.length > 0 || e.count >= 3) && (!best || score > best.score)) {
      best = { title: cleanTitle(text), author: mostCommon(e.authors), score };
    }
  }
  return best ? { title: best.title, author: best.author } : bookTitleMark(nodes);
}

/** Chinese marks a book's title with 《》 ("我们来学习《数据结构入门》"): the first one names the course. */
function bookTitleMark(nodes: readonly RootContent[]): { title: string; author: null } | null {
  for (const n of nodes) {
    if (n.type !== 'paragraph') continue;
    const m = /《([^《》\n]{1,60})》/u.exec(phrasingText(n.children));
    if (m?.[1] && cleanTitle(m[1])) return { title: cleanTitle(m[1]), author: null };
  }
  return null;
}

function mostCommon(list: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const x of list) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best: string | null = null;
  for (const [k, v] of counts) if (best === null || v > (counts.get(best) ?? 0)) best = k;
  return best;
}

/** The first level-1 heading that is not a chapter or part. */
export function firstTitleHeading(nodes: readonly RootContent[]): string | null {
  for (const n of nodes) {
    if (n.type !== 'heading' || n.depth !== 1) continue;
    const text = phrasingText(n.children);
    if (matchChapterHeading(text) || matchPartHeading(text)) continue;
    return cleanTitle(stripEmoji(text)) || null;
  }
  return null;
}

/** "Author: Ada Lovelace" / "By Ada Lovelace" / "> 作者：林雨（整理）" as a line of its own in the preamble. */
export function authorLine(nodes: readonly RootContent[]): string | null {
  for (const n of nodes) {
    const p = n.type === 'blockquote' ? n.children[0] : n;
    if (p?.type !== 'paragraph') continue;
    const m = AUTHOR_LINE.exec(collapse(stripEmoji(phrasingText(p.children))).replace(/^[*_]+|[*_]+$/g, ''));
    // A remark in brackets after the name ("(notes, 2024)", "（自学整理）") is not part of it.
    if (m?.[1]) return cleanTitle(m[1].replace(/\s*[(（][^()（）]*[)）]$/u, '')) || null;
  }
  return null;
}
