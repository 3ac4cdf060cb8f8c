// Re-flowing authored flowcharts (pure text work; test/diagram-fit.test.ts measures the slides):
// the other direction, parts by subgraph, by %% section comment or by hub, halves of a part cut
// where they share the fewest nodes, and the titles of part slides.
import { describe, expect, it } from 'vitest';
import { flipVariant, halves, partTitle, slideTextPx, splitVariant } from '../src/generate/diagram-fit.ts';
import { direction, nodesOf, splitFlowchart, withDirection } from '../src/generate/diagram-split.ts';

const STAIRS = `graph TD
%% === INTAKE ===
A[Intake] --> A1[Forms]
A --> A2[Checks]
A -->|rule| A3["Validate (early)"]

%% === REVIEW ===
A --> B[Review]
B --> B1[Queue]
B --> B2[Decision]
classDef hot fill:#fdd
class B2 hot
style A1 stroke:#333
linkStyle 0 stroke:red
`;

describe('direction', () => {
  it('reads and rewrites the header, keeping the keyword', () => {
    expect(direction('flowchart LR\nA-->B')).toBe('LR');
    expect(direction('graph\nA-->B')).toBe('TD');
    expect(direction('graph TB\nA-->B')).toBe('TD');
    expect(withDirection('graph TD;\nA-->B', 'LR')).toBe('graph LR\nA-->B');
    expect(withDirection('---\ntitle: x\n---\nflowchart TD\nA-->B', 'LR')).toBe(
      '---\ntitle: x\n---\nflowchart LR\nA-->B',
    );
    expect(flipVariant('flowchart', 'flowchart LR\nA-->B')!.parts[0]!.source).toBe('flowchart TD\nA-->B');
    expect(flipVariant('sequenceDiagram', 'sequenceDiagram\nA->>B: hi')).toBeNull();
    expect(flipVariant('stateDiagram-v2', 'stateDiagram-v2\n  A --> B')!.parts[0]!.source).toBe(
      'stateDiagram-v2\n  direction LR\n  A --> B',
    );
    expect(flipVariant('stateDiagram-v2', 'stateDiagram-v2\n  direction LR\n  A --> B')!.parts[0]!.source).toBe(
      'stateDiagram-v2\n  direction TB\n  A --> B',
    );
  });
});

describe('nodesOf', () => {
  it('finds ids and shapes, not edge labels, keywords or arrows', () => {
    expect(nodesOf('A -->|Core Idea| A4[Data = Facts, Evolvable]')).toEqual([
      { id: 'A', def: null },
      { id: 'A4', def: '[Data = Facts, Evolvable]' },
    ]);
    expect(nodesOf('F1 --> F2 --> F3').map((n) => n.id)).toEqual(['F1', 'F2', 'F3']);
    expect(nodesOf('C4["Derived = Function(Log)"]')).toEqual([{ id: 'C4', def: '["Derived = Function(Log)"]' }]);
    expect(nodesOf('db[(Database)] --> x{Choice?}')).toEqual([
      { id: 'db', def: '[(Database)]' },
      { id: 'x', def: '{Choice?}' },
    ]);
  });
});

describe('splitFlowchart', () => {
  it('splits at %% section comments, borrowing the labels of linked nodes and keeping styles with their nodes', () => {
    const split = splitFlowchart(STAIRS)!;
    expect(split.by).toBe('comment');
    expect(split.parts.map((p) => p.title)).toEqual(['Intake', 'Review']);
    expect(split.dropped).toBe(1);
    const [intake, review] = split.parts;
    expect(intake!.source).toBe(
      'graph TD\nclassDef hot fill:#fdd\nA[Intake] --> A1[Forms]\nA --> A2[Checks]\nA -->|rule| A3["Validate (early)"]\nstyle A1 stroke:#333\n',
    );
    expect(review!.source).toBe(
      'graph TD\nclassDef hot fill:#fdd\n  A[Intake]\nA --> B[Review]\nB --> B1[Queue]\nB --> B2[Decision]\nclass B2 hot\n',
    );
  });

  it('splits at top-level subgraphs; links between them go with their first node', () => {
    const split = splitFlowchart(
      'flowchart LR\n  subgraph a[First part]\n    A1 --> A2\n  end\n  subgraph b["Second part"]\n    B1 --> B2\n    subgraph inner\n      B3\n    end\n  end\n  A2 --> B1\n',
    )!;
    expect(split.by).toBe('subgraph');
    expect(split.parts.map((p) => p.title)).toEqual(['First part', 'Second part']);
    expect(split.parts[0]!.source).toContain('A2 --> B1');
    expect(split.parts[1]!.source).toContain('subgraph inner');
  });

  it('splits by hub when nothing is marked, and not at all when there is one part', () => {
    const hubs = splitFlowchart('graph LR\nR --> A\nR --> B\nR --> C\nA --> A1\nA --> A2\nA --> A3\n')!;
    expect(hubs.by).toBe('hub');
    expect(hubs.parts).toHaveLength(2);
    expect(splitFlowchart('graph LR\nA --> B --> C\n')).toBeNull();
    expect(splitVariant('stateDiagram-v2', 'stateDiagram-v2\nA --> B')).toBeNull();
  });
});

describe('halves and titles', () => {
  it('cuts a part where the halves share the fewest nodes', () => {
    const part = {
      title: 'Flow',
      source:
        'graph TD\nE --> F[Model]\nF --> F1\nF --> F2\nF --> F3\nF --> F4\nF1 --> F2 --> F3 --> F4\nF4 --> G[End]\nG --> G1\n',
    };
    const [a, b] = halves(part)!;
    expect(a.source).toBe(
      'graph TD\nE --> F[Model]\nF --> F1\nF --> F2\nF --> F3\nF --> F4\nF1 --> F2 --> F3 --> F4\n',
    );
    expect(b.source).toBe('graph TD\nF4 --> G[End]\nG --> G1\n');
    expect(b.title).toBe('Flow');
    expect(halves({ title: null, source: 'graph TD\nA --> B\n' })).toBeNull();
  });

  it('titles part slides by the part, else the diagram, with (i/n)', () => {
    expect(partTitle({ title: 'Storage' }, 'Systems map', 1, 3)).toBe('Storage (2/3)');
    expect(partTitle({ title: null }, 'Systems map', 0, 2)).toBe('Systems map (1/2)');
  });

  it('measures the slide text of a rendered SVG from its viewBox and font size', () => {
    const svg = (w: number, h: number) => `<svg viewBox="0 0 ${w} ${h}"><style>#x{font-size:16px;}</style></svg>`;
    expect(slideTextPx(svg(568, 200))).toBeCloseTo(28.8); // capped at 1.8× natural size
    expect(slideTextPx(svg(2272, 100))).toBeCloseTo(8);
    expect(slideTextPx(svg(500, 1040))).toBeCloseTo(8);
  });
});
