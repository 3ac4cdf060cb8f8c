// Lecture-sized decks from big technical courses (test/fixtures/lectures/handbook.md, written for
// this test: two chapters of rules, each with Rationale / Example / External resources and emoji
// shortcodes): long chapters split into lectures, titles that stand alone, shortcodes as emoji,
// link lists on one references slide, and points that are whole sentences.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { courseDeck } from '../src/generate/slides/course-deck.ts';
import { deckHtml } from '../src/generate/slides/html.ts';
import { chapterLectures } from '../src/generate/slides/lectures.ts';
import { slideTemplates } from '../src/generate/slides/partials.ts';
import type { Deck, Slide } from '../src/generate/slides/types.ts';
import { templateSet } from '../src/generate/templates.ts';
import { courseFromText, loadCourse } from '../src/index.ts';
import { isGenericTitle } from '../src/model/recognisers/generic-titles.ts';
import { lectureSummary } from '../src/pipeline/deck-reports.ts';
import { deckJobs } from '../src/pipeline/decks.ts';
import { outputSections } from '../src/pipeline/index-page.ts';
import { courseCards } from '../src/generate/flashcards/cards.ts';
import { chapterQuiz } from '../src/model/recognisers/quiz.ts';
import { sitePages } from '../src/generate/site/pages.ts';

const text = readFileSync(new URL('./fixtures/lectures/handbook.md', import.meta.url), 'utf8');
const { course } = courseFromText(text, 'handbook.md');
const MAP_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><g><text>map</text></g></svg>';
const input = { theme: 'light' as const, svg: (name: string) => (name.startsWith('maps/') ? MAP_SVG : null) };
const templates = slideTemplates(templateSet());
const lectures = (max: number) =>
  course.chapters.map((c) => ({ chapter: c, split: chapterLectures(course, c, input, max) }));
const stripTags = (html: string) => html.replace(/<[^>]+>/g, '');
/** Every text a slide shows (code excluded), tags removed. */
const shown = (s: Slide): string[] =>
  [
    s.title,
    s.label ?? '',
    s.subtitle ?? '',
    s.bodyHtml ?? '',
    s.leadHtml ?? '',
    ...[...(s.points ?? []), ...(s.tailPoints ?? []), ...(s.columns ?? []).flatMap((c) => c.points ?? [])].flatMap(
      (p) => [p.html, ...p.sub],
    ),
    ...(s.columns ?? []).flatMap((c) => [c.title, c.label ?? '']),
  ].map((h) => stripTags(h.replace(/<code>[\s\S]*?<\/code>/g, '')));

describe('lecture length', () => {
  it('splits a chapter over the target into balanced lectures at its rules, none over the target', () => {
    for (const max of [15, 20, 30]) {
      for (const { chapter, split } of lectures(max)) {
        if (split.mode === 'single')
          expect(split.decks[0]!.slides.length, `${chapter.slug} at ${max}`).toBeLessThanOrEqual(max);
        else expect(split.mode, `${chapter.slug} at ${max}`).toBe('split');
        for (const d of split.decks) expect(d.slides.length, `${d.slug} at ${max}`).toBeLessThanOrEqual(max);
        const sizes = split.decks.map((d) => d.slides.length);
        if (sizes.length > 1)
          expect(Math.max(...sizes) - Math.min(...sizes), `${chapter.slug} at ${max}: ${sizes}`).toBeLessThanOrEqual(
            Math.ceil(max / 2),
          );
      }
    }
  });

  it('titles each lecture "Chapter (k/n): topic", keeps agenda and map in the first, and loses no section', () => {
    const { chapter, split } = lectures(20).find((l) => l.chapter.title === 'Hardening')!;
    const n = split.decks.length;
    expect(n).toBeGreaterThanOrEqual(2);
    expect(split.decks.map((d) => d.slug)).toEqual(
      Array.from({ length: n }, (_, i) => (i === 0 ? chapter.slug : `${chapter.slug}-lecture-${i + 1}`)),
    );
    split.decks.forEach((d, i) => {
      const title = d.slides[0]!;
      expect(title.kind).toBe('title');
      expect(title.title).toMatch(new RegExp(`^Hardening \\(${i + 1}/${n}\\): \\S`));
      expect(title.subtitle).toBe(`Chapter 2 · Lecture ${i + 1} of ${n}`);
    });
    const first = split.decks[0]!.slides.map((s) => s.kind);
    expect(first.slice(0, 3)).toEqual(['title', 'agenda', 'map']);
    expect(split.decks.slice(1).some((d) => d.slides.some((s) => s.kind === 'map'))).toBe(false);
    // Every rule is on exactly one lecture, in order.
    const ruleOf = new Map(
      chapter.sections.flatMap((r) => [r, ...r.sections].map((s) => [s.id ?? s.slug, r.title] as const)),
    );
    const perDeck = split.decks.map((d) => [
      ...new Set(
        d.slides
          .flatMap((s) => [s.section, ...(s.columns ?? []).map((c) => c.section)])
          .map((k) => ruleOf.get(k ?? ''))
          .filter(Boolean),
      ),
    ]);
    expect(perDeck.flat()).toEqual(chapter.sections.map((r) => r.title));
    // The map's nodes reach sections in later lectures through their deck's file.
    const map = split.decks[0]!.slides.find((s) => s.kind === 'map')!;
    expect(map.svg).toBeDefined();
  });

  it('keeps a chapter within the default target whole, the DDIA-sized chapters included', () => {
    for (const { split } of lectures(45)) expect(split.mode).toBe('single');
    for (const { split } of lectures(0)) expect(split.decks).toHaveLength(1);
  });

  it('links every lecture from the course deck and says the split in the build summary', () => {
    const jobs = deckJobs({ course, theme: 'default', diagrams: new Map(), settings: { lectureSlides: 20 } });
    const slugs = jobs.filter((j) => j.chapter !== null).map((j) => j.deck.slug);
    const courseHtml = deckHtml(jobs.find((j) => j.chapter === null)!.deck, templates);
    for (const slug of slugs.filter((s) => s.includes('-lecture-')))
      expect(courseHtml).toContain(`href="${slug}.html"`);
    expect(courseHtml).toContain('Hardening: Lectures');
    expect(lectureSummary(jobs)).toMatch(/^; chapter 2 \(\d+ slides\) split into \d lectures$/);
    const listing = outputSections(
      { course },
      [
        'decks/2-hardening.html',
        'decks/2-hardening-lecture-2.html',
        'decks/2-hardening-lecture-3.html',
        'decks/course.html',
      ].map((path) => ({ path, bytes: 1 })) as never,
    );
    expect([...listing.matchAll(/<span>([^<]*)<\/span>/g)].map((m) => m[1])).toEqual([
      '2. Hardening (1/3)',
      '2. Hardening (2/3)',
      '2. Hardening (3/3)',
      'handbook (course deck)',
    ]);
    const plain = courseDeck(course, input);
    expect(plain.slides.some((s) => s.title.endsWith(': Lectures'))).toBe(false);
  });
});

describe('slides of a rule handbook', () => {
  const decks: Deck[] = lectures(20).flatMap((l) => l.split.decks);

  it('never titles a slide or a column with a role word alone; the rule and the word make the title', () => {
    const bad = decks.flatMap((d) =>
      d.slides.flatMap((s) =>
        [s.title, ...(s.columns ?? []).map((c) => c.title)]
          .filter(isGenericTitle)
          .map((t) => `${d.slug} ${s.key} ${t}`),
      ),
    );
    expect(bad).toEqual([]);
    const rationale = decks.flatMap((d) => d.slides).find((s) => s.role?.word === 'Rationale')!;
    expect(rationale.title).toBe('Keep the cache server patched: Rationale');
    // A rationale written as a one-paragraph quote keeps its sentences, like a lone paragraph.
    expect(rationale.points!.map((p) => stripTags(p.html))).toEqual([
      'Old releases carry known holes. Attackers scan for version banners and try the published exploits first, so an unpatched cache is the easiest door into the network.',
    ]);
    expect(
      decks
        .flatMap((d) => d.slides)
        .filter((s) => s.kind === 'section' && (s.points ?? []).every((p) => isGenericTitle(stripTags(p.html)))),
    ).toEqual([]);
  });

  it('shows emoji for shortcodes everywhere but in code, where the shortcode stays as typed', () => {
    expect(course.chapters[0]!.sections[0]!.icon).toBe('🔰');
    const left = decks
      .flatMap((d) => d.slides.flatMap(shown))
      .filter((t) => /:(?:beginner|warning|lock|zap|bulb|white_check_mark):/.test(t));
    expect(left).toEqual([]);
    const code = decks
      .flatMap((d) => d.slides)
      .filter((s) => s.kind === 'code')
      .map((s) => s.code ?? '');
    expect(code).toContain('# status: :white_check_mark: reviewed');
    const html = decks.map((d) => deckHtml(d, templates)).join('\n');
    expect(html).toContain('<code>:x:</code>');
    expect(html).toContain('✅ in the handbook');
  });

  it('gathers the link lists of a lecture onto one references slide, a line per rule, every link kept', () => {
    const urls = [...text.matchAll(/https:\/\/example\.org\/[\w/-]+/g)].map((m) => m[0]);
    const refs = decks.map((d) => d.slides.filter((s) => s.title.startsWith('References: ')));
    expect(refs.every((r) => r.length === 1)).toBe(true);
    const linked = refs
      .flat()
      .flatMap((s) => (s.points ?? []).map((p) => p.html))
      .join('\n');
    for (const u of urls) expect(linked).toContain(`href="${u}"`);
    expect(
      decks
        .flatMap((d) => d.slides)
        .filter((s) => !s.title.startsWith('References: ') && /example\.org/.test(JSON.stringify(s.points ?? []))),
    ).toEqual([]);
    expect(refs.flat()[0]!.points![0]!.html).toMatch(/^<strong>Keep the cache server patched<\/strong>: <a href=/);
  });
});

describe('whole sentences', () => {
  const sample = [
    '# Apuntes',
    '',
    '## Capítulo 1: Errores',
    '',
    '### Manejo',
    '',
    'Dos avisos:',
    '',
    '- Nota: no maneja errores (ej. un archivo que falta) y el programa termina sin aviso. La segunda frase va a las notas.',
    '- Die Datei (z. B. eine Liste) bleibt offen. Mehr steht in den Notizen.',
    '',
    '### Long',
    '',
    'A single long sentence that goes on and on about queues, retries, idempotency keys, back-off schedules, dead-letter topics and the monitoring that tells an operator when any of them misbehaves in production at night.',
    '',
    '### Own ellipsis',
    '',
    'The list goes on…',
    '',
  ].join('\n');
  const { course: c } = courseFromText(sample, 'sample.md');
  const slides = chapterLectures(c, c.chapters[0]!, { theme: 'light', svg: () => null }).decks.flatMap((d) => d.slides);
  const points = slides
    .flatMap(shown)
    .map((t) => t.trim())
    .filter(Boolean);

  it('does not end a sentence inside brackets or after an abbreviation', () => {
    const items = slides
      .flatMap((s) => [...(s.points ?? []), ...(s.columns ?? []).flatMap((c) => c.points ?? [])])
      .flatMap((p) => p.sub.map(stripTags));
    expect(items).toEqual([
      'Nota: no maneja errores (ej. un archivo que falta) y el programa termina sin aviso.',
      'Die Datei (z. B. eine Liste) bleibt offen.',
    ]);
  });

  it('never cuts a sentence with an ellipsis the source lacks', () => {
    expect(
      points.some((p) => p.startsWith('A single long sentence') && p.endsWith('misbehaves in production at night.')),
    ).toBe(true);
    expect(points.filter((p) => p.endsWith('…'))).toEqual(['The list goes on…']);
  });

  it('keeps the DDIA points free of added ellipses', async () => {
    const ddia = (await loadCourse(new URL('../../shared/courses/ddia-course.md', import.meta.url).pathname)).course;
    const all = ddia.chapters.flatMap((ch) =>
      chapterLectures(ddia, ch, { theme: 'light', svg: () => null }).decks.flatMap((d) => d.slides.flatMap(shown)),
    );
    expect(all.filter((t) => t.trim().endsWith('…'))).toEqual([]);
    expect(ddia.chapters.map((ch) => chapterLectures(ddia, ch, { theme: 'light', svg: () => null }).mode)).toEqual(
      Array(12).fill('single'),
    );
  }, 60_000);
});

describe('quizzes (Spanish and English fixtures)', () => {
  const load = (name: string) =>
    courseFromText(readFileSync(new URL(`./fixtures/lectures/${name}`, import.meta.url), 'utf8'), name).course;
  const cases = [
    {
      name: 'quiz-es.md',
      stems: [
        '¿Qué tipo tiene el valor 3.0?',
        '¿Qué hace la función type()?',
        '¿Hace falta declarar el tipo de una variable en Python?',
      ],
      answers: [
        'b) float',
        'b) Dice de qué tipo es un valor',
        'No; Python asigna el tipo según el valor (tipado dinámico).',
      ],
      question: 'Pregunta',
      answer: 'Respuesta',
    },
    {
      name: 'quiz-en.md',
      stems: [
        'Which part of a socket address names the program?',
        'How many programs can listen on the same port and address at once?',
        'What does a netmask tell you?',
      ],
      answers: [
        'B) The port',
        'A) One',
        'It tells which leading bits of an address name the network, and which name the host.',
      ],
      question: 'Question',
      answer: 'Answer',
    },
  ];

  for (const c of cases) {
    it(`${c.name}: reads questions, options and answers, including those of a separate answers section`, () => {
      const quiz = chapterQuiz(load(c.name).chapters[0]!);
      expect(quiz.map((q) => q.stem)).toEqual(c.stems);
      expect(quiz.map((q) => q.answer)).toEqual(c.answers);
      expect(quiz[0]!.options.map((o) => o.correct)).toEqual([false, true, false]);
      expect(quiz[0]!.answerPosition).not.toBeNull();
    });

    it(`${c.name}: puts every stem on a question slide, its answer and why on the next, and makes a card of each`, () => {
      const course = load(c.name);
      const slides = chapterLectures(course, course.chapters[0]!, { theme: 'light', svg: () => null }).decks.flatMap(
        (d) => d.slides,
      );
      const quiz = chapterQuiz(course.chapters[0]!);
      for (const [i, q] of quiz.entries()) {
        const at = slides.findIndex((s) => s.quiz === 'question' && s.label === `${c.question} ${q.number}`);
        expect(at, q.stem).toBeGreaterThan(0);
        const text = (s: Slide) => (s.points ?? []).map((p) => stripTags(p.html).replace(/&quot;/g, '"')).join('\n');
        expect(text(slides[at]!)).toContain(q.stem);
        // The question slide does not give the answer away.
        expect(text(slides[at]!)).not.toMatch(/✅|❌/);
        expect(slides[at + 1]!.quiz).toBe('answer');
        expect(slides[at + 1]!.label).toBe(`${c.answer} ${q.number}`);
        expect(text(slides[at + 1]!)).toContain(c.answers[i]!);
        if (q.justification) expect(text(slides[at + 1]!)).toContain(q.justification);
      }
      // The answers section left no slide of its own.
      expect(slides.filter((s) => /Respuestas|Answers/.test(`${s.label} ${s.title}`))).toEqual([]);
      const cards = courseCards(course).cards.filter((k) => k.kind === 'quiz');
      expect(cards.map((k) => k.front.split('\n')[0])).toEqual(c.stems);
      expect(cards.map((k) => k.back.split('\n')[0])).toEqual(c.answers);
    });
  }

  it('reads a heading per question, "Réponse :" and "Antwort:" lines and options in an ordered list', () => {
    const text =
      "# Cours\n\n## Chapitre 1 : Réseaux\n\n### 1.1 Bases\n\nUn texte.\n\n### 1.2 Questionnaire\n\n#### Question 4\n\nQuel protocole garantit l'ordre des paquets ?\n\n- A. UDP\n- B. TCP\n- C. ICMP\n\nRéponse : B — TCP numérote les segments.\n\n#### Question 5\n\nCombien d'octets compte une adresse IPv4 ?\n\n1. Deux\n2. Quatre ✅\n3. Seize\n\n## Kapitel 2: Prüfung\n\n### 2.1 Fragen\n\n**Frage 1:** Was macht DNS?\n\n- a) Namen in Adressen auflösen\n- b) Pakete verschlüsseln\n\nAntwort: a\n";
    const { course: c } = courseFromText(text, 'cours.md');
    const quiz = c.chapters.flatMap((ch) => chapterQuiz(ch));
    expect(
      quiz.map((q) => `${q.number} ${q.stem} → ${q.answer}${q.justification ? ` (${q.justification})` : ''}`),
    ).toEqual([
      "4 Quel protocole garantit l'ordre des paquets ? → B) TCP (TCP numérote les segments.)",
      "5 Combien d'octets compte une adresse IPv4 ? → Quatre",
      '1 Was macht DNS? → a) Namen in Adressen auflösen',
    ]);
    expect(quiz[1]!.options.map((o) => o.correct)).toEqual([false, true, false]);
  });

  it('shows the questions on the chapter page as self-check questions, the answer behind a disclosure', () => {
    const es = load('quiz-es.md');
    const page = sitePages(
      {
        course: es,
        theme: 'light',
        svg: () => null,
        written: new Set(),
        cards: courseCards(es).cards,
        outputsHtml: '',
      },
      templateSet(),
    ).find((p) => p.path === `chapters/${es.chapters[0]!.slug}.html`)!.html;
    const region = page.slice(
      page.indexOf('<section id="self-check"'),
      page.indexOf('</section>', page.indexOf('<section id="self-check"')),
    );
    expect(region).toContain('<h2 id="quiz-h">Autoevaluación</h2>');
    expect(region.match(/<details>/g)).toHaveLength(3);
    expect(region).toContain('<span class="n">Pregunta 1</span> ¿Qué tipo tiene el valor 3.0?');
    expect(region).toContain('<details><summary>Respuesta 1</summary><p><strong>b) float</strong></p>');
    // The marks that give the answer away are not among the options.
    expect(region.slice(0, region.indexOf('<details>'))).not.toMatch(/✅|❌/);
  });

  it('finds no quiz in prose that only asks questions (DDIA, the handbook)', async () => {
    const ddia = (await loadCourse(new URL('../../shared/courses/ddia-course.md', import.meta.url).pathname)).course;
    expect([...ddia.chapters, ...course.chapters].flatMap((ch) => chapterQuiz(ch))).toEqual([]);
  }, 60_000);
});

describe('cards from technical text', () => {
  it('makes a rule → rationale card for each rule of a handbook without analogies', () => {
    const cards = courseCards(course).cards;
    const rules = cards.filter((c) => c.kind === 'rule');
    expect(rules.map((c) => c.front)).toEqual(course.chapters.flatMap((ch) => ch.sections.map((s) => s.title)));
    expect(rules[0]!.back).toBe(
      'Old releases carry known holes. Attackers scan for version banners and try the published exploits first, so an unpatched cache is the easiest door into the network.',
    );
  });

  it('reads "**X** is …" lead terms, and leaves a course that teaches with analogies as it was', () => {
    const text =
      '# Notes\n\n## Chapter 1: Sockets\n\n### 1.1 Ports\n\n**A port** is a number that names one program on a machine. More prose follows.\n\n`SO_REUSEADDR` means a new socket may bind while old connections still linger.\n\nThis is not a definition.\n';
    const { course: plain } = courseFromText(text, 'notes.md');
    expect(courseCards(plain).cards.map((c) => `${c.kind}: ${c.front} → ${c.back}`)).toEqual([
      'definition: A port → A port is a number that names one program on a machine.',
      'definition: SO_REUSEADDR → SO_REUSEADDR means a new socket may bind while old connections still linger.',
    ]);
    const { course: taught } = courseFromText(
      `${text}\n> **Analogy:** A port is like a flat number in a block of flats.\n`,
      'notes.md',
    );
    expect(taught.chapters[0]!.analogies).toHaveLength(1);
    expect(courseCards(taught).cards.some((c) => c.front === 'SO_REUSEADDR')).toBe(false);
  });
});
