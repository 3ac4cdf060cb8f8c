// Handlebars templates: the built-in ones under templates/, overridable file by file from a
// user folder (--templates). Templates produce Mermaid or HTML text; they never see the file system.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Handlebars from 'handlebars';
import { boxLines } from './maps/course-layout.ts';
import { accLine, markdownLabel, mermaidLabel, titleScalar } from './mermaid/mermaid-label.ts';
import { LABEL_WIDTH, wrapLabel } from './maps/wrap.ts';

export const BUILTIN_TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));

export interface TemplateSet {
  /** Folders searched in order; the built-in folder is always last. */
  dirs: string[];
  render(name: string, data: object): string;
  /** Where a template was found (for cache keys and messages). */
  source(name: string): { path: string; text: string };
}

/** Handlebars is loaded at the first render: a build that reuses every output never needs it. */
const loadHandlebars = () => createRequire(import.meta.url)('handlebars') as typeof Handlebars;

function newEnvironment(): typeof Handlebars {
  const hb = loadHandlebars().create();
  // {{label text}} breaks the label into lines of at most LABEL_WIDTH px at word boundaries;
  // {{label text wrap=240}} picks another width, wrap=0 keeps it on one line.
  hb.registerHelper('label', (text: unknown, options?: { hash?: { wrap?: unknown } }) => {
    const wrap = options?.hash?.wrap;
    return mermaidLabel(wrapLabel(String(text ?? ''), typeof wrap === 'number' ? wrap : LABEL_WIDTH));
  });
  // {{titled title text wrap=220}}: a box label whose title lines are bold, then the text's lines
  // in regular weight, each wrapped within `wrap` px in its own weight (a markdown string).
  hb.registerHelper('titled', (title: unknown, text: unknown, options?: { hash?: { wrap?: unknown } }) => {
    const wrap = options?.hash?.wrap;
    return markdownLabel(
      boxLines({ title: String(title ?? ''), idea: String(text ?? '') }, typeof wrap === 'number' ? wrap : LABEL_WIDTH),
    );
  });
  // {{mermaidTitle text}}: a diagram title for front matter (a YAML double-quoted scalar on one line).
  hb.registerHelper('mermaidTitle', (text: unknown) => titleScalar(String(text ?? '')));
  hb.registerHelper('acc', (kind: unknown, text: unknown) =>
    accLine(kind === 'accDescr' ? 'accDescr' : 'accTitle', String(text ?? '')),
  );
  return hb;
}

export function templateSet(userDir?: string): TemplateSet {
  const dirs = [...(userDir ? [userDir] : []), BUILTIN_TEMPLATES];
  let hb: typeof Handlebars | null = null;
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  const source = (name: string) => {
    for (const dir of dirs) {
      const path = join(dir, name);
      if (existsSync(path)) return { path, text: readFileSync(path, 'utf8') };
    }
    throw new Error(`template not found: ${name} (looked in ${dirs.join(', ')})`);
  };
  return {
    dirs,
    source,
    render(name, data) {
      let template = compiled.get(name);
      if (!template) {
        // noEscape: output is Mermaid, not HTML; the `label` helper does the escaping that matters.
        hb ??= newEnvironment();
        template = hb.compile(source(name).text, { noEscape: true, strict: true });
        compiled.set(name, template);
      }
      return template(data);
    },
  };
}
