// A sequence diagram too big for a slide is cut into parts of at most MAX_MESSAGES messages:
// cuts only between top-level statements (never inside an alt/loop block or an activation), each
// part declares only the participants it uses, keeps the header lines, numbers on from the last
// part, and is titled by its first block's label. Every part parses (mermaid in Chromium).
import { describe, expect, it } from 'vitest';
import { splitVariant } from '../src/generate/diagram-fit.ts';
import { MAX_MESSAGES, splitSequence } from '../src/generate/sequence-split.ts';
import { withRenderer } from '../src/render/index.ts';
import { sharedBrowser } from './support/browser.ts';

const ACTORS = ['Reader', 'Desk', 'Shelf', 'Archive', 'Binder', 'Courier', 'Ledger', 'Clock', 'Bell', 'Lamp'];

/** A library loan told as messages: a chain through every actor, a retry loop and an alt block with an activation. */
const LOAN = [
  'sequenceDiagram',
  '  title Borrowing a rare book',
  '  autonumber',
  ...ACTORS.map((a) => `  participant ${a}`),
  ...ACTORS.slice(1).map((a, i) => `  ${ACTORS[i]}->>${a}: ask for the book`),
  '  loop Until found',
  '    Shelf->>Archive: look again',
  '    Archive-->>Shelf: not yet',
  '  end',
  '  alt Book is fragile',
  '    Desk->>+Binder: check the spine',
  '    Binder-->>-Desk: handle with care',
  '  else Book is fine',
  '    Desk-->>Reader: here it is',
  '  end',
  '  Note over Reader,Desk: loan recorded',
].join('\n');

const messages = (source: string) => source.split('\n').filter((l) => /->>|-->>|->|-->/.test(l)).length;

describe('splitting a sequence diagram', () => {
  const parts = splitSequence(LOAN)!;

  it('cuts the 14 messages into even parts of at most MAX_MESSAGES, in order, losing none', () => {
    expect(parts.map((p) => messages(p.source))).toEqual([7, 7]);
    for (const p of parts) expect(messages(p.source)).toBeLessThanOrEqual(MAX_MESSAGES);
    const body = (s: string) => s.split('\n').filter((l) => /->>|-->>|^\s*(loop|alt|else|end|Note)/.test(l));
    expect(parts.flatMap((p) => body(p.source))).toEqual(body(LOAN));
  });

  it('never cuts inside a block or an activation; a part is titled by its first block', () => {
    const second = parts[1]!.source;
    expect(second).toContain('  loop Until found');
    expect(second.match(/^\s*end\s*$/gm)).toHaveLength(2);
    expect(second).toContain('Desk->>+Binder');
    expect(second).toContain('Binder-->>-Desk');
    expect(parts.map((p) => p.title)).toEqual([null, 'Until found']);
  });

  it('keeps the title, numbers on from the previous part, declares only the participants a part uses', () => {
    expect(parts[0]!.source).toMatch(/^sequenceDiagram\n {2}title Borrowing a rare book\n {2}autonumber\n/);
    expect(parts[1]!.source).toContain('  autonumber 8\n');
    const declared = (s: string) => [...s.matchAll(/participant (\w+)/g)].map((m) => m[1]);
    expect(declared(parts[0]!.source)).toEqual(ACTORS.slice(0, 8));
    // The second part uses the actors of its last chain links, the loop, the alt and the note, in the author's order.
    expect(declared(parts[1]!.source)).toEqual([
      'Reader',
      'Desk',
      'Shelf',
      'Archive',
      'Binder',
      'Clock',
      'Bell',
      'Lamp',
    ]);
  });

  it('leaves a short diagram, or one that is a single block, whole', () => {
    expect(splitSequence('sequenceDiagram\n  A->>B: hi\n  B-->>A: hello\n')).toBeNull();
    const oneBlock = `sequenceDiagram\n  loop Forever\n${Array.from({ length: 12 }, () => '    A->>B: ping').join('\n')}\n  end\n`;
    expect(splitSequence(oneBlock)).toBeNull();
    expect(splitVariant('sequenceDiagram', LOAN)?.parts).toHaveLength(2);
    expect(splitVariant('classDiagram', 'classDiagram\n  class A\n')).toBeNull();
  });

  it('every part renders (Chromium)', async () => {
    const results = await withRenderer({ ...sharedBrowser(), cache: false, poolSize: 1 }, (r) =>
      r.render(
        parts.map((p, i) => ({ id: `part-${i}`, source: p.source })),
        { formats: ['svg'] },
      ),
    );
    for (const x of results) expect(x.error).toBeUndefined();
  }, 60_000);
});
