// The book stage (format `book`, opt-in): out/book.pdf, the whole course as one tagged PDF with
// bookmarks for every part, chapter and section (from the headings), the course title in the
// running header and "Page n of N" at the foot. Printed twice: the first print's bookmarks give
// the contents its page numbers, the second prints them (the numbers are padded to the same
// width in the first pass, so the pages do not move). One unit for the whole book.
import { createHash } from 'node:crypto';
import {
  BOOK_MARGIN,
  bookContents,
  bookHeadings,
  bookHtml,
  type BookImage,
  type BookInput,
} from '../generate/print/book.ts';
import { esc } from '../generate/print/html-text.ts';
import { pageBox } from '../generate/print/paper.ts';
import { stringsFor } from '../generate/strings.ts';
import { diagnosticsFor } from '../model/messages.ts';
import type { Chapter } from '../model/types.ts';
import { marginLine, pagedPdf, pdfOutline, retitleOutline, type OutlineEntry } from '../render/documents/paged.ts';
import { PX_PER_MM, withPrintPage } from '../render/documents/print.ts';
import { svgAlt } from './anki-package.ts';
import { bookDiagram } from './book-figures.ts';
import { bookPageParts } from './book-parts.ts';
import type { Stage, StageContext } from './stages.ts';

/** Bumped when the book's layout changes (3: a small diagram gets a whole page, or is printed as its parts). */
export const BOOK_VERSION = 3;
export const BOOK_PATH = 'book.pdf';

function warn(ctx: StageContext, message: string, ruleId: string, hint?: string): void {
  const file = ctx.files.find((f) => f.path === ctx.course.files[0]) ?? ctx.files[0];
  if (file) diagnosticsFor(file).warn({ line: 1, column: 1, offset: 0 }, message, ruleId, hint);
}

const image = (svg: string | null | undefined, fallback: string): BookImage | null =>
  svg ? { src: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`, alt: svgAlt(svg, fallback) } : null;

/** Page numbers (1-based) of the contents entries: each entry's title matched, in order, to the next bookmark with that title. */
export function contentsPages(
  entries: ReturnType<typeof bookContents>,
  outline: readonly OutlineEntry[],
): Map<string, number> {
  // Whitespace left out: Chromium drops the space where a heading wraps.
  const norm = (s: string) => s.replace(/\s+/g, '');
  const pages = new Map<string, number>();
  let from = 0;
  for (const e of entries) {
    const i = outline.findIndex((o, k) => k >= from && norm(o.title) === norm(e.title));
    if (i < 0 || outline[i]!.page < 0) continue;
    pages.set(e.id, outline[i]!.page + 1);
    from = i + 1;
  }
  return pages;
}

async function writeBook(ctx: StageContext): Promise<void> {
  const paper = ctx.settings['paper'] === 'letter' ? 'letter' : 'a4';
  const box = pageBox(paper, 'portrait');
  const t = stringsFor(ctx.course.language);
  const missing: string[] = [];
  // The book is printed twice (the contents' page numbers): each diagram is measured, and warned about, once.
  const figures = new Map<string, ReturnType<typeof bookDiagram>>();
  const forPage = await bookPageParts(ctx, box);
  const once = (name: string, make: () => ReturnType<typeof bookDiagram>) => {
    if (!figures.has(name)) figures.set(name, make());
    return figures.get(name) ?? null;
  };
  const input: BookInput = {
    course: ctx.course,
    box,
    courseMap: null,
    courseDiagram: () => null,
    map: (c: Chapter) => image(ctx.diagrams.get(`maps/${c.slug}`)?.svg, `${t.chapterMap}: ${c.number}. ${c.title}`),
    diagram: (c: Chapter, i: number) => {
      const name = `diagrams/${c.slug}-${i + 1}`;
      const img = once(name, () =>
        bookDiagram(ctx, box, name, `${c.number}. ${c.title} (${i + 1})`, c.diagrams[i], c.file, forPage.get(name)),
      );
      if (!img) missing.push(name);
      return img;
    },
  };
  input.courseMap = image(ctx.diagrams.get('maps/course-map')?.svg, `${t.courseMap}: ${ctx.course.title}`);
  input.courseDiagram = (i: number) => {
    const name = `diagrams/course-${i + 1}`;
    // A course-level diagram's file: the course's (a folder course's first file when it has several).
    const d = ctx.course.diagrams[i];
    const img = once(name, () =>
      bookDiagram(ctx, box, name, `${ctx.course.title} (${i + 1})`, d, ctx.course.files[0], forPage.get(name)),
    );
    if (!img) missing.push(name);
    return img;
  };
  const header = marginLine(esc(ctx.course.title), '', BOOK_MARGIN.left);
  const footer = marginLine(
    '',
    `${esc(t.page)} <span class="pageNumber"></span> ${esc(t.of)} <span class="totalPages"></span>`,
    BOOK_MARGIN.left,
  );
  const timeoutMs = Math.max(60_000, ctx.timeoutMs * 8);
  const warnings: string[] = [];
  const size = { width: box.widthMm * PX_PER_MM, height: box.heightMm * PX_PER_MM, timeoutMs, warnings };
  const entries = bookContents(ctx.course);
  const pdf = await withPrintPage(ctx.renderer, size, async (s) => {
    const print = async (pages?: Map<string, number>) => {
      await s.load(bookHtml(pages ? { ...input, pages } : input));
      return pagedPdf(s.page, { widthMm: box.widthMm, heightMm: box.heightMm, header, footer, timeoutMs });
    };
    const first = await print();
    const pages = contentsPages(entries, await pdfOutline(first));
    if (pages.size < entries.length)
      warn(
        ctx,
        `book.pdf: ${entries.length - pages.size} contents entries have no page number (no bookmark found)`,
        'book-contents',
      );
    return print(pages);
  });
  const names = [...new Set(missing)];
  if (names.length)
    warn(
      ctx,
      `book.pdf: ${names.length} authored diagram(s) shown as source, not rendered (${names.slice(0, 3).join(', ')})`,
      'book-diagram-missing',
    );
  for (const w of new Set(warnings)) warn(ctx, `book.pdf: ${w}`, 'print-blocked-request');
  await ctx.outputs.write(
    BOOK_PATH,
    await retitleOutline(
      pdf,
      bookHeadings(ctx.course).map((h) => h.title),
    ),
  );
}

export const bookStage: Stage = {
  name: 'book',
  async run(ctx) {
    if (!ctx.formats.includes('book')) return;
    const started = performance.now();
    const unit =
      ctx.unit ??
      (async (_id: string, _inputs: unknown, produce: () => Promise<void>) => (await produce(), 'built' as const));
    const diagrams = createHash('sha256');
    for (const [name, d] of [...ctx.diagrams].sort(([a], [b]) => (a < b ? -1 : 1)))
      diagrams.update(`${name}\0${d.svg ?? ''}\0`);
    const key = {
      chapters: ctx.course.chapters,
      parts: ctx.course.parts,
      title: ctx.course.title,
      author: ctx.course.author,
      language: ctx.course.language,
      diagrams: diagrams.digest('hex'),
      paper: ctx.settings['paper'] ?? null,
      version: BOOK_VERSION,
    };
    try {
      await unit('book', key, () => writeBook(ctx));
    } catch (err) {
      const file = ctx.files[0];
      if (file)
        diagnosticsFor(file).error(
          { line: 1, column: 1, offset: 0 },
          `book.pdf: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
          'book-failed',
        );
    }
    ctx.phase('book', `book.pdf (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  },
};
