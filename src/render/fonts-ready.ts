// Fonts ready before a capture. The page fonts are @font-face rules limited by unicode-range (the
// emoji face covers emoji only), and Chromium loads such a face only when text that needs it is laid
// out: a slide that was hidden until Reveal.slide() showed it can be captured while its emoji face is
// still loading, and the PNG then holds a fallback glyph. So before each capture the faces the
// visible text needs are loaded explicitly (document.fonts.load with that text, for every family,
// weight and style of the page's faces, the emoji face included), then document.fonts.ready, and
// document.fonts.check confirms it; after a load, two frames let the layout use the new face.
import type { Page } from 'puppeteer';

export interface FontsReady {
  /** Faces (family weight style) that were still not usable for the text: a capture would draw fallback glyphs. */
  missing: string[];
  /** Faces that failed to load at all (a font file missing on this system). */
  failed: string[];
}

/** Runs in the page: loads what the text of `selector` (or the body) needs and checks it. */
async function fontsReadyInPage([selector, timeoutMs]: [string | null, number]): Promise<FontsReady> {
  // A font that never arrives must not hang the capture: after timeoutMs the check below says so.
  const within = <T>(p: Promise<T>) => Promise.race([p, new Promise<void>((r) => setTimeout(r, timeoutMs))]);
  const root = (selector ? document.querySelector(selector) : null) ?? document.body;
  // Which faces text needs depends only on its characters, and document.fonts.check costs time per
  // character (0.8 s for the 18,000 characters of a 24-slide deck against its 8 faces, loaded
  // machine): each character once.
  const text = [...new Set(root.textContent ?? '')].join('');
  const faces = Array.from(document.fonts);
  const descriptorOf = (f: FontFace) => `${f.style} ${f.weight} 16px "${f.family.replace(/^["']|["']$/g, '')}"`;
  const descriptors = [...new Set(faces.map(descriptorOf))];
  let loadedNow = false;
  await Promise.all(
    descriptors.map(async (d) => {
      const before = faces.filter((f) => f.status !== 'loaded').length;
      await within(document.fonts.load(d, text).catch(() => []));
      if (faces.filter((f) => f.status !== 'loaded').length !== before) loadedNow = true;
    }),
  );
  await within(document.fonts.ready);
  if (loadedNow) await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const failed = faces.filter((f) => f.status === 'error').map(descriptorOf);
  // A face that failed to load cannot get better by waiting: it is reported, not waited for.
  const missing = descriptors.filter(
    (d) => !document.fonts.check(d, text) && faces.some((f) => descriptorOf(f) === d && f.status !== 'error'),
  );
  return { missing, failed: [...new Set(failed)] };
}

/** Waits until the fonts for the text under `selector` are loaded; says which are not. */
export function fontsReady(page: Page, selector: string | null = null, timeoutMs = 10_000): Promise<FontsReady> {
  return page.evaluate(fontsReadyInPage, [selector, timeoutMs] as [string | null, number]);
}

/**
 * Runs in the page, synchronously: the faces (family weight style) not yet usable for the text under
 * `selector`, leaving out faces that failed to load. The cheap re-check of a capture after a
 * document-wide fontsReady: a face, once loaded, stays loaded, so this only finds text the first
 * pass did not see (text added since).
 */
function missingFacesInPage(selector: string): string[] {
  const text = [...new Set(document.querySelector(selector)?.textContent ?? '')].join('');
  const faces = Array.from(document.fonts);
  const descriptorOf = (f: FontFace) => `${f.style} ${f.weight} 16px "${f.family.replace(/^["']|["']$/g, '')}"`;
  return [...new Set(faces.filter((f) => f.status !== 'error').map(descriptorOf))].filter(
    (d) => !document.fonts.check(d, text),
  );
}

/** A page after installFontsCheck. */
export interface FontsCheckWindow {
  cmMissingFaces(selector: string): string[];
}

/** Defines `cmMissingFaces` (missingFacesInPage) in the page, for checks combined with other work in one call. */
export async function installFontsCheck(page: Page): Promise<void> {
  await page.evaluate(`window.cmMissingFaces = ${missingFacesInPage.toString()}`);
}

export class FontsNotReady extends Error {}

/**
 * fontsReady, once more after a miss, then an error: a capture with fallback glyphs must never be
 * written (an output that is written is reused by the next build). A face that failed to load
 * (the font is not installed) cannot get better: it is reported in `warnings` instead.
 */
export async function requireFonts(
  page: Page,
  what: string,
  warnings: string[],
  selector: string | null = null,
  timeoutMs = 10_000,
): Promise<void> {
  let r = await fontsReady(page, selector, timeoutMs);
  if (r.missing.length > 0) r = await fontsReady(page, selector, timeoutMs);
  for (const f of r.failed)
    if (!warnings.includes(`font could not be loaded: ${f}`)) warnings.push(`font could not be loaded: ${f}`);
  if (r.missing.length > 0)
    throw new FontsNotReady(`${what}: fonts not ready for its text (${r.missing.join(', ')}); not captured`);
}
