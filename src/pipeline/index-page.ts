// The list of every output of a build: every deck (with its first slide as a thumbnail when PNGs
// were exported), PDF, map, diagram and any other output (study map, companion, flashcards…).
// The site's home page (src/pipeline/site.ts) shows it.
import { escapeHtml } from '../generate/slides/markdown.ts';
import type { OutputRecord } from './outputs.ts';
import type { StageContext } from './stages.ts';

interface Entry {
  title: string;
  href: string;
  thumb: string | null;
  extra: Array<{ label: string; href: string }>;
}

const attr = (s: string) => escapeHtml(encodeURI(s));

/** What a reader calls the outputs that are not a chapter's: "Study map (PDF)", not "study-map.pdf". */
const NAMES: Record<string, string> = {
  'study-map': 'Study map',
  companion: 'Study companion',
  'flashcards/anki': 'Flashcards for Anki',
  'flashcards/cards': 'Flashcards',
  'decks/course': 'Course deck',
};
const KIND: Record<string, string> = {
  html: 'page',
  pdf: 'PDF',
  png: 'image',
  svg: 'image',
  csv: 'CSV',
  txt: 'text',
  pptx: 'PowerPoint',
  json: 'data',
};

export function humanTitle(path: string): string {
  const m = /^(.*)\.([a-z0-9]+)$/i.exec(path);
  const stem = m?.[1] ?? path;
  const ext = (m?.[2] ?? '').toLowerCase();
  const name =
    NAMES[stem] ??
    stem
      .split('/')
      .pop()!
      .replace(/[-_]+/g, ' ')
      .replace(/^./, (c) => c.toUpperCase());
  return `${name} (${KIND[ext] ?? ext.toUpperCase()})`;
}

function card(e: Entry): string {
  // No picture: an icon naming the file's type instead of an empty box.
  const ext = /\.([a-z0-9]+)$/i.exec(e.href)?.[1]?.toUpperCase() ?? '';
  const img = e.thumb
    ? `<img src="${attr(e.thumb)}" alt="" loading="lazy">`
    : `<div class="noimg" aria-hidden="true"><span class="ext">${escapeHtml(ext)}</span></div>`;
  const extra = e.extra.map((x) => ` <a class="fmt" href="${attr(x.href)}">${escapeHtml(x.label)}</a>`).join('');
  return `<li><a href="${attr(e.href)}">${img}<span>${escapeHtml(e.title)}</span></a>${extra}</li>`;
}

function section(title: string, entries: Entry[]): string {
  return entries.length
    ? `<h2>${escapeHtml(title)}</h2>\n<ul class="cards">\n${entries.map(card).join('\n')}\n</ul>`
    : '';
}

/** Every deck the build may have written, in course order: chapter decks (lecture by lecture), then the course deck. */
function decksOf(course: StageContext['course'], paths: ReadonlySet<string>): Array<{ slug: string; title: string }> {
  // A chapter split into lectures has decks <slug>.html, <slug>-lecture-2.html, …
  const lectures = (slug: string) =>
    [...paths]
      .map((p) => new RegExp(`^decks/${slug.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-lecture-(\\d+)\\.html$`).exec(p))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
  return [
    ...course.chapters.flatMap((c) => {
      const more = lectures(c.slug);
      const n = more.length ? Math.max(...more) : 1;
      return [
        { slug: c.slug, title: `${c.number}. ${c.title}${more.length ? ` (1/${n})` : ''}` },
        ...more.map((k) => ({ slug: `${c.slug}-lecture-${k}`, title: `${c.number}. ${c.title} (${k}/${n})` })),
      ];
    }),
    { slug: 'course', title: `${course.title} (course deck)` },
  ];
}

/**
 * A map or diagram titled for people: by its chapter ("5. Replication", "5. Replication — 2", its
 * parts "— 2, part 3"), a course-level diagram by the course ("Designing … — 1").
 */
function titleOf(course: StageContext['course'], name: string): string {
  if (name === 'course-map') return `${course.title} (course map)`;
  const c = [...course.chapters]
    .sort((a, b) => b.slug.length - a.slug.length)
    .find((x) => name === x.slug || name.startsWith(`${x.slug}-`));
  const [owner, slug] = c ? [`${c.number}. ${c.title}`, c.slug] : [course.title, 'course'];
  if (name === slug) return owner;
  if (!name.startsWith(`${slug}-`)) return name;
  const rest = name
    .slice(slug.length + 1)
    .replace(/-part-(\d+)$/, ', part $1')
    .replace(/-flipped$/, ', turned');
  return `${owner} — ${rest}`;
}

/** The listing of every output (decks with thumbnails, maps, diagrams, the rest), as HTML sections. */
export function outputSections(ctx: Pick<StageContext, 'course'>, written: readonly OutputRecord[]): string {
  const paths = new Set(written.map((w) => w.path));
  const used = new Set<string>([
    'index.html',
    'model.json',
    ...[...paths].filter((p) => /^chapters\/[^/]+\.html$/.test(p)),
  ]);
  const take = (p: string) => (paths.has(p) ? (used.add(p), p) : null);
  const deckSlugs = decksOf(ctx.course, paths);
  const decks: Entry[] = [];
  for (const d of deckSlugs) {
    const href = take(`decks/${d.slug}.html`);
    if (!href) continue;
    const pngs = [...paths].filter((p) => p.startsWith(`decks/${d.slug}/slide-`)).sort();
    for (const p of pngs) used.add(p);
    const pdf = take(`decks/${d.slug}.pdf`);
    const pptx = take(`decks/${d.slug}.pptx`);
    decks.push({
      title: d.title,
      href,
      thumb: pngs[0] ?? null,
      extra: [
        ...(pdf ? [{ label: 'PDF', href: pdf }] : []),
        ...(pptx ? [{ label: 'PowerPoint', href: pptx }] : []),
        ...(pngs.length ? [{ label: `${pngs.length} PNG`, href: `decks/${d.slug}/` }] : []),
      ],
    });
  }
  const images = (prefix: string): Entry[] => {
    const names = [
      ...new Set(
        [...paths]
          .filter((p) => p.startsWith(prefix) && /\.(svg|png)$/.test(p))
          .map((p) => p.replace(/\.(svg|png)$/, '')),
      ),
    ].sort();
    return names.map((n) => {
      const svg = take(`${n}.svg`);
      const png = take(`${n}.png`);
      take(`${n}.mmd`);
      return {
        title: titleOf(ctx.course, n.slice(prefix.length)),
        href: (svg ?? png)!,
        thumb: svg ?? png,
        extra: [
          ...(svg && png ? [{ label: 'PNG', href: png }] : []),
          ...(paths.has(`${n}.mmd`) ? [{ label: 'Mermaid', href: `${n}.mmd` }] : []),
        ],
      };
    });
  };
  const maps = images('maps/');
  const diagrams = images('diagrams/');
  const others = [...paths]
    .filter((p) => !used.has(p) && !p.endsWith('.mmd') && p !== 'manifest.json')
    .sort()
    .map((p) => ({ title: humanTitle(p), href: p, thumb: /\.(svg|png)$/.test(p) ? p : null, extra: [] }));
  return [
    section('Slide decks', decks),
    section('Concept maps', maps),
    section('Diagrams', diagrams),
    section('Other outputs', others),
    '<p><a href="model.json">model.json</a> — the course model with every message of the build.</p>',
  ]
    .filter(Boolean)
    .join('\n');
}
