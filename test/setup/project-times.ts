// Vitest reporter (added to the default one): after the run, each project's wall time (first
// file started → last file ended), its files' summed durations and its slowest files, so that
// `npm test` shows where the time goes.
import type { Reporter, TestModule } from 'vitest/node';

interface Span {
  start: number;
  end: number;
  files: Array<{ name: string; ms: number }>;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export default class ProjectTimes implements Reporter {
  private readonly spans = new Map<string, Span>();
  private runStart = 0;

  onTestRunStart(): void {
    this.runStart = performance.now();
  }

  onTestModuleStart(module: TestModule): void {
    const name = module.project.name || 'default';
    const now = performance.now();
    const span = this.spans.get(name) ?? { start: now, end: now, files: [] };
    span.start = Math.min(span.start, now);
    this.spans.set(name, span);
  }

  onTestModuleEnd(module: TestModule): void {
    const span = this.spans.get(module.project.name || 'default');
    if (!span) return;
    span.end = Math.max(span.end, performance.now());
    span.files.push({ name: module.relativeModuleId, ms: module.diagnostic().duration });
  }

  onTestRunEnd(): void {
    if (this.spans.size === 0) return;
    const lines = ['', `Projects (run ${seconds(performance.now() - this.runStart)}):`];
    for (const [name, span] of [...this.spans].sort(([a], [b]) => a.localeCompare(b))) {
      const sum = span.files.reduce((n, f) => n + f.ms, 0);
      const slowest = [...span.files]
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 3)
        .map((f) => `${f.name} ${seconds(f.ms)}`);
      lines.push(
        `  ${name.padEnd(8)} ${seconds(span.end - span.start).padStart(8)} wall, ${span.files.length} files, ${seconds(sum)} summed; slowest: ${slowest.join(', ')}`,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}
