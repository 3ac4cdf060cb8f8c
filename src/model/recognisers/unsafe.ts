// Warnings for markup that coursemap drops or neutralises in every output: dangerous raw HTML
// (scripts, frames, event handlers…) and links or images with script-capable URLs.
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { pos } from '../blocks.ts';
import type { Diagnostics } from '../messages.ts';

const DANGEROUS_HTML =
  /<\s*\/?\s*(script|iframe|frame|object|embed|style|link|meta|base|form|svg|math)\b|\son[a-z]+\s*=|javascript\s*:/i;
/** Schemes the outputs keep; anything else with a scheme (javascript:, vbscript:, data:…) is dropped. */
const SAFE_URL = /^(?:https?:|mailto:|#|\/|\.{0,2}\/|[^:]*$)/i;
/** What browsers skip inside a URL (so `java\tscript:` still runs): removed before the scheme is checked. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what it matches
const HIDDEN_IN_URL = /[\s\u0000-\u001f\u2028\u2029]/g;

export function reportUnsafeMarkup(tree: Root, diag: Diagnostics): void {
  visit(tree, (node) => {
    // A closing tag alone ("</script>") belongs to an opening one already reported.
    if (node.type === 'html' && !/^\s*<\//.test(node.value) && DANGEROUS_HTML.test(node.value)) {
      diag.warn(
        pos(node).start,
        `Raw HTML dropped from every output: ${node.value.trim().slice(0, 60)}`,
        'unsafe-html',
        'coursemap never passes HTML from the course through; write it as Markdown.',
      );
    } else if (
      (node.type === 'link' || node.type === 'image' || node.type === 'definition') &&
      !SAFE_URL.test(node.url.replace(HIDDEN_IN_URL, ''))
    ) {
      diag.warn(
        pos(node).start,
        `Link to "${node.url.slice(0, 40)}" dropped: only http, https and mailto links are kept`,
        'unsafe-link',
        'Use an http(s) address.',
      );
    }
  });
}
