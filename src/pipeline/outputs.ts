// Collects what a build writes: every file goes through the atomic writer, is counted, and a
// failed write is recorded without stopping the other outputs.
//
// Incremental builds (see manifest.ts): work is grouped in *units* (`unit(id, inputs, produce)`).
// A unit whose key (its inputs + the build's global key) matches out/manifest.json and whose
// files on disk still have the recorded hashes is reused without running; otherwise it runs and
// every file it writes is attributed to it. A write whose bytes equal the file on disk is skipped.
// `finish()` deletes the outputs of the previous build that this build no longer produces —
// only files the manifest lists — and writes the new manifest last.
//
// Check mode (`--check`): nothing is written or deleted; each produced file is compared with
// out/ and `finish()` returns the stale, missing and extra outputs.
import { AsyncLocalStorage } from 'node:async_hooks';
import { insideOutput, outputPath, removeOwnedOutput, writeOutput } from '../write/files.ts';
import { MANIFEST_FILE, sha256, type ManifestOutput } from './manifest.ts';
import type { CheckReport, OutputsOptions, UnitOptions } from './outputs-types.ts';
import { OutputRecords } from './outputs-records.ts';
import { unitFamily } from './unit-family.ts';
import { inSink, recordOf, replayMessage, routeMessages } from './unit-messages.ts';
import { ownsUnit, shardOf } from './shard.ts';

export type { CheckReport, OutputRecord, OutputStatus, UnitOptions } from './outputs-types.ts';

interface UnitState {
  id: string;
  dropWrites: boolean;
}

/** Writes a build's outputs, unit by unit, reusing what the previous build left intact. */
export class Outputs extends OutputRecords {
  private readonly ran = new Set<string>();
  private readonly writtenNow = new Set<string>();
  private readonly failedUnits = new Set<string>();
  private readonly als = new AsyncLocalStorage<UnitState>();

  constructor(outDir: string, options: OutputsOptions = {}) {
    super(outDir, options);
    if (options.files) routeMessages(options.files);
  }

  async write(rel: string, data: string | Uint8Array): Promise<boolean> {
    const state = this.als.getStore();
    if (state?.dropWrites) return true;
    const unit = state?.id ?? this.pathUnits.get(rel) ?? 'build';
    if (!this.units.has(unit)) this.units.set(unit, { key: '', parent: null, chapter: null });
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    const sha = sha256(bytes);
    try {
      outputPath(this.outDir, rel); // refuses paths outside out/ in check mode too
      const same = await this.onDisk(rel, sha);
      const record = { path: rel, bytes: bytes.byteLength };
      this.entries.set(rel, { sha256: sha, bytes: bytes.byteLength, unit });
      if (same === true) {
        this.written.push(record);
        this.unchanged.push(rel);
        this.emit(rel, 'unchanged');
        return true;
      }
      if (this.check) {
        this.written.push(record);
        (same === null ? this.report.missing : this.report.stale).push(rel);
        this.changed.push(rel);
        this.emit(rel, same === null ? 'missing' : 'stale');
        return true;
      }
      if (same === false && !this.mayOverwrite(rel)) {
        this.entries.delete(rel);
        this.kept.push({ path: rel, reason: 'edited' });
        this.failed.push({
          path: rel,
          error:
            'a file coursemap did not write (out/manifest.json does not list it) is in the way: kept as it is; build --force replaces it',
        });
        return false;
      }
      const full = await writeOutput(this.outDir, rel, bytes);
      this.writtenNow.add(rel);
      await this.options.statIndex?.written(full, sha);
      this.written.push(record);
      this.changed.push(rel);
      this.emit(rel, 'written');
      return true;
    } catch (err) {
      this.entries.delete(rel);
      const u = this.units.get(unit);
      if (u) u.key = '';
      this.failed.push({ path: rel, error: err instanceof Error ? err.message : String(err) });
      return false;
    }
  }

  /**
   * A file already in out/ may be replaced when it is one of coursemap's outputs: written by this
   * build, or listed in the previous manifest (an edited output is restored), or --force. A file
   * the manifest does not list is the user's own and is kept.
   */
  private mayOverwrite(rel: string): boolean {
    return this.options.force === true || this.writtenNow.has(rel) || this.options.previous?.outputs[rel] !== undefined;
  }

  /** The unit ids of `id` and every unit nested in it, in the previous manifest. */
  private previousFamily(id: string): Set<string> {
    return unitFamily(this.options.previous?.units ?? {}, id);
  }

  /** Copies a previous unit (and its nested units) with its outputs into this build's manifest. */
  private carry(root: string, family: Set<string>, countAsReused: boolean): void {
    const prev = this.options.previous;
    if (!prev) return;
    // The root first: it recorded its nested units' messages too, in their fixed order. A nested
    // unit's record adds only what the root's did not hold (counted: two equal messages stay two).
    const replayed = new Map<string, number>();
    for (const u of [root, ...[...family].filter((x) => x !== root).sort()]) {
      const rec = prev.units[u];
      if (rec && !this.units.has(u)) this.units.set(u, { ...rec });
      const seen = new Map<string, number>();
      for (const m of rec?.messages ?? []) {
        const k = JSON.stringify(m);
        seen.set(k, (seen.get(k) ?? 0) + 1);
        if ((seen.get(k) ?? 0) <= (replayed.get(k) ?? 0)) continue;
        replayed.set(k, (replayed.get(k) ?? 0) + 1);
        replayMessage(this.options.files ?? [], m);
      }
    }
    for (const [path, o] of Object.entries(prev.outputs)) {
      if (!family.has(o.unit) || this.entries.has(path)) continue;
      this.entries.set(path, { ...o });
      this.written.push({ path, bytes: o.bytes });
      if (countAsReused) {
        this.reused.push(path);
        this.emit(path, 'reused');
      }
    }
  }

  /**
   * Reuses unit `id` when its key matches the previous build's and its files are intact.
   * Returns whether it was reused. Use unit() unless the work must be batched (diagrams).
   */
  async reuse(id: string, key: string): Promise<boolean> {
    const prev = this.options.previous;
    const rec = prev?.units[id];
    if (!prev || !rec || !key || rec.key !== key) return false;
    const family = this.previousFamily(id);
    if ([...family].some((u) => prev.units[u]?.key === '')) return false;
    const files = Object.entries(prev.outputs).filter(([, o]) => family.has(o.unit));
    const intact = await Promise.all(files.map(([path, o]) => this.onDisk(path, o.sha256)));
    if (!intact.every((ok) => ok === true)) return false;
    this.carry(id, family, true);
    this.ran.add(id);
    this.unitCounts.reused++;
    return true;
  }

  /** Records a unit that is run outside unit() (its files attributed with attribute()). */
  begin(id: string, key: string, chapter: number | null, parent: string | null = null): void {
    this.units.set(id, { key, parent, chapter });
    this.ran.add(id);
    this.unitCounts.built++;
  }

  /** Marks a unit to run again next time (it reported messages or failed). */
  volatile(id: string): void {
    const u = this.units.get(id);
    if (u) u.key = '';
  }

  /** Whether this build (shard) owns units of `chapter`. */
  owns(chapter: number | null): boolean {
    return ownsUnit(this.shard, chapter);
  }

  /** Leaves a unit to another shard, keeping what the previous manifest says of it. */
  skip(id: string): void {
    this.carry(id, this.previousFamily(id), false);
    this.ran.add(id);
    this.unitCounts.skipped++;
  }

  /**
   * Runs `produce` unless the unit can be reused (same inputs, files intact) or belongs to
   * another shard. Files written inside `produce` (also from nested units) are attributed to
   * the innermost unit; its messages go to its own sink (./unit-messages.ts), so units running
   * side by side record and report exactly theirs, in an order that does not depend on timing.
   */
  async unit(
    id: string,
    inputs: unknown,
    produce: () => Promise<void>,
    options: UnitOptions = {},
  ): Promise<'built' | 'reused' | 'skipped'> {
    let dropWrites = false;
    const count = this.options.messageCount ?? (() => 0);
    const before = count();
    const failedBefore = this.failed.length;
    const { result, messages } = await inSink(id, async () => {
      const chapter = options.chapter ?? null;
      const shared = options.shared ?? false;
      if (!shared && !this.owns(chapter)) {
        this.skip(id);
        return 'skipped' as const;
      }
      const key = this.keyFor(id, inputs);
      if (await this.reuse(id, key)) return 'reused' as const;
      dropWrites = shared && this.shard !== null && this.shard.index !== this.shard.count;
      if (dropWrites) this.adoptShared(id);
      else this.begin(id, key, chapter, this.als.getStore()?.id ?? null);
      try {
        await this.als.run({ id, dropWrites }, produce);
      } catch (err) {
        this.volatile(id);
        this.failedUnits.add(id);
        throw err;
      }
      return 'built' as const;
    });
    if (result !== 'built') return result;
    if (this.options.files) {
      const rec = this.units.get(id);
      if (messages.length > 0 && rec && !dropWrites) rec.messages = recordOf(messages);
      // Errors may be transient (a timeout, a crash): such a unit runs again next time.
      if (messages.some(([, m]) => m.fatal === true)) this.volatile(id);
    } else if (count() !== before) this.volatile(id);
    if (this.failed.length !== failedBefore) this.volatile(id);
    return 'built';
  }

  /** A shared unit in a shard other than the last: it keeps the stage's own files of the previous build and runs only its nested units. */
  private adoptShared(id: string): void {
    const prev = this.options.previous;
    const rec = prev?.units[id];
    if (rec) this.units.set(id, { ...rec });
    if (prev)
      for (const [path, o] of Object.entries(prev.outputs))
        if (o.unit === id && !this.entries.has(path)) this.entries.set(path, { ...o });
    this.ran.add(id);
    this.unitCounts.built++;
  }

  /**
   * A previous output of a unit that failed this time (or whose write failed) is kept, listed in
   * the manifest as it was, and reported stale: a failed stage never removes the last good outputs.
   */
  private keepStale(path: string, o: ManifestOutput): boolean {
    const failedUnit = [...this.failedUnits].some((id) => this.previousFamily(id).has(o.unit));
    if (!failedUnit && !this.failed.some((f) => f.path === path)) return false;
    this.entries.set(path, { ...o });
    if (!this.kept.some((k) => k.path === path)) this.kept.push({ path, reason: 'stale' });
    return true;
  }

  /**
   * Deletes (or, with --check, lists as extra) the previous build's outputs that this build no
   * longer produces, then writes manifest.json. Returns the drift report (empty lists in build mode).
   */
  async finish(): Promise<CheckReport> {
    const prev = this.options.previous ?? this.options.replaced;
    const shard = this.shard;
    if (prev) {
      for (const [path, o] of Object.entries(prev.outputs)) {
        if (this.entries.has(path) || path === MANIFEST_FILE) continue;
        const rec = prev.units[o.unit];
        // Another shard's unit that this shard did not see: keep it for its owner to judge.
        if (shard && !this.ran.has(o.unit) && shardOf(rec?.chapter ?? null, shard.count) !== shard.index) {
          if (rec && !this.units.has(o.unit)) this.units.set(o.unit, { ...rec });
          this.entries.set(path, { ...o });
          this.written.push({ path, bytes: o.bytes });
          continue;
        }
        if (!insideOutput(this.outDir, path)) continue; // a manifest naming a path outside out/ is never acted on
        if (this.keepStale(path, o)) continue;
        if (this.check) {
          if ((await this.onDisk(path, o.sha256)) !== null) {
            this.report.extra.push(path);
            this.emit(path, 'extra');
          }
          continue;
        }
        try {
          // Only a file whose bytes are still the ones the manifest recorded: a crafted or old
          // manifest never deletes a file coursemap did not write, nor one edited since.
          const state = await removeOwnedOutput(this.outDir, path, o.sha256);
          if (state === 'same') {
            this.deleted.push(path);
            this.emit(path, 'deleted');
          } else if (state !== 'missing') this.kept.push({ path, reason: 'edited' });
        } catch (err) {
          this.failed.push({ path, error: `could not delete: ${err instanceof Error ? err.message : String(err)}` });
        }
      }
    }
    if (!this.check) await this.saveManifest();
    await this.options.statIndex?.save().catch(() => undefined); // only an optimisation: never fails a build
    const sort = (xs: string[]) => [...new Set(xs)].sort();
    return { stale: sort(this.report.stale), missing: sort(this.report.missing), extra: sort(this.report.extra) };
  }
}
