// Courses of genres coursemap was not built against (test/fixtures/genres, written for this test):
// Chinese, French and Portuguese notes, a chat transcript whose heading levels change from chapter
// to chapter, an mkdocs site and an mdBook. Each is checked for its outline (parts → chapters →
// section counts), its coverage (nothing lost) and its messages, word for word.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { courseFromText, loadCourse } from '../src/index.ts';
import { chatKind } from '../src/model/scan.ts';
import {
  matchChapterHeading,
  matchPartHeading,
  matchSectionId,
  stripEnumerator,
} from '../src/model/recognisers/markers.ts';
import type { Course } from '../src/model/types.ts';
import { parseMarkdown } from '../src/parse/markdown.ts';
import type { Blockquote, Paragraph, PhrasingContent, RootContent } from 'mdast';
import { outline } from './support/outline.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const load = async (name: string) => (await loadCourse(`test/fixtures/genres/${name}`, { cwd: root })).course;

/** A quote's paragraphs as text, bold kept as **…**, paragraphs joined by " | ". */
function toMarkdownish(q: Blockquote | undefined): string {
  const inline = (n: PhrasingContent): string =>
    n.type === 'text' ? n.value : n.type === 'strong' ? `**${n.children.map(inline).join('')}**` : '';
  return (q?.children ?? [])
    .map((p: RootContent) => (p.type === 'paragraph' ? p.children.map(inline).join('') : p.type))
    .join(' | ');
}

const messages = (c: Course) =>
  c.messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.severity} ${m.ruleId}: ${m.message}`);
/** Per chapter: analogies, definitions, key ideas, takeaway table (0/1), final insight (0/1). */
const teaching = (c: Course) =>
  c.chapters.map((k) =>
    [k.analogies.length, k.definitions.length, k.keyIdeas.length, k.takeaways ? 1 : 0, k.finalInsight ? 1 : 0].join(''),
  );

function expectAllKept(c: Course): void {
  expect(c.coverage.lost).toBe(0);
  expect(c.coverage.percent).toBe(100);
}

describe('Chinese study notes', () => {
  it('reads 第一部分 parts, 第一章/第3章 chapters, 1.1 and 一、 sections, 要点/小结/类比 blocks', async () => {
    const c = await load('chinese-notes.md');
    expect(outline(c)).toEqual([
      'Part 1 打好基础: 1 网络是什么 [3], 2 物理层与链路层 [4]',
      'Part 2 让数据走得更远: 3 IP 与路由 [4], 4 TCP 与 UDP [5]',
      'Part 3 网络之上: 5 应用层协议 [3], 6 网络安全入门 [3]',
    ]);
    expectAllKept(c);
    expect(c.coverage.outline).toBe(7); // 目录 and its list
    expect(messages(c)).toEqual([
      "test/fixtures/genres/chinese-notes.md:1:1 info language-detected: Course language detected as 'zh' (1761 CJK characters (94 % of the letters))",
    ]);
    expect(c.author).toBe('林小雨');
    expect(teaching(c)).toEqual(['11310', '20100', '10110', '10110', '10200', '11001']);
    expect(c.chapters.map((k) => k.takeaways?.title ?? null)).toEqual(['小结', null, '小结', '小结', null, null]);
    // "一、" enumerates like "1." in a list: it is not part of the title that maps and slides show.
    expect(c.chapters[1]?.sections.map((s) => s.title)).toEqual(['信号与编码', '帧与 MAC 地址', '交换机', '本章小结']);
    // "**带宽：** 单位…": the space CommonMark needs after the bold label is not kept as a gap.
    const terms = c.chapters[1]?.terms.map((t) => t.text);
    expect(terms?.[0]).toBe('单位时间内线路能传输的比特数；');
    const list = c.chapters[1]?.sections[0]?.blocks.find((b) => b.type === 'list');
    expect(JSON.stringify(list)).toContain('"value":"单位时间内线路能传输的比特数；"');
    expect(c.chapters[2]?.diagrams).toHaveLength(1);
  });
});

describe('French course notes', () => {
  it('reads « Partie I », « Chapitre 2 — … », « À retenir », « En résumé », « Analogie », and leaves « Leçon de TD » a section', async () => {
    const c = await load('french-course.md');
    expect(outline(c)).toEqual([
      'Part 1 Les fondations: 1 Chiffrer pour cacher [4], 2 Les clés et leur partage [4]',
      'Part 2 La confiance: 3 Signer et vérifier [4], 4 Les protocoles du quotidien [5]',
      'Part 3 Pour aller plus loin: 5 Leçon : les attaques classiques [3]',
    ]);
    expectAllKept(c);
    expect(messages(c)).toEqual([]);
    expect(teaching(c)).toEqual(['11110', '20100', '21010', '10101', '10110']);
    expect(c.chapters.map((k) => k.takeaways?.title ?? null)).toEqual([
      'En résumé',
      null,
      'À retenir',
      null,
      'En résumé',
    ]);
    expect(c.chapters[0]?.keyIdeas[0]?.label).toBe('À retenir');
    expect(c.preface.map((e) => e.title)).toEqual(['Initiation à la cryptographie']);
    expect(c.extras.map((e) => e.title)).toEqual(['Glossaire']);
  });
});

describe('Portuguese (Brazilian) notes', () => {
  it('reads « Módulo » headings that hold « Aula » chapters as parts, with « Resumo », « Pontos-chave », « Analogia »', async () => {
    const c = await load('portuguese-notes.md');
    expect(outline(c)).toEqual([
      'Part 1 Organizando a casa: 1 Orçamento mensal [3], 2 Dívidas [3]',
      'Part 2 Guardando dinheiro: 3 Reserva de emergência [2], 4 Inflação [3]',
      'Part 3 Primeiros investimentos: 5 Renda fixa [2], 6 Renda variável [4]',
    ]);
    expectAllKept(c);
    expect(messages(c)).toEqual([
      'test/fixtures/genres/portuguese-notes.md:7:1 info chapter-word-as-part: "Módulo" headings hold "Aula" chapters, so they are read as parts (3)',
      "test/fixtures/genres/portuguese-notes.md:1:1 info language-detected: Course language detected as 'pt' (208 of 731 words are common pt words, 46 es)",
    ]);
    expect(teaching(c)).toEqual(['10110', '11000', '10100', '11010', '10100', '10011']);
    // A module's introduction is kept, titled after the module.
    expect(c.preface.map((e) => e.title)).toEqual(['Finanças Pessoais do Zero', 'Módulo 1 — Organizando a casa']);
    expect(c.extras.map((e) => e.title)).toEqual([
      'Módulo 2 — Guardando dinheiro',
      'Módulo 3 — Primeiros investimentos',
    ]);
  });
});

describe('an assistant transcript whose chapter headings change level', () => {
  it('finds # / ## / bold-line / ### chapters, ### and numbered bold sections, and drops the user and assistant turns as filler', async () => {
    const c = await load('transcript-mixed.md');
    expect(c.form).toBe('transcript');
    expect(outline(c)).toEqual([
      '1 What an Operating System Does [3]',
      '2 Processes and Threads [4]',
      '3 Memory [4]',
      '4 Files and Storage [3]',
      '5 Security and Isolation [4]',
    ]);
    // "**3.3 …**" after "### 3.2" is a sibling of 3.2, not its subsection.
    expect(c.chapters[2]?.sections.map((s) => s.id)).toEqual(['3.1', '3.2', '3.3', '3.4']);
    expectAllKept(c);
    expect(c.coverage.fillerRules).toEqual({ 'course-plan': 1, offer: 5, turn: 4, 'user-turn': 5, 'wrap-up': 1 });
    const file = 'test/fixtures/genres/transcript-mixed.md';
    const pseudo = (line: number, title: string) =>
      `${file}:${line}:1 info pseudo-heading: "${title}" is read as a section title (a short bold or italic line followed by content)`;
    expect(messages(c)).toEqual([
      pseudo(40, '2.1 What a process is'),
      pseudo(46, '2.2 Threads'),
      pseudo(52, '2.3 Context switches'),
      pseudo(56, '2.4 Key Takeaways'),
      pseudo(84, '3.3 When memory runs out'),
      pseudo(108, '4.1 Inodes and blocks'),
      pseudo(114, '4.2 Journaling'),
    ]);
    expect(c.title).toBe('Operating Systems in Plain Words');
    expect(c.author).toBe('Nora Field');
    expect(teaching(c)).toEqual(['10010', '11010', '10110', '10010', '10011']);
  });

  it('drops speaker headings ("## User", "### ChatGPT said:") and the user message under them', () => {
    const text = [
      '## User',
      '',
      'Teach me chapter 1 please, with an example.',
      '',
      '- keep it short',
      '',
      '## ChatGPT said:',
      '',
      'Sure! Here you go.',
      '',
      '# Chapter 1: Knots',
      '',
      'Knots hold by friction.',
      '',
      '## 1.1 The reef knot',
      '',
      'Right over left, left over right.',
      '',
      'Would you like me to continue?',
      '',
      '## You said:',
      '',
      'yes, chapter 2',
      '',
      '## Chapter 2: Hitches',
      '',
      '## 2.1 The clove hitch',
      '',
      'Two turns around a post.',
      '',
    ].join('\n');
    const { course } = courseFromText(text);
    expect(outline(course)).toEqual(['1 Knots [1]', '2 Hitches [1]']);
    expect(course.coverage.lost).toBe(0);
    expect(course.coverage.fillerRules).toEqual({ acknowledgement: 1, offer: 1, turn: 1, 'user-turn': 5 });
    expect(JSON.stringify(course.chapters)).not.toMatch(/User|ChatGPT|keep it short/);
  });

  it('reads speaker labels in the languages of the exports', () => {
    expect(chatKind('User: yes please', 0)).toBe('turn');
    expect(chatKind('**Assistant:** Great! Here’s chapter 2.', 0)).toBe('turn');
    expect(chatKind('用户：继续', 0)).toBe('turn');
    expect(chatKind('Usuário: pode continuar', 0)).toBe('turn');
    // An assistant label before real content keeps the content; "Users:" and "Aim:" are not speakers.
    expect(chatKind('Assistant: A page fault brings a page back from disk.', 0)).toBeNull();
    expect(chatKind('Users: everyone with an account', 0)).toBeNull();
    expect(chatKind('Aim: learn the basics', 0)).toBeNull();
    // "Prompt:" / "Response:" lines are examples in a prompt-writing course; only "## Prompt:" headings are turns.
    expect(chatKind('Prompt: write a haiku about rain', 0)).toBeNull();
    expect(chatKind('**Response:** Soft rain on the roof', 0)).toBeNull();
    // A sentence that starts with "Right" or "Good" is content; the word alone is an acknowledgement.
    expect(chatKind('Right over left, left over right.', 0)).toBeNull();
    expect(chatKind('Good design hides the details.', 0)).toBeNull();
    expect(chatKind('Right! 👍', 0)).toBe('acknowledgement');
  });
});

describe('transcripts in Chinese and Portuguese', () => {
  it('drops 好的/需要我…吗？/用户：/以上就是 as filler and keeps a question that is content', () => {
    const text = [
      '好的！我们按章节来学习《数据结构入门》。',
      '',
      '## 第1章：数组',
      '',
      '数组把元素放在连续的内存里。',
      '',
      '### 1.1 随机访问',
      '',
      '知道下标就能直接算出地址。',
      '',
      '需要我继续讲第2章吗？',
      '',
      '用户：继续',
      '',
      '好的，我们继续！',
      '',
      '## 第2章：链表',
      '',
      '### 2.1 节点',
      '',
      '每个节点保存数据和下一个节点的位置。',
      '',
      '你想想看，如果要在中间插入一个元素，数组和链表哪个更快？',
      '',
      '以上就是全部内容 🎉',
      '',
    ].join('\n');
    const { course } = courseFromText(text);
    expect(course.form).toBe('transcript');
    expect(course.title).toBe('数据结构入门'); // 《》 marks a book's title
    expect(outline(course)).toEqual(['1 数组 [1]', '2 链表 [1]']);
    expect(course.coverage.lost).toBe(0);
    expect(course.coverage.fillerRules).toEqual({
      acknowledgement: 1,
      'course-plan': 1,
      offer: 1,
      'user-turn': 1,
      'wrap-up': 1,
    });
    expect(JSON.stringify(course.chapters[1]?.sections[0]?.blocks)).toContain('你想想看');
  });

  it('drops Perfeito/Quer que eu…?/Beleza as filler and keeps "Legal ver que…" as content', () => {
    const text = [
      'Perfeito, Ana! Vamos começar o curso sobre _Cozinha Científica_.',
      '',
      '## Aula 1 — “O calor”',
      '',
      'O calor muda a estrutura dos alimentos.',
      '',
      '### 1.1 Condução',
      '',
      'A panela passa o calor por contato.',
      '',
      'Quer que eu continue com a Aula 2?',
      '',
      'Beleza, vamos lá!',
      '',
      '## Aula 2 — “O sal”',
      '',
      '### 2.1 Osmose',
      '',
      'O sal puxa a água para fora das células.',
      '',
      'Legal ver que a osmose explica o tempero.',
      '',
    ].join('\n');
    const { course } = courseFromText(text);
    expect(outline(course)).toEqual(['1 O calor [1]', '2 O sal [1]']);
    expect(course.coverage.fillerRules).toEqual({ acknowledgement: 1, 'course-plan': 1, offer: 1 });
    expect(JSON.stringify(course.chapters[1]?.sections[0]?.blocks)).toContain('Legal ver que');
  });
});

describe('mkdocs and mdBook courses', () => {
  it('mkdocs: nav sections are parts, a nested section stays in its part, the home page is the preface', async () => {
    const c = await load('mkdocs-course');
    expect(c.form).toBe('folder');
    expect(outline(c)).toEqual([
      'Part 1 Getting started: 1 Why version control [3], 2 First commits [4]',
      'Part 2 Working together: 3 Branches [3], 4 Pushing and pulling [3], 5 Pull requests [3]',
      'Part 3 Going further: 6 Rewriting history [3]',
    ]);
    expectAllKept(c);
    expect(messages(c)).toEqual([]);
    expect(c.preface.map((e) => e.title)).toEqual(['Home']);
    expect(c.extras.map((e) => e.title)).toEqual(['Glossary']);
    expect(c.chapters.every((k) => k.takeaways !== null)).toBe(true);
    // Admonitions (`!!! tip "Analogy"` + indented body) are labelled blocks, not code.
    expect(c.chapters[3]?.analogies.map((a) => a.text)).toEqual([
      'Fetching is reading the newspaper; pulling is reading it and immediately rearranging your plans around the news.',
    ]);
    expect(c.chapters[4]?.definitions.map((d) => d.term)).toEqual(['required check']);
    expect(
      c.chapters
        .flatMap((k) => k.sections.flatMap((x) => x.blocks))
        .filter((b) => b.type === 'code' && b.lang === null),
    ).toEqual([]);
  });

  it('mkdocs admonitions keep their body at its place in the file', () => {
    const text =
      '# T\n\n!!! tip "Analogy"\n\n    A branch is a **draft**.\n    Second line.\n\n!!! note\n    Inline body.\n\n!!! warning ""\n\n    No label.\n\n    !!! not a head\n';
    const tree = parseMarkdown(text);
    expect(tree.children.map((n) => n.type)).toEqual(['heading', 'blockquote', 'blockquote', 'blockquote']);
    const [, tip, note, bare] = tree.children as Blockquote[];
    expect(toMarkdownish(tip)).toBe('**Analogy:** A branch is a **draft**.\nSecond line.');
    expect(toMarkdownish(note)).toBe('**Note:** Inline body.');
    expect(toMarkdownish(bare)).toBe('No label. | !!! not a head');
    const body = (tip!.children[0] as Paragraph).children[2]!;
    expect(body.position?.start).toEqual({ line: 5, column: 5, offset: text.indexOf('A branch') });
    expect(tip?.position?.start.line).toBe(3);
    expect(tip?.position?.end.line).toBe(6);
  });

  it('mdBook: "# Part" titles, nested chapters, suffix chapters as extras, draft chapters named', async () => {
    const c = await load('mdbook-course');
    expect(outline(c)).toEqual([
      'Part 1 Describing data: 1 Averages [4], 2 Spread [3], 3 Variance by hand [2], 4 Charts that do not lie [3]',
      'Part 2 Drawing conclusions: 5 Sampling [3], 6 Confidence intervals [3]',
    ]);
    expectAllKept(c);
    const summary = 'test/fixtures/genres/mdbook-course/src/SUMMARY.md';
    expect(messages(c)).toEqual([
      `${summary}:16:3 info chapter-draft: "Hypothesis tests" is a draft chapter (no file yet), so the course leaves it out`,
      `${summary}:17:3 info chapter-draft: "Bayesian thinking" is a draft chapter (no file yet), so the course leaves it out`,
    ]);
    expect(c.preface.map((e) => e.title)).toEqual(['Introduction']);
    expect(c.extras.map((e) => e.title)).toEqual(['Further reading']);
    expect(c.author).toBe('Tomás Ferreira, Ines Walter');
  });
});

describe('callouts of documentation tools', () => {
  it('mdbook-admonish fences, VitePress/Docusaurus containers and GitHub alerts are labelled quotes', () => {
    const text = [
      '# T',
      '',
      '```admonish tip title="Analogy"',
      'A branch is a **draft**.',
      '',
      'Second para.',
      '```',
      '',
      '> [!TIP]',
      '> Use short names.',
      '',
      '> [!NOTE] not an alert',
      '',
      '::: tip Analogie',
      'Une tasse.',
      ':::',
      '',
      ':::warning',
      '',
      'Two',
      '',
      'paragraphs.',
      '',
      ':::',
      '',
      '::: details unclosed',
      '',
    ].join('\n');
    const tree = parseMarkdown(text);
    expect(tree.children.map((n) => n.type)).toEqual([
      'heading',
      'blockquote',
      'blockquote',
      'blockquote',
      'blockquote',
      'blockquote',
      'paragraph',
    ]);
    const quotes = tree.children.filter((n): n is Blockquote => n.type === 'blockquote').map(toMarkdownish);
    expect(quotes).toEqual([
      '**Analogy:** A branch is a **draft**. | Second para.',
      '**Tip:** Use short names.',
      '[!NOTE] not an alert',
      '**Analogie:** Une tasse.',
      '**Warning:** Two | paragraphs.',
    ]);
    const fenced = tree.children[1] as Blockquote;
    expect((fenced.children[1] as Paragraph).position?.start).toEqual({
      line: 6,
      column: 1,
      offset: text.indexOf('Second para.'),
    });
  });

  it('reads them in the fixtures: an mdBook analogy fence, a French container', async () => {
    const book = await load('mdbook-course');
    expect(book.chapters[3]?.analogies.map((a) => a.text)).toEqual([
      "A truncated axis is a photo taken from a worm's eye view: everything looks taller than it is.",
    ]);
    const french = await load('french-course.md');
    expect(french.chapters[4]?.analogies.map((a) => a.text)).toEqual([
      'Un facteur malhonnête ouvre chaque lettre, la recopie, puis la referme avant de la livrer.',
    ]);
    expect(french.coverage.lost).toBe(0);
  });
});

describe('numbering forms of the genres', () => {
  it.each([
    ['第十二章 总结', 12, '总结'],
    ['第二十一章：回顾', 21, '回顾'],
    ['第一讲 绪论', 1, '绪论'],
    ['第3课（上）', 3, '（上）'],
    ['第二单元 分数', 2, '分数'],
    ['Capítulo 1º — Introdução', 1, 'Introdução'],
    ['1ª Aula: Orçamento', 1, 'Orçamento'],
    ['Chapitre 1er : Les bases', 1, 'Les bases'],
    ['Unidade 3 - Juros', 3, 'Juros'],
    ['Séance 2 : Révisions', 2, 'Révisions'],
  ])('chapter %s', (text, number, title) => {
    expect(matchChapterHeading(text)).toEqual({ number, title });
  });

  it.each([
    '第1节 信号',
    '第二节：帧',
    'First lesson: keep it simple',
    'Leçon de TD : le cadenas',
    'Aula prática de revisão',
  ])('not a chapter: %s', (text) => {
    expect(matchChapterHeading(text)).toBeNull();
  });

  it.each([
    ['第一部分：打好基础', 1, '打好基础'],
    ['第二篇 进阶', 2, '进阶'],
    ['第十部 终章', 10, '终章'],
    ['Première partie : les bases', 1, 'les bases'],
    ['Deuxième partie — La confiance', 2, 'La confiance'],
    ['2e partie : Pratique', 2, 'Pratique'],
    ['Primeira Parte: Fundamentos', 1, 'Fundamentos'],
    ['1ª Parte — Organização', 1, 'Organização'],
    ['Partie III — Pour aller plus loin', 3, 'Pour aller plus loin'],
  ])('part %s', (text, number, title) => {
    expect(matchPartHeading(text)).toEqual({ number, title });
  });

  it.each(['Partie de plaisir', '部分内容', 'Parte do problema'])('not a part: %s', (text) => {
    expect(matchPartHeading(text)).toBeNull();
  });

  it.each([
    ['一、信号与编码', '信号与编码'],
    ['（二）帧', '帧'],
    ['3、交换机', '交换机'],
    ['第二节：帧', '帧'],
    ['第1节 信号', '信号'],
    ['II. Les clés', 'Les clés'],
    ['I. ', 'I. '],
    ['Chapter review', 'Chapter review'],
    ['V. vs W.', 'V. vs W.'],
  ])('strips the enumerator of %s', (text, title) => {
    expect(stripEnumerator(text)).toBe(title);
  });

  it('reads section numbers written the Chinese way', () => {
    expect(matchSectionId('1.1标题')).toEqual({ id: '1.1', title: '标题' });
    expect(matchSectionId('2.3、小结')).toEqual({ id: '2.3', title: '小结' });
    expect(matchSectionId('3.5-4.2 mph')).toBeNull();
  });

  it('reads "Module" headings that hold "Lesson" chapters as parts, in any language, and says so', () => {
    const text = [
      '# Module 1: Basics',
      '',
      '## Lesson 1: Soil',
      '',
      'Soil is alive.',
      '',
      '## Lesson 2: Water',
      '',
      'Water deeply, rarely.',
      '',
      '# Module 2: Growing',
      '',
      'Planting starts here.',
      '',
      '## Lesson 3: Seeds',
      '',
      'Sow shallow.',
      '',
    ].join('\n');
    const { course } = courseFromText(text);
    expect(outline(course)).toEqual(['Part 1 Basics: 1 Soil [0], 2 Water [0]', 'Part 2 Growing: 3 Seeds [0]']);
    expect(course.extras.map((e) => e.title)).toEqual(['Module 2: Growing']);
    expect(course.coverage.lost).toBe(0);
    expect(messages(course)).toEqual([
      'course.md:1:1 info chapter-word-as-part: "Module" headings hold "Lesson" chapters, so they are read as parts (2)',
    ]);
  });

  it('keeps modules as chapters when they do not hold lessons', () => {
    const text = [
      '## Module 1: Basics',
      '',
      'Text.',
      '',
      '## Module 2: More',
      '',
      'Text.',
      '',
      '### Lesson learned',
      '',
      'Keep notes.',
      '',
    ].join('\n');
    const { course } = courseFromText(text);
    expect(outline(course)).toEqual(['1 Basics [0]', '2 More [1]']);
    expect(messages(course)).toEqual([]);
  });
});
