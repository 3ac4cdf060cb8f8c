// Build-time syntax highlighting for code slides with shiki's fine-grained bundle: the
// JavaScript regex engine (no WebAssembly), one theme per deck theme, and only the grammars a
// course uses, loaded once before decks are generated. Output is static HTML: one string of
// coloured spans per source line, so decks stay offline and deterministic.
import type { LanguageRegistration } from 'shiki/core';
import { createHighlighterCoreSync } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import githubDark from 'shiki/themes/github-dark.mjs';
import githubLight from 'shiki/themes/github-light.mjs';
import { bundledLanguages, bundledLanguagesInfo } from 'shiki/langs';
import { escapeHtml } from './markdown.ts';

type LangModule = { default: LanguageRegistration[] };

/**
 * Every grammar shiki bundles (about 230 languages and their aliases: shiki's own table, imported
 * lazily, so only the grammars a course uses are ever loaded), plus a few fence names of ours.
 */
const GRAMMARS = bundledLanguages as Record<string, () => Promise<LangModule>>;

const ALIASES: Record<string, string> = {
  ...Object.fromEntries(bundledLanguagesInfo.flatMap((info) => (info.aliases ?? []).map((alias) => [alias, info.id]))),
  node: 'javascript',
  python3: 'python',
  console: 'shellscript',
  'c++': 'cpp',
  docker: 'dockerfile',
  postgresql: 'sql',
  mysql: 'sql',
  sqlite: 'sql',
};

/** Fence names that mean "no language": shown plain, with no note. */
const PLAIN = new Set(['', 'text', 'txt', 'plain', 'plaintext', 'none', 'output', 'raw', 'mermaid']);

export const THEMES = { light: 'github-light', dark: 'github-dark' } as const;

const highlighter = createHighlighterCoreSync({
  themes: [githubLight, githubDark],
  langs: [],
  engine: createJavaScriptRegexEngine(),
});
const loaded = new Set<string>();
/** Grammars that failed to load (a grammar the JavaScript regex engine cannot run): shown plain, with a note. */
const failed = new Set<string>();

/** The grammar name for a fence's info string, or null when shiki has none for it. */
export function grammarOf(lang: string | null | undefined): string | null {
  const key = (lang ?? '').trim().toLowerCase();
  const name = ALIASES[key] ?? key;
  return Object.hasOwn(GRAMMARS, name) ? name : null;
}

/**
 * The fence language a code block is shown without highlighting for (no grammar, or one that
 * could not load), so that the slide can say so; null when it is highlighted or names no language.
 */
export function plainFallback(lang: string | null | undefined): string | null {
  const key = (lang ?? '').trim();
  if (PLAIN.has(key.toLowerCase())) return null;
  const name = grammarOf(key);
  return name && loaded.has(name) && !failed.has(name) ? null : key;
}

/** Loads the grammars these fence languages need (call before generating decks). */
export async function loadGrammars(langs: Iterable<string | null | undefined>): Promise<void> {
  for (const lang of langs) {
    const name = grammarOf(lang);
    if (!name || loaded.has(name) || failed.has(name)) continue;
    try {
      const mod = await GRAMMARS[name]!();
      highlighter.loadLanguageSync(...mod.default);
      loaded.add(name);
    } catch {
      failed.add(name); // the block is shown plain, and the slide says so (plainFallback)
    }
  }
}

const COLOR = /^#[0-9a-f]{3,8}$/i;

/**
 * One HTML string per source line: spans with a colour (and italic/bold) from the theme, text
 * escaped. Plain escaped lines when the grammar is unknown or not loaded.
 */
export function highlightLines(code: string, lang: string | null | undefined, theme: 'light' | 'dark'): string[] {
  const name = grammarOf(lang);
  if (!name || !loaded.has(name) || failed.has(name)) return code.split('\n').map(escapeHtml);
  // No time limit: a slow machine must not fall back to plain text (output would differ run to run).
  const lines = highlighter.codeToTokensBase(code, { lang: name, theme: THEMES[theme], tokenizeTimeLimit: 0 });
  return lines.map((tokens) =>
    tokens
      .map((t) => {
        const style: string[] = [];
        if (t.color && COLOR.test(t.color)) style.push(`color:${t.color}`);
        const fs = t.fontStyle ?? 0;
        if (fs > 0 && fs & 1) style.push('font-style:italic');
        if (fs > 0 && fs & 2) style.push('font-weight:600');
        return style.length
          ? `<span style="${style.join(';')}">${escapeHtml(t.content)}</span>`
          : escapeHtml(t.content);
      })
      .join(''),
  );
}
