// The dev server's watchers: the course (file or folder), the templates and the config file.
// Changes within 60 ms make one rebuild; out/, the cache folder, dot files and editor swap
// files are ignored.
import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, relative, resolve, sep } from 'node:path';

export interface Watching {
  close(): void;
}

/** Watches `paths` (missing ones are skipped); calls `onChange` with a short list of what changed. */
export async function watchSources(
  paths: string[],
  skip: Array<string | null>,
  onChange: (what: string) => void,
): Promise<Watching> {
  const ignored = (full: string) => {
    const inside = (dir: string | null) => dir !== null && (full === dir || full.startsWith(dir + sep));
    const name = basename(full);
    return (
      skip.some(inside) || name.startsWith('.') || name.endsWith('~') || name.endsWith('.swp') || name.endsWith('.tmp')
    );
  };
  let timer: NodeJS.Timeout | undefined;
  const changed = new Set<string>();
  const seen = (full: string) => {
    if (ignored(full)) return;
    changed.add(relative(process.cwd(), full) || full);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const what = [...changed].slice(0, 3).join(', ') + (changed.size > 3 ? ', …' : '');
      changed.clear();
      onChange(what);
    }, 60);
  };
  const watchers: FSWatcher[] = [];
  for (const path of paths) {
    const full = resolve(path);
    const st = await stat(full).catch(() => null);
    if (!st) continue;
    if (st.isDirectory()) {
      watchers.push(watch(full, { recursive: true }, (_e, name) => seen(resolve(full, String(name ?? '')))));
    } else {
      // Editors replace files (write + rename), so watch the folder and filter on the name.
      const dir = dirname(full);
      watchers.push(
        watch(dir, (_e, name) => {
          if (name && resolve(dir, String(name)) === full) seen(full);
        }),
      );
    }
  }
  return {
    close: () => {
      clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}
