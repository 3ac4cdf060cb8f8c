// The renderer's public vocabulary: limits, options, jobs, results, errors and
// lifecycle events. Types and constants only (no behaviour); re-exported by
// ./renderer.ts, which remains the public face of the renderer.
import type { Theme } from './themes.ts';

/** Bump when a change of src/render/ changes output bytes (invalidates caches). */
export const RENDERER_VERSION = 3;
/** mermaid's default maxTextSize; longer sources are rejected as 'too-large'. */
export const MAX_TEXT_SIZE = 50_000;
/** Largest PNG side / area we ask Chromium for. */
export const MAX_PNG_SIDE = 16_384;
export const MAX_PNG_PIXELS = 100_000_000;

export type Format = 'svg' | 'png';

export interface RenderOptions {
  /** mermaid theme, default 'default'. A diagram's own init directive may pick another. */
  theme?: Theme;
  /** CSS colour behind the diagram (SVG style + PNG), 'white' by default; 'transparent' for none. */
  background?: string;
  /** PNG device pixels per SVG pixel, default 2. */
  scale?: number;
  /** Per-diagram time limit (ms), default 15000. */
  timeoutMs?: number;
  formats: Format[];
  /** HTML labels (<foreignObject>); default false, so labels are real SVG <text>. */
  htmlLabels?: boolean;
}

export type RenderErrorKind = 'syntax' | 'render' | 'timeout' | 'crash' | 'too-large';

export interface RenderError {
  message: string;
  /** 1-based line in the job's `source` (null when mermaid gives none). */
  line: number | null;
  /** 1-based column (null when unknown). */
  column: number | null;
  /**
   * syntax: mermaid rejected the source (parse error, unknown diagram type);
   * render: parsed, but layout/rendering threw (e.g. a blocked image);
   * timeout: over timeoutMs; crash: the browser died (twice) or could not start;
   * too-large: source over mermaid's maxTextSize, or PNG over MAX_PNG_SIDE/MAX_PNG_PIXELS
   *   (the SVG is still returned in that case).
   */
  kind: RenderErrorKind;
}

export interface RenderResult {
  id: string;
  svg?: string;
  png?: Uint8Array;
  /** SVG size in CSS px (its width/height attributes); 0 when nothing was rendered. */
  width: number;
  height: number;
  error?: RenderError;
  warnings: string[];
  /** true when served from the cache. */
  cached?: boolean;
}

export interface RenderJob {
  id: string;
  source: string;
}

export interface ValidateResult {
  ok: boolean;
  error?: { message: string; line: number | null; column: number | null };
  warnings: string[];
}

/** Timing / lifecycle events, for logs and benchmarks. */
export type RenderEvent =
  | { type: 'launch'; ms: number; remote: boolean; pid: number | null }
  | { type: 'page-ready'; slot: number; ms: number }
  | { type: 'job'; id: string; ms: number; svgMs: number; pngMs: number; ok: boolean }
  | { type: 'timeout'; id: string }
  | { type: 'crash'; attempt: number };
