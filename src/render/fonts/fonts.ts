// The one font story of coursemap: every diagram and page names the same bundled fonts, the
// render page measures text with them, and every output carries the glyphs it uses.
//
// - Latin, Greek, Cyrillic: DejaVu Sans (npm dejavu-fonts-ttf; the same 2.37 release Debian
//   installs as fonts-dejavu-core, so renderers that ignore @font-face, such as rsvg-convert,
//   fall back to identical metrics by name).
// - CJK: Noto Sans SC (npm @fontsource/noto-sans-sc, split by unicode-range).
// - Emoji: Noto Color Emoji (Debian fonts-noto-color-emoji), declared as "coursemap-emoji" with
//   a unicode-range of the characters that default to emoji presentation (Unicode's
//   Emoji_Presentation=Yes, e.g. ⚡ ✅ 🚀) and the joiners of emoji sequences only, so it never
//   supplies spaces, digits, `#`, ©, ™, arrows or text-default symbols such as ❤ ☺ ✔ (those stay
//   text; followed by U+FE0F, Chromium draws them in colour by itself).
//
// A standalone SVG gets a subset of each text font for its own characters as @font-face data:
// URLs (subset-font, i.e. HarfBuzz, to WOFF); an HTML page (deck, study map) gets one such block
// for the whole page, shared by every SVG inlined in it. The emoji face is the exception: the
// HarfBuzz build of subset-font drops the colour bitmap tables (CBDT/CBLC) of Noto Color Emoji,
// so its subset has no glyph images at all and a bare ⚡ fell through to DejaVu's monochrome
// glyph. The emoji face names the installed font with local() instead, limited by unicode-range
// to the emoji the page uses; where that font is missing the viewer's own emoji font draws them.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as hb from 'harfbuzzjs';
import subsetFont from 'subset-font';

/** The font-family stack of every diagram and print page. No system emoji family. */
export const FONT_FAMILY = '"coursemap-emoji", "DejaVu Sans", "Noto Sans SC", "Noto Sans CJK SC", sans-serif';
export const EMOJI_FAMILY = 'coursemap-emoji';
export const CJK_FAMILY = 'Noto Sans SC';

/**
 * The blocks emoji come from: the emoji blocks, dingbats, misc symbols and the joiners of emoji
 * sequences. No ASCII, no arrows or ™ (text fonts draw those), no CJK symbols. Within them only
 * `isEmoji` code points go to the emoji face.
 */
export const EMOJI_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x200d, 0x200d],
  [0x20e3, 0x20e3],
  [0x231a, 0x231b],
  [0x23e9, 0x23f3],
  [0x23f8, 0x23fa],
  [0x25fd, 0x25fe],
  [0x2600, 0x27bf],
  [0x2934, 0x2935],
  [0x2b05, 0x2b07],
  [0x2b1b, 0x2b1c],
  [0x2b50, 0x2b50],
  [0x2b55, 0x2b55],
  [0xfe0f, 0xfe0f],
  [0x1f000, 0x1faff],
  [0xe0020, 0xe007f],
];

const resolveFile = (spec: string): string | null => {
  try {
    return fileURLToPath(import.meta.resolve(spec));
  } catch {
    return null;
  }
};

export interface FontFile {
  family: string;
  weight: 400 | 700;
  style: 'normal' | 'italic';
  path: string;
}

const DEJAVU_DIR = dirname(resolveFile('dejavu-fonts-ttf/package.json') ?? '.');
export const DEJAVU: Readonly<Record<'regular' | 'bold' | 'italic', FontFile>> = {
  regular: { family: 'DejaVu Sans', weight: 400, style: 'normal', path: join(DEJAVU_DIR, 'ttf', 'DejaVuSans.ttf') },
  bold: { family: 'DejaVu Sans', weight: 700, style: 'normal', path: join(DEJAVU_DIR, 'ttf', 'DejaVuSans-Bold.ttf') },
  italic: {
    family: 'DejaVu Sans',
    weight: 400,
    style: 'italic',
    path: join(DEJAVU_DIR, 'ttf', 'DejaVuSans-Oblique.ttf'),
  },
};

const EMOJI_PATHS = ['/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf', '/usr/share/fonts/noto/NotoColorEmoji.ttf'];
/** The emoji font file, when the system has one (setup installs Debian's fonts-noto-color-emoji). */
export const EMOJI_FILE: string | null = EMOJI_PATHS.find((p) => existsSync(p)) ?? null;

/** The CSS of @fontsource/noto-sans-sc, weight 400 (one @font-face per unicode-range chunk). */
export const CJK_CSS: string | null = resolveFile('@fontsource/noto-sans-sc/400.css');

export interface CjkChunk {
  path: string;
  ranges: Array<[number, number]>;
}

export function parseUnicodeRange(value: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const part of value.split(',')) {
    const m = /U\+([0-9a-f?]+)(?:-([0-9a-f]+))?/i.exec(part.trim());
    if (!m) continue;
    const lo = parseInt(m[1]!.replace(/\?/g, '0'), 16);
    const hi = m[2] ? parseInt(m[2], 16) : parseInt(m[1]!.replace(/\?/g, 'f'), 16);
    out.push([lo, hi]);
  }
  return out;
}

let cjkChunks: CjkChunk[] | null = null;
export function cjkFontChunks(): CjkChunk[] {
  if (cjkChunks) return cjkChunks;
  cjkChunks = [];
  if (!CJK_CSS) return cjkChunks;
  const css = readFileSync(CJK_CSS, 'utf8');
  for (const block of css.match(/@font-face\s*\{[^}]*\}/g) ?? []) {
    const src = /url\((?:'|")?([^)'"]+\.woff2)/.exec(block)?.[1];
    const range = /unicode-range:\s*([^;}]+)/.exec(block)?.[1];
    if (src && range) cjkChunks.push({ path: join(dirname(CJK_CSS), src), ranges: parseUnicodeRange(range) });
  }
  return cjkChunks;
}

const inRanges = (cp: number, ranges: ReadonlyArray<readonly [number, number]>) =>
  ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
const EMOJI_PRESENTATION = /^\p{Emoji_Presentation}$/u;
/** Parts of emoji sequences: ZWJ, keycap, VS16, tag characters (not emoji by themselves). */
const SEQUENCE_PARTS: ReadonlyArray<readonly [number, number]> = [
  [0x200d, 0x200d],
  [0x20e3, 0x20e3],
  [0xfe0f, 0xfe0f],
  [0xe0020, 0xe007f],
];
/** Drawn by the emoji face: emoji presentation by default (⚡ yes; ❤ ✔ © ™ ↔ 1 # no), or a sequence part. */
const isEmoji = (cp: number): boolean =>
  inRanges(cp, EMOJI_RANGES) && (inRanges(cp, SEQUENCE_PARTS) || EMOJI_PRESENTATION.test(String.fromCodePoint(cp)));

/**
 * Drawn by the emoji face: an isEmoji code point, or a symbol of the emoji blocks DejaVu Sans has
 * no glyph for (drawn as an emoji rather than by whatever font the system picks).
 */
function emojiFace(cp: number): boolean {
  return isEmoji(cp) || (inRanges(cp, EMOJI_RANGES) && !fontCoverage(DEJAVU.regular.path).has(cp));
}

/** The emojiFace code points as a CSS unicode-range value (the render page's emoji face). */
export function emojiRangeCss(): string {
  const all = EMOJI_RANGES.flatMap(([lo, hi]) => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i));
  return unicodeRange(all.filter(emojiFace));
}

const coverage = new Map<string, Set<number>>();
/** The code points a font file maps (its cmap), read with HarfBuzz. */
export function fontCoverage(path: string): Set<number> {
  let set = coverage.get(path);
  if (!set) {
    const face = new hb.Face(new hb.Blob(readFileSync(path)));
    set = new Set(face.collectUnicodes());
    coverage.set(path, set);
  }
  return set;
}

/** `U+41-43,U+4E2D` for a sorted list of code points. */
export function unicodeRange(cps: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < cps.length; i++) {
    let j = i;
    while (j + 1 < cps.length && cps[j + 1] === cps[j]! + 1) j++;
    const hex = (n: number) => n.toString(16).toUpperCase();
    parts.push(j > i ? `U+${hex(cps[i]!)}-${hex(cps[j]!)}` : `U+${hex(cps[i]!)}`);
    i = j;
  }
  return parts.join(',');
}

export interface FaceNeeds {
  bold?: boolean;
  italic?: boolean;
}

interface Assignment {
  file: FontFile;
  cps: number[];
}

/** Which bundled font draws each character, in the order of FONT_FAMILY (what a browser does). */
export function assignFonts(text: string, needs: FaceNeeds = {}): Assignment[] {
  const cps = [...new Set(Array.from(text, (c) => c.codePointAt(0)!))]
    .filter((cp) => cp >= 0x20 && cp !== 0x7f)
    .sort((a, b) => a - b);
  // The emoji face comes first in FONT_FAMILY, limited by unicode-range to emoji code points.
  const emojiCover = EMOJI_FILE ? fontCoverage(EMOJI_FILE) : new Set<number>();
  const emoji = cps.filter((cp) => emojiFace(cp) && emojiCover.has(cp));
  const dejavu = fontCoverage(DEJAVU.regular.path);
  const latin = cps.filter((cp) => !emoji.includes(cp) && dejavu.has(cp));
  const left = cps.filter((cp) => !emoji.includes(cp) && !dejavu.has(cp));
  const out: Assignment[] = [];
  if (latin.length) {
    out.push({ file: DEJAVU.regular, cps: latin });
    if (needs.bold) out.push({ file: DEJAVU.bold, cps: latin });
    if (needs.italic) out.push({ file: DEJAVU.italic, cps: latin });
  }
  if (emoji.length && EMOJI_FILE)
    out.push({ file: { family: EMOJI_FAMILY, weight: 400, style: 'normal', path: EMOJI_FILE }, cps: emoji });
  for (const chunk of cjkFontChunks()) {
    const mine = left.filter((cp) => inRanges(cp, chunk.ranges));
    if (mine.length)
      out.push({ file: { family: CJK_FAMILY, weight: 400, style: 'normal', path: chunk.path }, cps: mine });
  }
  return out;
}

const subsets = new Map<string, Promise<string>>();
const made = { count: 0, ms: 0, running: 0, since: 0 };
/**
 * Font subsets made by this process so far and the wall time while at least one was being made
 * (`build --timings`; subsets made side by side count once).
 */
export function fontSubsetStats(): { count: number; ms: number } {
  return { count: made.count, ms: made.ms + (made.running > 0 ? performance.now() - made.since : 0) };
}

/**
 * One @font-face rule with a WOFF subset of `file` for `cps` as a data: URL (memoised). WOFF, not
 * WOFF2: its zlib compression took ~40 ms a subset where WOFF2's Brotli (quality 11, in
 * WebAssembly) took ~200 ms, which made font subsets 7 of the ~23 s of a cold DDIA build, for
 * files about a quarter bigger (a DejaVu subset of a page's characters: 18.9 kB vs 15.1 kB).
 */
function faceRule(a: Assignment): Promise<string> {
  // No data: subset for the emoji face (see the top of this file): it would hold no colour glyphs.
  if (a.file.family === EMOJI_FAMILY)
    return Promise.resolve(
      `@font-face{font-family:"${EMOJI_FAMILY}";src:local("Noto Color Emoji"),local("NotoColorEmoji");unicode-range:${unicodeRange(a.cps)}}`,
    );
  const key = `${a.file.path}\0${a.file.weight}\0${a.file.style}\0${a.cps.join(',')}`;
  let rule = subsets.get(key);
  if (!rule) {
    rule = (async () => {
      const text = String.fromCodePoint(...a.cps);
      if (made.running++ === 0) made.since = performance.now();
      const woff = await subsetFont(readFileSync(a.file.path), text, { targetFormat: 'woff' }).finally(() => {
        if (--made.running === 0) made.ms += performance.now() - made.since;
      });
      made.count++;
      return (
        `@font-face{font-family:"${a.file.family}";font-style:${a.file.style};font-weight:${a.file.weight};` +
        `src:url(data:font/woff;base64,${Buffer.from(woff).toString('base64')}) format("woff");unicode-range:${unicodeRange(a.cps)}}`
      );
    })();
    subsets.set(key, rule);
  }
  return rule;
}

/** @font-face rules (data: URLs) covering every character of `text` the bundled fonts have. */
export async function fontFaceCss(text: string, needs: FaceNeeds = {}): Promise<string> {
  const rules = await Promise.all(assignFonts(text, needs).map(faceRule));
  return rules.join('\n');
}

/** The @font-face rules of the render page: whole bundled fonts by file:// URL (measured with). */
export function renderPageFontCss(): string {
  const faces = [DEJAVU.regular, DEJAVU.bold, DEJAVU.italic].map(
    (f) =>
      `@font-face{font-family:"${f.family}";font-style:${f.style};font-weight:${f.weight};src:url("${pathToFileURL(f.path).href}") format("truetype")}`,
  );
  const emojiSrc = EMOJI_FILE
    ? `url("${pathToFileURL(EMOJI_FILE).href}") format("truetype")`
    : 'local("Noto Color Emoji")';
  faces.push(`@font-face{font-family:"${EMOJI_FAMILY}";src:${emojiSrc};unicode-range:${emojiRangeCss()}}`);
  return faces.join('\n');
}

/** Files and folders the render page may read for its fonts (request sandbox). */
export function fontAssetPaths(): { dirs: string[]; files: string[] } {
  return {
    dirs: [join(DEJAVU_DIR, 'ttf'), ...(CJK_CSS ? [dirname(CJK_CSS)] : [])],
    files: EMOJI_FILE ? [EMOJI_FILE] : [],
  };
}
