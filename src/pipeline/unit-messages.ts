// The messages a unit reports on the course's files: recorded in the manifest when the unit runs,
// replayed on the same files and lines when it is reused, so the terminal and model.json carry
// every message whether a unit ran or not.
//
// Units run side by side (two decks at once, the stages that need no browser beside those that
// do), so a unit cannot tell its messages by counting each file's messages before and after.
// Each unit collects its own in a sink instead: while a unit runs, a message added to a course
// file (diagnosticsFor(file).warn…, file.message…) lands in the sink of the innermost unit
// running in that async context. A sink finished inside another unit stays in its parent as a
// block; a sink with no parent puts its messages on the files when it ends. The order is fixed
// whatever the timing: a unit's nested units' blocks, ordered by id (numbers by value: chapter 2
// before chapter 10), then its own messages in the order it made them.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { ManifestMessage } from './manifest.ts';

interface Sink {
  own: Array<[VFile, VFileMessage]>;
  children: Array<[string, Sink]>;
}

export type SinkMessage = [VFile, VFileMessage];

const current = new AsyncLocalStorage<Sink>();
const ROUTED = Symbol('coursemap.routed-messages');
const push = Array.prototype.push;

/**
 * Makes the files' messages go to the running unit's sink. The one hook on the files: their
 * `messages` arrays get their own push, which every vfile method adding a message calls;
 * outside any unit it is the array's own push.
 */
export function routeMessages(files: readonly VFile[]): void {
  for (const file of files) {
    const list = file.messages as VFileMessage[] & { [ROUTED]?: true };
    if (list[ROUTED]) continue;
    Object.defineProperty(list, ROUTED, { value: true });
    Object.defineProperty(list, 'push', {
      configurable: true,
      writable: true,
      value: (...added: VFileMessage[]): number => {
        const sink = current.getStore();
        if (!sink) return push.apply(list, added);
        for (const m of added) sink.own.push([file, m]);
        return list.length;
      },
    });
  }
}

/** Ids in natural order: numbers by value ('decks:2-…' before 'decks:10-…'), the rest by code point. */
function naturalOrder(a: string, b: string): number {
  const split = (s: string) => s.split(/(\d+)/);
  const [x, y] = [split(a), split(b)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const [p, q] = [x[i]!, y[i]!];
    if (p === q) continue;
    if (i % 2 === 1 && Number(p) !== Number(q)) return Number(p) - Number(q);
    return p < q ? -1 : 1;
  }
  return x.length - y.length;
}

function flatten(sink: Sink): SinkMessage[] {
  const children = [...sink.children].sort(([a], [b]) => naturalOrder(a, b));
  return [...children.flatMap(([, child]) => flatten(child)), ...sink.own];
}

/**
 * Runs `work` with a sink of its own, named `id` among its siblings (the order of their blocks).
 * Returns `work`'s result and every message of the sink (its nested sinks' included), in the
 * fixed order; when `work` throws, the messages it made are kept all the same.
 */
export async function inSink<T>(id: string, work: () => Promise<T>): Promise<{ result: T; messages: SinkMessage[] }> {
  const parent = current.getStore();
  const sink: Sink = { own: [], children: [] };
  parent?.children.push([id, sink]);
  try {
    const result = await current.run(sink, work);
    return { result, messages: flatten(sink) };
  } finally {
    // Top level: onto the files, in the fixed order (outside any sink, so with the arrays' own push).
    if (!parent) for (const [file, m] of flatten(sink)) push.call(file.messages, m);
  }
}

/** A sink's messages as the manifest records them. */
export function recordOf(messages: readonly SinkMessage[]): ManifestMessage[] {
  return messages.map(([f, m]) => ({
    file: f.path,
    line: m.line ?? 1,
    column: m.column ?? 1,
    reason: m.reason,
    ruleId: m.ruleId ?? null,
    source: m.source ?? null,
    fatal: m.fatal ?? null,
    note: m.note ?? null,
  }));
}

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
