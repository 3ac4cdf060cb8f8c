// The rows of every label of rendered diagrams, read in the page (runs in Chromium via
// page.evaluate): for each `[data-diagram]` host, the text of each displayed row — an outer
// `tspan` of mermaid's wrapped labels, else each direct `tspan`, else the `<text>` itself — and
// the rows wider than the node shape that holds them (text sticking out of its box).

export interface DiagramRows {
  name: string;
  rows: string[];
  /** "row text" for each row whose box is wider than its node's shape. */
  overflow: string[];
}

export function measureLabelRows(): DiagramRows[] {
  return [...document.querySelectorAll('[data-diagram]')].map((host) => {
    const rows: string[] = [];
    const overflow: string[] = [];
    for (const text of host.querySelectorAll('svg text')) {
      const outer = [...text.querySelectorAll(':scope > tspan.text-outer-tspan, :scope > tspan.row')];
      const parts = outer.length
        ? outer
        : text.querySelectorAll(':scope > tspan').length
          ? [...text.querySelectorAll(':scope > tspan')]
          : [text];
      const shape = text.closest('g.node')?.querySelector('.label-container, rect, polygon');
      const box = shape?.getBoundingClientRect();
      for (const p of parts) {
        const t = (p.textContent ?? '').replace(/\u200B/g, '');
        if (!t.trim()) continue;
        rows.push(t);
        const r = p.getBoundingClientRect();
        if (box && box.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1)) overflow.push(t.trim());
      }
    }
    return { name: host.getAttribute('data-diagram') ?? '', rows, overflow };
  });
}

const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/gu;

/** Runs of letters and digits (CJK removed: it may break between any two characters). */
export function letterRuns(text: string): string[] {
  return (text.replace(CJK, ' ').match(/[\p{L}\p{N}]+/gu) ?? []).filter((r) => /\p{L}/u.test(r));
}

/**
 * Rows that break a word: a run of letters in a row that is not a whole run of the source (the
 * piece of a word cut at the row's end or start: "ExecutePrimar", "y").
 */
export function brokenWords(rows: readonly string[], source: string): string[] {
  const whole = new Set(letterRuns(source));
  return rows.filter((row) => letterRuns(row).some((run) => !whole.has(run)));
}
