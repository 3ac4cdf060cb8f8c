// Build-time syntax highlighting for code slides with shiki's fine-grained bundle: the
// JavaScript regex engine (no WebAssembly), one theme per deck theme, and only the grammars a
// course uses, loaded once before decks are generated. Output is static HTML: one string of
// coloured spans per source line, so decks stay offline and deterministic.
import type { LanguageRegistration } from 'shiki/core';
import { createHighlighterCoreSync } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import githubDark from 'shiki/themes/github-dark.mjs';
import githubLight from 'shiki/themes/github-light.mjs';
import { escapeHtml } from './markdown.ts';

type LangModule = { default: LanguageRegistration[] };

/** Grammars coursemap highlights (course code blocks are mostly these); others stay plain text. */
const GRAMMARS: Record<string, () => Promise<LangModule>> = {
  javascript: () => import('shiki/langs/javascript.mjs'),
  typescript: () => import('shiki/langs/typescript.mjs'),
  python: () => import('shiki/langs/python.mjs'),
  shellscript: () => import('shiki/langs/shellscript.mjs'),
  json: () => import('shiki/langs/json.mjs'),
  yaml: () => import('shiki/langs/yaml.mjs'),
  sql: () => import('shiki/langs/sql.mjs'),
  java: () => import('shiki/langs/java.mjs'),
  go: () => import('shiki/langs/go.mjs'),
  rust: () => import('shiki/langs/rust.mjs'),
  c: () => import('shiki/langs/c.mjs'),
  cpp: () => import('shiki/langs/cpp.mjs'),
  csharp: () => import('shiki/langs/csharp.mjs'),
  ruby: () => import('shiki/langs/ruby.mjs'),
  php: () => import('shiki/langs/php.mjs'),
  kotlin: () => import('shiki/langs/kotlin.mjs'),
  html: () => import('shiki/langs/html.mjs'),
  css: () => import('shiki/langs/css.mjs'),
  xml: () => import('shiki/langs/xml.mjs'),
  diff: () => import('shiki/langs/diff.mjs'),
  dockerfile: () => import('shiki/langs/dockerfile.mjs'),
  toml: () => import('shiki/langs/toml.mjs'),
  markdown: () => import('shiki/langs/markdown.mjs'),
};

const ALIASES: Record<string, string> = {
  js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascript', node: 'javascript',
  ts: 'typescript', tsx: 'typescript', py: 'python', python3: 'python', sh: 'shellscript', bash: 'shellscript',
  shell: 'shellscript', zsh: 'shellscript', console: 'shellscript', yml: 'yaml', 'c++': 'cpp', cs: 'csharp',
  rb: 'ruby', kt: 'kotlin', md: 'markdown', docker: 'dockerfile', postgresql: 'sql', mysql: 'sql', sqlite: 'sql', jsonc: 'json',
};

export const THEMES = { light: 'github-light', dark: 'github-dark' } as const;

const highlighter = createHighlighterCoreSync({ themes: [githubLight, githubDark], langs: [], engine: createJavaScriptRegexEngine() });
const loaded = new Set<string>();

/** The grammar name for a fence's info string, or null when coursemap does not highlight it. */
export function grammarOf(lang: string | null | undefined): string | null {
  const key = (lang ?? '').trim().toLowerCase();
  const name = ALIASES[key] ?? key;
  return name in GRAMMARS ? name : null;
}

/** Loads the grammars these fence languages need (call before generating decks). */
export async function loadGrammars(langs: Iterable<string | null | undefined>): Promise<void> {
  for (const lang of langs) {
    const name = grammarOf(lang);
    if (!name || loaded.has(name)) continue;
    const mod = await GRAMMARS[name]!();
    highlighter.loadLanguageSync(...mod.default);
    loaded.add(name);
  }
}

const COLOR = /^#[0-9a-f]{3,8}$/i;

/**
 * One HTML string per source line: spans with a colour (and italic/bold) from the theme, text
 * escaped. Plain escaped lines when the grammar is unknown or not loaded.
 */
export function highlightLines(code: string, lang: string | null | undefined, theme: 'light' | 'dark'): string[] {
  const name = grammarOf(lang);
  if (!name || !loaded.has(name)) return code.split('\n').map(escapeHtml);
  // No time limit: a slow machine must not fall back to plain text (output would differ run to run).
  const lines = highlighter.codeToTokensBase(code, { lang: name, theme: THEMES[theme], tokenizeTimeLimit: 0 });
  return lines.map((tokens) => tokens.map((t) => {
    const style: string[] = [];
    if (t.color && COLOR.test(t.color)) style.push(`color:${t.color}`);
    const fs = t.fontStyle ?? 0;
    if (fs > 0 && (fs & 1)) style.push('font-style:italic');
    if (fs > 0 && (fs & 2)) style.push('font-weight:600');
    return style.length ? `<span style="${style.join(';')}">${escapeHtml(t.content)}</span>` : escapeHtml(t.content);
  }).join(''));
}
