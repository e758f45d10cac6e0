// A small direct-mapped cache of the states a visited set looked up last (their words and
// index), in front of its table: breadth-first search meets most known states again soon after
// it met them (two paths to one state), and such a lookup then reads this cache, which the
// processor's caches hold, instead of a table slot and a state's words far apart in memory.
// Sized from the table, a sixteenth of its slots, so a small store stays small, and to stay in
// a core's own cache (core-cache.ts).
import { coreCacheSlots } from "./core-cache.ts";

/** Slots of the cache of states of `words` words beside a table of `tableSlots` slots: a power of two. */
export function recentSlots(tableSlots: number, words: number): number {
  return Math.min(coreCacheSlots(RecentLookups.bytes(words, 1)), Math.max(1, tableSlots >>> 4));
}

export class RecentLookups {
  /** Per slot the state's words, then its index (-1: empty). */
  private readonly data: Int32Array;
  private readonly mask: number;

  constructor(private readonly words: number, readonly slots: number) {
    this.data = new Int32Array(slots * (words + 1)).fill(-1);
    this.mask = slots - 1;
  }

  static bytes(words: number, slots: number): number {
    return slots * (words + 1) * 4;
  }

  get byteLength(): number {
    return this.data.byteLength;
  }

  /** The index of the state in `buf` (at 0) of hash `hash` if it is the one cached in its slot, else -1. */
  find(buf: Int32Array, hash: number): number {
    const W = this.words;
    const data = this.data;
    const at = (hash & this.mask) * (W + 1);
    const index = data[at + W]!;
    if (index < 0) return -1;
    for (let w = 0; w < W; w++) if (data[at + w] !== buf[w]) return -1;
    return index;
  }

  /** Records state `index`, whose words are in `buf`, in its slot. */
  remember(buf: Int32Array, hash: number, index: number): void {
    const W = this.words;
    const at = (hash & this.mask) * (W + 1);
    for (let w = 0; w < W; w++) this.data[at + w] = buf[w]!;
    this.data[at + W] = index;
  }
}
