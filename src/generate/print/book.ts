// The course as one book (pure): title page, contents (page numbers filled in by a second
// pass from the printed PDF's bookmarks), then every part and chapter with its concept map,
// its introduction and sections in order — paragraphs, lists, tables, code, analogies and other
// callouts styled as in the companion — and the authored diagrams where the course has them.
// Headings are real h1–h6 in document order (parts, chapters, sections), so Chromium's tagged
// PDF turns them into the book's bookmarks. Course text goes through the slides' sanitised
// Markdown renderer; every other string is escaped here.
import type { Block, Chapter, Course, Section } from '../../model/types.ts';
import { esc } from './html-text.ts';
import type { PageBox } from './paper.ts';
import { chapterGroups } from './select.ts';
import { blocksHtml } from '../slides/markdown.ts';
import { fill, stringsFor } from '../strings.ts';

export const BOOK_MARGIN = { top: 18, right: 18, bottom: 18, left: 18 } as const;

export interface BookImage {
  /** data: URL or inline-safe URL of the SVG. */
  src: string;
  alt: string;
  /** Too small in a figure of at most 110 mm: drawn as tall as the page allows. */
  page?: boolean;
  /** Under the figure (a part of a split diagram: "Title (2/3)"). */
  caption?: string;
}

export interface BookInput {
  course: Course;
  box: PageBox;
  /** The chapter's concept map, by chapter number. */
  map: (chapter: Chapter) => BookImage | null;
  /** An authored diagram by chapter and index (0-based, the order of chapter.diagrams). */
  diagram: (chapter: Chapter, index: number) => BookImage | BookImage[] | null;
  /** The course map and the course-level authored diagrams (by index), shown at the end. */
  courseMap: BookImage | null;
  courseDiagram: (index: number) => BookImage | BookImage[] | null;
  /** Page numbers of the contents entries, by entry id; absent in the first pass. */
  pages?: ReadonlyMap<string, number>;
}

export interface ContentsEntry {
  id: string;
  /** The heading text exactly as the body writes it (matched against the PDF's bookmarks). */
  title: string;
  depth: number;
}

const chapterHeading = (c: Chapter) => `${c.number}. ${c.title}`;
const sectionHeading = (s: Section) => `${s.id ? `${s.id} ` : ''}${s.title}`;

/** Parts and chapters as the contents lists them, in order. */
export function bookContents(course: Course): ContentsEntry[] {
  const groups = chapterGroups(course);
  const parted = course.parts.length > 0;
  return groups
    .flatMap((g, i) => [
      ...(parted ? [{ id: `part-${i}`, title: g.label, depth: 0 }] : []),
      ...g.chapters.map((c) => ({ id: `chapter-${c.number}`, title: chapterHeading(c), depth: parted ? 1 : 0 })),
    ])
    .concat([{ id: 'course-map', title: stringsFor(course.language).courseMap, depth: 0 }]);
}

/** Every heading of the body in order (what the PDF's outline must hold), with its depth. */
export function bookHeadings(course: Course): Array<{ title: string; depth: number }> {
  const parted = course.parts.length > 0;
  const base = parted ? 1 : 0;
  const out: Array<{ title: string; depth: number }> = [];
  const sections = (list: readonly Section[], depth: number) =>
    list.forEach((s) => (out.push({ title: sectionHeading(s), depth }), sections(s.sections, depth + 1)));
  for (const g of chapterGroups(course)) {
    if (parted) out.push({ title: g.label, depth: 0 });
    for (const c of g.chapters) out.push({ title: chapterHeading(c), depth: base }), sections(c.sections, base + 1);
  }
  out.push({ title: stringsFor(course.language).courseMap, depth: 0 });
  return out;
}

const figure = (img: BookImage | BookImage[] | null, cls: string): string =>
  Array.isArray(img)
    ? img.map((i) => figure(i, cls)).join('')
    : img
      ? `<figure class="${cls}${img.page ? ' page' : ''}"><img src="${esc(img.src)}" alt="${esc(img.alt)}">${img.caption ? `<figcaption>${esc(img.caption)}</figcaption>` : ''}</figure>`
      : '';

/** Blocks in order; a mermaid fence becomes its rendered diagram (matched by line to chapter.diagrams). */
function blocks(list: readonly Block[], chapter: Chapter, input: BookInput): string {
  let out = '';
  let run: Block[] = [];
  const flush = () => ((out += run.length ? blocksHtml(run) : ''), (run = []));
  for (const b of list) {
    const i =
      b.type === 'code'
        ? chapter.diagrams.findIndex(
            (d) =>
              d.position.start.line === b.position.start.line && d.position.start.offset === b.position.start.offset,
          )
        : -1;
    if (i < 0) {
      run.push(b);
      continue;
    }
    flush();
    out += figure(input.diagram(chapter, i), 'diagram') || blocksHtml([b]);
  }
  flush();
  return out;
}

function section(s: Section, depth: number, chapter: Chapter, input: BookInput): string {
  const h = Math.min(6, depth + 1);
  return `<section><h${h}>${esc(sectionHeading(s))}</h${h}>${blocks(s.blocks, chapter, input)}${s.sections.map((x) => section(x, depth + 1, chapter, input)).join('')}</section>`;
}

function chapterHtml(c: Chapter, depth: number, input: BookInput): string {
  const h = depth + 1;
  return `<article class="chapter" id="chapter-${c.number}"><h${h}>${esc(chapterHeading(c))}</h${h}>${figure(input.map(c), 'map')}${blocks(c.intro, c, input)}${c.sections.map((s) => section(s, depth + 1, c, input)).join('')}</article>`;
}

function contentsHtml(input: BookInput, title: string): string {
  const items = bookContents(input.course).map((e) => {
    const page = input.pages?.get(e.id);
    return `<li class="d${e.depth}"><a href="#${e.id}"><span class="t">${esc(e.title)}</span><span class="p">${page ?? '000'}</span></a></li>`;
  });
  // Not a heading: the contents is not a bookmark of its own, it is the bookmarks.
  return `<nav class="contents" aria-label="${esc(title)}"><p class="contents-title">${esc(title)}</p><ol>${items.join('')}</ol></nav>`;
}

export function bookHtml(input: BookInput): string {
  const { course } = input;
  const t = stringsFor(course.language);
  const parted = course.parts.length > 0;
  const body = chapterGroups(course).map((g, i) => {
    const part = parted ? `<section class="part" id="part-${i}"><h1>${esc(g.label)}</h1></section>` : '';
    return part + g.chapters.map((c) => chapterHtml(c, parted ? 1 : 0, input)).join('');
  });
  // The whole course at the end: its map and the diagrams authored outside any chapter.
  const closing = `<section class="chapter" id="course-map"><h1>${esc(t.courseMap)}</h1>${figure(input.courseMap, 'map')}${course.diagrams.map((d, i) => figure(input.courseDiagram(i), 'diagram') || blocksHtml([{ type: 'code', lang: d.lang, meta: null, value: d.source, position: d.position }])).join('')}</section>`;
  const meta = [
    course.author,
    fill(course.chapters.length === 1 ? t.chapterOne : t.chaptersIn, { n: course.chapters.length }),
  ]
    .filter(Boolean)
    .map((s) => `<p>${esc(s!)}</p>`)
    .join('');
  const m = BOOK_MARGIN;
  const css = `@page { size: ${input.box.widthMm}mm ${input.box.heightMm}mm; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; }
html { font-family: "DejaVu Sans", "Noto Sans SC", "Noto Sans CJK SC", sans-serif; font-size: 10pt; line-height: 1.45; color: #1d2330; }
body { margin: 0; }
.title-page { height: ${input.box.heightMm - m.top - m.bottom - 2}mm; display: flex; flex-direction: column; justify-content: center; break-after: page; }
.title-page .book-title { font-size: 28pt; font-weight: bold; line-height: 1.2; margin: 0 0 6mm; color: #22345f; }
.title-page p { font-size: 12pt; margin: 0 0 2mm; color: #4b5670; }
.contents { break-after: page; }
.contents-title { font-size: 18pt; font-weight: bold; color: #22345f; margin: 0 0 5mm; }
.contents ol { list-style: none; margin: 0; padding: 0; }
.contents li a { display: flex; gap: 2mm; color: inherit; text-decoration: none; padding: 0.6mm 0; }
.contents li .t { flex: 1; }
.contents li .p { font-variant-numeric: tabular-nums; }
.contents li.d0 { font-weight: bold; margin-top: 2mm; }
.contents li.d1 { padding-left: 6mm; }
.part { break-before: page; padding-top: 60mm; }
.part h1 { font-size: 24pt; color: #22345f; }
.chapter { break-before: page; }
h1, h2 { font-size: 18pt; color: #22345f; margin: 0 0 4mm; break-after: avoid; }
h3 { font-size: 13pt; margin: 6mm 0 2mm; color: #22345f; break-after: avoid; }
h4, h5, h6 { font-size: 11pt; margin: 4mm 0 1.5mm; break-after: avoid; }
figure { margin: 3mm 0; text-align: center; break-inside: avoid; }
figure img { max-width: 100%; max-height: 110mm; }
figure.map img { max-height: 90mm; }
figure.page img { max-height: ${input.box.heightMm - m.top - m.bottom - 20}mm; }
figcaption { font-size: 9pt; color: #4b5670; margin-top: 1mm; }
blockquote { margin: 3mm 0; padding: 2mm 4mm; border-left: 1.2mm solid #7d6ad8; background: #f4f2ff; border-radius: 1mm; break-inside: avoid; }
blockquote p { margin: 0.5mm 0; }
table { border-collapse: collapse; width: 100%; margin: 3mm 0; font-size: 9pt; break-inside: auto; }
th, td { border: 0.25mm solid #c5cbd8; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
th { background: #e9edf6; color: #22345f; }
tr { break-inside: avoid; }
pre { font-size: 8.5pt; background: #f5f6f9; padding: 2mm 3mm; white-space: pre-wrap; overflow-wrap: anywhere; border-radius: 1mm; }
code { font-family: "DejaVu Sans Mono", monospace; }
img { max-width: 100%; }`;
  return `<!doctype html><html lang="${esc(course.language)}"><head><meta charset="utf-8"><title>${esc(course.title)}</title><style>${css}</style></head><body>
<section class="title-page"><p class="book-title">${esc(course.title)}</p>${meta}</section>
${contentsHtml(input, t.agenda)}
${body.join('\n')}
${closing}
</body></html>`;
}
