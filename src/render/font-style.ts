// The marker of the font block embedSvgFonts adds to a standalone SVG, and its inverse. Kept apart
// from embed-fonts.ts so that reading a reused SVG back does not load the font subsetter.
export const SVG_FONT_STYLE = 'coursemap-fonts';

/** The SVG as rendered, from a standalone file that embedSvgFonts wrote (reused outputs). */
export function unembedSvgFonts(svg: string): string {
  return svg.replace(new RegExp(`<style class="${SVG_FONT_STYLE}">[\\s\\S]*?</style>`), '');
}
