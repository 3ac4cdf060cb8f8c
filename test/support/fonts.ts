// Test helpers: which characters the @font-face data: URLs of an SVG or HTML page can draw.
import fontverter from 'fontverter';
import * as hb from 'harfbuzzjs';
import { PNG } from 'pngjs';
import { EMOJI_FILE, fontCoverage } from '../../src/render/fonts/fonts.ts';

export interface EmbeddedFace {
  family: string;
  range: Array<[number, number]>;
  /** Code points the font's cmap maps. */
  cmap: Set<number>;
}

function parseRange(value: string): Array<[number, number]> {
  return value.split(',').map((p) => {
    const [lo, hi] = p.trim().replace(/^U\+/i, '').split('-');
    return [parseInt(lo!, 16), parseInt(hi ?? lo!, 16)] as [number, number];
  });
}

/**
 * Every @font-face with a data: URL in `text` (an SVG or HTML file), with its real coverage; and
 * the emoji face, which names the installed Noto Color Emoji by local() (its cmap is that file's).
 */
export async function embeddedFaces(text: string): Promise<EmbeddedFace[]> {
  const out: EmbeddedFace[] = [];
  for (const m of text.matchAll(/@font-face\{([^}]*)\}/g)) {
    const body = m[1]!;
    const family = /font-family:"([^"]+)"/.exec(body)?.[1] ?? '';
    const data = /url\(data:font\/woff2?;base64,([A-Za-z0-9+/=]+)\)/.exec(body)?.[1];
    const range = /unicode-range:([^;}]+)/.exec(body)?.[1];
    if (!data) {
      if (EMOJI_FILE && /src:local\("Noto Color Emoji"\)/.test(body))
        out.push({ family, range: range ? parseRange(range) : [[0, 0x10ffff]], cmap: fontCoverage(EMOJI_FILE) });
      continue;
    }
    const sfnt = await fontverter.convert(Buffer.from(data, 'base64'), 'sfnt');
    const face = new hb.Face(new hb.Blob(new Uint8Array(sfnt)));
    out.push({ family, range: range ? parseRange(range) : [[0, 0x10ffff]], cmap: new Set(face.collectUnicodes()) });
  }
  return out;
}

/** Characters of `text` that no embedded face both declares (unicode-range) and maps (cmap). */
export function uncovered(text: string, faces: readonly EmbeddedFace[]): string[] {
  const missing = new Set<string>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || cp === 0x200b) continue;
    if (!faces.some((f) => f.cmap.has(cp) && f.range.some(([lo, hi]) => cp >= lo && cp <= hi))) missing.add(ch);
  }
  return [...missing];
}

/** Downscales an RGBA PNG by an integer factor (box filter), for small reference images. */
export function downscale(png: PNG, factor: number): PNG {
  const w = Math.max(1, Math.floor(png.width / factor));
  const h = Math.max(1, Math.floor(png.height / factor));
  const out = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const acc = [0, 0, 0, 0];
      for (let dy = 0; dy < factor; dy++) {
        for (let dx = 0; dx < factor; dx++) {
          const i = ((y * factor + dy) * png.width + (x * factor + dx)) * 4;
          for (let k = 0; k < 4; k++) acc[k]! += png.data[i + k]!;
        }
      }
      const o = (y * w + x) * 4;
      for (let k = 0; k < 4; k++) out.data[o + k] = Math.round(acc[k]! / (factor * factor));
    }
  }
  return out;
}
