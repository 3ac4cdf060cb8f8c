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
  THEMES,
  type Theme,
  type Format,
  type RenderResult,
  type RenderJob,
  type RendererOptions,
  type RenderEvent,
} from './renderer.ts';
export { RenderCache, cacheKey, DEFAULT_CACHE_DIR } from './diagrams/cache.ts';
export { prepareSource } from './diagrams/sanitize.ts';
export { MERMAID_VERSION } from './page.ts';
export { embedSvgFonts, embedPageFonts, stripSvgFonts, svgText, htmlText } from './fonts/embed-fonts.ts';
export { findExecutable } from './browser.ts';
export { withDocumentPage } from './documents/documents.ts';
