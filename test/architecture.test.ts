// The house rules of ARCHITECTURE.md, checked on the import graph of src/ (dependency-cruiser, with
// the rules of .dependency-cruiser.cjs, which `npm run depcruise` also reads) and on the source
// text: no runtime import cycle, the stages import only downstream-safe layers, only src/render
// imports puppeteer, only src/write writes files (plus the listed scratch/cache writers), no src
// file over 300 lines and no function over 80, as formatted (named exceptions, each with a
// reason). Each failure lists every violation as "what → what".
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { cruise, type ICruiseOptions, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');
const MAX_LINES = 300;
/** A function fits on a screen: at most this many lines, as formatted (`npm run format`). */
const MAX_FUNCTION_LINES = 80;

/** Files over MAX_LINES, and why. The test fails when one is back under the limit. */
const LONG_FILES: Record<string, string> = {};

/** Functions over MAX_FUNCTION_LINES ("file name"), and why. The test fails when one is back under the limit. */
const LONG_FUNCTIONS: Record<string, string> = {
  'src/render/documents/deck-fit.ts measureInPage':
    'runs inside the page: page.evaluate sends one self-contained function, which can import nothing',
  'src/parse/chunk.ts planChunks': 'one linear line scanner whose state every rule of the header shares',
  'src/parse/guard/inline.ts scanInline': 'one pass over a paragraph with the delimiter stacks every rule shares',
  'src/pipeline/index.ts runPipeline':
    "the build's steps in order, read top to bottom (load, diagrams, stages, model, manifest)",
  'src/render/diagrams/jobs.ts runItem':
    "one diagram's render with its retry, timeout and crash-recovery branches side by side",
  'src/render/browser.ts openBrowser': 'launch or connect, each failure with its own message',
};
const PIPELINE_DIR = 'src/pipeline';

/** The import rules, from the same file `npm run depcruise` reads. */
const CONFIG = createRequire(import.meta.url)('../.dependency-cruiser.cjs') as {
  forbidden: IForbiddenRuleType[];
  options: ICruiseOptions & { enhancedResolveOptions: { extensions: string[] } };
};
const RULES = CONFIG.forbidden;

/** Files outside src/write that write to disk, and why: never into out/ (that is src/write's). */
const WRITERS: Record<string, { calls: string[]; why: string }> = {
  'src/render/browser.ts': { calls: ['mkdtemp', 'rm', 'rmSync'], why: 'the browser profile, in an OS temp folder' },
  'src/render/page.ts': { calls: ['mkdtemp', 'rm', 'writeFile'], why: 'the render page, in an OS temp folder' },
  'src/render/documents/print.ts': { calls: ['mkdtemp', 'rm', 'writeFile'], why: 'print pages, in an OS temp folder' },
  'src/render/leftovers.ts': {
    calls: ['mkdirSync', 'rmSync', 'writeFileSync'],
    why: 'the run folder (browser records, TMPDIR), in an OS temp folder',
  },
  'src/render/diagrams/cache.ts': {
    calls: ['mkdir', 'rename', 'rm', 'writeFile'],
    why: 'the render cache (cacheDir), atomically',
  },
  [`${PIPELINE_DIR}/decks.ts`]: {
    calls: ['mkdtemp', 'rm', 'writeFile'],
    why: 'deck drafts for the browser, in an OS temp folder',
  },
  [`${PIPELINE_DIR}/handouts.ts`]: {
    calls: ['mkdtemp', 'rm', 'writeFile'],
    why: 'the fitted decks, printed for the handouts, in an OS temp folder',
  },
  [`${PIPELINE_DIR}/stat-index.ts`]: {
    calls: ['mkdir', 'rename', 'writeFile'],
    why: 'the stat index, in the cache folder',
  },
  'src/cli/init.ts': {
    calls: ['cp', 'mkdir', 'writeFile'],
    why: '`coursemap init` writes the starter config and templates',
  },
  'src/cli/lint.ts': { calls: ['writeFile'], why: '`coursemap lint --fix` rewrites the course it was given' },
};
const FS_MODULES = new Set(['fs', 'fs/promises', 'node:fs', 'node:fs/promises']);
const FS_WRITES = new Set(
  [
    'appendFile',
    'chmod',
    'chown',
    'copyFile',
    'cp',
    'createWriteStream',
    'link',
    'mkdir',
    'mkdtemp',
    'open',
    'rename',
    'rm',
    'rmdir',
    'symlink',
    'truncate',
    'unlink',
    'utimes',
    'writeFile',
    'writev',
    'write',
    'lchown',
    'lutimes',
  ].flatMap((f) => [f, `${f}Sync`]),
);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|js|mjs)$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

/** Every `file: name` imported from node:fs that can write (or a whole-module import, which could). */
function fsWriteImports(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest);
  const found: string[] = [];
  for (const st of sf.statements) {
    if (
      !ts.isImportDeclaration(st) ||
      !ts.isStringLiteral(st.moduleSpecifier) ||
      !FS_MODULES.has(st.moduleSpecifier.text)
    )
      continue;
    const clause = st.importClause;
    if (!clause || clause.isTypeOnly) continue;
    if (clause.name) found.push(`${clause.name.text} (the whole module)`);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) found.push(`* as ${bindings.name.text} (the whole module)`);
    if (bindings && ts.isNamedImports(bindings)) {
      for (const el of bindings.elements) {
        const name = (el.propertyName ?? el.name).text;
        if (!el.isTypeOnly && FS_WRITES.has(name)) found.push(name);
      }
    }
  }
  return found;
}

/** `process.exit`, clock and randomness calls of a file, as "name (line n)". */
function impureCalls(file: string): { exits: string[]; clock: string[] } {
  const sf = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const exits: string[] = [];
  const clock: string[] = [];
  const at = (n: ts.Node, what: string) =>
    `${what} (line ${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1})`;
  const visit = (n: ts.Node): void => {
    if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression)) {
      const name = `${n.expression.text}.${n.name.text}`;
      if (name === 'process.exit' || name === 'process.abort') exits.push(at(n, name));
      if (['Date.now', 'Math.random', 'performance.now', 'crypto.randomUUID', 'process.hrtime'].includes(name))
        clock.push(at(n, name));
    }
    // `new Date()` reads the clock; `new Date(fixed)` does not.
    if (
      ts.isNewExpression(n) &&
      ts.isIdentifier(n.expression) &&
      n.expression.text === 'Date' &&
      (n.arguments?.length ?? 0) === 0
    )
      clock.push(at(n, 'new Date'));
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return { exits, clock };
}

/** What a function is called in LONG_FUNCTIONS: its name, Class.method, or the variable holding it. */
function functionName(n: ts.Node): string {
  if ((ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n)) && n.name) {
    return ts.isClassDeclaration(n.parent) && n.parent.name
      ? `${n.parent.name.text}.${n.name.getText()}`
      : n.name.getText();
  }
  if (ts.isConstructorDeclaration(n) && ts.isClassDeclaration(n.parent) && n.parent.name)
    return `${n.parent.name.text}.constructor`;
  if (ts.isVariableDeclaration(n.parent) || ts.isPropertyAssignment(n.parent) || ts.isPropertyDeclaration(n.parent))
    return n.parent.name.getText();
  for (let p: ts.Node | undefined = n.parent; p; p = p.parent) {
    if (((ts.isFunctionDeclaration(p) || ts.isMethodDeclaration(p)) && p.name) || ts.isVariableDeclaration(p))
      return `${(p as ts.NamedDeclaration).name?.getText()} (a function inside)`;
  }
  return '(top level)';
}

/** Every function with a body in `file`, nested ones too, with its length in lines. */
function functionLengths(file: string): Array<{ key: string; lines: number }> {
  const sf = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Array<{ key: string; lines: number }> = [];
  const visit = (n: ts.Node): void => {
    const fn =
      ts.isFunctionDeclaration(n) ||
      ts.isMethodDeclaration(n) ||
      ts.isArrowFunction(n) ||
      ts.isFunctionExpression(n) ||
      ts.isConstructorDeclaration(n);
    if (fn && n.body) {
      const first = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line;
      const last = sf.getLineAndCharacterOfPosition(n.getEnd()).line;
      found.push({ key: `${file} ${functionName(n)}`, lines: last - first + 1 });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

let graph: ICruiseResult;
beforeAll(async () => {
  const { enhancedResolveOptions, ...options } = CONFIG.options;
  const result = await cruise(
    ['src'],
    { ...options, validate: true, ruleSet: { forbidden: RULES } },
    enhancedResolveOptions,
  );
  graph = result.output as ICruiseResult;
}, 120_000);

/** One line per violation: "importer → imported", or the whole cycle. */
function violations(rule: string): string[] {
  return graph.summary.violations
    .filter((v) => v.rule.name === rule)
    .map((v) => (v.cycle ? `${v.from} → ${v.cycle.map((c) => c.name).join(' → ')}` : `${v.from} → ${v.to}`))
    .sort();
}

describe('architecture (ARCHITECTURE.md)', () => {
  it('the graph covers src/ and every relative import resolves', () => {
    const modules = graph.modules.filter((m) => m.source.startsWith('src/')).map((m) => m.source);
    expect(modules.length).toBeGreaterThan(50);
    expect(modules).toContain('src/model/types.ts');
    const unresolved = graph.modules.flatMap((m) =>
      m.dependencies
        .filter((d) => d.couldNotResolve && d.module.startsWith('.'))
        .map((d) => `${m.source} → ${d.module}`),
    );
    expect(unresolved).toEqual([]);
  });

  for (const rule of RULES) {
    it(`${rule.name}: ${rule.comment}`, () => {
      expect(violations(rule.name ?? '')).toEqual([]);
    });
  }

  it('only src/write writes files (the others listed in WRITERS write scratch files and caches, never out/)', () => {
    const problems: string[] = [];
    for (const file of sourceFiles(SRC)) {
      if (file.startsWith('src/write/')) continue;
      const allowed = WRITERS[file]?.calls ?? [];
      const extra = fsWriteImports(file).filter((name) => !allowed.includes(name));
      if (extra.length > 0)
        problems.push(`${file} imports ${extra.join(', ')} from node:fs (writes belong in src/write)`);
    }
    expect(problems).toEqual([]);
  });

  it('the writers list names files that still write (no stale exceptions)', () => {
    const stale = Object.entries(WRITERS)
      .filter(([file, w]) => {
        const used = (() => {
          try {
            return fsWriteImports(file);
          } catch {
            return [];
          }
        })();
        return w.calls.some((c) => !used.includes(c));
      })
      .map(([file]) => file);
    expect(stale).toEqual([]);
  });

  it('parse, model and generate use no clock or randomness; only src/cli ends the process', () => {
    const problems: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const { exits, clock } = impureCalls(file);
      if (!file.startsWith('src/cli/'))
        problems.push(...exits.map((e) => `${file}: ${e} (library code never ends the process)`));
      if (/^src\/(parse|model|generate)\//.test(file))
        problems.push(...clock.map((c) => `${file}: ${c} (pure stages are deterministic)`));
    }
    expect(problems).toEqual([]);
  });

  it('ARCHITECTURE.md names every folder of src/ in its code map', () => {
    const map = readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8');
    const folders = readdirSync(SRC, { withFileTypes: true, recursive: true })
      .filter((e) => e.isDirectory())
      .map((e) => relative(ROOT, join(e.parentPath, e.name)).split('\\').join('/'));
    expect(folders.length).toBeGreaterThan(10);
    expect(folders.filter((f) => !map.includes(`\`${f}/\``))).toEqual([]);
  });

  it(`no file in src/ is over ${MAX_LINES} lines (LONG_FILES names the exceptions, each with a reason)`, () => {
    const lines = sourceFiles(SRC).map((file) => ({
      file,
      lines: readFileSync(join(ROOT, file), 'utf8').split('\n').length - 1,
    }));
    const long = lines
      .filter((f) => f.lines > MAX_LINES && !LONG_FILES[f.file])
      .map((f) => `${f.file}: ${f.lines} lines (limit ${MAX_LINES})`);
    expect(long).toEqual([]);
    const stale = Object.keys(LONG_FILES).filter(
      (file) => (lines.find((f) => f.file === file)?.lines ?? 0) <= MAX_LINES,
    );
    expect(stale, 'LONG_FILES names files that are no longer long').toEqual([]);
  });

  it(`no function in src/ is over ${MAX_FUNCTION_LINES} lines (LONG_FUNCTIONS names the exceptions, each with a reason)`, () => {
    const all = sourceFiles(SRC)
      .filter((f) => f.endsWith('.ts'))
      .flatMap(functionLengths);
    const long = all
      .filter((f) => f.lines > MAX_FUNCTION_LINES && !LONG_FUNCTIONS[f.key])
      .map((f) => `${f.key}: ${f.lines} lines (limit ${MAX_FUNCTION_LINES})`);
    expect(long).toEqual([]);
    const stale = Object.keys(LONG_FUNCTIONS).filter(
      (key) => !all.some((f) => f.key === key && f.lines > MAX_FUNCTION_LINES),
    );
    expect(stale, 'LONG_FUNCTIONS names functions that are gone or no longer long').toEqual([]);
  });
});
