// Authored diagrams never break a label inside a word (issue 27): flowchart, state, sequence and
// class fixtures with long CamelCase names, and every authored diagram of DDIA and the fixture
// courses, rendered as a build renders them (src/generate/mermaid/mermaid-wrap.ts widens the node) and
// measured in Chromium: every run of letters in every displayed row is a whole word of the
// source, and no row sticks out of its node. A control renders the fixtures as mermaid alone
// would, proving the measure finds the breaks ("ExecutePrimar" / "y").
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceWords, wordSafeDirective, wordSafeSource } from '../src/generate/mermaid/mermaid-wrap.ts';
import { templateSet } from '../src/generate/templates.ts';
import { loadCourse } from '../src/index.ts';
import { diagramJobs } from '../src/pipeline/diagrams.ts';
import { embedPageFonts, withDocumentPage, withRenderer } from '../src/render/index.ts';
import { sharedBrowser } from './support/browser.ts';
import { brokenWords, measureLabelRows, type DiagramRows } from './support/label-rows.ts';

const LONG = 'test/fixtures/diagrams/long-words';
const COURSES = [
  '../shared/courses/ddia-course.md',
  'test/fixtures/genres/chinese-notes.md',
  'test/fixtures/genres/mkdocs-course',
  'test/fixtures/slides/diagrams.md',
  'test/fixtures/forms/transcript.md',
  'content',
];
const kindOf = (source: string) => /^(?:\s*%%.*\n)*\s*([\w-]+)/.exec(source)?.[1] ?? '';

describe('authored labels break only between words (measured in Chromium)', () => {
  let dir: string;
  const diagrams: Array<{ name: string; source: string }> = [];
  let measured: DiagramRows[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'coursemap-wrap-'));
    for (const f of readdirSync(LONG).sort()) {
      const source = readFileSync(join(LONG, f), 'utf8');
      diagrams.push({ name: `fixture ${f}`, source: wordSafeSource(kindOf(source), source) });
      diagrams.push({ name: `control ${f}`, source });
    }
    for (const c of COURSES) {
      const { course, files } = await loadCourse(c);
      for (const j of await diagramJobs(course, files, templateSet())) {
        if (j.name.startsWith('diagrams/') && j.source)
          diagrams.push({ name: `${c}: ${j.name}`, source: j.renderSource ?? j.source });
      }
    }
    measured = await withRenderer({ ...sharedBrowser(), cache: false, poolSize: 2 }, async (r) => {
      const rendered = await r.render(
        diagrams.map((d, i) => ({ id: `wrap-${i}`, source: d.source })),
        { formats: ['svg'] },
      );
      for (const [i, x] of rendered.entries()) expect(x.error, diagrams[i]!.name).toBeUndefined();
      const body = rendered.map((x, i) => `<div data-diagram="${diagrams[i]!.name}">${x.svg}</div>`).join('\n');
      const file = join(dir, 'diagrams.html');
      writeFileSync(
        file,
        await embedPageFonts(`<!doctype html><html><head><meta charset="utf-8"></head><body>${body}</body></html>`),
      );
      return withDocumentPage(r, { file, width: 1600, height: 1000 }, (page) => page.evaluate(measureLabelRows));
    });
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const of = (name: string) => measured.find((m) => m.name === name)!;
  const sourceOf = (name: string) => diagrams.find((d) => d.name === name)!.source;

  it("the control finds mermaid's own mid-word breaks in flowchart, state and sequence diagrams", () => {
    expect(brokenWords(of('control state.mmd').rows, sourceOf('control state.mmd'))).toEqual(
      expect.arrayContaining(['ExecutePrimar', 'y', 'IncrementFailu', 'res']),
    );
    expect(brokenWords(of('control flowchart.mmd').rows, sourceOf('control flowchart.mmd')).length).toBeGreaterThan(0);
    expect(brokenWords(of('control sequence.mmd').rows, sourceOf('control sequence.mmd')).length).toBeGreaterThan(0);
  });

  it('no row of the long-word fixtures breaks a word, and every long name is on one row', () => {
    for (const f of ['class', 'flowchart', 'sequence', 'state']) {
      const m = of(`fixture ${f}.mmd`);
      expect(brokenWords(m.rows, sourceOf(m.name)), m.name).toEqual([]);
    }
    const rows = measured.filter((m) => m.name.startsWith('fixture ')).flatMap((m) => m.rows.map((r) => r.trim()));
    for (const name of [
      'ExecutePrimary',
      'IncrementFailures',
      'CheckThreshold',
      'BackupResponse',
      'ReinstatePrimaryAfterSuccessfulTrial',
      'IsCircuitBreakerOpenForThisUpstreamDependency',
      'TimeoutExceededWithoutAcknowledgement',
      'CircuitBreakerProxyComponent',
    ]) {
      expect(
        rows.some((r) => r.split(/\s+/).includes(name)),
        name,
      ).toBe(true);
    }
  });

  it('no row of any DDIA or fixture course diagram breaks a word', () => {
    const courses = measured.filter((m) => !m.name.startsWith('fixture ') && !m.name.startsWith('control '));
    expect(courses.length).toBeGreaterThanOrEqual(6);
    // gitGraph draws commit ids it makes up ("0-c4efc4d"): not words of the source.
    const rows = (m: DiagramRows) => m.rows.filter((r) => !/^\d+-[0-9a-f]{7}$/.test(r.trim()));
    expect(courses.flatMap((m) => brokenWords(rows(m), sourceOf(m.name)).map((r) => `${m.name}: ${r}`))).toEqual([]);
  });

  it('the widened nodes hold their text: no row sticks out of its box', () => {
    expect(
      measured.filter((m) => !m.name.startsWith('control ')).flatMap((m) => m.overflow.map((r) => `${m.name}: ${r}`)),
    ).toEqual([]);
  });
});

describe('word-safe widths (pure)', () => {
  it('widens only what needs it, for the diagram type that wraps', () => {
    expect(wordSafeDirective('flowchart', 'flowchart TD\n  A[Short words only] --> B[Fine]\n')).toBeNull();
    expect(wordSafeDirective('stateDiagram-v2', 'stateDiagram-v2\n  Idle --> Busy\n')).toBeNull();
    expect(wordSafeDirective('stateDiagram-v2', 'stateDiagram-v2\n  Idle --> IncrementFailures\n')).toMatch(
      /^%%\{init: \{"state":\{"wrappingWidth":1[3-9]\d\}\}\}%%$/,
    );
    expect(wordSafeDirective('sequenceDiagram', 'sequenceDiagram\n  A->>B: SubmitOrderReservationRequest\n')).toMatch(
      /"sequence":\{"width":\d{3}\}/,
    );
  });

  it('does not count ids joined by arrows, comments or CJK text as one word', () => {
    expect(sourceWords('graph LR\n%% AVeryLongCommentWordThatIsNoLabelAtAll\nA-->B[Hello world]\nC==>D\n')).toEqual([
      'graph',
      'LR',
      'Hello',
      'world',
    ]);
    expect(wordSafeDirective('flowchart', `flowchart TD\n  A[${'数据'.repeat(60)}]\n`)).toBeNull();
  });

  it('appends the directive after the source, so error lines do not move', () => {
    const s = 'stateDiagram-v2\n  Idle --> IncrementFailures\n';
    expect(wordSafeSource('stateDiagram-v2', s).startsWith(s)).toBe(true);
  });
});
