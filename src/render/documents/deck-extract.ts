// Reads a rendered deck back for the PowerPoint export: switches the open deck page to fonts
// metric-compatible with the ones the PPTX names (Arimo ≈ Arial, Cousine ≈ Courier New, bundled
// as data: URLs so the measure never depends on the machine's fonts), then, slide by slide,
// shrinks what no longer fits, measures every block (deck-extract-page.ts) and screenshots each
// figure for its PNG fallback. Then puts the page back as it was (the slides' font sizes, the
// export fonts), so the deck's other exports go on in the same page without loading it again.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer';
import type { ExtractedDeck, ExtractedSlide } from '../../generate/pptx/types.ts';
import {
  DECK_READERS,
  deckInfoInPage,
  extractSlideInPage,
  recordSlidesInPage,
  restoreSlidesInPage,
} from './deck-extract-page.ts';

export const SANS_FAMILY = 'cm-pptx-sans';
export const MONO_FAMILY = 'cm-pptx-mono';

let fontCss: string | null = null;

/** @font-face rules of a @fontsource package's CSS files, with the woff2 files inlined. */
function inlineFaces(pkg: string, files: readonly string[], family: string): string {
  const dir = dirname(fileURLToPath(import.meta.resolve(`${pkg}/package.json`)));
  return files
    .map((f) =>
      readFileSync(join(dir, f), 'utf8')
        .replace(/font-family:\s*'[^']*'/g, `font-family: '${family}'`)
        .replace(
          /src:\s*url\(\.\/files\/([^)]+\.woff2)\)[^;]*;/g,
          (_m, file: string) =>
            `src: url(data:font/woff2;base64,${readFileSync(join(dir, 'files', file)).toString('base64')}) format('woff2');`,
        ),
    )
    .join('\n');
}

/** The export fonts and the rules that put them on every text of the slides (not inside diagrams). */
export function exportFontCss(): string {
  fontCss ??= [
    inlineFaces('@fontsource/arimo', ['400.css', '400-italic.css', '700.css', '700-italic.css'], SANS_FAMILY),
    inlineFaces('@fontsource/cousine', ['400.css', '400-italic.css', '700.css', '700-italic.css'], MONO_FAMILY),
    `.reveal .slides section, .reveal .slides section *:not(svg):not(svg *) { font-family: '${SANS_FAMILY}', 'Noto Color Emoji', sans-serif !important; }`,
    // :is() lifts this rule's specificity above the one before, so code keeps the monospace face.
    `.reveal .slides section :is(code, code *, pre, pre *):not(svg):not(svg *) { font-family: '${MONO_FAMILY}', monospace !important; }`,
  ].join('\n');
  return fontCss;
}

/**
 * Extracts every slide of the deck loaded in `page` (ready, 1280×720 viewport). `scale` is the
 * PNG pixels per CSS pixel of the figure fallbacks. The slides look as before when it returns
 * (a failure midway leaves the page modified).
 */
export async function extractDeck(page: Page, scale: number): Promise<ExtractedDeck> {
  const fonts = await page.addStyleTag({ content: exportFontCss() });
  await page.evaluate(
    async (sans: string, mono: string) => {
      await Promise.all(
        ['400', '700', 'italic 400', 'italic 700'].flatMap((w) => [
          document.fonts.load(`${w} 20px '${sans}'`),
          document.fonts.load(`${w} 20px '${mono}'`),
        ]),
      );
      await document.fonts.ready;
    },
    SANS_FAMILY,
    MONO_FAMILY,
  );
  const info = await page.evaluate(deckInfoInPage);
  await page.evaluate(DECK_READERS);
  await page.evaluate(recordSlidesInPage);
  const client = await page.createCDPSession();
  const slides: ExtractedSlide[] = [];
  try {
    for (let i = 0; i < info.count; i++) {
      await page.evaluate(
        (n: number) => (window as unknown as { Reveal: { slide(h: number): void } }).Reveal.slide(n),
        i,
      );
      const { slide, clips } = await page.evaluate(extractSlideInPage, i);
      for (const { block, clip } of clips) {
        const b = slide.blocks[block];
        if (b?.type !== 'image') continue;
        const { data } = await client.send('Page.captureScreenshot', {
          format: 'png',
          clip: { x: clip.x, y: clip.y, width: clip.w, height: clip.h, scale },
          captureBeyondViewport: false,
        });
        b.png = data;
      }
      slides.push(slide);
    }
  } finally {
    await client.detach().catch(() => undefined);
  }
  await page.evaluate(restoreSlidesInPage);
  await fonts.evaluate((style) => style.remove());
  await fonts.dispose();
  return { title: info.title, lang: info.lang, theme: info.theme, colours: info.colours, slides };
}
