// The one list of SVG elements coursemap keeps, in its two profiles (src/generate/svg-elements.ts):
// what the decks inline and what the SVG files and the render cache keep.
import { describe, expect, it } from 'vitest';
import { sanitizeSvg } from '../src/generate/slides/svg.ts';
import { SVG_ALLOWED } from '../src/generate/svg-elements.ts';
import { cleanSvg } from '../src/render/svg-clean.ts';

describe('SVG element profiles', () => {
  it('inline is a strict part of file: HTML labels and lighting filters are for files only', () => {
    expect([...SVG_ALLOWED.inline].filter((e) => !SVG_ALLOWED.file.has(e))).toEqual([]);
    expect(
      ['foreignobject', 'div', 'span', 'br', 'pattern', 'feturbulence'].filter((e) => SVG_ALLOWED.inline.has(e)),
    ).toEqual([]);
    expect(
      ['foreignobject', 'div', 'span', 'br', 'pattern', 'feturbulence'].every((e) => SVG_ALLOWED.file.has(e)),
    ).toBe(true);
  });

  it('neither profile keeps an element that runs, loads or animates anything', () => {
    const unsafe = [
      'script',
      'iframe',
      'object',
      'embed',
      'image',
      'img',
      'animate',
      'set',
      'animatetransform',
      'audio',
      'video',
      'link',
      'meta',
      'form',
      'input',
    ];
    expect(unsafe.filter((e) => SVG_ALLOWED.inline.has(e) || SVG_ALLOWED.file.has(e))).toEqual([]);
  });

  it('the two sanitisers follow their profile', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg"><g><rect width="1" height="1"/></g><foreignObject width="9" height="9"><div xmlns="http://www.w3.org/1999/xhtml"><span>label</span></div></foreignObject></svg>';
    expect(sanitizeSvg(svg)).not.toContain('foreignObject');
    expect(sanitizeSvg(svg)).toContain('<rect');
    const clean = cleanSvg(svg);
    expect(clean.svg).toBe(svg);
    expect(clean.removed).toEqual([]);
  });
});
