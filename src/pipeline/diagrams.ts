// The diagram stage of a build: concept maps from templates and the course's authored mermaid
// blocks, rendered to SVG/PNG in the shared renderer, written as .mmd/.svg/.png.
import type { VFile } from 'vfile';
import { checkAuthored, shortMessage } from '../generate/mermaid/authored.ts';
import { wordSafeSource } from '../generate/mermaid/mermaid-wrap.ts';
import { linkSvgNodes, type NodeLink } from '../generate/links/svg-links.ts';
import { chapterMapLinks, courseMapLinks, deckHref } from '../generate/links/targets.ts';
import { keyOf } from './manifest.ts';
import type { GeneratedDiagram } from '../generate/maps/maps.ts';
import { addSvgTitle } from '../generate/maps/svg-a11y.ts';
import type { TemplateSet } from '../generate/templates.ts';
import { diagnosticsFor } from '../model/messages.ts';
import type { Chapter, Course, Point } from '../model/types.ts';
import { embedSvgFonts, type Format, type Renderer, type Theme } from '../render/index.ts';
import type { Outputs } from './outputs.ts';
import type { RenderedDiagram } from './stages.ts';
import { stringsFor } from '../generate/strings.ts';

export interface DiagramOptions {
  formats: Format[];
  theme: Theme;
  background: string;
  scale: number;
  timeoutMs: number;
}

export interface Job {
  name: string;
  /** The .mmd text; '' when the diagram cannot be rendered. */
  source: string;
  /** What the renderer gets, when it differs from `source` (authored HTML tags made inert, widths that keep words whole). */
  renderSource?: string;
  title: string;
  description: string;
  /** Where a failure is reported. */
  file: VFile;
  at: Point;
  /** Maps the diagram's source line to a Markdown line (authored blocks only). */
  line?: (sourceLine: number) => number;
  chapter: number | null;
  /** The authored diagram's type keyword (flowchart, stateDiagram-v2…); maps have none. */
  kind?: string;
  /** Map nodes that link to deck slides in the written SVG (maps only; the PNG and inlined SVGs have none). */
  links?: NodeLink[];
  /**
   * A chapter map whose chapter may be split into lectures: its links with the lecture plan
   * (nodes of sections in lecture 2, 3… open that lecture's file). Called only when the SVG is
   * written, so a build that reuses the map never loads the slide code; `lectureKey` stands for
   * it in the output's key (the chapter and the lecture target decide the plan).
   */
  lectureLinks?: () => Promise<NodeLink[]>;
  lectureKey?: string;
}

/**
 * Builds the list of diagrams, reporting authored-block problems on the course files. `maps`: the
 * generated concept maps when the caller has them (the build's maps cache), else generated here.
 */
export async function diagramJobs(
  course: Course,
  files: readonly VFile[],
  templates: TemplateSet,
  maps?: readonly GeneratedDiagram[],
  lectureSlides?: number,
): Promise<Job[]> {
  const fileOf = (path: string) => files.find((f) => f.path === path) ?? files[0];
  const jobs: Job[] = [];
  for (const map of maps ?? (await import('../generate/maps/maps.ts')).generateMaps(course, templates)) {
    const chapter = course.chapters.find((c) => c.number === map.chapter);
    const file = fileOf(chapter?.file ?? course.files[0] ?? '');
    if (!file) continue;
    const takeaways = stringsFor(course.language).keyTakeaways;
    const links = chapter
      ? chapterMapLinks(chapter, (slide) => deckHref(chapter, slide), takeaways)
      : courseMapLinks(course, (c) => deckHref(c, null));
    const lectures = chapter && lectureSlides !== 0 ? lectureLinks(course, chapter, lectureSlides, takeaways) : {};
    jobs.push({
      name: map.name,
      source: map.source,
      title: map.title,
      description: map.description,
      file,
      at: chapter?.position.start ?? { line: 1, column: 1, offset: 0 },
      chapter: map.chapter,
      links,
      ...lectures,
    });
  }
  for (const a of await checkAuthored(course)) {
    const file = fileOf(a.file);
    if (!file) continue;
    const diag = diagnosticsFor(file);
    if (a.error && a.render) {
      diag.warn(
        { line: a.error.line, column: a.error.column, offset: 0 },
        `Mermaid syntax error (${shortMessage(a.error.message)}); rendered the repaired diagram`,
        'mermaid-repaired',
        `Run "coursemap lint --fix" to repair it in the file (${a.changes.length} change${a.changes.length === 1 ? '' : 's'}).`,
      );
    } else if (a.error) {
      diag.error(
        { line: a.error.line, column: a.error.column, offset: 0 },
        `Mermaid syntax error: ${shortMessage(a.error.message)}`,
        'mermaid-syntax',
        'Quote labels that contain brackets or parentheses: A["label (with) brackets"].',
      );
    }
    const title = `Diagram ${a.name.split('/')[1] ?? ''}`;
    jobs.push({
      name: a.name,
      source: a.render ?? '',
      renderSource: wordSafeSource(a.diagram.kind, inertTags(a.render ?? '')),
      title,
      description: `Authored ${a.diagram.kind} diagram.`,
      kind: a.diagram.kind,
      file,
      at: a.diagram.position.start,
      line: (n) => a.diagram.position.start.line + n,
      chapter: a.diagram.chapter,
    });
  }
  return jobs;
}

/**
 * HTML tags in authored labels would be stripped by mermaid's sanitizer, text and all: show them
 * as text instead, with look-alike angle brackets. `<br>` stays, it is a line break in labels.
 */
export function inertTags(source: string): string {
  return source.replace(/<(\/?)(?!br\s*\/?>)([a-z][\w-]*)([^<>]*)>/gi, '‹$1$2$3›');
}

/** Writes every .mmd, renders what can be rendered and writes the images; failures become messages. */
export async function buildDiagrams(
  jobs: readonly Job[],
  renderer: Renderer,
  outputs: Outputs,
  options: DiagramOptions,
): Promise<Map<string, RenderedDiagram>> {
  const rendered = new Map<string, RenderedDiagram>();
  for (const job of jobs) if (job.source) await outputs.write(`${job.name}.mmd`, job.source);
  const renderable = jobs.filter((j) => j.source);
  if (renderable.length === 0) return rendered;
  // Document stages inline the SVGs, so diagrams are rendered even when no image format is asked for.
  const formats: Format[] = options.formats.includes('svg') ? options.formats : ['svg', ...options.formats];
  const results = await renderer.render(
    renderable.map((j) => ({ id: j.name, source: j.renderSource ?? j.source })),
    {
      formats,
      theme: options.theme,
      background: options.background,
      scale: options.scale,
      timeoutMs: options.timeoutMs,
    },
  );
  for (const [i, result] of results.entries()) {
    const job = renderable[i];
    if (!job) continue;
    outputs.countRender(result.cached === true);
    if (result.error) {
      const line = result.error.line !== null && job.line ? job.line(result.error.line) : job.at.line;
      const at = {
        line,
        column: result.error.line !== null && job.line ? (result.error.column ?? 1) : job.at.column,
        offset: 0,
      };
      diagnosticsFor(job.file).error(
        at,
        `${job.name}: ${result.error.kind} error: ${result.error.message.split('\n')[0]}`,
        `render-${result.error.kind}`,
        result.error.kind === 'timeout'
          ? 'Simplify the diagram or raise --timeout.'
          : 'The other outputs were still written.',
      );
    }
    for (const w of result.warnings) diagnosticsFor(job.file).warn(job.at, `${job.name}: ${w}`, 'render-warning');
    const svg = result.svg ? addSvgTitle(result.svg, job.title, job.description) : null;
    rendered.set(job.name, { name: job.name, svg, chapter: job.chapter });
    // The standalone file carries its glyphs; the inlined copy (decks, print) uses the page's shared fonts.
    const links = job.lectureLinks ? await job.lectureLinks() : job.links;
    if (svg && options.formats.includes('svg'))
      await outputs.write(`${job.name}.svg`, await embedSvgFonts(links ? linkSvgNodes(svg, links) : svg));
    if (result.png && options.formats.includes('png')) await outputs.write(`${job.name}.png`, result.png);
  }
  return rendered;
}

/**
 * A chapter map's nodes link into lecture 2, 3… of a chapter split into lectures: the plan is
 * made only when the SVG is written (a build that reuses its maps loads no slide code).
 */
function lectureLinks(course: Course, chapter: Chapter, lectureSlides: number | undefined, takeaways: string) {
  return {
    lectureKey: keyOf({
      chapter,
      lectureSlides: lectureSlides ?? null,
      language: course.language,
      author: course.author,
    }),
    lectureLinks: async () => {
      const { planLectures } = await import('../generate/slides/lecture-plan.ts');
      const homes = planLectures(course, chapter, lectureSlides).homes;
      return chapterMapLinks(chapter, (slide) => deckHref(chapter, slide, 'sibling', homes), takeaways);
    },
  };
}
