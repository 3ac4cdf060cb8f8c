// Bytes → normalised Markdown text in a VFile (pure: no I/O).
//
// What `decodeSource` guarantees about `file.value` (always a string):
//   - no UTF-8 byte order mark;
//   - every line ending is "\n" (CRLF and lone CR are rewritten);
//   - no U+0000 (replaced by U+FFFD, as CommonMark §2.3 requires).
//
// Positions. CommonMark itself treats CRLF, CR and LF as one line ending each,
// and editors do too, so turning each of them into a single LF keeps every line
// number, and every column (a line ending is never inside a line), identical to
// what the author sees. NUL → U+FFFD is one UTF-16 unit for one, and the BOM is
// not shown by editors, so columns are unchanged as well. Only `offset`s move:
// they are offsets into the normalised text (as in mdast), not byte offsets.
//
// Diagnostics are VFileMessages with `source: 'coursemap'`, a `ruleId`, a
// place, and a hint in `note`. Bad input never throws: errors are messages with
// `fatal: true` and the file still has a (possibly empty) string value.
import { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

export interface MessageSpec {
  reason: string;
  ruleId: string;
  line?: number;
  column?: number;
  /** Hint shown after the message (stored in `note`). */
  note?: string;
  /** `true` for errors, `false` for warnings, `null` for info. Default `false`. */
  fatal?: boolean | null;
}

/** A positioned coursemap message for `path` (not attached to any file). */
export function createMessage(path: string, spec: MessageSpec): VFileMessage {
  const message = new VFileMessage(spec.reason, {
    place: { line: spec.line ?? 1, column: spec.column ?? 1 },
    ruleId: spec.ruleId,
    source: 'coursemap',
  });
  // Same naming as VFile#message, so String(message) is "path:line:col: reason".
  message.name = `${path}:${message.name}`;
  message.file = path;
  message.fatal = spec.fatal === undefined ? false : spec.fatal;
  if (spec.note !== undefined) message.note = spec.note;
  return message;
}

/** Create a message for `file` and attach it to `file.messages`. */
export function report(file: VFile, spec: MessageSpec): VFileMessage {
  const message = createMessage(file.path ?? '<input>', spec);
  file.messages.push(message);
  return message;
}

/** 1-based line and column of `index` in `text`, where CRLF, CR and LF each end a line. */
export function lineColumnAt(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(index, text.length);
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 13) {
      if (code === 13 && text.charCodeAt(i + 1) === 10) {
        if (i + 1 >= end) break; // `index` points at the LF of a CRLF: still on this line
        i++;
      }
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * Offset of the first byte that does not start a well-formed UTF-8 sequence
 * (overlongs, surrogates, code points above U+10FFFF, stray continuation
 * bytes and truncated sequences are ill-formed), or -1. Everything before it
 * is valid UTF-8.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i; // truncated sequence at end of input
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (c < min || c > max) return i; // the lead byte starts an ill-formed sequence
    }
    i += need + 1;
  }
  return -1;
}

function formatBytes(size: number): string {
  if (size >= 1024 * 1024) return `${(size / (1024 * 1024)).toFixed(1)} MB`;
  if (size >= 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${size} bytes`;
}

/** Strip a BOM, turn CRLF / CR into LF, NUL into U+FFFD; reports the first NUL on `file`. */
export function normalizeText(text: string, file?: VFile): string {
  let out = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstNul = out.indexOf('\0');
  if (firstNul !== -1 && file) {
    const { line, column } = lineColumnAt(out, firstNul);
    let count = 0;
    for (let i = firstNul; i !== -1; i = out.indexOf('\0', i + 1)) count++;
    report(file, {
      reason: `NUL character (U+0000) replaced by U+FFFD${count > 1 ? ` (${count} in this file)` : ''}`,
      ruleId: 'nul-character',
      line,
      column,
      note: 'NUL bytes usually mean a binary or UTF-16 file; save the course as UTF-8 text.',
    });
  }
  if (firstNul !== -1) out = out.replaceAll('\0', '\uFFFD');
  if (out.includes('\r')) out = out.replace(/\r\n?/g, '\n');
  return out;
}

/** An empty VFile carrying the `input-too-large` error (for callers that check the size before reading). */
export function tooLargeFile(path: string, size: number, maxBytes: number): VFile {
  const file = new VFile({ path, value: '' });
  report(file, {
    reason: `Input is too large: ${formatBytes(size)} (${size} bytes), the limit is ${formatBytes(maxBytes)} (${maxBytes} bytes)`,
    ruleId: 'input-too-large',
    fatal: true,
    note: 'Split the course into a folder of chapter files, or raise the limit with the `maxBytes` read option.',
  });
  return file;
}

/**
 * Decode `bytes` as UTF-8 into a VFile at `path` with normalised text.
 * Errors (`fatal: true`): `input-too-large` (checked before decoding; value is
 * empty), `invalid-utf8` (value is a lossy decoding with U+FFFD). Warnings:
 * `nul-character`, `empty-input`.
 */
export function decodeSource(bytes: Uint8Array, path: string, maxBytes: number = DEFAULT_MAX_BYTES): VFile {
  if (bytes.length > maxBytes) return tooLargeFile(path, bytes.length, maxBytes);
  const file = new VFile({ path, value: '' });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const at = bad === -1 ? 0 : bad;
    // Everything before `at` is valid UTF-8, so its line and column are exact.
    const before = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes.subarray(0, at));
    const { line, column } = lineColumnAt(before, before.length);
    const byte = bytes[at];
    report(file, {
      reason: `Invalid UTF-8: byte 0x${(byte ?? 0).toString(16).padStart(2, '0')} at byte offset ${at} is not valid UTF-8`,
      ruleId: 'invalid-utf8',
      line,
      column,
      fatal: true,
      note: 'Save the file as UTF-8 (editors: "Save with encoding → UTF-8"; shell: `iconv -f latin1 -t utf-8`).',
    });
    text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  }
  file.value = normalizeText(text, file);
  if (bytes.length === 0 || file.value.trim() === '') {
    report(file, {
      reason: bytes.length === 0 ? 'Input is empty' : 'Input contains only whitespace',
      ruleId: 'empty-input',
      note: 'Write at least a `# Title` heading and one chapter.',
    });
  }
  return file;
}
