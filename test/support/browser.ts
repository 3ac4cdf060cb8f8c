// The run's shared Chromium (launched once by test/setup/browser.ts) for tests that render.
// Use these instead of a renderer or build of your own unless the test is about the browser
// itself (crash recovery, timeouts, leaks, process counts, launch events):
//
//   const result = await build(input, sharedBuild({ outDir, formats: ['svg'] }));
//   const renderer = await sharedRenderer({ cache: false });   // close it in afterAll
//   await withRenderer({ ...sharedBrowser(), cache: false }, (r) => …);
//   await cli('build', course, '--out', out, ...sharedBrowserArgs());
//
// A test file outside the browser project (no shared browser) gets an empty endpoint and the
// helpers fall back to a private browser, so old-style tests keep working wherever they run.
import { inject } from 'vitest';
import { DEFAULT_BUILD, type BuildOptions } from '../../src/pipeline/index.ts';
import { Renderer, type RendererOptions } from '../../src/render/index.ts';

/** The shared browser's endpoint, or undefined outside the browser project. */
export function sharedEndpoint(): string | undefined {
  const endpoint = (inject as (key: string) => unknown)('browserWSEndpoint');
  return typeof endpoint === 'string' && endpoint !== '' ? endpoint : undefined;
}

/** Spread into build options, Renderer.open or withRenderer: `{ ...sharedBrowser(), cache: false }`. */
export function sharedBrowser(): { browserWSEndpoint?: string } {
  const endpoint = sharedEndpoint();
  return endpoint ? { browserWSEndpoint: endpoint } : {};
}

/** CLI arguments for a `coursemap build` in the shared browser (in process or spawned). */
export function sharedBrowserArgs(): string[] {
  const endpoint = sharedEndpoint();
  return endpoint ? ['--browser-ws-endpoint', endpoint] : [];
}

const endpointOption = sharedBrowser;

/** DEFAULT_BUILD + `options`, rendering in the shared browser. */
export function sharedBuild(options: Partial<BuildOptions> & { outDir: string }): BuildOptions {
  return { ...DEFAULT_BUILD, ...endpointOption(), ...options };
}

/** A renderer whose pages live in the shared browser (close() only disconnects). */
export function sharedRenderer(options: RendererOptions = {}): Promise<Renderer> {
  return Renderer.open({ ...endpointOption(), ...options });
}
