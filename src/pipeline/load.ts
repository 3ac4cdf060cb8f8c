// loadCourse: read a course (file, folder or text), then its model, from the model cache when the
// files and the model code are unchanged (model-cache.ts). The parser and the model modules are
// imported only when a model is built, so a cached load never loads micromark.
import type { LoadResult } from '../load.ts';
import { toModelMessages } from '../model/messages.ts';
import { resolve } from 'node:path';
import { inputFiles, readInput, type ReadOptions } from '../parse/read.ts';
import { openModelCache } from './model-cache.ts';
import { SETTING_INFO } from '../config/settings.ts';

/**
 * The cache folder of builds and of the model, relative to the working folder: the setting's
 * default (settings.ts is plain data; `model` still never loads render code).
 */
export const DEFAULT_CACHE_DIR = SETTING_INFO.cacheDir.default;

export interface LoadOptions extends ReadOptions {
  /** Folder of the model cache (the build's cache folder); false or absent: always parse. */
  cacheDir?: string | false;
}

/** Reads a course file, a course folder, or Markdown text, and builds its model. Never throws for bad input. */
export async function loadCourse(pathOrText: string, options: LoadOptions = {}): Promise<LoadResult> {
  const input = await readInput(pathOrText, options);
  const files = inputFiles(input);
  const cache = options.cacheDir
    ? openModelCache(
        options.cacheDir,
        pathOrText.includes('\n') ? '<text>' : resolve(options.cwd ?? process.cwd(), pathOrText),
      )
    : null;
  let course = await cache?.get(files);
  if (!course) {
    const before = files.map((f) => f.messages.length);
    course = (await import('../load.ts')).modelOfInput(input);
    await cache?.set(files, course, before);
  }
  course.messages = toModelMessages(files);
  return { course, files: files.filter((f) => f.messages.length > 0 || f !== input.messages) };
}
