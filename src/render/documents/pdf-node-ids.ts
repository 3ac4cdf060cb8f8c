// Tagged PDFs from Chromium name structure elements by Blink DOM node ids ("node00000316"). The
// numbers depend on what the renderer process numbered before (other pages, the fit pass) and
// even their order varies from run to run, so the same document gave different bytes. They are
// renumbered 1..n in order of first appearance in the file, and each ID tree /Names array is
// sorted again with its /Limits (entries only move), so every length and xref offset stays the same.

const NODE_ID = /\(node(\d+)\)/g;

export function stableNodeIds(text: string): string {
  const order: string[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(NODE_ID)) {
    const id = m[1] as string;
    if (!seen.has(id)) {
      seen.add(id);
      order.push(id);
    }
  }
  const next = new Map(order.map((id, i) => [id, String(i + 1).padStart(id.length, '0')]));
  const renumbered = text.replace(NODE_ID, (m, id: string) => {
    const n = next.get(id) ?? id;
    return n.length === id.length ? `(node${n})` : m;
  });
  // ID tree leaves: [/Limits [(first) (last)]] /Names [(nodeA) 12 0 R (nodeB) 14 0 R …], kept sorted by name.
  return renumbered.replace(
    /(\/Limits \[\(node\d+\) \(node\d+\)\]\s*)?\/Names \[((?:\(node\d+\) \d+ \d+ R ?)+)\]/g,
    (_m, limits: string | undefined, body: string) => {
      const pairs = [...body.matchAll(/\(node(\d+)\) (\d+ \d+ R)/g)].map((p) => ({
        id: p[1] as string,
        ref: p[2] as string,
      }));
      pairs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const names = `/Names [${pairs.map((p) => `(node${p.id}) ${p.ref}`).join(' ')}${body.endsWith(' ') ? ' ' : ''}]`;
      if (!limits) return names;
      const gap = /\]\s*$/.exec(limits)?.[0].slice(1) ?? '';
      return `/Limits [(node${pairs[0]?.id}) (node${pairs[pairs.length - 1]?.id})]${gap}${names}`;
    },
  );
}
