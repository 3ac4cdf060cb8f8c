// Progress on stderr. On a TTY: one line that updates in place while a phase runs (parse, maps,
// decks, print, exports, with counts), then stays as the phase's result. Without a TTY (CI,
// pipes): plain lines, one per phase. --quiet: nothing but errors; --verbose: a line per output.
import type { OutputStatus } from '../pipeline/outputs.ts';
import type { RenderEvent } from '../render/index.ts';
import type { Io } from './common.ts';

export interface ProgressOptions {
  quiet: boolean;
  verbose: boolean;
  /** Defaults to io.isTTY. */
  tty?: boolean;
}

export interface Summary {
  outDir: string;
  written: number;
  unchanged: number;
  reused: number;
  deleted: number;
  rendered: number;
  fromCache: number;
  warnings: number;
  errors: number;
  ms: number;
  check?: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export class Progress {
  private readonly io: Io;
  private readonly quiet: boolean;
  private readonly verbose: boolean;
  private readonly tty: boolean;
  private live = false;
  private current = 'parse';
  private started = performance.now();
  private diagramsDone = 0;
  private launched = false;

  constructor(io: Io, options: ProgressOptions) {
    this.io = io;
    this.quiet = options.quiet;
    this.verbose = options.verbose;
    this.tty = (options.tty ?? io.isTTY ?? false) && io.write !== undefined && !options.quiet;
    if (this.tty) this.update('parse', 'reading the course…');
  }

  private line(text: string): void {
    if (this.quiet) return;
    if (this.live) this.clear();
    this.io.err(text);
  }

  private clear(): void {
    if (this.live && this.io.write) this.io.write('\r\x1b[K');
    this.live = false;
  }

  /** TTY only: the running phase's line, rewritten in place. */
  private update(phase: string, detail: string): void {
    if (!this.tty || !this.io.write) return;
    const secs = ((performance.now() - this.started) / 1000).toFixed(1);
    const text = `${phase.padEnd(6)} ${detail} (${secs} s)`;
    const width = process.stderr.columns || 100;
    this.io.write(`\r\x1b[K${text.length >= width ? `${text.slice(0, width - 2)}…` : text}`);
    this.live = true;
  }

  /** A phase finished (or reported): its line stays. */
  phase = (phase: string, detail: string): void => {
    this.line(`${phase.padEnd(6)} ${detail}`);
    this.current = phase === 'parse' ? 'maps' : phase === 'maps' ? 'decks' : phase;
    this.started = performance.now();
    this.diagramsDone = 0;
    if (this.tty) this.update(this.current, this.current === 'maps' ? 'checking diagrams…' : 'working…');
  };

  render = (event: RenderEvent): void => {
    if (event.type === 'launch') {
      this.launched = true;
      if (this.verbose)
        this.line(`browser ${event.remote ? 'connected' : 'launched'} in ${(event.ms / 1000).toFixed(1)} s`);
    }
    if (event.type === 'job') this.diagramsDone++;
    if (this.tty)
      this.update(
        this.current,
        `${this.launched ? '' : 'starting the browser… '}${plural(this.diagramsDone, 'diagram')} rendered`,
      );
  };

  /** --verbose: one line per output (--check prints its drift list itself, on stdout). */
  output = (path: string, status: OutputStatus): void => {
    if (this.verbose) this.line(`  ${status.padEnd(9)} ${path}`);
  };

  /** Clears the live line. */
  end(): void {
    this.clear();
  }

  summary(s: Summary): void {
    this.end();
    if (this.quiet) return;
    const total = s.written + s.unchanged + s.reused;
    const what = s.check
      ? `${plural(total, 'output')} checked (${s.written} differ, ${s.unchanged} regenerated identical, ${s.reused} reused), ${s.deleted} extra`
      : `${plural(total, 'output')} in ${s.outDir}/: ${s.written} written, ${s.unchanged} unchanged, ${s.reused} reused, ${s.deleted} deleted`;
    this.io.err(
      `done   ${what}; diagrams: ${s.rendered} rendered, ${s.fromCache} from cache; ${plural(s.warnings, 'warning')}, ${plural(s.errors, 'error')}; ${(s.ms / 1000).toFixed(1)} s`,
    );
  }
}
