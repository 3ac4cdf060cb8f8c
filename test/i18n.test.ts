// Outputs speak the course's language: detection in the model, and the interface words of the
// decks, the chapter map and the print outputs taken from one table (src/generate/strings.ts).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chapterMap } from '../src/generate/maps/concepts.ts';
import { courseCards } from '../src/generate/flashcards/cards.ts';
import { sheetData, sheetTemplate } from '../src/generate/flashcards/sheet.ts';
import { companionData } from '../src/generate/print/companion.ts';
import { COMPANION_LEVELS, MAP_LEVELS, pageBox } from '../src/generate/print/paper.ts';
import { studyMapData } from '../src/generate/print/study-map.ts';
import { courseDeck } from '../src/generate/slides/course-deck.ts';
import { chapterDeck } from '../src/generate/slides/deck.ts';
import { deckHtml } from '../src/generate/slides/html.ts';
import { slideTemplates } from '../src/generate/slides/partials.ts';
import { sitePages } from '../src/generate/site/pages.ts';
import { STRINGS, stringsFor } from '../src/generate/strings.ts';
import { templateSet } from '../src/generate/templates.ts';
import { formatOutline } from '../src/cli/outline.ts';
import { courseFromText, loadCourse } from '../src/index.ts';
import { courseLanguage, primaryLanguage } from '../src/model/recognisers/language.ts';

const fixture = (p: string) => fileURLToPath(new URL(`fixtures/${p}`, import.meta.url));
const set = templateSet();
const slides = slideTemplates(set);
const svg = (name: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text>${name}</text></svg>`;
/** The slides of a deck without reveal.js's own scripts (its speaker view is English). */
const slidesRegion = (html: string) => html.slice(html.indexOf('<div class="slides">'), html.indexOf('<script>'));
const visible = (html: string) => html.replace(/<aside class="notes">[\s\S]*?<\/aside>/g, '');

const ENGLISH_WORDS = [
  'Agenda',
  'Concept map',
  'Summary',
  'Key takeaways',
  'Analogy',
  'Final insight',
  'Chapter ',
  'Part ',
  '>↩ Map<',
  'Back to the concept map',
  'Course map',
];

describe('language detection', () => {
  it('takes front matter lang / language as given', () => {
    expect(courseLanguage({ lang: 'pt-BR' }, 'The cat and the dog are friends.')).toMatchObject({
      language: 'pt-BR',
      how: 'meta',
      evidence: 'front matter',
    });
    expect(courseLanguage({ language: 'de' }, '').language).toBe('de');
  });

  it('finds Chinese by its script, also with English terms in between', () => {
    const zh =
      '数据库把数据写到磁盘上。每次写入先记录在日志里，然后再更新索引。这样即使断电，也能从日志恢复。我们用 B-tree 和 LSM-tree 两种结构来比较读写的代价。';
    expect(courseLanguage({}, zh)).toMatchObject({ language: 'zh', how: 'detected' });
    expect(
      courseLanguage(
        {},
        `${zh}\n\`\`\`js\nconst a = "the and of the and of to is in that";\n\`\`\`\nUse the API with TCP and HTTP.`,
      ).language,
    ).toBe('zh');
  });

  it('tells Japanese and Korean from Chinese', () => {
    expect(
      courseLanguage({}, 'データベースはディスクにデータを書き込みます。ログを先に書いてから索引を更新します。')
        .language,
    ).toBe('ja');
    expect(
      courseLanguage({}, '데이터베이스는 디스크에 데이터를 씁니다. 먼저 로그를 기록하고 나서 색인을 갱신합니다.')
        .language,
    ).toBe('ko');
  });

  it('tells Latin-script languages apart by their common words', () => {
    const texts: Record<string, string> = {
      fr: 'Le chiffrement protège les messages. Une clé secrète est partagée par les deux parties et elle sert à chiffrer puis à déchiffrer le texte. Dans ce chapitre, on voit pourquoi la longueur de la clé compte plus que le secret de la méthode, et ce que cela change pour un attaquant qui essaie toutes les clés.',
      pt: 'A rede liga os computadores de uma casa. Cada máquina tem um endereço e os pacotes são entregues pelo roteador. Neste capítulo vemos como o endereço é atribuído, o que acontece quando dois computadores usam o mesmo número e por que o roteador não deixa os pacotes sair sem uma tradução.',
      es: 'La luz entra por el objetivo y llega al sensor. El diafragma controla la cantidad de luz y la velocidad controla el tiempo. En este capítulo vemos cómo se combinan los dos para una foto bien expuesta, y por qué una velocidad lenta hace que las cosas que se mueven salgan borrosas en la imagen.',
      de: 'Der Compiler liest den Quelltext und erzeugt daraus ein Programm. Zuerst wird der Text in Wörter zerlegt, dann wird die Struktur geprüft. In diesem Kapitel sehen wir, wie die Fehler gemeldet werden und warum eine gute Meldung für die Arbeit mit dem Werkzeug so wichtig ist, auch wenn sie nicht immer einfach ist.',
      it: 'Il giardino ha bisogno di acqua e di luce. Ogni pianta cresce meglio quando il terreno è ricco e non troppo bagnato. In questo capitolo vediamo come si sceglie il posto per le piante, perché alcune specie vogliono più sole delle altre e come si prepara il terreno prima della semina della stagione.',
      en: 'The compiler reads the source and turns it into a program. First the text is split into words, then the structure is checked. In this chapter we see how errors are reported and why a good message matters for the people who use the tool, even when it is not easy to write one for every case.',
    };
    for (const [lang, text] of Object.entries(texts))
      expect(courseLanguage({}, text), lang).toMatchObject({ language: lang, how: 'detected' });
  });

  it('falls back to English when unsure: a short text, a few CJK characters, or no clear winner', () => {
    expect(courseLanguage({}, 'Le chat dort.')).toMatchObject({ language: 'en', how: 'unsure' });
    expect(courseLanguage({}, '缓存 cache')).toMatchObject({ language: 'en', how: 'unsure' });
    const mixed = 'The cache and the disk. Le cache et le disque. '.repeat(6);
    expect(courseLanguage({}, mixed)).toMatchObject({ language: 'en', how: 'unsure' });
  });

  it('reads the primary subtag', () => {
    expect(primaryLanguage('zh-Hans-CN')).toBe('zh');
    expect(primaryLanguage('FR_ca')).toBe('fr');
    expect(stringsFor('pt-BR')).toBe(STRINGS['pt']);
    expect(stringsFor('sv')).toBe(STRINGS['en']);
  });

  it('says what it detected as a positioned info message, and says nothing for English or front matter', () => {
    const body =
      '# Chapter 1: Réseaux\n\nLe réseau relie les machines de la maison. Chaque machine a une adresse et les paquets sont livrés par le routeur. Dans ce chapitre, on voit comment une adresse est donnée et ce qui se passe quand deux machines ont la même.\n';
    const fr = courseFromText(body, 'notes.md').course;
    expect(fr.language).toBe('fr');
    const msgs = fr.messages
      .filter((m) => m.ruleId === 'language-detected')
      .map((m) => `${m.file}:${m.line}:${m.column} ${m.severity} ${m.message} (${m.hint})`);
    expect(msgs).toEqual([
      'notes.md:1:1 info Course language detected as \'fr\' (17 of 44 words are common fr words, 2 it) (Set lang: in front matter to override (e.g. "lang: fr").)',
    ]);
    const given = courseFromText(`---\nlang: fr\n---\n${body}`, 'notes.md').course;
    expect(given.messages.filter((m) => m.ruleId === 'language-detected')).toEqual([]);
    const short = courseFromText('# Chapter 1: Nets\n\nLe chat dort.\n', 'short.md').course;
    expect(short.language).toBe('en');
    expect(short.messages.filter((m) => m.ruleId === 'language-detected').map((m) => m.message)).toEqual([
      "Course language unclear (1 of 5 words are common fr words, 1 it); using 'en' for the interface words",
    ]);
  });
});

const CASES = [
  { file: 'genres/chinese-notes.md', lang: 'zh' },
  { file: 'genres/french-course.md', lang: 'fr' },
  { file: 'genres/portuguese-notes.md', lang: 'pt' },
] as const;

describe.each(CASES)('$file speaks $lang', ({ file, lang }) => {
  const t = STRINGS[lang]!;
  const load = async () => (await loadCourse(fixture(file))).course;

  it('has its language in the model', async () => {
    expect((await load()).language).toBe(lang);
    expect(formatOutline(await load()).split('\n')[1]).toMatch(new RegExp(`^\\w+ · ${lang} · \\d+ chapters`));
  });

  it('writes the decks in it: lang attribute, agenda, map and summary titles, no English interface words', async () => {
    const course = await load();
    const decks = course.chapters.map((c) => deckHtml(chapterDeck(course, c, { theme: 'light', svg }), slides));
    decks.push(deckHtml(courseDeck(course, { theme: 'light', svg }), slides));
    for (const html of decks) expect(html).toContain(`<html lang="${lang}"`);
    const all = decks.map((h) => visible(slidesRegion(h))).join('\n');
    expect(all).toContain(`<h2>${t.agenda}</h2>`);
    expect(all).toContain(`<h2>${t.conceptMap}</h2>`);
    expect(all).toContain(`<h2>${t.summary}</h2>`);
    expect(all).toContain(`<h2>${t.courseMap}</h2>`);
    expect(all).toContain(`${t.analogy}</p>`);
    expect(all).toContain(`>${t.mapLink}</a>`);
    // Speaker notes too: the duration line of every title slide.
    for (const html of decks) expect(slidesRegion(html)).toContain(t.duration.split('{n}')[0]!);
    expect(decks.join('\n')).not.toContain('Estimated duration');
    for (const word of ENGLISH_WORDS.filter((w) => !Object.values(t).includes(w.trim())))
      expect(all, word).not.toContain(word);
  });

  it("labels the chapter map's takeaways branch in it", async () => {
    const course = await load();
    const chapter = course.chapters.find((c) => c.takeaways)!;
    const branch = chapterMap(chapter, t.keyTakeaways).root.children.find((b) => b.id === 'tk')!;
    expect(branch.label).toBe(t.keyTakeaways);
    const { generateMaps } = await import('../src/generate/maps/maps.ts');
    const source = generateMaps(course, set).find((d) => d.name === `maps/${chapter.slug}`)!.source;
    expect(source).toContain(t.keyTakeaways);
    expect(source).not.toContain('Key takeaways');
  });

  it('heads the study map and the companion in it', async () => {
    const course = await load();
    const map = set.render(
      'print/study-map.html.hbs',
      studyMapData(course, pageBox('a4', 'landscape'), MAP_LEVELS[0]!),
    );
    expect(map).toContain(`<html lang="${lang}">`);
    expect(map).toContain(`<h2>${t.partTitle.replace('{n}', '1').replace('{title}', course.parts[0]!.title)}</h2>`);
    expect(map).toMatch(new RegExp(`<span class="what">${t.studyMap.replace(/’/g, '.')} · `));
    expect(map).toContain(`<b>${t.analogy}</b>`);
    expect(map).toContain(`<span>A4 ${t.landscape}</span>`);
    expect(map).not.toContain('landscape');
    const companion = set.render(
      'print/companion.html.hbs',
      companionData(course, pageBox('a4', 'portrait'), COMPANION_LEVELS[0]!),
    );
    expect(companion).toContain(`<html lang="${lang}">`);
    expect(companion).toContain(`<h2>${t.ideas.replace('{n}', String(course.chapters.length))}</h2>`);
    for (const html of [map, companion]) {
      for (const word of [
        'Study map',
        'study map',
        'Study companion',
        'study companion',
        'Analogy',
        'Part 1',
        'The course in',
        'Page " counter(page) " of',
      ])
        expect(html, word).not.toContain(word);
    }
  });
});

describe.each(CASES)('$file flashcards speak $lang', ({ file, lang }) => {
  it('labels the printed cards and words the analogy questions in it', async () => {
    const t = STRINGS[lang]!;
    const course = (await loadCourse(fixture(file))).course;
    const cards = courseCards(course).cards;
    const analogy = cards.find((c) => c.kind === 'analogy')!;
    expect(analogy.front.startsWith(t.whatIsLike.slice(0, t.whatIsLike.indexOf('{')))).toBe(true);
    const html = sheetTemplate(set).render(sheetData(course.title, cards, new Map(), course.language));
    expect(html).toContain(`<html lang="${lang}">`);
    expect(html).toContain(t.analogy);
    for (const word of [
      'What is “',
      'Which idea is like',
      '— flashcards',
      '>Analogy<',
      '>Definition<',
      '>Key takeaway<',
    ].filter((w) => !w.includes(t.flashcardsDoc)))
      expect(html, word).not.toContain(word);
  });
});

describe.each(CASES)('$file site speaks $lang', ({ file, lang }) => {
  it('has lang, headings, hints, landmarks and the search words in it', async () => {
    const t = STRINGS[lang]!;
    const course = (await loadCourse(fixture(file))).course;
    const cards = courseCards(course).cards;
    const written = new Set(['flashcards/anki.txt', ...course.chapters.map((c) => `decks/${c.slug}.html`)]);
    const pages = sitePages({ course, theme: 'light', svg, written, cards, outputsHtml: '' }, set);
    const page = (p: string) => pages.find((x) => x.path === p)!.html.replace(/<script>[\s\S]*?<\/script>/g, '');
    const chapter = page(`chapters/${course.chapters[0]!.slug}.html`);
    const home = page('index.html');
    for (const html of [chapter, home]) {
      expect(html).toContain(`<html lang="${lang}"`);
      expect(html).toContain(`>${t.skipToContent}</a>`);
      expect(html).toContain(`<label for="cm-q">${t.search}</label>`);
      expect(JSON.parse(/<script type="application\/json" id="cm-ui">(.*?)<\/script>/.exec(html)![1]!)).toMatchObject({
        noResults: t.noResults,
        section: t.section,
      });
      for (const word of [
        'Skip to content',
        'Click a ',
        'Search results',
        'No results',
        '>Search<',
        'flashcards<',
        ' cards:',
      ].filter((w) => !w.includes(t.flashcardsWord)))
        expect(html, word).not.toContain(word);
    }
    expect(chapter).toContain(`<h2 id="map-h">${t.conceptMap}</h2>`);
    expect(chapter).toContain(`<p class="hint">${t.mapHintChapter}</p>`);
    expect(home).toContain(`<h2 id="ch-h">${t.chapters}</h2>`);
  });
});

describe('English stays English', () => {
  it('uses the English table for an English course', async () => {
    const course = (await loadCourse(fixture('forms/tidy.md'))).course;
    expect(course.language).toBe('en');
    const html = deckHtml(chapterDeck(course, course.chapters[0]!, { theme: 'light', svg }), slides);
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('<p class="cm-subtitle">Chapter 1</p>');
    const site = sitePages({ course, theme: 'light', svg, written: new Set(), cards: [], outputsHtml: '' }, set)[0]!
      .html;
    expect(site).toContain('<a class="skip" href="#main">Skip to content</a>');
    expect(site).not.toContain('id="cm-ui"');
  });
});
