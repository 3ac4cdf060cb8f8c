// The script `coursemap dev` serves to every page (live reload and the error overlay) is sent as
// text: a slip in its escaping would only show in a browser, as a dead page. It must parse, and
// its path rule must turn "/chapters/" into "/chapters/index.html".
import { describe, expect, it } from 'vitest';
import { CLIENT_JS } from '../src/cli/dev/live.ts';

describe('the dev server page script', () => {
  it('is valid JavaScript', () => {
    expect(() => new Function(CLIENT_JS)).not.toThrow();
  });

  it('maps a folder address to its index.html', () => {
    const rule = /decodeURI\(location\.pathname\)\.replace\((\/.*\/), '\/index\.html'\)/.exec(CLIENT_JS)?.[1];
    expect(rule).toBeDefined();
    const regex = new Function(`return ${rule}`)() as RegExp;
    expect('/chapters/'.replace(regex, '/index.html')).toBe('/chapters/index.html');
    expect('/chapters/a.html'.replace(regex, '/index.html')).toBe('/chapters/a.html');
  });
});
