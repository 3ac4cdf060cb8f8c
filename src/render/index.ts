// Public API of src/render/ — the only module of coursemap that touches a browser.
//
//   import { withRenderer } from './render/index.ts';
//   const results = await withRenderer({ cache: { dir: '.coursemap-cache' } }, (r) =>
//     r.render([{ id: 'intro-1', source: 'flowchart TD\n A --> B' }], { formats: ['svg', 'png'], theme: 'default' }),
//   );
//
// See renderer.ts for behaviour (pool, timeouts, crash recovery, caching),
// sanitize.ts for what a diagram's %%{init}%% / front matter may change,
// page.ts for what the page may load.
export {
  Renderer,
  withRenderer,
  diagramId,
  RENDERER_VERSION,
  MAX_TEXT_SIZE,
  MAX_PNG_SIDE,
  MAX_PNG_PIXELS,
  THEMES,
  type Theme,
  type Format,
  type RenderOptions,
  type RenderResult,
  type RenderError,
  type RenderErrorKind,
  type RenderJob,
  type RendererOptions,
  type RendererTestHooks,
  type RenderEvent,
  type ValidateResult,
} from './renderer.ts';
export { RenderCache, cacheKey, DEFAULT_CACHE_DIR, type RenderCacheOptions } from './cache.ts';
export { prepareSource, SECURE_KEYS, type PreparedSource } from './sanitize.ts';
export { MERMAID_VERSION, FONT_FAMILY } from './page.ts';
export { embedSvgFonts, embedPageFonts, stripSvgFonts, svgText, htmlText } from './embed-fonts.ts';
export { fontFaceCss, assignFonts, fontCoverage, EMOJI_RANGES, DEJAVU, EMOJI_FILE } from './fonts.ts';
export { findExecutable, type BrowserOptions } from './browser.ts';
export { withDocumentPage, type DocumentPageOptions } from './documents.ts';
export { runCleanups } from './cleanup.ts';
