// The one escaper for HTML and XML text and attribute values (pages, SVG titles and links, PPTX and
// Anki XML, the dev server's error page): the five characters that can end a text or a quoted
// attribute of either quote, each as the entity every HTML and XML parser reads back.
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** `& < > " '` as entities: safe in element content and in single- or double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
