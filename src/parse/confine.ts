// Where course files may be read from. A course comes from anyone (a downloaded repository, an
// archive): a chapter that is a symlink, a SUMMARY.md entry with `../` or an absolute path, or an
// mkdocs `docs_dir: /abs/path` must not publish the reader's own files (a link to
// /proc/self/environ would put the build's environment, secrets included, into model.json).
//
// Rule: the file's real path (symlinks resolved) must lie inside one of the allowed roots (the
// course folder, the folder of a single course file, or a root the user names with `--root`),
// and never under /proc, /sys or /dev, whatever the roots say. Checked where a course file is
// actually read (folder-files.ts `loadMarkdownFile`), so every layout gets it.
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';

/** Pseudo-file systems that are never course material. */
const SYSTEM_ROOTS = ['/proc', '/sys', '/dev'];

export type Confined = { ok: true; real: string } | { ok: false; real: string; reason: 'system' | 'outside' };

function inside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The real path of `path`, or the resolved path itself when it does not exist (the read reports that). */
export async function realPathOf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return resolve(path);
  }
}

/**
 * Whether `path` may be read: its real path is inside the real path of one of `roots` (an empty
 * list allows any place) and neither it nor its real path is under a system pseudo-file system.
 */
export async function confine(path: string, roots: readonly string[]): Promise<Confined> {
  const real = await realPathOf(path);
  const lexical = resolve(path);
  if (SYSTEM_ROOTS.some((s) => inside(real, s) || inside(lexical, s))) return { ok: false, real, reason: 'system' };
  const allowed = await Promise.all(roots.map(realPathOf));
  if (allowed.length > 0 && !allowed.some((root) => inside(real, root))) return { ok: false, real, reason: 'outside' };
  return { ok: true, real };
}
