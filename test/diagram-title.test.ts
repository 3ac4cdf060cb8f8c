// An authored diagram's slide is never titled just "Diagram": the diagram's own title, accTitle,
// title line or first subgraph names it (src/generate/maps/diagram-title.ts); the DDIA systems map,
// with none of these, takes the title of the course section before it.
import { describe, expect, it } from 'vitest';
import { diagramTitle } from '../src/generate/maps/diagram-title.ts';
import { courseDeck } from '../src/generate/slides/course-deck.ts';
import { loadCourse } from '../src/index.ts';

describe('diagramTitle', () => {
  it.each([
    ['---\ntitle: "Order flow"\n---\nflowchart LR\n  A --> B', 'Order flow'],
    ['flowchart LR\n  accTitle: Checkout states\n  A --> B', 'Checkout states'],
    ['sequenceDiagram\n  title Login handshake\n  A->>B: hi', 'Login handshake'],
    ['flowchart TB\n  subgraph ingest["Ingest `pipeline`"]\n    A --> B\n  end', 'Ingest `pipeline`'],
    ['flowchart TB\n  subgraph Storage\n    A --> B\n  end', 'Storage'],
    ['flowchart TB\n  subgraph s1 [Serving layer]\n    A\n  end', 'Serving layer'],
  ])('%j → %s', (source, title) => {
    expect(diagramTitle(source)).toBe(title);
  });

  it('null when the diagram names nothing', () => {
    expect(diagramTitle('graph TD\n  A[Foundations] --> B[Storage]')).toBeNull();
  });
});

describe('the DDIA systems map on the course deck', () => {
  it('is titled by the section before it, not "Diagram"', async () => {
    const { course } = await loadCourse('../shared/courses/ddia-course.md');
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" width="100" height="50"><rect width="100" height="50"/></svg>';
    const deck = courseDeck(course, { theme: 'light', svg: (n) => (n.startsWith('diagrams/course-') ? svg : null) });
    const diagrams = deck.slides.filter((s) => s.kind === 'diagram');
    expect(diagrams).toHaveLength(1);
    expect(diagrams[0]!.title).toBe('Designing Data-Intensive Applications — Systems Map');
  });
});
