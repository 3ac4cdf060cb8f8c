// Decides, for each chapter number, which marker starts the chapter proper. A course can name a
// chapter many times (outline, executive summary, "shall I continue with Chapter 3?"); the owner
// is the last mention before the chapter's first numbered section, or, for unnumbered courses,
// the shallowest heading with the most content behind it.
import type { Diagnostics } from './messages.ts';
import type { Marker, Scan } from './scan.ts';

export interface Owner {
  number: number;
  marker: Marker | null;
  /** Node index where the chapter starts (the marker, or its first section when unannounced). */
  index: number;
}

export function chooseOwners(scan: Scan, diag: Diagnostics): Owner[] {
  const markers = scan.markers.filter((m) => !scan.filler.has(m.index));
  const numbers = new Set([...markers.map((m) => m.number), ...scan.firstSection.keys()]);
  const owners: Owner[] = [];
  for (const n of [...numbers].sort((a, b) => a - b)) {
    const mine = markers.filter((m) => m.number === n);
    const first = scan.firstSection.get(n);
    if (first !== undefined) {
      const before = mine.filter((m) => m.index <= first);
      const marker = before[before.length - 1] ?? null;
      owners.push({ number: n, marker, index: marker?.index ?? first });
      if (!marker) {
        const at = scan.nodes[first]?.position?.start ?? { line: 1, column: 1 };
        diag.warn(
          { ...at, offset: 0 },
          `Sections ${n}.x start without a chapter ${n} heading or announcement`,
          'chapter-unannounced',
          `Add a heading such as "## Chapter ${n}: Title" before section ${n}.1.`,
        );
      }
      continue;
    }
    owners.push(...headingOwners(n, mine, scan, diag));
  }
  owners.sort((a, b) => a.index - b.index || (a.marker?.line ?? 0) - (b.marker?.line ?? 0));
  return dropNested(owners);
}

/** Unnumbered chapters: prefer headings, the shallowest, then the one with the longest span. */
function headingOwners(n: number, mine: Marker[], scan: Scan, diag: Diagnostics): Owner[] {
  const headings = mine.filter((m) => m.kind === 'heading');
  const pool = headings.length > 0 ? headings : mine;
  const depth = Math.min(...pool.map((m) => m.depth));
  const top = pool.filter((m) => m.depth === depth);
  const spans = top.map((m) => spanOf(m, scan));
  const best = top[spans.indexOf(Math.max(...spans))];
  if (!best) return [];
  // Two full chapters with the same number: keep both, flag the later one.
  const twins = top.filter((m, i) => m !== best && (spans[i] ?? 0) >= Math.max(...spans) * 0.5);
  for (const twin of twins) {
    diag.warn(
      twin.position.start,
      `Chapter ${n} appears twice (also at line ${best.position.start.line}); this one is numbered after the last chapter`,
      'duplicate-chapter-number',
      'Give each chapter its own number.',
    );
  }
  return [best, ...twins].map((m) => ({ number: m === best ? n : -1, marker: m, index: m.index }));
}

/** Number of top-level nodes a heading marker governs (until a heading of the same or higher rank). */
function spanOf(m: Marker, scan: Scan): number {
  if (m.kind !== 'heading') return 1;
  let i = m.index + 1;
  while (i < scan.nodes.length) {
    const node = scan.nodes[i];
    if (node?.type === 'heading' && node.depth <= m.depth) break;
    i++;
  }
  return i - m.index;
}

/** A marker inside another chapter's numbered range that is not its own owner is a mention, not a start. */
function dropNested(owners: Owner[]): Owner[] {
  const seen = new Set<number>();
  return owners.filter((o) => {
    if (o.number < 0) return true;
    if (seen.has(o.number)) return false;
    seen.add(o.number);
    return true;
  });
}
