// out/manifest.json: every output of the last build, with the sha256 of its bytes and the unit
// (a diagram, a stage, a chapter's deck…) that produced it; every unit with the key of its inputs
// (model slice, templates, theme, options, tool and mermaid versions). An incremental build
// reuses a unit whose key is unchanged and whose files on disk still have the recorded hashes,
// and deletes only files this manifest lists — nothing else in out/ is ever touched.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalJson } from '../render/diagrams/cache.ts';
import { MERMAID_VERSION, RENDERER_VERSION } from '../render/index.ts';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_VERSION = 1;

export interface ManifestOutput {
  sha256: string;
  bytes: number;
  /** The unit that wrote it. */
  unit: string;
}

export interface ManifestUnit {
  /** sha256 of everything the unit's outputs depend on; "" when the unit must always run again (it reported messages). */
  key: string;
  /** Enclosing unit (a stage for its per-chapter units), null at the top. */
  parent: string | null;
  /** The chapter the unit belongs to (decides its shard), null for course-level units. */
  chapter: number | null;
  /** Messages the unit reported (replayed when it is reused, so model.json keeps them). */
  messages?: ManifestMessage[];
}

export interface ManifestMessage {
  file: string;
  line: number;
  column: number;
  reason: string;
  ruleId: string | null;
  source: string | null;
  fatal: boolean | null;
  note: string | null;
}

export interface Manifest {
  version: number;
  tool: string;
  outputs: Record<string, ManifestOutput>;
  units: Record<string, ManifestUnit>;
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** sha256 of a canonical JSON (sorted keys) of `value`. */
export function keyOf(value: unknown): string {
  return sha256(canonicalJson(value));
}

/** The manifest of `outDir`, or null when there is none or it cannot be read. */
export async function readManifest(outDir: string): Promise<Manifest | null> {
  try {
    const data = JSON.parse(await readFile(join(outDir, MANIFEST_FILE), 'utf8')) as Partial<Manifest>;
    if (
      data.version !== MANIFEST_VERSION ||
      typeof data.outputs !== 'object' ||
      typeof data.units !== 'object' ||
      !data.outputs ||
      !data.units
    )
      return null;
    return { version: MANIFEST_VERSION, tool: String(data.tool ?? ''), outputs: data.outputs, units: data.units };
  } catch {
    return null;
  }
}

/** Deterministic text of a manifest: sorted keys, no times, so shards merge into the same bytes as one build. */
export function manifestText(m: Manifest): string {
  const sortObj = <T>(o: Record<string, T>): Record<string, T> =>
    Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ version: m.version, tool: m.tool, outputs: sortObj(m.outputs), units: sortObj(m.units) }, null, 2)}\n`;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function hashTree(h: ReturnType<typeof createHash>, dir: string, rel = ''): void {
  let entries: string[];
  try {
    entries = readdirSync(join(dir, rel)).sort();
  } catch {
    return;
  }
  for (const name of entries) {
    if (name.startsWith('.')) continue;
    const path = join(dir, rel, name);
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) hashTree(h, dir, join(rel, name));
    else if (st.isFile()) {
      h.update(`${join(rel, name)}\0`);
      h.update(readFileSync(path));
      h.update('\0');
    }
  }
}

let toolCache: { version: string; fingerprint: string } | null = null;

/**
 * The tool's identity for output keys: package version, mermaid and renderer versions, and a
 * hash of the built-in templates. Not a hash of the source code: a release changes its version;
 * while developing coursemap itself, build with --force after changing generators.
 */
export function toolFingerprint(): { version: string; fingerprint: string } {
  if (toolCache) return toolCache;
  let version = '0.0.0';
  try {
    version = String(
      (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version?: unknown }).version ?? version,
    );
  } catch {
    // keep the fallback
  }
  const h = createHash('sha256');
  h.update(`coursemap ${version}\0mermaid ${MERMAID_VERSION}\0renderer ${RENDERER_VERSION}\0`);
  hashTree(h, join(ROOT, 'templates'));
  toolCache = { version, fingerprint: h.digest('hex') };
  return toolCache;
}

/** Hash of every file under a user template folder ("" when none). */
export function folderFingerprint(dir: string | undefined): string {
  if (!dir) return '';
  const h = createHash('sha256');
  hashTree(h, dir);
  return h.digest('hex');
}
