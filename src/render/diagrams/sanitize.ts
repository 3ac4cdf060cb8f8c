// Node-side preparation of a diagram's source before it reaches mermaid.
//
// 1. `%%{init: …}%%` / `%%{initialize: …}%%` directives and front-matter
//    `config:` may not change security settings, inject CSS or turn HTML
//    labels back on: the keys in SECURE_KEYS (at any depth), keys that look
//    like prototype pollution, and string values that look like markup or CSS
//    are dropped, each with a warning such as
//    `init directive ignored: securityLevel`.
// 2. Line numbers. mermaid strips front matter, directives, `%%` comment lines
//    and leading blank lines before parsing, so its error positions are
//    relative to what is left. We hand mermaid a text that starts exactly at
//    the first non-blank body line (sanitised directives go to the end, the
//    sanitised front matter stays in front and is stripped by mermaid itself),
//    with comment lines blanked instead of removed, so that
//    `line in the source = mermaid's line + lineOffset`.
import { parse as parseYaml } from 'yaml';

/** Config keys a diagram may never set, at any depth. */
export const SECURE_KEYS: ReadonlySet<string> = new Set([
  'secure',
  'securityLevel',
  'startOnLoad',
  'maxTextSize',
  'maxEdges',
  'suppressErrorRendering',
  'themeCSS',
  'fontFamily',
  'altFontFamily',
  'htmlLabels',
  'dompurifyConfig',
  'deterministicIds',
  'deterministicIDSeed',
  'arrowMarkerAbsolute',
  'legacyMathML',
  'forceLegacyMathML',
]);

const SAFE_THEME_VALUE = /^[\d "#%(),.;A-Za-z-]*$/;
const DANGEROUS_STRING = /[<>{}]|url\s*\(|@import|expression\s*\(|javascript:|\\/i;

export interface PreparedSource {
  /** Text to give mermaid. */
  text: string;
  /** Source line (0-based count) at which mermaid's line 1 starts. */
  lineOffset: number;
  /** Columns removed from the start of mermaid's line 1 (leading blanks). */
  firstLineColumnOffset: number;
  warnings: string[];
  /** Arrows to draw over the laid-out flowchart (`%% coursemap-arrow a --> b : label` lines; assets/arrows.js). */
  arrows: OverlayArrow[];
}

export interface OverlayArrow {
  from: string;
  to: string;
  label: string;
}

/** `%% coursemap-arrow c2 --> c5 : prerequisite`: an arrow mermaid cannot lay out (see assets/arrows.js). */
const ARROW_LINE = /^[ \t]*%% coursemap-arrow ([A-Za-z][\w-]{0,63}) --> ([A-Za-z][\w-]{0,63}) : ([^\n]{1,80})$/gm;
const MAX_ARROWS = 100;

function overlayArrows(text: string): OverlayArrow[] {
  return [...text.matchAll(ARROW_LINE)]
    .slice(0, MAX_ARROWS)
    .map((m) => ({ from: m[1] ?? '', to: m[2] ?? '', label: (m[3] ?? '').trim() }));
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isPlainObject(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Returns a sanitised deep copy of a config object; pushes `${where}: key` warnings. */
export function sanitizeConfig(value: unknown, where: string, warnings: string[], path = ''): Json | undefined {
  if (Array.isArray(value)) {
    const out: Json[] = [];
    for (const [i, v] of value.entries()) {
      const s = sanitizeConfig(v, where, warnings, `${path}[${i}]`);
      if (s !== undefined) out.push(s);
    }
    return out;
  }
  if (isPlainObject(value)) {
    const out: Record<string, Json> = {};
    for (const [key, v] of Object.entries(value)) {
      const p = path ? `${path}.${key}` : key;
      if (SECURE_KEYS.has(key) || key.startsWith('__') || /proto|constr/i.test(key) || /css/i.test(key)) {
        warnings.push(`${where} ignored: ${p}`);
        continue;
      }
      if (path === 'themeVariables' || path.endsWith('.themeVariables')) {
        if (typeof v === 'string' && !SAFE_THEME_VALUE.test(v)) {
          warnings.push(`${where} ignored: ${p}`);
          continue;
        }
      }
      const s = sanitizeConfig(v, where, warnings, p);
      // drop objects emptied by the sanitiser (e.g. `flowchart: {htmlLabels: true}`)
      if (isPlainObject(s) && Object.keys(s).length === 0 && isPlainObject(v) && Object.keys(v).length > 0) continue;
      if (s !== undefined) out[key] = s;
    }
    return out;
  }
  if (typeof value === 'string') {
    if (DANGEROUS_STRING.test(value) || value.includes('%%')) {
      warnings.push(`${where} ignored: ${path || '(value)'}`);
      return undefined;
    }
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  return undefined;
}

// Same shape as mermaid's directiveRegex (src/diagram-api/regexes.ts).
const DIRECTIVE_RE = /%{2}{\s*(?:(\w+)\s*:|(\w+))\s*(?:(\w+)|((?:(?!}%{2}).|\r?\n)*))?\s*(?:}%{2})?/gi;

/** Mermaid's front-matter fence rules (matchFrontMatter): `---` … `---` at the very start. */
function matchFrontMatter(text: string): { body: string; length: number } | undefined {
  const m = /^([ \t]*)---[ \t]*\n([\s\S]*?)\n\1---[ \t]*(?:\n|$)/.exec(text);
  if (!m) return undefined;
  const indent = m[1] ?? '';
  const body = (m[2] ?? '')
    .split('\n')
    .map((l) => (indent && l.startsWith(indent) ? l.slice(indent.length) : l))
    .join('\n');
  let length = m[0].length;
  // mermaid also swallows the blank lines after the closing fence.
  while (length < text.length && /\s/.test(text[length]!)) length++;
  return { body, length };
}

function blankKeepingNewlines(s: string): string {
  return s.replace(/[^\n]/g, ' ');
}

function countNewlines(s: string): number {
  let n = 0;
  for (const ch of s) if (ch === '\n') n++;
  return n;
}

/** JSON that survives mermaid's `'` → `"` rewrite and its `}%%` terminator. */
function directiveJson(v: Json): string {
  return JSON.stringify(v).replace(/'/g, '\\u0027').replace(/%/g, '\\u0025');
}

export function prepareSource(source: string): PreparedSource {
  const warnings: string[] = [];
  let text = source.replace(/\r\n?/g, '\n');
  let head = '';
  let consumedLines = 0;

  const fm = matchFrontMatter(text);
  if (fm) {
    let data: unknown;
    try {
      data = parseYaml(fm.body);
    } catch (e) {
      warnings.push(`front matter ignored: not valid YAML (${(e as Error).message.split('\n')[0]})`);
      data = undefined;
    }
    const keep: Record<string, Json> = {};
    if (isPlainObject(data)) {
      for (const [key, v] of Object.entries(data)) {
        if (key === 'title' || key === 'displayMode') {
          if (typeof v === 'string' || typeof v === 'number') keep[key] = String(v);
        } else if (key === 'config') {
          const c = sanitizeConfig(v, 'front-matter config', warnings);
          if (isPlainObject(c) && Object.keys(c).length > 0) keep.config = c;
        } else {
          warnings.push(`front matter ignored: ${key}`);
        }
      }
    }
    if (Object.keys(keep).length > 0) head = `---\n${JSON.stringify(keep)}\n---\n`;
    consumedLines += countNewlines(text.slice(0, fm.length));
    text = text.slice(fm.length);
  }

  // Directives: sanitise, blank out in place, re-emit at the end.
  const tail: string[] = [];
  text = text.replace(DIRECTIVE_RE, (whole: string, t1?: string, t2?: string, word?: string, args?: string) => {
    const type = (t1 ?? t2 ?? '').toLowerCase();
    if (type === 'init' || type === 'initialize') {
      let parsed: unknown;
      try {
        parsed = JSON.parse((args ?? '').trim().replace(/'/g, '"'));
      } catch {
        warnings.push('init directive ignored: not valid JSON');
        return blankKeepingNewlines(whole);
      }
      const clean = sanitizeConfig(parsed, 'init directive', warnings);
      if (isPlainObject(clean) && Object.keys(clean).length > 0) tail.push(`%%{init: ${directiveJson(clean)}}%%`);
    } else if (type === 'wrap' && word === undefined && (args ?? '').trim() === '') {
      tail.push('%%{wrap}%%');
    } else {
      warnings.push(`directive ignored: ${type || '(unnamed)'}`);
    }
    return blankKeepingNewlines(whole);
  });

  const arrows = overlayArrows(text);
  // `%%` comment lines: blanked (mermaid would delete them and shift lines).
  text = text.replace(/^[ \t]*%%(?!{)[^\n]+$/gm, (line) => blankKeepingNewlines(line));

  // Leading blank lines / spaces: mermaid trims them; do it ourselves and count.
  const lead = /^\s*/.exec(text)?.[0] ?? '';
  const leadLines = countNewlines(lead);
  const lastNl = lead.lastIndexOf('\n');
  const firstLineColumnOffset = lead.length - (lastNl + 1);
  text = text.slice(lead.length);
  consumedLines += leadLines;

  if (tail.length > 0) text = `${text.replace(/\s+$/, '')}\n${tail.join('\n')}\n`;
  return { text: head + text, lineOffset: consumedLines, firstLineColumnOffset, warnings, arrows };
}

/** Maps mermaid's (1-based) position back to the diagram source given to prepareSource(). */
export function mapPosition(
  prep: Pick<PreparedSource, 'lineOffset' | 'firstLineColumnOffset'>,
  source: string,
  line: number | null,
  column: number | null,
): { line: number | null; column: number | null } {
  if (line === null) return { line: null, column: null };
  let l = line + prep.lineOffset;
  let c = column;
  if (c !== null && line === 1) c += prep.firstLineColumnOffset;
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let last = lines.length;
  while (last > 1 && (lines[last - 1] ?? '').trim() === '') last--;
  // An error found at EOF (unclosed bracket, …) points past the last line: clamp to its end.
  if (l > last) {
    l = last;
    c = (lines[l - 1]?.length ?? 0) + 1;
  }
  if (l < 1) l = 1;
  return { line: l, column: c };
}
