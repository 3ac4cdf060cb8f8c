// out/flashcards/cards.apkg, written by the flashcards stage beside anki.txt: the cards as an
// Anki package with the chapter maps as media. The previous package in out/ (if any) is read
// first so that unchanged notes keep their modification time (see generate/flashcards/apkg.ts).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ankiPackage, readPackageNotes, type ChapterMap, type PreviousNote } from '../generate/flashcards/apkg.ts';
import type { Card } from '../generate/flashcards/cards.ts';
import type { StageContext } from './stages.ts';

export const APKG_PATH = 'flashcards/cards.apkg';

const unescapeHtml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** The map's accessible name and description as its SVG carries them (written from the model). */
export function svgAlt(svg: string, fallback: string): string {
  const head = svg.slice(0, 20_000);
  const title = /<title\b[^>]*>([^<]*)<\/title>/.exec(head)?.[1]?.trim();
  const desc = /<desc\b[^>]*>([^<]*)<\/desc>/.exec(head)?.[1]?.trim();
  const text = [title, desc]
    .filter(Boolean)
    .map((s) => unescapeHtml(s!))
    .join('. ');
  return text || fallback;
}

export function chapterMaps(ctx: Pick<StageContext, 'course' | 'diagrams'>): ChapterMap[] {
  const out: ChapterMap[] = [];
  for (const c of ctx.course.chapters) {
    const svg = ctx.diagrams.get(`maps/${c.slug}`)?.svg;
    if (svg) out.push({ chapter: c.number, slug: c.slug, svg, alt: svgAlt(svg, `${c.number}. ${c.title}`) });
  }
  return out;
}

/** What the package depends on besides the cards (for the stage's unit key). */
export function mapsKey(maps: readonly ChapterMap[]): string {
  const h = createHash('sha256');
  for (const m of maps) h.update(`${m.slug}\0${m.alt}\0${m.svg}\0`);
  return h.digest('hex');
}

async function previousNotes(ctx: StageContext): Promise<Map<string, PreviousNote>> {
  try {
    return await readPackageNotes(await readFile(join(ctx.outputs.outDir, APKG_PATH)));
  } catch {
    return new Map(); // first build, or an unreadable package: every note is new
  }
}

export async function writeAnkiPackage(
  ctx: StageContext,
  cards: readonly Card[],
  maps: readonly ChapterMap[],
): Promise<void> {
  await ctx.outputs.write(APKG_PATH, await ankiPackage(ctx.course, cards, maps, await previousNotes(ctx)));
}
