// Deck → one self-contained HTML file: reveal.js CSS/JS (from npm), the Source Sans Pro faces
// reveal's theme ships as data: URLs, the coursemap theme and the notes plugin, all inlined.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SlideTemplates } from './partials.ts';
import type { Deck } from './types.ts';

interface RevealAssets {
  revealCss: string;
  fontsCss: string;
  revealJs: string;
  notesJs: string;
}

let cached: RevealAssets | null = null;

const read = (spec: string) => readFileSync(fileURLToPath(import.meta.resolve(spec)), 'utf8');

/** Inline <script> text can never close its element or open a comment. */
export const inlineScript = (js: string) => js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
export const inlineStyle = (css: string) => css.replace(/<\/(style)/gi, '<\\/$1');

export function revealAssets(): RevealAssets {
  if (cached) return cached;
  const theme = read('reveal.js/theme/white.css');
  const fonts = theme.match(/@font-face\{[^}]*\}/g) ?? [];
  const dist = import.meta.resolve('reveal.js/reveal.css');
  cached = {
    revealCss: inlineStyle(read('reveal.js/reveal.css')),
    fontsCss: inlineStyle(fonts.join('\n')),
    revealJs: inlineScript(readFileSync(fileURLToPath(new URL('reveal.js', dist)), 'utf8')),
    notesJs: inlineScript(readFileSync(fileURLToPath(new URL('plugin/notes.js', dist)), 'utf8')),
  };
  return cached;
}

export function deckHtml(deck: Deck, templates: SlideTemplates): string {
  const assets = {
    ...revealAssets(),
    themeCss: inlineStyle(templates.asset('theme.css')),
    initJs: inlineScript(templates.asset('init.js')),
  };
  // The course deck's title is the course's: its <title> (and PDF title) says it once.
  return templates.deck({ deck: { ...deck, sameTitle: deck.title === deck.courseTitle }, assets });
}
