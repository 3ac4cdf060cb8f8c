// What outputs.ts needs from the previous build's units, as plain functions: a unit's nested
// units, and the messages a unit reported (recorded in the manifest, replayed when it is reused).
import type { VFile } from 'vfile';
import type { Manifest, ManifestMessage } from './manifest.ts';

/** The unit ids of `id` and every unit nested in it, in the previous manifest. */
export function previousFamily(previous: Manifest | null | undefined, id: string): Set<string> {
  const prev = previous?.units ?? {};
  const family = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [u, rec] of Object.entries(prev)) {
      if (!family.has(u) && rec.parent !== null && family.has(rec.parent)) {
        family.add(u);
        grew = true;
      }
    }
  }
  return family;
}

/** Puts a recorded message back on its file (or the first file). */
export function replay(files: readonly VFile[] | undefined, m: ManifestMessage): void {
  const file = files?.find((f) => f.path === m.file) ?? files?.[0];
  if (!file) return;
  const msg = file.message(m.reason, { place: { line: m.line, column: m.column }, ...(m.ruleId ? { ruleId: m.ruleId } : {}), ...(m.source ? { source: m.source } : {}) });
  msg.fatal = m.fatal === null ? undefined : m.fatal;
  if (m.note !== null) msg.note = m.note;
}

/** The messages added to `files` since `before` (their counts), as the manifest records them. */
export function messagesSince(files: readonly VFile[], before: readonly number[]): ManifestMessage[] {
  return files.flatMap((f, i) =>
    f.messages.slice(before[i] ?? 0).map((m) => ({
      file: f.path,
      line: m.line ?? 1,
      column: m.column ?? 1,
      reason: m.reason,
      ruleId: m.ruleId ?? null,
      source: m.source ?? null,
      fatal: m.fatal ?? null,
      note: m.note ?? null,
    })),
  );
}
