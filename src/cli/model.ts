// `coursemap model`: the outline, or the model as JSON.
import { loadCourse } from '../index.ts';
import { EXIT, numberOption, type Io, type Values } from './common.ts';
import { formatOutline } from './outline.ts';
import { printMessages } from './report.ts';

export async function runModel(input: string, values: Values, io: Io): Promise<number> {
  const depth = numberOption(values, 'depth', 1);
  const maxBytes = numberOption(values, 'max-bytes', 0, 1);
  const { course, files } = await loadCourse(input, maxBytes > 0 ? { maxBytes } : {});
  const hasErrors = printMessages(files, io, values.quiet ?? false);
  io.out(values.json ? JSON.stringify({ course }, null, 2) : formatOutline(course, depth));
  return hasErrors ? EXIT.errors : EXIT.ok;
}
