// Run counts of property tests (fast-check). Each test states the count it wants in CI;
// COURSEMAP_PROPERTY_RUNS caps it: unset, at most 200 runs a property (the local loop);
// `.ci/run` sets it high enough for every count written in the tests.
//
//   fc.assert(fc.property(arb, check), { numRuns: runs(3000) });
const LOCAL_CAP = 200;

export function runs(full: number): number {
  const raw = process.env['COURSEMAP_PROPERTY_RUNS'];
  const cap = raw === undefined || raw === '' ? LOCAL_CAP : Number(raw);
  if (!Number.isInteger(cap) || cap < 1)
    throw new Error(`COURSEMAP_PROPERTY_RUNS must be a positive integer, got "${raw}"`);
  return Math.min(full, cap);
}
