// Hashes of coursemap's own code, for caches of pure steps (the model, the generated maps): a
// cached result is valid only for the code that made it, so an edited or upgraded coursemap never
// reads a stale one. The code is hashed where it runs (src/ in this checkout, dist/ in the package).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CODE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const known = new Map<string, string>();

/**
 * sha256 of the files (`.ts`/`.js`, not `.d.ts`) under each of `parts` (folders or files relative
 * to the code root) and the installed versions of `packages` (names, or files in them when a
 * package has no entry point). Computed once per process for the running code.
 */
export function codeFingerprint(parts: readonly string[], packages: readonly string[], root = CODE_ROOT): string {
  const id = `${parts.join(',')}\0${packages.join(',')}`;
  const done = root === CODE_ROOT ? known.get(id) : undefined;
  if (done) return done;
  const h = createHash('sha256');
  const add = (path: string) => {
    h.update(`${path.slice(root.length)}\0`);
    h.update(readFileSync(path));
  };
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (/\.(ts|js)$/.test(e.name) && !e.name.endsWith('.d.ts')) add(join(dir, e.name));
    }
  };
  for (const part of parts) {
    const path = join(root, part);
    if (!existsSync(path)) continue;
    if (statSync(path).isDirectory()) walk(path);
    else add(path);
  }
  for (const name of packages) h.update(`${name}@${packageVersion(name)}\0`);
  const key = h.digest('hex');
  if (root === CODE_ROOT) known.set(id, key); // the running code does not change during a process
  return key;
}

/** Installed version of a dependency: `specifier` (the package or a file in it) resolved, then the nearest package.json naming it. */
export function packageVersion(specifier: string): string {
  const name = specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
  try {
    let dir = dirname(fileURLToPath(import.meta.resolve(specifier)));
    for (let i = 0; i < 6; i++, dir = dirname(dir)) {
      const file = join(dir, 'package.json');
      if (!existsSync(file)) continue;
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version ?? '?';
    }
  } catch {
    // not resolvable from here: the key still changes with our own code
  }
  return '?';
}
