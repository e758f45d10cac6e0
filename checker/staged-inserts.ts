// Successors the cache of recent lookups does not know wait here, a few dozen at a time, before
// the visited set looks them up. A lookup that misses the processor's cache waits for memory,
// and one lookup after another, each waits alone: the code between two of them (the rest of an
// expansion) is too long for the processor to start the next lookup while the last one waits.
// Read first in one short loop whose reads do not depend on one another, the staged states'
// table slots are fetched together, and the lookups after it find them in the cache.
//
// Staging changes no result: the partition inserts the staged states in the order they were
// staged, so each state gets the parent and the index an immediate insert gives it, and it undoes
// what the emits after a state that breaks an invariant counted (transitionsAt, expandedAt).

/** States staged at most: enough reads to overlap, few enough that their slots stay cached. */
export const STAGED_MOST = 64;

/** Where a staged state's lookup starts: the visited set's slot for its hash. */
export interface HomeSlots {
  homeSlot(hash: number): number;
}

export class StagedInserts {
  count = 0;
  readonly hashes = new Int32Array(STAGED_MOST);
  readonly parents = new Int32Array(STAGED_MOST);
  /** The partition's transitions when each state was staged, its own included. */
  readonly transitionsAt = new Float64Array(STAGED_MOST);
  /** Where in its level the state whose expansion staged each state is. */
  readonly expandedAt = new Int32Array(STAGED_MOST);
  private readonly words: Int32Array;
  /** The slots' contents, summed: a read whose value nothing used could be left out by the compiler. */
  private sink = 0;

  constructor(private readonly w: number) {
    this.words = new Int32Array(STAGED_MOST * w);
  }

  /** Stages the state in `buf` (at 0); true when no more fit. */
  add(buf: Int32Array, hash: number, parent: number, transitions: number, expanded: number): boolean {
    const k = this.count++;
    const base = k * this.w;
    for (let i = 0; i < this.w; i++) this.words[base + i] = buf[i]!;
    this.hashes[k] = hash;
    this.parents[k] = parent;
    this.transitionsAt[k] = transitions;
    this.expandedAt[k] = expanded;
    return this.count === STAGED_MOST;
  }

  /** Copies staged state `k`'s words into `out` (at 0). */
  copy(k: number, out: Int32Array): void {
    const base = k * this.w;
    for (let i = 0; i < this.w; i++) out[i] = this.words[base + i]!;
  }

  /** Reads the home slot of every staged state, so that their lookups find them cached. */
  prefetch(slots: HomeSlots): void {
    let sum = 0;
    for (let k = 0; k < this.count; k++) sum += slots.homeSlot(this.hashes[k]!);
    this.sink = (this.sink + sum) | 0;
  }
}
