// Slide templates: templates/slides/deck.html.hbs and one partial per slide kind, each
// overridable file by file through the build's template folders (TemplateSet.dirs). Unlike the
// Mermaid templates, these are HTML: Handlebars escapes every {{value}}; only the sanitised
// fields (…Html, svg) are inserted with {{{…}}}.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { TemplateSet } from '../templates.ts';

export const SLIDE_PARTIALS = [
  'title',
  'agenda',
  'section',
  'analogy',
  'definition',
  'table',
  'code',
  'diagram',
  'group',
  'map',
  'insight',
  'summary',
  '_heading',
  '_points',
  '_notes',
  '_figure',
  '_aside',
  '_maplink',
] as const;

export interface SlideTemplates {
  deck(data: object): string;
  /** A text asset of templates/slides/ (theme.css, init.js), with user overrides. */
  asset(name: string): string;
  /** sha256 of every slide template and asset in use (part of a deck's incremental-build key). */
  fingerprint: string;
}

function finder(dirs: readonly string[]): (name: string) => string {
  return (name) => {
    for (const dir of dirs) {
      const path = join(dir, 'slides', name);
      if (existsSync(path)) return readFileSync(path, 'utf8');
    }
    throw new Error(`slide template not found: slides/${name} (looked in ${dirs.join(', ')})`);
  };
}

/** Extra partials a user folder adds (slides/*.hbs that are not built in) are registered too. */
function userPartials(dirs: readonly string[]): string[] {
  const names = new Set<string>();
  for (const dir of dirs) {
    const folder = join(dir, 'slides');
    if (!existsSync(folder)) continue;
    for (const f of readdirSync(folder)) if (f.endsWith('.hbs') && !f.endsWith('.html.hbs')) names.add(f.slice(0, -4));
  }
  return [...names].sort();
}

export function slideTemplates(templates: Pick<TemplateSet, 'dirs'>): SlideTemplates {
  const find = finder(templates.dirs);
  const hb = Handlebars.create();
  for (const name of new Set([...SLIDE_PARTIALS, ...userPartials(templates.dirs)])) {
    hb.registerPartial(name, hb.compile(find(`${name}.hbs`), { strict: false }));
  }
  const deck = hb.compile(find('deck.html.hbs'), { strict: false });
  const hash = createHash('sha256');
  for (const name of [...SLIDE_PARTIALS, ...userPartials(templates.dirs)]
    .map((n) => `${n}.hbs`)
    .concat('deck.html.hbs', 'theme.css', 'init.js'))
    hash.update(`${name}\0${find(name)}\0`);
  return {
    fingerprint: hash.digest('hex'),
    deck: (data) => deck(data, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false }),
    asset: find,
  };
}
