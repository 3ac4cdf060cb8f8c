// coursemap's library API. The CLI is a thin shell over these functions.

export type * from './model/types.ts';
export { courseFromText, type LoadResult } from './load.ts';
export { buildCourse } from './model/course.ts';
export { validateCourse } from './model/validate.ts';
export { parseMarkdown } from './parse/markdown.ts';
export { loadCourse, type LoadOptions } from './pipeline/load.ts';
