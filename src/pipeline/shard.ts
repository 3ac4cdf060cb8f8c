// --shard i/n: a deterministic split of a build's units so that a CI matrix can build a large
// course in parallel and the shards' outputs merge into the same out/ as one build.
//
// A chapter's units (its map, its authored diagrams, its deck…) all go to shard
// ((chapter - 1) mod n) + 1, so a chapter's deck finds its own diagrams rendered in its shard;
// course-level units (course map, model.json, study map, index page, stage-level outputs) go to
// the last shard n, which also renders every diagram's SVG (not its PNG) because course-level
// outputs inline them. Run in order 1..n into one out/, shard n also sees (through the manifest)
// every output of the shards before it, so its index page and manifest equal a full build's.

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** Parses "2/3"; throws an Error naming the problem. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new Error(`--shard takes i/n (for example 2/3), got "${text}"`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) throw new Error(`--shard i/n needs 1 <= i <= n, got "${text}"`);
  return { index, count };
}

/** The shard (1-based) that owns a unit of `chapter` (null: course level). */
export function shardOf(chapter: number | null, count: number): number {
  if (count <= 1) return 1;
  if (chapter === null) return count;
  const n = Math.abs(Math.trunc(chapter));
  return ((((n - 1) % count) + count) % count) + 1;
}

export function ownsUnit(shard: Shard | null | undefined, chapter: number | null): boolean {
  return !shard || shardOf(chapter, shard.count) === shard.index;
}
