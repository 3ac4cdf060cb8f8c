// The files of a build's output folder, for tests that compare two builds byte for byte.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file under dir, relative path → bytes. */
export function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

/** The diagram outputs (maps/, diagrams/) in an output folder, sorted. */
export function diagramFiles(dir: string): string[] {
  return [...tree(dir).keys()].filter((p) => /^(maps|diagrams)\//.test(p)).sort();
}
