// Quarto, MyST (Jupyter Book) and notebook syntax → the Markdown the parser reads, line for line
// (a dropped line becomes a blank line, so positions still point into the source; a notebook
// becomes the Markdown of its cells). What is dropped is counted on the file as one
// `dialect-dropped` message, so nothing leaves the course silently:
//   - `{{< … >}}` shortcodes (Quarto), raw/index/only/toctree/tableofcontents directives (MyST),
//     notebook cell outputs and raw cells.
// What is rewritten:
//   - code cells ```{python} / ```{r, echo=FALSE} / ```{code-cell} ipython3 → ```python (their
//     `#|` options stay in the code);
//   - callouts ::: {.callout-tip title="…"}, ::: callout-note, ```{note}, ```{admonition} Title,
//     :::{tip} → the `::: tip Title` containers admonitions.ts reads; other fenced divs
//     (::: {.column-margin}) keep their content and lose their fences;
//   - ```{figure} path / ```{image} path → an image with its caption as alt text;
//   - `(label)=` targets, directive options (`:class: x`), heading attributes (`{#sec-x}`), and
//     `+++` cell breaks → blank; roles {ref}`text <target>` / {doc}`x` / {math}`x` → their text.
import type { VFile } from 'vfile';
import { report } from './normalize.ts';

const CALLOUTS = new Set([
  'note',
  'tip',
  'warning',
  'important',
  'caution',
  'danger',
  'error',
  'hint',
  'attention',
  'seealso',
  'admonition',
]);
const DROPPED = new Set([
  'raw',
  'index',
  'only',
  'toctree',
  'tableofcontents',
  'contents',
  'glue:figure',
  'bibliography',
]);
const CODE = new Set(['code-cell', 'code-block', 'code', 'sourcecode']);
const LANGS: Record<string, string> = { ipython3: 'python', ipython: 'python', python3: 'python' };

type Counts = Record<string, number>;
const HINTS: Record<string, string> = { info: 'note', success: 'tip', warning: 'warning', danger: 'danger' };
const SINGULAR: Record<string, string> = {
  'template tags ({% … %})': 'template tag ({% … %})',
  'shortcodes ({{< … >}})': 'shortcode ({{< … >}})',
  'cell outputs': 'cell output',
  'raw cells': 'raw cell',
  'MDX import/export lines': 'MDX import/export line',
  'lines of raw, index and table-of-contents directives': 'line of a raw, index or table-of-contents directive',
};

/** Rewrites `file.value` in place; `ext` is the file's extension (".qmd", ".ipynb", ".md"…). */
export function toCommonMark(file: VFile, ext: string): void {
  const counts: Counts = {};
  let text = String(file.value);
  if (ext === '.ipynb') {
    const notebook = fromNotebook(text, counts);
    if (notebook === null) {
      report(file, {
        reason: 'Not a readable notebook (invalid JSON or no `cells`)',
        ruleId: 'notebook-invalid',
        fatal: true,
        note: 'Open and save it again in Jupyter.',
      });
      return;
    }
    text = notebook;
  }
  if (ext === '.mdx') text = dropMdxModules(text, counts);
  if (
    ext === '.qmd' ||
    ext === '.ipynb' ||
    /^(?:`{3,}|:{3,})[ \t]*\{|\{\{<|^\([\w.:-]+\)=[ \t]*$|^[ \t]*\{%/m.test(text)
  )
    text = rewrite(text, counts);
  file.value = text;
  const said = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([what, n]) => `${n} ${n === 1 ? (SINGULAR[what] ?? what) : what}`);
  if (said.length > 0) {
    report(file, {
      reason: `Dropped ${said.join(', ')}`,
      ruleId: 'dialect-dropped',
      fatal: null,
      note: 'They produce no text a reader studies (generated output, index entries, tool settings).',
    });
  }
}

const add = (counts: Counts, what: string, n = 1) => (counts[what] = (counts[what] ?? 0) + n);

interface Open {
  fence: string; // the opening characters (``` or :::) and their count
  kind: 'callout' | 'div' | 'drop' | 'code' | 'figure';
}

function rewrite(text: string, counts: Counts): string {
  const lines = text.split('\n');
  const stack: Open[] = [];
  let plainFence: string | null = null; // inside an ordinary code block: nothing is rewritten
  let options = false; // right after a directive's opening line: `:key: value` lines
  let figureAt = -1;
  let figureTarget = '';
  const figureCaption: string[] = [];
  // Front matter is left alone.
  let start = 0;
  if (lines[0] === '---') start = lines.indexOf('---', 1) + 1;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!;
    if (plainFence !== null) {
      if (line.trim().startsWith(plainFence) && line.trim().replace(/[`~]/g, '') === '') plainFence = null;
      continue;
    }
    const top = stack[stack.length - 1];
    if (options && /^[ \t]*:[\w-]+:/.test(line)) {
      lines[i] = '';
      continue;
    }
    options = false;
    const close =
      top && new RegExp(`^[ \\t]*${top.fence[0] === '`' ? '`' : ':'}{${top.fence.length},}[ \\t]*$`).test(line);
    if (top && close) {
      stack.pop();
      if (top.kind === 'callout') lines[i] = ':::';
      else if (top.kind === 'code') lines[i] = '```';
      else lines[i] = '';
      if (top.kind === 'figure' && figureAt >= 0)
        lines[figureAt] = `![${figureCaption.join(' ').trim()}](${figureTarget})`;
      continue;
    }
    if (top?.kind === 'drop') {
      if (line.trim() !== '') add(counts, 'lines of raw, index and table-of-contents directives');
      lines[i] = '';
      continue;
    }
    if (top?.kind === 'figure') {
      if (line.trim() !== '') figureCaption.push(line.trim());
      lines[i] = '';
      continue;
    }
    const open = /^[ \t]*(`{3,}|~{3,}|:{3,})[ \t]*(?:\{([^}]*)\}|([\w-]+))?[ \t]*(.*)$/.exec(line);
    if (open && (open[2] !== undefined || open[1]![0] === ':')) {
      const fence = open[1]!;
      const braced = (open[2] ?? '').trim();
      const word = open[3] ?? '';
      const rest = open[4]!.trim();
      const next = directive(fence, braced, word, rest, counts);
      if (next) {
        stack.push({ fence, kind: next.kind });
        lines[i] = next.line;
        options = fence[0] !== ':' || braced !== '';
        // A Quarto callout's title may be the heading on its first line.
        const head =
          next.kind === 'callout' && next.line.split(' ').length === 2
            ? /^#{1,6}[ \t]+(.+?)[ \t#]*$/.exec(lines[i + 1] ?? '')
            : null;
        if (head) {
          lines[i] = `${next.line} ${head[1]}`;
          lines[++i] = '';
        }
        if (next.kind === 'figure') {
          figureAt = i;
          figureTarget = rest;
          figureCaption.length = 0;
        }
        continue;
      }
    } else if (open && open[1]![0] !== ':' && (stack.length === 0 || top?.kind !== 'code')) {
      plainFence = open[1]!;
      continue;
    }
    if (top?.kind === 'code') continue;
    lines[i] = inline(line, counts);
  }
  return lines.join('\n');
}

/** The line a directive or fenced div opens with, and what its body is; null: not one of ours. */
function directive(
  fence: string,
  braced: string,
  word: string,
  rest: string,
  counts: Counts,
): { line: string; kind: Open['kind'] } | null {
  if (fence[0] === ':') {
    // Pandoc fenced div: ::: {.callout-tip title="…"} / ::: callout-note / ::: {.column-margin}; MyST :::{note}
    const classes = [...braced.matchAll(/\.([\w-]+)/g)].map((m) => m[1]!);
    const name = (
      word || (braced && !braced.startsWith('.') && !braced.startsWith('#') ? braced.split(/\s/)[0]! : '')
    ).toLowerCase();
    const callout =
      classes.find((c) => c.startsWith('callout-'))?.slice(8) ??
      (name.startsWith('callout-') ? name.slice(8) : CALLOUTS.has(name) ? name : null);
    if (callout !== null) {
      const title = /title="([^"]*)"/.exec(braced)?.[1] ?? (rest || '');
      return { line: `::: ${callout === 'admonition' ? 'note' : callout}${title ? ` ${title}` : ''}`, kind: 'callout' };
    }
    if (braced === '' && word === '') return null; // a closing fence with nothing open
    if (DROPPED.has(name)) return { line: '', kind: 'drop' };
    return { line: '', kind: 'div' };
  }
  const name = braced.split(/[\s,]/)[0]!.toLowerCase();
  if (CALLOUTS.has(name)) {
    const title = braced.slice(name.length).trim() || rest;
    return { line: `::: ${name === 'admonition' ? 'note' : name}${title ? ` ${title}` : ''}`, kind: 'callout' };
  }
  if (DROPPED.has(name)) {
    // An index entry's terms are on its opening line.
    if (name === 'index' && (braced.slice(name.length).trim() || rest) !== '')
      add(counts, 'lines of raw, index and table-of-contents directives');
    return { line: '', kind: 'drop' };
  }
  if (name === 'figure' || name === 'image') return { line: '', kind: 'figure' };
  const lang = CODE.has(name)
    ? ((braced.slice(name.length).trim() || rest).split(/\s/)[0] ?? '')
    : /^[a-z][\w+-]*$/i.test(name)
      ? name
      : '';
  if (name === 'math') return { line: '```math', kind: 'code' };
  if (lang === '' && !CODE.has(name)) return { line: '', kind: 'div' }; // an unknown directive: its body is kept as text
  return { line: `\`\`\`${LANGS[lang.toLowerCase()] ?? lang}`, kind: 'code' };
}

/** One line of text: shortcodes dropped, targets and heading attributes removed, roles read as text. */
function inline(line: string, counts: Counts): string {
  let out = line;
  if (/^\([\w.:-]+\)=[ \t]*$/.test(out) || /^\+\+\+/.test(out)) return '';
  // GitBook / HonKit template tags: hints are callouts, other tags (embeds, includes) are dropped.
  const tag = /^[ \t]*\{%[ \t]*(end)?([\w-]+)([^%]*)%\}[ \t]*$/.exec(out);
  if (tag && tag[2] === 'hint')
    return tag[1] ? ':::' : `::: ${HINTS[/style="(\w+)"/.exec(tag[3]!)?.[1] ?? 'info'] ?? 'note'}`;
  if (tag) {
    add(counts, 'template tags ({% … %})');
    return '';
  }
  out = out.replace(/\{\{<[^>]*>\}\}/g, () => {
    add(counts, 'shortcodes ({{< … >}})');
    return '';
  });
  if (out !== line && out.trim() === '') return '';
  if (/^#{1,6}[ \t]/.test(out)) out = out.replace(/[ \t]*\{[#.][^}]*\}[ \t]*$/, '');
  // {ref}`text <target>` → text; {doc}`target` → target; {math}`x^2` → x^2
  out = out.replace(
    /\{[\w:-]+\}`([^`]*)`/g,
    (_, body: string) => /^(.*\S)\s*<[^>]*>$/.exec(body)?.[1] ?? body.replace(/^[~!]/, ''),
  );
  return out;
}

/** A notebook's cells as Markdown: Markdown cells as they are, code cells fenced, outputs and raw cells counted. */
function fromNotebook(json: string, counts: Counts): string | null {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null || !Array.isArray((data as { cells?: unknown }).cells)) return null;
  const nb = data as {
    cells: Array<{ cell_type?: string; source?: string | string[]; outputs?: unknown[] }>;
    metadata?: { kernelspec?: { language?: string }; language_info?: { name?: string } };
  };
  const lang = nb.metadata?.language_info?.name ?? nb.metadata?.kernelspec?.language ?? 'python';
  const out: string[] = [];
  for (const cell of nb.cells) {
    const source = (Array.isArray(cell.source) ? cell.source.join('') : (cell.source ?? ''))
      .replace(/\r\n?/g, '\n')
      .replace(/\n+$/, '');
    if (cell.cell_type === 'markdown') out.push(source, '');
    else if (cell.cell_type === 'code') {
      if (source.trim() !== '') out.push('```' + lang, source, '```', '');
      if (Array.isArray(cell.outputs) && cell.outputs.length > 0) add(counts, 'cell outputs', cell.outputs.length);
    } else if (source.trim() !== '') add(counts, 'raw cells');
  }
  return out.join('\n');
}

/** MDX `import …` / `export …` lines at the top level (code for the site, not text) become blank. */
function dropMdxModules(text: string, counts: Counts): string {
  let fence: string | null = null;
  return text
    .split('\n')
    .map((line) => {
      const f = /^[ \t]*(`{3,}|~{3,})/.exec(line)?.[1];
      if (f && (fence === null || line.trim().startsWith(fence))) fence = fence === null ? f : null;
      if (fence === null && /^(import|export)\s/.test(line)) {
        add(counts, 'MDX import/export lines');
        return '';
      }
      return line;
    })
    .join('\n');
}
