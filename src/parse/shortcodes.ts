// Emoji shortcodes (`:beginner:`, `:warning:`) → emoji, as GitHub and most Markdown renderers
// show them. The table is gemoji's (the one remark's ecosystem uses); a `:name:` it does not
// know stays as written. Only text nodes change, so code and inline code keep their text; each
// node keeps its position (the source offsets of the shortcode), so diagnostics still point
// at the user's file.
import type { Root, Text } from 'mdast';
import { nameToEmoji } from 'gemoji';
import { visit } from 'unist-util-visit';

const SHORTCODE = /:(\+1|[-\w]+):/g;

/** True when the text may hold a shortcode (a cheap test before walking the tree). */
export function mayHaveShortcodes(text: string): boolean {
  return /:(?:\+1|[-\w]+):/.test(text);
}

/** The text with every known shortcode replaced by its emoji. */
export function replaceShortcodes(value: string): string {
  return value.replace(SHORTCODE, (whole, name: string) =>
    Object.hasOwn(nameToEmoji, name) ? nameToEmoji[name]! : whole,
  );
}

/** Replaces shortcodes in every text node of the tree, in place (code and inline code untouched). */
export function emojiShortcodes(tree: Root): Root {
  visit(tree, 'text', (node: Text) => {
    if (node.value.includes(':')) node.value = replaceShortcodes(node.value);
  });
  return tree;
}
