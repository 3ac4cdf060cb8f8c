// Parsed files → Course. Pure: no file system, no clock; diagnostics go to the files' VFiles.
import type { Root } from 'mdast';
// Types only (the data folder loading puts on VFiles); erased at runtime: the model imports nothing from parse/.
import type {} from '../parse/folder-files.ts';
import type { VFile } from 'vfile';
import { coverageWarnings, lineCount, mapLines, measure, type Drop } from './coverage.ts';
import { partsFromPages, readPartPage, type PartPage } from './recognisers/part-pages.ts';
import { matchPartHeading } from './recognisers/markers.ts';
import { analyseDocument, type DocumentModel } from './document.ts';
import { diagnosticsFor, toModelMessages } from './messages.ts';
import { reportLanguage } from './recognisers/language-report.ts';
import { cleanTitle, slugify, uniqueSlug } from './text.ts';
import { contentsTitles } from './recognisers/topic.ts';
import type { Chapter, Course, Coverage, Extra, InputForm, Part } from './types.ts';

export interface ParsedFile {
  file: VFile;
  tree: Root;
}

export interface CourseInput {
  form: InputForm;
  /** The single course file, or a folder's index/README with metadata and parts. */
  courseFile: ParsedFile | null;
  /** A folder course's chapter files, in order. */
  chapterFiles: ParsedFile[];
  /** Extra metadata found beside the files (book.toml, mkdocs.yml). */
  meta?: Record<string, string>;
  /** A folder's layout and the file that gave its order (see Course.layout). */
  layout?: { name: string; orderFile: string | null };
}

export function buildCourse(input: CourseInput): Course {
  const slugs = new Set<string>();
  const files = [input.courseFile, ...input.chapterFiles].filter((f): f is ParsedFile => f !== null);
  // A folder holding only a course file is a single-file course.
  const folder = input.form === 'folder' && input.chapterFiles.length > 0;
  // In a folder the course file only gives metadata, parts and a preface; chapters are files.
  const main = input.courseFile ? analyseFile(input.courseFile, slugs, folder) : null;
  const contents =
    folder && input.courseFile
      ? contentsTitles(input.courseFile.tree, input.courseFile.file.path)
      : new Map<string, string>();
  const split = folder
    ? splitFolder(input.chapterFiles, slugs, contents)
    : { chapters: [], preface: [], extras: [], parts: [], drops: new Map<string, Drop[]>() };
  const fromFiles = split.chapters;
  const chapters = folder ? fromFiles.map((f) => f.chapter) : [...(main?.chapters ?? [])];
  const meta = { ...input.meta, ...main?.meta };
  const fileName = files[0]?.file.stem ?? 'course';
  const title = main?.title ?? meta['title'] ?? cleanTitle(fileName.replace(/[-_]+/g, ' ')) ?? 'Course';
  const first = files[0];
  const emptyInput = first?.file.messages.find((m) => m.ruleId === 'empty-input');
  if (emptyInput)
    emptyInput.fatal = true; // nothing to build is an error, said once
  else if (first && chapters.length === 0) {
    const empty = first.tree.children.length === 0;
    diagnosticsFor(first.file).error(
      { line: 1, column: 1, offset: 0 },
      empty ? 'The course is empty' : 'No chapters found',
      empty ? 'empty-course' : 'no-chapters',
      'Start each chapter with a heading such as "# Chapter 1: Title".',
    );
  }
  const numbers = new Set(chapters.map((c) => c.number));
  const pageParts = split.parts.length > 0 ? split.parts : null;
  const parts = (folderParts(input, fromFiles) ?? pageParts ?? main?.parts ?? []).map((p) => {
    const missing = p.chapters.filter((n) => !numbers.has(n));
    if (missing.length > 0 && input.courseFile) {
      diagnosticsFor(input.courseFile.file).warn(
        p.position.start,
        `Part ${p.number} lists chapter${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, which the course never starts`,
        'part-chapter-missing',
        'Write the missing chapters or remove them from the outline.',
      );
    }
    return { ...p, chapters: p.chapters.filter((n) => numbers.has(n)) };
  });
  const extras = [...(main?.extras ?? []), ...split.extras];
  const preface = [...(main?.preface ?? []), ...split.preface];
  if (input.courseFile && main) split.drops.set(input.courseFile.file.path, main.drops);
  const coverage = countLines(files, { chapters, extras, preface }, split.drops);
  const language = reportLanguage(
    meta,
    files.map((f) => f.file),
  );
  return {
    title,
    author: main?.author ?? meta['author'] ?? meta['authors'] ?? null,
    language,
    meta,
    form: folder ? 'folder' : main?.transcript ? 'transcript' : 'tidy',
    ...(folder && input.layout ? { layout: input.layout } : {}),
    files: files.map((f) => f.file.path),
    parts,
    chapters,
    diagrams: main?.diagrams ?? [],
    extras,
    preface,
    coverage,
    messages: toModelMessages(files.map((f) => f.file)),
  };
}

/** Maps every line of every file to where it went, warns about misplaced runs, and counts. */
function countLines(
  files: readonly ParsedFile[],
  placed: Pick<Course, 'chapters' | 'extras' | 'preface'>,
  drops: ReadonlyMap<string, Drop[]>,
): Coverage {
  const lines = files.map((f) => ({
    path: f.file.path,
    text: String(f.file.value ?? ''),
    drops: drops.get(f.file.path) ?? [],
  }));
  const maps = lines.map((f) => mapLines(f, placed));
  maps.forEach((map, k) => {
    const file = files[k]!.file;
    coverageWarnings(
      map,
      placed.chapters.filter((c) => c.file === file.path),
      diagnosticsFor(file),
    );
  });
  return measure(lines, maps);
}

function analyseFile(parsed: ParsedFile, slugs: Set<string>, metadataOnly: boolean): DocumentModel {
  return analyseDocument(
    parsed.tree,
    parsed.file.path,
    diagnosticsFor(parsed.file),
    slugs,
    metadataOnly ? { metadataOnly } : {},
  );
}

/** Parts that an mdBook SUMMARY.md or an mkdocs nav declares (chapters given as file indices). */
function folderParts(
  input: CourseInput,
  fromFiles: ReadonlyArray<{ fileIndex: number; chapter: Chapter }>,
): Part[] | null {
  const declared = input.courseFile?.file.data.course?.parts ?? [];
  if (declared.length === 0) return null;
  return declared.map((p, k) => ({
    number: matchPartHeading(p.title)?.number ?? k + 1,
    title: matchPartHeading(p.title)?.title || p.title,
    chapters: fromFiles.filter((f) => p.chapters.includes(f.fileIndex)).map((f) => f.chapter.number),
    position: {
      start: { line: p.line, column: p.column, offset: 0 },
      end: { line: p.line, column: p.column, offset: 0 },
    },
  }));
}

interface FolderSplit {
  chapters: Array<{ fileIndex: number; chapter: Chapter }>;
  preface: Extra[];
  extras: Extra[];
  /** Lines each chapter file dropped on purpose, by file path. */
  drops: Map<string, Drop[]>;
  /** Parts that part pages (files that are a part title and a chapter list) declare. */
  parts: Part[];
}

/**
 * Files before the first chapter of a part (mdBook prefix chapters, an mkdocs home page) are the
 * preface and files after the last one are extras, unless they name themselves as chapters.
 */
function splitFolder(
  files: readonly ParsedFile[],
  slugs: Set<string>,
  contents: ReadonlyMap<string, string>,
): FolderSplit {
  const drops = new Map<string, Drop[]>();
  const pages: Array<{ fileIndex: number; page: PartPage }> = [];
  const all = folderChapters(files, drops, pages, contents);
  const inPart = (o: { fileIndex: number }) => files[o.fileIndex]?.file.data.chapter?.part != null;
  const hasParts = all.some(inPart);
  const first = all.findIndex(inPart);
  const last = all.findLastIndex(inPart);
  const role = (o: { fileIndex: number }) => files[o.fileIndex]?.file.data.chapter?.role;
  // The table of contents may say it (Quarto's index.qmd, appendices); else the place tells.
  const loose = (o: { fileIndex: number; explicit: boolean }, k: number) =>
    role(o) === 'preface' ||
    role(o) === 'appendix' ||
    (hasParts && !o.explicit && !inPart(o) && (k < first || k > last));
  const before = (o: { fileIndex: number }, k: number) =>
    role(o) === 'preface' || (role(o) !== 'appendix' && k < first);
  const toExtra = (c: Chapter): Extra => ({
    title: c.title,
    slug: uniqueSlug(slugify(c.title, 'page'), slugs),
    icon: null,
    blocks: [...c.intro],
    sections: c.sections,
    file: c.file,
    position: c.position,
  });
  const chapters = all.filter((o, k) => !loose(o, k));
  // A file that does not number itself follows the chapter before it.
  chapters.forEach((o, k) => {
    if (!o.explicit) o.chapter.number = k === 0 ? 1 : (chapters[k - 1]?.chapter.number ?? k) + 1;
  });
  renumber(chapters, files, slugs);
  return {
    chapters,
    preface: all.filter((o, k) => loose(o, k) && before(o, k)).map((o) => toExtra(o.chapter)),
    extras: all.filter((o, k) => loose(o, k) && !before(o, k)).map((o) => toExtra(o.chapter)),
    drops,
    parts: partsFromPages(
      pages.map((p, k) => {
        const end = pages[k + 1]?.fileIndex ?? files.length;
        return {
          page: p.page,
          chapters: chapters.filter((o) => o.fileIndex > p.fileIndex && o.fileIndex < end).map((o) => o.chapter.number),
        };
      }),
    ),
  };
}

function folderChapters(
  files: readonly ParsedFile[],
  drops: Map<string, Drop[]>,
  pages: Array<{ fileIndex: number; page: PartPage }>,
  contents: ReadonlyMap<string, string>,
): Array<{ fileIndex: number; chapter: Chapter; explicit: boolean }> {
  const out: Array<{ fileIndex: number; chapter: Chapter; explicit: boolean }> = [];
  files.forEach((parsed, k) => {
    const page = readPartPage(
      parsed.tree,
      lineCount(String(parsed.file.value ?? '')),
      parsed.file.data.chapter?.role === 'group',
    );
    if (page) {
      pages.push({ fileIndex: k, page });
      drops.set(parsed.file.path, [page.drop]);
      return;
    }
    const data = parsed.file.data.chapter;
    const published = data !== undefined && ['summary', 'nav', 'toc', 'position'].includes(data.orderFrom);
    const topic = contents.get(parsed.file.path);
    const options = {
      singleChapter: data?.order ?? k + 1,
      published,
      ...(data?.navTitle ? { fallbackTitle: data.navTitle } : {}),
      ...(topic ? { topic } : {}),
    };
    const doc = analyseDocument(parsed.tree, parsed.file.path, diagnosticsFor(parsed.file), new Set(), options);
    drops.set(parsed.file.path, doc.drops);
    for (const chapter of doc.chapters) out.push({ fileIndex: k, chapter, explicit: doc.explicit });
  });
  return out;
}

/** Keeps the numbers chapter headings give when unique; otherwise numbers chapters by their order. */
function renumber(
  out: Array<{ fileIndex: number; chapter: Chapter }>,
  files: readonly ParsedFile[],
  slugs: Set<string>,
): void {
  const numbers = out.map((o) => o.chapter.number);
  const byOrder = new Set(numbers).size !== numbers.length;
  for (const [k, o] of out.entries()) {
    const own = o.chapter.number;
    if (byOrder) o.chapter.number = k + 1;
    if (byOrder && own !== k + 1 && files[o.fileIndex]) {
      diagnosticsFor(files[o.fileIndex]!.file).info(
        o.chapter.position.start,
        `Numbered ${k + 1} by its place in the course (its heading says ${own}, which another file uses too)`,
        'chapter-renumbered',
      );
    }
    o.chapter.slug = uniqueSlug(
      slugify(`${o.chapter.number}-${o.chapter.title}`, `chapter-${o.chapter.number}`),
      slugs,
    );
  }
}
