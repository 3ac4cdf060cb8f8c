// Class diagrams too big for a slide are split (issue 27): by namespace, else by connected groups
// of classes cut at their most even relationship, every relationship drawn in a part that holds
// both its classes (the other class as a bare box). The fixture course (test/fixtures/fit/classes.md,
// a kitchen's classes with long CamelCase names, in the project's words) is built and its deck
// opened in Chromium at 1280 × 720: every part's smallest label is measured. Control: the whole
// diagram would be about 8 px on one slide.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classHalves, flipClassDiagram, splitClassDiagram } from '../src/generate/class-split.ts';
import { flipVariant, halves, MIN_SLIDE_TEXT, slideTextPx, splitVariant } from '../src/generate/diagram-fit.ts';
import { build, type BuildResult } from '../src/pipeline/index.ts';
import type { Renderer } from '../src/render/index.ts';
import { sharedBuild, sharedRenderer } from './support/browser.ts';
import { measureDiagramSlides, type DiagramSlide } from './support/diagram-slides.ts';

const SHOP = `classDiagram
  direction TB
  accTitle: A shop
  classDef core fill:#eef
  namespace Catalogue {
    class ProductShelfIndex {
      +lookUpProductByBarcode(Barcode code) Product
    }
    class PriceLabelPrinter
  }
  namespace Checkout {
    class BasketTotalCalculator
    class ReceiptTemplateRenderer
  }
  class AuditTrailRecorder
  BasketTotalCalculator --> ProductShelfIndex : pricesFrom
  BasketTotalCalculator --> ReceiptTemplateRenderer
  ReceiptTemplateRenderer ..> AuditTrailRecorder : logsTo
  PriceLabelPrinter "1" --> "*" ProductShelfIndex : reads
  <<interface>> PriceLabelPrinter
  BasketTotalCalculator : +int itemCount
  note for AuditTrailRecorder "keeps every receipt"
  style ProductShelfIndex fill:#ffd
  cssClass "BasketTotalCalculator" core
`;

/** Every relationship line of a source and whether both its classes are drawn in the part. */
function relationsWithEnds(source: string): Array<{ line: string; both: boolean }> {
  const classes = new Set([...source.matchAll(/^\s*class\s+(\w+)|^\s*(\w+)\s*:/gm)].map((m) => m[1] ?? m[2]!));
  return [...source.matchAll(/^\s*(\w+)\s*(?:"[^"]*"\s*)?[<|*o]*(?:--|\.\.)[|>*o]*\s*(?:"[^"]*"\s*)?(\w+).*$/gm)].map(
    (m) => ({ line: m[0].trim(), both: classes.has(m[1]!) && classes.has(m[2]!) }),
  );
}

describe('splitClassDiagram', () => {
  it('splits by namespace, a free class going with the namespace it is linked to, each link with both ends', () => {
    const parts = splitClassDiagram(SHOP)!;
    expect(parts.map((p) => p.title)).toEqual(['Catalogue', 'Checkout']);
    const [catalogue, checkout] = parts.map((p) => p.source);
    for (const s of [catalogue!, checkout!]) {
      expect(s.startsWith('classDiagram\n  direction TB\n  accTitle: A shop\n  classDef core fill:#eef\n')).toBe(true);
    }
    expect(catalogue).toContain('  namespace Catalogue {\n    class ProductShelfIndex {\n');
    expect(catalogue).toContain('<<interface>> PriceLabelPrinter');
    expect(catalogue).toContain('style ProductShelfIndex fill:#ffd');
    expect(catalogue).not.toContain('BasketTotalCalculator');
    // The link from Checkout into Catalogue is drawn in Checkout, with a bare box for its other end.
    expect(checkout).toContain('  class ProductShelfIndex\n');
    expect(checkout).not.toContain('lookUpProductByBarcode');
    expect(checkout).toContain('note for AuditTrailRecorder');
    expect(checkout).toContain('cssClass "BasketTotalCalculator" core');
    const relations = parts.flatMap((p) => relationsWithEnds(p.source));
    expect(relations.map((r) => r.line).sort()).toEqual(
      relationsWithEnds(SHOP)
        .map((r) => r.line)
        .sort(),
    );
    for (const r of relations) expect(r.both, r.line).toBe(true);
  });

  it('without namespaces, cuts the connected classes at the link that leaves the most even halves', () => {
    const source = readFileSync('test/fixtures/fit/classes.md', 'utf8').match(/```mermaid\n([\s\S]*?)```/)![1]!;
    const parts = splitClassDiagram(source)!;
    const drawn = (s: string) => [...s.matchAll(/^\s*class (\w+) \{/gm)].map((m) => m[1]);
    expect(parts.map((p) => drawn(p.source))).toEqual([
      ['KitchenOrderCoordinator', 'CustomerInvoiceComposer', 'LoyaltyPointAccumulator', 'PaymentSettlementGateway'],
      ['IngredientReservationLedger', 'SupplierDeliveryScheduler', 'PantryStockForecaster', 'SeasonalMenuPlanner'],
    ]);
    for (const r of parts.flatMap((p) => relationsWithEnds(p.source))) expect(r.both, r.line).toBe(true);
    expect(parts[0]!.source).toContain('  class IngredientReservationLedger\n');
    // Unlinked groups are packed up to the limit; one group of one part is no split.
    expect(splitClassDiagram('classDiagram\n  class A\n  class B\n  A --> B\n')).toBeNull();
    expect(splitClassDiagram('classDiagram\n  A --> B\n  C --> D\n  E --> F\n')!.map((p) => p.source)).toEqual([
      'classDiagram\n  A --> B\n  C --> D\n',
      'classDiagram\n  E --> F\n',
    ]);
    expect(splitVariant('classDiagram', source)!.parts).toHaveLength(2);
  });

  it('halves a part still too big, and flips the direction', () => {
    const [a, b] = halves({ title: 'Kitchen', source: 'classDiagram\n  A --> B\n  B --> C\n  C --> D\n' })!;
    expect([a.source, b.source]).toEqual([
      'classDiagram\n  class C\n  A --> B\n  B --> C\n',
      'classDiagram\n  C --> D\n',
    ]);
    expect(a.title).toBe('Kitchen');
    expect(classHalves({ title: null, source: 'classDiagram\n  class Lonely\n' })).toBeNull();
    expect(flipClassDiagram('classDiagram\n  A --> B')).toBe('classDiagram\n  direction LR\n  A --> B');
    expect(flipVariant('classDiagram', 'classDiagram\n  direction LR\n  A --> B')!.parts[0]!.source).toBe(
      'classDiagram\n  direction TB\n  A --> B',
    );
  });
});

describe('the kitchen class diagram on its slides (Chromium)', () => {
  let tmp: string;
  let renderer: Renderer;
  let result: BuildResult;
  let slides: DiagramSlide[];

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'coursemap-classes-'));
    renderer = await sharedRenderer({ cache: false, poolSize: 1 });
    result = await build(
      'test/fixtures/fit/classes.md',
      sharedBuild({ outDir: join(tmp, 'out'), formats: ['svg'], cacheDir: join(tmp, 'cache') }),
    );
    const { browser } = await renderer.sharedBrowser();
    const context = await browser.createBrowserContext();
    try {
      const page = await context.newPage();
      await page.setViewport({ width: 1280, height: 720 });
      await page.goto(pathToFileURL(join(tmp, 'out', 'decks', '1-orders-and-bills.html')).href, { waitUntil: 'load' });
      await page.waitForFunction('document.documentElement.getAttribute("data-cm-ready") === "1"', { timeout: 60_000 });
      slides = await page.evaluate(measureDiagramSlides);
    } finally {
      await context.close();
    }
  }, 600_000);
  afterAll(async () => {
    await renderer?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('would be far too small whole (control)', () => {
    const whole = readFileSync(join(tmp, 'out', 'diagrams', '1-orders-and-bills-1.svg'), 'utf8');
    expect(slideTextPx(whole)).toBeLessThan(10);
  });

  it('is split into parts a slide each, every label at least 14 px, and says so at the block', () => {
    expect(slides.length).toBeGreaterThanOrEqual(2);
    expect(slides.map((s) => s.diagram)).toEqual(slides.map((_s, i) => `diagrams/1-orders-and-bills-1-part-${i + 1}`));
    for (const s of slides) {
      expect(s.title).toMatch(new RegExp(`^The kitchen's classes \\(\\d/${slides.length}\\)$`));
      expect(s.minText, s.title).toBeGreaterThanOrEqual(MIN_SLIDE_TEXT);
    }
    // The diagram's own messages (the one-page companion condenses it away and says so: print-condensed).
    const messages = result.files.flatMap((f) =>
      f.messages
        .filter((m) => m.ruleId?.startsWith('diagram-'))
        .map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`),
    );
    expect(messages).toEqual([
      expect.stringMatching(
        new RegExp(
          `^12:1 diagram-reflowed diagrams/1-orders-and-bills-1: too small to read on a slide whole \\(text \\d\\.\\d px\\); split into ${slides.length} slides, smallest text 1\\d\\.\\d px$`,
        ),
      ),
    ]);
  });
});
