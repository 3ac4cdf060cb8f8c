// What a build did, output by output: the lists and counts its report prints, and the manifest
// entries (path → sha256, unit) the next build reuses. Outputs (outputs.ts) fills them in.
import { readFile } from 'node:fs/promises';
import { outputPath, writeOutput } from '../write/files.ts';
import {
  keyOf,
  MANIFEST_FILE,
  MANIFEST_VERSION,
  manifestText,
  sha256,
  type Manifest,
  type ManifestOutput,
  type ManifestUnit,
} from './manifest.ts';
import type { CheckReport, OutputRecord, OutputsOptions, OutputStatus } from './outputs-types.ts';
import type { Shard } from './shard.ts';
import { unitFamily } from './unit-family.ts';

export class OutputRecords {
  /** Every output of this build: produced (written, or not rewritten because identical), reused, or kept for another shard. */
  readonly written: OutputRecord[] = [];
  readonly failed: Array<{ path: string; error: string }> = [];
  /** Produced outputs whose bytes changed (written to disk, or stale/missing with --check). */
  readonly changed: string[] = [];
  /** Produced outputs identical to the file already in out/ (not rewritten). */
  readonly unchanged: string[] = [];
  /** Outputs of reused units (nothing ran for them). */
  readonly reused: string[] = [];
  /** Outputs of the previous build deleted because no longer produced. */
  readonly deleted: string[] = [];
  /**
   * Files left as they are, with why: the last good outputs of a stage that failed this time
   * (stale), or files changed since coursemap wrote them (never deleted or overwritten).
   */
  readonly kept: Array<{ path: string; reason: 'stale' | 'edited' }> = [];
  /** Units run / reused / left to another shard. */
  readonly unitCounts = { built: 0, reused: 0, skipped: 0 };
  rendered = 0;
  fromCache = 0;
  readonly outDir: string;
  readonly check: boolean;
  protected readonly report: CheckReport = { stale: [], missing: [], extra: [] };
  protected readonly options: OutputsOptions;
  /** The manifest being built: every output, and every unit. */
  protected readonly entries = new Map<string, ManifestOutput>();
  protected readonly units = new Map<string, ManifestUnit>();
  protected readonly pathUnits = new Map<string, string>();

  constructor(outDir: string, options: OutputsOptions = {}) {
    this.outDir = outDir;
    this.options = options;
    this.check = options.check ?? false;
  }

  get shard(): Shard | null {
    return this.options.shard ?? null;
  }

  protected emit(path: string, status: OutputStatus): void {
    this.options.onOutput?.(path, status);
  }

  /** Attributes a file written outside unit() to a unit (used for diagram outputs). */
  attribute(rel: string, unit: string): void {
    this.pathUnits.set(rel, unit);
  }

  /** The bytes of `rel` on disk equal `bytes` (true), differ (false), or there is no file (null). */
  protected async onDisk(rel: string, sha: string): Promise<boolean | null> {
    const index = this.check ? undefined : this.options.statIndex;
    if (index) return index.matches(outputPath(this.outDir, rel), sha);
    try {
      return sha256(await readFile(outputPath(this.outDir, rel))) === sha;
    } catch {
      return null;
    }
  }

  countRender(cached: boolean): void {
    if (cached) this.fromCache++;
    else this.rendered++;
  }

  /** Path and sha256 of every output of this build so far (produced, reused or kept for another shard), sorted. */
  snapshot(): Array<[string, string]> {
    return [...this.entries]
      .map(([p, o]): [string, string] => [p, o.sha256])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /**
   * snapshot() without the outputs of the units `ids` and the units nested in them: what a stage
   * that overlaps those units' stages sees the same whatever the timing.
   */
  snapshotWithout(ids: readonly string[]): Array<[string, string]> {
    const units = Object.fromEntries(this.units);
    const left = new Set(ids.flatMap((id) => [...unitFamily(units, id)]));
    return this.snapshot().filter(([p]) => !left.has(this.entries.get(p)?.unit ?? ''));
  }

  /** The key a unit with these inputs gets in this build. */
  keyFor(id: string, inputs: unknown): string {
    return keyOf({ global: this.options.globalKey ?? '', id, inputs });
  }

  /** Writes manifest.json (unless the file on disk is the same): every output, and the units that own one or may be reused. */
  protected async saveManifest(): Promise<void> {
    const used = new Set([...this.entries.values()].map((o) => o.unit));
    const units: Record<string, ManifestUnit> = {};
    for (const [id, u] of this.units) if (used.has(id) || u.key !== '') units[id] = u;
    const manifest: Manifest = {
      version: MANIFEST_VERSION,
      tool: this.options.tool ?? 'coursemap',
      outputs: Object.fromEntries(this.entries),
      units,
    };
    const text = manifestText(manifest);
    if ((await this.onDisk(MANIFEST_FILE, sha256(text))) === true) return;
    try {
      const full = await writeOutput(this.outDir, MANIFEST_FILE, text);
      await this.options.statIndex?.written(full, sha256(text));
    } catch (err) {
      this.failed.push({ path: MANIFEST_FILE, error: err instanceof Error ? err.message : String(err) });
    }
  }
}
