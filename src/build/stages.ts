// The document stages of a build (decks, print…), run after the diagrams, in order, with the
// build's shared renderer. Each stage writes its own outputs and reports its own problems;
// one failing stage never stops the others.
import type { VFile } from 'vfile';
import type { TemplateSet } from '../generate/templates.ts';
import type { Course } from '../model/types.ts';
import type { Renderer, Theme } from '../render/index.ts';
import type { Outputs } from './outputs.ts';

export type OutputFormat = 'svg' | 'png' | 'html' | 'pdf';

export interface RenderedDiagram {
  /** Output name without extension, e.g. "maps/course-map" or "diagrams/3-storage-1". */
  name: string;
  svg: string | null;
  chapter: number | null;
}

export interface StageContext {
  course: Course;
  /** The course's files; report problems on them with diagnosticsFor(file). */
  files: readonly VFile[];
  templates: TemplateSet;
  renderer: Renderer;
  outputs: Outputs;
  formats: readonly OutputFormat[];
  theme: Theme;
  background: string;
  /** Rendered diagrams by name (maps and authored blocks), for inlining. */
  diagrams: ReadonlyMap<string, RenderedDiagram>;
  timeoutMs: number;
  /** Extra build settings that a stage understands (paper size, PDF notes…). */
  settings: Readonly<Record<string, string | boolean>>;
  phase: (phase: string, detail: string) => void;
}

export interface Stage {
  name: string;
  run(ctx: StageContext): Promise<void>;
}

export const STAGES: Stage[] = [];
