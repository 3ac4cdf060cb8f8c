// Positioned diagnostics for the model stage, collected on the source VFile so that the
// CLI can print them with vfile-reporter; also mirrored into the JSON model.
import type { VFile } from 'vfile';
import type { ModelMessage, Point, Severity } from './types.ts';

export interface Diagnostics {
  warn(at: Point, message: string, ruleId: string, hint?: string): void;
  error(at: Point, message: string, ruleId: string, hint?: string): void;
  info(at: Point, message: string, ruleId: string, hint?: string): void;
}

export function diagnosticsFor(file: VFile): Diagnostics {
  const add = (severity: Severity) => (at: Point, message: string, ruleId: string, hint?: string) => {
    const msg = file.message(message, { place: { line: at.line, column: at.column }, ruleId, source: 'coursemap' });
    msg.fatal = severity === 'error' ? true : severity === 'warning' ? false : undefined;
    if (hint) msg.note = hint;
  };
  return { warn: add('warning'), error: add('error'), info: add('info') };
}

/** The JSON form of a file's messages, in a stable order. */
export function toModelMessages(files: readonly VFile[]): ModelMessage[] {
  const out: ModelMessage[] = [];
  for (const f of files) {
    for (const m of f.messages) {
      out.push({
        file: m.file || f.path || '<input>',
        line: m.line ?? 1,
        column: m.column ?? 1,
        severity: m.fatal === true ? 'error' : m.fatal === false ? 'warning' : 'info',
        ruleId: m.ruleId ?? 'coursemap',
        message: m.reason,
        hint: m.note ?? null,
      });
    }
  }
  return out;
}
