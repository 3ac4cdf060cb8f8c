// The messages a unit reports on the course's files: recorded in the manifest when the unit runs,
// replayed on the same files and lines when it is reused, so the terminal and model.json carry
// every message whether a unit ran or not.
import type { VFile } from 'vfile';
import type { ManifestMessage } from './manifest.ts';

/** Puts a recorded message back on its file (the first file when that one is gone). */
export function replayMessage(files: readonly VFile[], m: ManifestMessage): void {
  const file = files.find((f) => f.path === m.file) ?? files[0];
  if (!file) return;
  const msg = file.message(m.reason, {
    place: { line: m.line, column: m.column },
    ...(m.ruleId ? { ruleId: m.ruleId } : {}),
    ...(m.source ? { source: m.source } : {}),
  });
  msg.fatal = m.fatal === null ? undefined : m.fatal;
  if (m.note !== null) msg.note = m.note;
}

/** The messages added to each file since `before` (the files' message counts then). */
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
