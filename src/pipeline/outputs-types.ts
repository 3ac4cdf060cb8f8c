// The shapes Outputs (outputs.ts) takes and gives: what a build wrote, reused, kept and deleted,
// the --check report, and the options of a build's output collector and of one unit.
import type { VFile } from 'vfile';
import type { Manifest } from './manifest.ts';
import type { Shard } from './shard.ts';
import type { StatIndex } from './stat-index.ts';

export interface OutputRecord {
  path: string;
  bytes: number;
}

export type OutputStatus = 'written' | 'unchanged' | 'reused' | 'deleted' | 'stale' | 'missing' | 'extra';

export interface CheckReport {
  /** Outputs whose bytes in out/ differ from what the build produces. */
  stale: string[];
  /** Outputs the build produces that are not in out/. */
  missing: string[];
  /** Outputs listed in out/manifest.json that the build no longer produces (and still on disk). */
  extra: string[];
}

export interface OutputsOptions {
  /** --check: write nothing, compare with out/. */
  check?: boolean;
  /** The manifest of the previous build (null: none, everything runs). */
  previous?: Manifest | null;
  /** Hash of what every output depends on (tool, templates, theme, options). */
  globalKey?: string;
  shard?: Shard | null;
  /** Tool name and version recorded in the manifest. */
  tool?: string;
  /** The course's files: messages a unit reports on them are recorded and replayed when it is reused. */
  files?: readonly VFile[];
  /** Without `files`: the number of messages so far (a unit that adds messages always runs again). */
  messageCount?: () => number;
  /** Per-output events (for --verbose). */
  onOutput?: (path: string, status: OutputStatus) => void;
  /** Size/mtime index of out/ kept in the cache: unchanged files are not re-hashed (not used by --check). */
  statIndex?: StatIndex;
  /** --force: overwrite files in out/ even when the manifest does not prove coursemap wrote them. */
  force?: boolean;
  /**
   * --force: the manifest found in out/. Nothing of it is reused, but the outputs it lists that this
   * build no longer makes are still removed (only while their bytes are the recorded ones).
   */
  replaced?: Manifest | null;
}

export interface UnitOptions {
  /** The chapter the unit belongs to (decides its shard); omit or null for course level. */
  chapter?: number | null;
  /** Runs in every shard; its own files are kept by the last shard only (stages that do not declare units). */
  shared?: boolean;
}
