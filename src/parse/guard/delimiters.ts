// The guard's open inline delimiters (see ../guard.ts): one stack per kind ("[", "*", "_", "~"),
// counting how many delimiter units are open in total, so that a matched pair deeper than
// `limit` is found when it closes and its excess characters (opener and closer) neutralised.
// Pure: neutralising is a callback.

interface Opener {
  /** Push order, to discard openers pushed after a matched one. */
  index: number;
  /** Positions (in the joined run) of the still-unconsumed delimiter characters, outermost first. */
  chars: number[];
  /** Delimiter units open below this opener. */
  depthBefore: number;
  /** Once found too deep: characters from this index on are neutralised ("ghosts"). */
  keep: number;
}

export class Delimiters {
  /** Deepest matched nesting seen. */
  max = 0;
  private readonly stacks = new Map<string, Opener[]>();
  private total = 0; // delimiter units currently open
  private order = 0;
  private readonly limit: number;
  private readonly neutralise: (pos: number) => void;

  constructor(limit: number, neutralise: (pos: number) => void) {
    this.limit = limit;
    this.neutralise = neutralise;
  }

  /** Opens delimiter characters `chars` (positions in the run) of kind `kind`. */
  open(kind: string, chars: number[]): void {
    this.stackOf(kind).push({ index: this.order++, chars, depthBefore: this.total, keep: Infinity });
    this.total += chars.length;
  }

  /** A "]" at `pos`: closes the innermost "[" (and whatever opened after it). */
  closeBracket(pos: number): void {
    const s = this.stackOf('[');
    const o = s[s.length - 1];
    if (!o) return;
    this.discardAbove(o.index);
    if (this.take(o, 1).ghosts > 0) this.neutralise(pos);
    s.pop();
  }

  /**
   * A closing run of `kind` whose last `remaining` characters end before `end`: pairs them with
   * openers of the same kind, innermost first. Returns the characters left unpaired.
   */
  closeRun(kind: string, end: number, remaining: number): number {
    const s = this.stackOf(kind);
    // Emphasis does not pair across an open "[": inside link text only the text's own delimiters count.
    const brackets = this.stackOf('[');
    const barrier = brackets.length > 0 ? brackets[brackets.length - 1]!.index : -1;
    while (remaining > 0 && s.length > 0 && s[s.length - 1]!.index > barrier) {
      const o = s[s.length - 1]!;
      this.discardAbove(o.index);
      const { taken, ghosts } = this.take(o, remaining);
      // The first closer characters pair with the opener's innermost (neutralised) ones.
      for (let k = 0; k < ghosts; k++) this.neutralise(end - remaining + k);
      remaining -= taken;
      if (o.chars.length === 0) s.pop();
    }
    return remaining;
  }

  private stackOf(kind: string): Opener[] {
    let s = this.stacks.get(kind);
    if (!s) this.stacks.set(kind, (s = []));
    return s;
  }

  private discardAbove(index: number): void {
    for (const s of this.stacks.values()) {
      while (s.length > 0 && s[s.length - 1]!.index > index) this.total -= s.pop()!.chars.length;
    }
  }

  /**
   * A closer takes up to `units` innermost characters of opener `o`. Returns how
   * many it took and how many of those were neutralised (the closer's matching
   * characters must then be neutralised too).
   */
  private take(o: Opener, units: number): { taken: number; ghosts: number } {
    const depth = o.depthBefore + o.chars.length;
    if (depth > this.max) this.max = depth;
    if (depth > this.limit && o.keep === Infinity) {
      o.keep = Math.max(0, this.limit - o.depthBefore);
      for (let k = o.keep; k < o.chars.length; k++) this.neutralise(o.chars[k]!);
    }
    const taken = Math.min(units, o.chars.length);
    const ghosts = Math.max(0, Math.min(taken, o.chars.length - o.keep));
    o.chars.length -= taken;
    this.total -= taken;
    return { taken, ghosts };
  }
}
