// Course formats lecturers publish in (test/fixtures/formats, written for this test): a Quarto book,
// a Jupyter Book with MyST directives and a notebook, a Docusaurus docs tree, a GitBook, a
// lesson-per-folder course whose headings say only "Day N", and a Chinese course with part pages.
// Each is checked for its outline (parts → chapters, titled from the source, in the author's
// order), its coverage, its messages word for word, and its whole model against a golden file
// (test/golden/formats/<name>.json; UPDATE_GOLDEN=1 rewrites them).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../src/index.ts';
import { formatOutline } from '../src/cli/outline.ts';
import type { Course } from '../src/model/types.ts';
import { isSequenceLabel, topicOf } from '../src/model/recognisers/topic.ts';
import { toCommonMark } from '../src/parse/dialects.ts';
import { outline } from './support/outline.ts';

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]+$/, '');
const dir = 'test/fixtures/formats';
const load = async (name: string) => (await loadCourse(`${dir}/${name}`, { cwd: root })).course;

const messages = (c: Course) =>
  c.messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.severity} ${m.ruleId}: ${m.message}`);

/** The model as JSON, compared with (or, with UPDATE_GOLDEN=1, written to) its golden file. */
function expectGolden(name: string, course: Course): void {
  const actual = `${JSON.stringify(course, null, 2)}\n`;
  const path = join(root, 'test', 'golden', 'formats', `${name}.json`);
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(path, actual);
  expect(existsSync(path), `missing golden file ${path}`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

function expectSourceTitles(c: Course): void {
  expect(c.chapters.map((k) => k.title).filter((t) => /^Chapter \d+$/.test(t))).toEqual([]);
  expect(c.coverage.percent).toBeGreaterThanOrEqual(98);
}

describe('course formats', () => {
  it('Quarto book: _quarto.yml parts (a title and a part page), index.qmd preface, appendix, callouts, code cells, shortcodes counted', async () => {
    const c = await load('quarto-book');
    expect(c.layout).toEqual({ name: 'quarto', orderFile: `${dir}/quarto-book/_quarto.yml` });
    expect(outline(c)).toEqual([
      'Part 1 Getting data in: 1 Reading files without surprises [3], 2 Column types [3]',
      'Part 2 Shaping tables: 3 Long and wide [3], 4 Joining tables [2]',
    ]);
    expect(c.preface.map((e) => e.title)).toEqual(['Preface']);
    expect(c.extras.map((e) => e.title)).toEqual(['Cheat sheet']);
    expect(c.author).toBe('Mara Lindqvist, Jonah Pike');
    expect(messages(c)).toEqual([
      `${dir}/quarto-book/index.qmd:1:1 info dialect-dropped: Dropped 1 shortcode ({{< … >}})`,
      `${dir}/quarto-book/types.qmd:1:1 info dialect-dropped: Dropped 1 shortcode ({{< … >}})`,
    ]);
    expect(c.chapters[0]?.analogies.map((a) => a.text)).toEqual([
      'Reading a file without looking at it first is like unpacking a parcel with your eyes closed.',
    ]);
    const blocks = c.chapters.flatMap((k) => k.sections.flatMap((s) => s.blocks));
    expect(blocks.filter((b) => b.type === 'code').map((b) => (b.type === 'code' ? b.lang : null))).toEqual([
      'python',
      'python',
      'python',
      'python',
    ]);
    // The callout's heading is its title, not a section; {#sec-x} never reaches a title.
    expect(c.chapters[2]?.sections.map((s) => s.title)).toEqual(['Melting', 'Pivoting', 'Key takeaways']);
    expect(JSON.stringify([c.chapters, c.preface, c.extras])).not.toMatch(/\{\{<|\{#sec-|::: ?\{/);
    expectSourceTitles(c);
    expectGolden('quarto-book', c);
  });

  it('Jupyter Book: _toc.yml parts and sections, MyST directives and roles, a notebook, a missing page as a warning', async () => {
    const c = await load('jupyter-book');
    expect(c.layout).toEqual({ name: 'jupyter-book', orderFile: `${dir}/jupyter-book/_toc.yml` });
    expect(outline(c)).toEqual([
      'Part 1 Counting and chance: 1 Rolling dice [2], 2 Tossing coins [2]',
      'Part 2 Models: 3 Distributions [2], 4 The normal curve [2]',
    ]);
    expect(c.title).toBe('Probability by Simulation');
    expect(c.preface.map((e) => e.title)).toEqual(['Welcome']);
    expect(messages(c)).toEqual([
      `${dir}/jupyter-book/_toc.yml:13:15 warning chapter-file-missing: Chapter file not found: \`${dir}/jupyter-book/models/missing-chapter.md\`; the course is built without it`,
      `${dir}/jupyter-book/basics/dice.md:1:1 info dialect-dropped: Dropped 2 lines of raw, index and table-of-contents directives`,
      `${dir}/jupyter-book/basics/coins.ipynb:1:1 info dialect-dropped: Dropped 3 cell outputs, 1 raw cell`,
      `${dir}/jupyter-book/models/normal.md:1:1 info dialect-dropped: Dropped 1 line of a raw, index or table-of-contents directive`,
    ]);
    const dice = JSON.stringify(c.chapters[0]);
    expect(dice).toContain('"alt":"Frequencies of the sums of two dice."');
    expect(dice).toContain('the one-die case'); // {ref}`the one-die case <dice>`
    expect(dice).not.toMatch(/banner|fairness|\(dice\)=|:class:/);
    expect(c.chapters[0]?.analogies.map((a) => a.text)).toEqual([
      'Two dice are like two queues at a till: the total wait is usually middling, rarely extreme.',
    ]);
    expect(JSON.stringify(c.chapters[1])).not.toContain('0.497'); // a cell output
    expectSourceTitles(c);
    expectGolden('jupyter-book', c);
  });

  it('Docusaurus: sidebar_position and _category_ position win over names; categories are parts; MDX imports counted', async () => {
    const c = await load('docusaurus-site');
    expect(c.layout).toEqual({ name: 'docusaurus', orderFile: null });
    expect(outline(c)).toEqual([
      'Part 1 The basics: 1 Values and quoting [2], 2 Naming things with variables [2]',
      'Part 2 Control flow: 3 Loops [2], 4 Making decisions [2]',
    ]);
    expect(c.title).toBe('Shell Scripting Basics');
    expect(c.preface.map((e) => e.title)).toEqual(['Before you start']);
    expect(c.extras.map((e) => e.title)).toEqual(['Cheat sheet']);
    expect(messages(c)).toEqual([
      `${dir}/docusaurus-site/docs/control/loops.mdx:1:1 info dialect-dropped: Dropped 2 MDX import/export lines`,
    ]);
    expectSourceTitles(c);
    expectGolden('docusaurus-site', c);
  });

  it('GitBook: a group page that holds little is its part; one that teaches is the first chapter of its part', async () => {
    const c = await load('gitbook');
    expect(c.layout).toEqual({ name: 'gitbook', orderFile: `${dir}/gitbook/SUMMARY.md` });
    expect(outline(c)).toEqual([
      'Part 1 Getting to know the soil: 1 What soil is made of [2], 2 Feeding the soil [2]',
      'Part 2 Growing from seed: 3 Growing from seed [2], 4 Sowing [2], 5 Thinning and transplanting [2]',
    ]);
    expect(c.title).toBe('A Kitchen Garden from Scratch');
    expect(c.author).toBe('Odile Varga');
    expect(c.preface.map((e) => e.title)).toEqual(['Introduction']); // SUMMARY.md's link text, as for mdBook
    expect(c.extras.map((e) => e.title)).toEqual(['Glossary']);
    expect(messages(c)).toEqual([]);
    expectSourceTitles(c);
    expectGolden('gitbook', c);
  });

  it('day folders: "📘 Day 2" headings take their topic from the contents table, else from the HTML heading', async () => {
    const c = await load('day-folders');
    expect(outline(c)).toEqual(['1 Mixing colours [3]', '2 Flat and graded washes [4]', '3 Wet on wet [3]']);
    // The banner's author line is page furniture: the chapter starts at its heading, and "…index" does not end it.
    expect(c.chapters[1]?.sections.map((s) => s.title)).toContain('Using the pigment index');
    expect(c.title).toBe('Fourteen Days of Watercolour');
    expect(c.chapters.map((k) => k.altTitles)).toEqual([['Day 2'], ['Day 3'], ['Day 4']]);
    expect(messages(c)).toEqual([]);
    expect(c.coverage.lost).toBe(0);
    expectSourceTitles(c);
    expectGolden('day-folders', c);
  });

  it('Chinese part pages (第一部分：…, 第 2 部分) are parts, not chapters', async () => {
    const c = await load('chinese-parts');
    expect(outline(c)).toEqual([
      'Part 1 存储与检索: 1 数据页与文件 [3], 2 索引 [2]',
      'Part 2 并发与恢复: 3 事务 [2], 4 崩溃恢复 [2]',
    ]);
    expect(c.coverage.lost).toBe(0);
    expectSourceTitles(c);
    expectGolden('chinese-parts', c);
  });

  it('`coursemap model` names the layout and the file that gave the order', async () => {
    expect(formatOutline(await load('quarto-book')).split('\n')[1]).toBe(
      'quarto book (_quarto.yml) · en · 4 chapters · 2 parts · 0 diagrams · 1 extra',
    );
    expect(formatOutline(await load('jupyter-book')).split('\n')[1]).toMatch(
      /^jupyter book \(_toc\.yml\) · en · 4 chapters · 2 parts/,
    );
    expect(formatOutline(await load('gitbook')).split('\n')[1]).toMatch(
      /^gitbook \(SUMMARY\.md\) · en · 5 chapters · 2 parts/,
    );
    expect(formatOutline(await load('day-folders')).split('\n')[1]).toMatch(/^folder · en · 3 chapters/);
  });
});

describe('other shapes of the same layouts', () => {
  /** Writes `files` into a fresh folder and loads it as a course. */
  async function course(files: Record<string, string>): Promise<Course> {
    const tmp = mkdtempSync(join(tmpdir(), 'coursemap-layout-'));
    try {
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(tmp, 'c', path)), { recursive: true });
        writeFileSync(join(tmp, 'c', path), text);
      }
      return (await loadCourse('c', { cwd: tmp })).course;
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  const page = (title: string) => `# ${title}\n\nSome text about ${title.toLowerCase()}.\n\n## Details\n\nMore text.\n`;

  it('myst.yml: project.toc, title groups as parts, the first file as the preface', async () => {
    const c = await course({
      'myst.yml':
        'version: 1\nproject:\n  title: Tiny Myst\n  authors:\n    - name: Rui Sol\n  toc:\n    - file: index.md\n    - title: Basics\n      children:\n        - file: b.md\n        - file: a.md\n',
      'index.md': page('Home'),
      'a.md': page('Alpha'),
      'b.md': page('Beta'),
    });
    expect([c.title, c.author, c.layout?.name]).toEqual(['Tiny Myst', 'Rui Sol', 'jupyter-book']);
    expect(outline(c)).toEqual(['Part 1 Basics: 1 Beta [1], 2 Alpha [1]']);
    expect(c.preface.map((e) => e.title)).toEqual(['Home']);
  });

  it('_toc.yml without captions: a chapter with sections is a part named by its page; "## Part 1:" inside a page is a section', async () => {
    const c = await course({
      '_toc.yml':
        'format: jb-book\nroot: intro\nchapters:\n- file: week1/index\n  sections:\n  - file: week1/roots\n  - file: week1/grids\n- file: extra\n',
      'intro.md': page('Welcome'),
      'week1/index.md': '# Week 1\n\n```{tableofcontents}\n```\n',
      'week1/roots.md': page('Roots'),
      'week1/grids.md': '# Grids\n\nIntro.\n\n## Part 1: Nodes\n\nNodes.\n\n## Part 2: Cells\n\nCells.\n',
      'extra.md': page('Notes'),
    });
    expect(outline(c)).toEqual(['Part 1 Week 1: 1 Roots [1], 2 Grids [2]']);
    expect(c.extras.map((e) => e.title)).toEqual(['Notes']);
    expect(c.coverage.lost).toBe(0);
  });

  it('Quarto website: sidebar contents with sections, href/text entries', async () => {
    const c = await course({
      '_quarto.yml':
        'project:\n  type: website\nwebsite:\n  title: Site Notes\n  sidebar:\n    contents:\n      - section: "Start"\n        contents:\n          - href: z.qmd\n            text: Zed first\n          - y.qmd\n',
      'y.qmd': page('Why'),
      'z.qmd': page('Zed'),
    });
    expect(c.title).toBe('Site Notes');
    expect(outline(c)).toEqual(['Part 1 Start: 1 Zed first [1], 2 Why [1]']); // `text:` is the link text, as in SUMMARY.md
  });

  it('Docusaurus: with sidebars.js and no position, the order is the name order, and a message says why', async () => {
    const c = await course({
      'docusaurus.config.js': "module.exports = { title: 'Plain Docs' };\n",
      'sidebars.js': 'module.exports = {};\n',
      'docs/b-second.md': page('Second'),
      'docs/a-first.md': page('First'),
    });
    expect(outline(c)).toEqual(['1 First [1]', '2 Second [1]']);
    expect(messages(c)).toEqual([
      'c/sidebars.js:1:1 warning sidebar-not-read: The sidebar is defined in code, which coursemap never runs: chapters are in file-name order',
    ]);
  });
});

describe('dialects', () => {
  const convert = (text: string, ext = '.md') => {
    const file = new VFile({ path: `x${ext}`, value: text });
    toCommonMark(file, ext);
    return { text: String(file.value), said: file.messages.map((m) => m.reason) };
  };

  it('keeps the line count of Markdown files, so positions point into the source', () => {
    const text = '(x)=\n# T {#sec-t}\n\n```{index} a\n```\n\n::: {.column-margin}\nSide.\n:::\n\n{{< pagebreak >}}\n';
    const out = convert(text, '.qmd');
    expect(out.text.split('\n')).toHaveLength(text.split('\n').length);
    expect(out.text).toBe('\n# T\n\n\n\n\n\nSide.\n\n\n\n');
    expect(out.said).toEqual([
      'Dropped 1 line of a raw, index or table-of-contents directive, 1 shortcode ({{< … >}})',
    ]);
  });

  it('leaves ordinary code blocks alone', () => {
    const text = '# T\n\n```md\n(x)=\n{{< not me >}}\n```\n';
    expect(convert(text).text).toBe(text);
  });

  it('reads code cells and nested directives', () => {
    expect(convert('````{note} Careful\n```{code-cell} ipython3\nx = 1\n```\n````\n').text).toBe(
      '::: note Careful\n```python\nx = 1\n```\n:::\n',
    );
    expect(convert('```{r, echo=FALSE}\n#| label: a\nplot(x)\n```\n', '.qmd').text).toBe(
      '```r\n#| label: a\nplot(x)\n```\n',
    );
  });

  it('turns a notebook into Markdown and counts its outputs', () => {
    const nb = JSON.stringify({
      cells: [
        { cell_type: 'markdown', source: ['# A\n', 'text'] },
        { cell_type: 'code', source: 'print(1)', outputs: [{ output_type: 'stream' }] },
      ],
      metadata: {},
    });
    expect(convert(nb, '.ipynb')).toEqual({
      text: '# A\ntext\n\n```python\nprint(1)\n```\n',
      said: ['Dropped 1 cell output'],
    });
    expect(convert('{not json', '.ipynb').said).toEqual(['Not a readable notebook (invalid JSON or no `cells`)']);
  });

  it('knows a sequence label from a topic', () => {
    expect(
      ['📘 Day 2', 'Lesson 3', 'Week 4', 'Módulo 1', 'Semaine 2', 'Tag 5', '第3天', 'Lezione 7'].map(isSequenceLabel),
    ).toEqual(Array(8).fill(true));
    expect(['Day trading basics', 'Lesson plans', 'Week 4: Loops', 'Variables'].map(isSequenceLabel)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(topicOf('30 Days Of JavaScript: Data Types')).toBe('Data Types');
    expect(topicOf('Loops')).toBe('Loops');
  });
});
