// Units nest (a stage's unit holds its per-chapter units): a unit's family is itself and every
// unit recorded under it, transitively. Reusing, skipping or keeping a unit acts on its family.
import type { ManifestUnit } from './manifest.ts';

/** The ids of `id` and of every unit nested in it among `units`. */
export function unitFamily(units: Readonly<Record<string, ManifestUnit>>, id: string): Set<string> {
  const family = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [u, rec] of Object.entries(units)) {
      if (!family.has(u) && rec.parent !== null && family.has(rec.parent)) {
        family.add(u);
        grew = true;
      }
    }
  }
  return family;
}
