// The model of a course kept in the cache folder, so that a command run again on unchanged input
// (a no-change build, `coursemap model`, the editor loop) skips the Markdown parse and the model,
// which are most of its start-up. The key is everything the model depends on: the files as read
// (path, normalised text, what reading found), and the code that turns them into a model (the
// parse and model modules and the Markdown parser's versions), so an edited coursemap never
// reads a stale model. One JSON file per input path, replaced atomically; a broken or foreign
// file is ignored (the cache is an optimisation, never a source of errors).
import { createHash } from 'node:crypto';
import type { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import type { Course } from '../model/types.ts';
import { readCacheJson, writeCacheJson } from '../write/cache-file.ts';
import { codeFingerprint } from './code-fingerprint.ts';

/** A message as stored: enough to rebuild the same VFileMessage (same reporter output, same model.json). */
interface SavedMessage {
  reason: string;
  name: string;
  file: string | null;
  place: VFileMessage['place'] | null;
  ruleId: string | null;
  source: string | null;
  fatal: boolean | null;
  note: string | null;
  url: string | null;
}

interface Entry {
  key: string;
  course: Course;
  /** Messages the model added to each file (same order as the files given). */
  messages: SavedMessage[][];
}

export interface ModelCache {
  /** The course for these files (their model messages restored), or undefined when not kept. */
  get(files: readonly VFile[]): Promise<Course | undefined>;
  /** Keeps the course built from these files; `before[i]` is files[i]'s message count before modelling. */
  set(files: readonly VFile[], course: Course, before: readonly number[]): Promise<void>;
}

/** The packages whose behaviour shapes the model (the parser and its extensions, the YAML reader). */
const PARSER_PACKAGES = [
  'remark-parse',
  'remark-gfm',
  'remark-frontmatter',
  'micromark',
  'mdast-util-from-markdown',
  'yaml',
  'vfile',
];

/** Hash of the code that builds the model: src (or dist) parse/ and model/ and the loader, plus parser versions. */
export function modelCodeFingerprint(root?: string): string {
  return codeFingerprint(['parse', 'model', 'load.ts', 'load.js'], PARSER_PACKAGES, root);
}

/** Key of the files as read: `counts[i]` limits files[i]'s messages to those reading added. */
function keyOf(files: readonly VFile[], counts?: readonly number[]): string {
  const h = createHash('sha256').update(`${modelCodeFingerprint()}\0`);
  for (const [i, f] of files.entries()) {
    const read = counts ? f.messages.slice(0, counts[i] ?? 0) : f.messages;
    h.update(JSON.stringify([f.path, String(f.value), f.data, read.map(save)]));
    h.update('\0');
  }
  return h.digest('hex');
}

function save(m: VFileMessage): SavedMessage {
  return {
    reason: m.reason,
    name: m.name,
    file: m.file ?? null,
    place: m.place ?? null,
    ruleId: m.ruleId ?? null,
    source: m.source ?? null,
    fatal: m.fatal ?? null,
    note: m.note ?? null,
    url: m.url ?? null,
  };
}

function restore(s: SavedMessage): VFileMessage {
  const m = new VFileMessage(s.reason, {
    ...(s.place ? { place: s.place } : {}),
    ...(s.ruleId ? { ruleId: s.ruleId } : {}),
    ...(s.source ? { source: s.source } : {}),
  });
  m.name = s.name;
  if (s.file !== null) m.file = s.file;
  m.fatal = s.fatal ?? undefined;
  if (s.note !== null) m.note = s.note;
  if (s.url !== null) m.url = s.url;
  return m;
}

/** A cache in `cacheDir`; `input` (the path or text given) names its file. */
export function openModelCache(cacheDir: string, input: string): ModelCache {
  const name = `model-${createHash('sha256').update(input).digest('hex').slice(0, 16)}.json`;
  return {
    async get(files) {
      const entry = (await readCacheJson(cacheDir, name)) as Entry | undefined;
      if (!entry || !Array.isArray(entry.messages)) return undefined;
      if (entry.key !== keyOf(files) || entry.messages.length !== files.length) return undefined;
      entry.messages.forEach((saved, i) => files[i]?.messages.push(...saved.map(restore)));
      return entry.course;
    },
    async set(files, course, before) {
      const entry: Entry = {
        key: keyOf(files, before),
        course,
        messages: files.map((f, i) => f.messages.slice(before[i] ?? 0).map(save)),
      };
      await writeCacheJson(cacheDir, name, entry); // when it cannot be written: model again next time
    },
  };
}
