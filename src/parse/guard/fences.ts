// The guard's fenced code blocks (see ../guard.ts): lines inside a fence are code, so neither
// their container markers nor their inline delimiters count. Pure.
import { leadingQuotes } from './markers.ts';

export interface Fence {
  close: RegExp;
  quotes: number;
  /** The content column of the list item the fence is in (0: none): a line indented less ends it. */
  indent: number;
}

/**
 * The fence opened by `rest` (a line from where its content starts), inside `quotes` block
 * quotes; `indent` is the content column of the list item it is in, else 0.
 */
export function openFence(rest: string, quotes: number, indent: number): Fence | null {
  const open = /^(`{3,}|~{3,})(.*)$/.exec(rest);
  if (!open || (open[1]![0] === '`' && open[2]!.includes('`'))) return null;
  const ch: string = open[1]![0] === '`' ? '`' : '~';
  return {
    close: new RegExp(`^(?:[ \\t]*>[ ]?)*[ \\t]*\\${ch}{${open[1]!.length},}[ \\t]*$`),
    quotes,
    indent,
  };
}

/** What `line` does to an open fence: closes it, stays inside it, or ends it with its containers. */
export function fenceStep(fence: Fence, line: string): 'close' | 'inside' | 'ended' {
  const q = leadingQuotes(line);
  if (q.quotes === fence.quotes && fence.close.test(line)) return 'close';
  // The fence also ends where its containers end: fewer quote markers (a blank
  // line without ">" closes a block quote), or a list item's content dedented.
  const ended =
    q.quotes < fence.quotes ||
    (!q.blank && fence.indent > 0 && q.quotes === fence.quotes && q.restIndent < fence.indent);
  return ended ? 'ended' : 'inside';
}
