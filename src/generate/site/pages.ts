// The offline course site (pure apart from reading templates): out/index.html — the course map as
// navigation, a card per chapter, the search box and every output of the build — and
// out/chapters/<slug>.html — the chapter's map (its nodes open the slides), deck and flashcard
// links, summary, takeaways and flashcard count. Templates: templates/site/ (index.html.hbs,
// chapter.html.hbs, partials _*.hbs, site.css, site.js), overridable with --templates.
// Handlebars escapes every value; only the sanitised SVGs and our own scripts go in raw.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { Chapter, Course } from '../../model/types.ts';
import { coreIdea } from '../maps/concepts.ts';
import { chapterBodyHtml, summaryBodyHtml } from './body.ts';
import { courseDiagramSections } from './course-diagrams.ts';
import { CARD_KINDS } from '../flashcards/cards.ts';
import { kindLabel } from '../flashcards/sheet.ts';
import type { Card } from '../flashcards/cards.ts';
import { linkSvgNodes } from '../links/svg-links.ts';
import { chapterMapLinks, courseMapLinks, deckHref, type LectureHomes } from '../links/targets.ts';
import { inlineScript, inlineStyle } from '../slides/html.ts';
import { sanitizeSvg } from '../slides/svg.ts';
import type { TemplateSet } from '../templates.ts';
import { minisearchRuntime, SEARCH_OPTIONS, searchIndexJson } from './search.ts';
import { fill, STRINGS, stringsFor, type UiStrings } from '../strings.ts';
import { chapterQuiz } from '../../model/recognisers/quiz.ts';

export interface SiteInput {
  course: Course;
  theme: 'light' | 'dark';
  /** Rendered SVG by diagram name ("maps/course-map", "maps/<slug>"), as rendered (no links). */
  svg: (name: string) => string | null;
  /** The parts the slide fit chose for an authored diagram too small for its slide (./figures.ts). */
  parts?: (name: string) => ReadonlyArray<{ name: string; title: string | null }> | undefined;
  /** Paths written so far (relative to out/): decide which links exist. */
  written: ReadonlySet<string>;
  cards: readonly Card[];
  /** The "all outputs" listing of the home page (already HTML). */
  outputsHtml: string;
  /** Chapters split into lectures: chapter number → slide id → the lecture deck that shows it. */
  lectures?: ReadonlyMap<number, LectureHomes>;
}

export interface SitePage {
  path: string;
  html: string;
}

interface NavItem {
  number: number;
  title: string;
  href: string;
  current: boolean;
}

function templates(set: Pick<TemplateSet, 'dirs'>) {
  const find = (name: string): string => {
    for (const dir of set.dirs) {
      const path = join(dir, 'site', name);
      if (existsSync(path)) return readFileSync(path, 'utf8');
    }
    throw new Error(`site template not found: site/${name} (looked in ${set.dirs.join(', ')})`);
  };
  const hb = Handlebars.create();
  const partials = new Set<string>();
  for (const dir of set.dirs) {
    const folder = join(dir, 'site');
    if (existsSync(folder))
      for (const f of readdirSync(folder)) if (/^_[\w-]+\.hbs$/.test(f)) partials.add(f.slice(0, -4));
  }
  for (const name of [...partials].sort()) hb.registerPartial(name, hb.compile(find(`${name}.hbs`), { strict: false }));
  const compile = (name: string) => hb.compile(find(name), { strict: false });
  const run = (t: HandlebarsTemplateDelegate, data: object) =>
    t(data, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
  const index = compile('index.html.hbs');
  const chapter = compile('chapter.html.hbs');
  const css = find('site.css');
  const js = find('site.js');
  const query = find('search-query.js');
  const fingerprint = createHash('sha256')
    .update(
      [...partials]
        .sort()
        .map((p) => find(`${p}.hbs`))
        .join('\0'),
    )
    .update(`\0${find('index.html.hbs')}\0${find('chapter.html.hbs')}\0${css}\0${js}\0${query}`)
    .digest('hex');
  return { index: (d: object) => run(index, d), chapter: (d: object) => run(chapter, d), css, js, query, fingerprint };
}

function nav(course: Course, prefix: string, current: number | null): NavItem[] {
  return course.chapters.map((c) => ({
    number: c.number,
    title: c.title,
    href: `${prefix}chapters/${c.slug}.html`,
    current: c.number === current,
  }));
}

function cardStats(
  cards: readonly Card[],
  chapter: number,
  t?: UiStrings,
): { total: number; kinds: Array<{ label: string; count: number }> } {
  const mine = cards.filter((c) => c.chapter === chapter);
  const kinds = CARD_KINDS.map((kind) => ({
    label: kindLabel(kind, t),
    count: mine.filter((c) => c.kind === kind).length,
  })).filter((k) => k.count > 0);
  return { total: mine.length, kinds };
}

function flashcardLinks(input: SiteInput, prefix: string): Array<{ label: string; href: string }> {
  const files: Array<[string, string]> = [
    ['flashcards/cards.apkg', 'Anki package'],
    ['flashcards/anki.txt', 'Anki import'],
    ['flashcards/cards.csv', 'CSV'],
    ['flashcards/cards.pdf', 'Printable cards (PDF)'],
  ];
  return files.filter(([p]) => input.written.has(p)).map(([p, label]) => ({ label, href: `${prefix}${p}` }));
}

const searchCache = new WeakMap<Course, { lectures: ReadonlyMap<number, LectureHomes> | undefined; index: string }>();

function uiJson(t: UiStrings): string {
  const words = {
    section: t.section,
    term: t.term,
    analogy: t.analogy,
    takeaway: t.takeaway,
    results: t.results,
    oneResult: t.oneResult,
    noResults: t.noResults,
  };
  return JSON.stringify(words).replace(/</g, '\\u003c');
}

function shared(input: SiteInput, set: ReturnType<typeof templates>, prefix: string) {
  const search = { options: JSON.stringify(SEARCH_OPTIONS) };
  return {
    course: { title: input.course.title, author: input.course.author },
    lang: input.course.language,
    t: stringsFor(input.course.language),
    /** The search script's words, given only when not English (site.js has the English ones). */
    ui: stringsFor(input.course.language) === STRINGS['en'] ? null : uiJson(stringsFor(input.course.language)),
    theme: input.theme,
    prefix,
    home: `${prefix}index.html`,
    assets: {
      css: inlineStyle(set.css),
      js: inlineScript(set.js),
      query: inlineScript(set.query),
      minisearch: inlineScript(minisearchRuntime()),
      searchOptions: search.options.replace(/</g, '\\u003c'),
    },
  };
}

/** The chapter's quiz questions as self-check questions: options shown, the answer behind a disclosure. */
function selfCheck(chapter: Chapter, t: UiStrings) {
  return chapterQuiz(chapter).map((q) => ({
    label: fill(t.quizQuestion, { n: q.number }),
    stem: q.stem,
    options: q.options.map((o) => `${o.label ? `${o.label}) ` : ''}${o.text}`),
    answerLabel: fill(t.quizAnswer, { n: q.number }),
    answer: q.answer,
    justification: q.justification,
  }));
}

function chapterPage(input: SiteInput, set: ReturnType<typeof templates>, chapter: Chapter): SitePage {
  const svg = input.svg(`maps/${chapter.slug}`);
  const words = stringsFor(input.course.language);
  const t = chapter.takeaways;
  const i = input.course.chapters.indexOf(chapter);
  const sibling = (c: Chapter | undefined) => (c ? { number: c.number, title: c.title, href: `${c.slug}.html` } : null);
  const html = set.chapter({
    ...shared(input, set, '../'),
    nav: nav(input.course, '../', chapter.number),
    chapter: {
      number: chapter.number,
      title: chapter.title,
      summary: summaryBodyHtml(chapter),
      idea: coreIdea(chapter),
    },
    body: chapterBodyHtml(chapter, {
      svg: input.svg,
      ...(input.parts ? { parts: input.parts } : {}),
      words: { fullSize: words.fullSize, pan: words.diagramPan },
    }),
    deck: input.written.has(`decks/${chapter.slug}.html`) ? deckHref(chapter, null) : null,
    deckPdf: input.written.has(`decks/${chapter.slug}.pdf`) ? `../decks/${chapter.slug}.pdf` : null,
    map: svg
      ? sanitizeSvg(
          linkSvgNodes(
            svg,
            chapterMapLinks(
              chapter,
              (id) => deckHref(chapter, id, 'sibling', input.lectures?.get(chapter.number)),
              stringsFor(input.course.language).keyTakeaways,
            ),
          ),
        )
      : null,
    takeaways: t ? { title: t.title, header: t.header, rows: t.rows } : null,
    quiz: selfCheck(chapter, stringsFor(input.course.language)),
    cards: cardStats(input.cards, chapter.number, stringsFor(input.course.language)),
    flashcards: flashcardLinks(input, '../'),
    prev: sibling(input.course.chapters[i - 1]),
    next: sibling(input.course.chapters[i + 1]),
  });
  return { path: `chapters/${chapter.slug}.html`, html };
}

function chapterFiles(input: SiteInput, c: Chapter): Array<{ label: string; href: string }> {
  const t = stringsFor(input.course.language);
  const files: Array<[string, string]> = [
    [`decks/${c.slug}.pdf`, 'PDF'],
    [`decks/${c.slug}.pptx`, 'PowerPoint'],
    [`maps/${c.slug}.svg`, t.conceptMap],
  ];
  return files.filter(([p]) => input.written.has(p)).map(([href, label]) => ({ label, href }));
}

function indexPage(input: SiteInput, set: ReturnType<typeof templates>): SitePage {
  const svg = input.svg('maps/course-map');
  const words = stringsFor(input.course.language);
  const html = set.index({
    ...shared(input, set, ''),
    nav: nav(input.course, '', null),
    map: svg
      ? sanitizeSvg(
          linkSvgNodes(
            svg,
            courseMapLinks(input.course, (c) => `chapters/${c.slug}.html`),
          ),
        )
      : null,
    chapters: input.course.chapters.map((c) => ({
      number: c.number,
      title: c.title,
      href: `chapters/${c.slug}.html`,
      idea: coreIdea(c),
      deck: input.written.has(`decks/${c.slug}.html`) ? `decks/${c.slug}.html` : null,
      // The chapter's other outputs, next to it: the deck's PDF and PowerPoint, its concept map.
      files: chapterFiles(input, c),
      cards: cardStats(input.cards, c.number).total,
    })),
    diagrams: courseDiagramSections(
      input.course,
      {
        svg: input.svg,
        ...(input.parts ? { parts: input.parts } : {}),
        words: { fullSize: words.fullSize, pan: words.diagramPan },
      },
      words,
    ),
    totalCards: input.cards.length,
    flashcards: flashcardLinks(input, ''),
    outputs: input.outputsHtml,
  });
  return { path: 'index.html', html };
}

/** Every page of the site: the chapter pages first, the home page last. */
export function sitePages(input: SiteInput, set: Pick<TemplateSet, 'dirs'>): SitePage[] {
  const t = templates(set);
  return [
    ...input.course.chapters.map((c) => chapterPage(input, t, c)),
    indexPage(input, t),
    searchIndexFile(input.course, input.lectures),
  ];
}

/**
 * The search index as one script every page loads (a script, not JSON: pages opened from file://
 * may not fetch). Inlined, it made every chapter page change whenever any chapter's text did.
 */
export function searchIndexFile(course: Course, lectures?: ReadonlyMap<number, LectureHomes>): SitePage {
  const cached = searchCache.get(course);
  const index = cached && cached.lectures === lectures ? cached.index : searchIndexJson(course, lectures);
  searchCache.set(course, { lectures, index });
  return { path: SEARCH_INDEX_FILE, html: `window.CM_SEARCH_INDEX = ${JSON.stringify(index)};\n` };
}

export const SEARCH_INDEX_FILE = 'search-index.js';
