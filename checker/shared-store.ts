// The visited set of a packed run on several workers, one for them all in shared memory, so
// that no state crosses threads: each worker stores the states it finds in its own region,
// which every worker reads, and one open-addressing table of global ids, probed and claimed with
// atomics, tells every worker which states are known. Any worker expands any state
// (shared-frontier.ts), so the work splits evenly whoever found the states.
//
// A table slot is 0 (empty) or, as in StateStore, the state's global id + 1 in its low bits with
// bits of its hash above them. A worker writes a new state's words and parent into its region
// before it claims an empty slot for it (an atomic compare-and-swap after plain stores), so
// whoever reads the slot reads the words; a claim is never undone.
//
// A growth hashes the stored words again, read in order. (Each worker kept its states' hashes
// too, for a growth to read 4 bytes a state; without them a state takes 4 bytes less, and the
// runs measured were no slower: the hashes' fresh pages cost the workers what they saved growths.)
//
// Regions and the table are growable SharedArrayBuffers, read through fixed-length views (a
// length-tracking view is many times slower to index): a region grows a chunk at a time, only by
// its owner, and the others make a view of a chunk the first time they read it; the table grows
// (grownSlots) with every worker parked (shared-control.ts).
import { dropped } from "./collect.ts";
import { touchPages } from "./fresh-pages.ts";
import { MemoryRefused, type Held, type Reserve } from "./held-memory.ts";
import { globalId } from "./partition.ts";
import { RecentLookups, recentSlots } from "./recent-lookups.ts";
import { RehashBatch, rehashBatchBytes } from "./rehash-batch.ts";
import { liveWords } from "./shared-levels.ts";
import { tableParts } from "./table-parts.ts";
import { controlWords, enter, FAILED, GROW, leave, park, STORED, TABLE_SLOTS, TOTAL } from "./shared-control.ts";
import { CHUNK_BITS, CHUNK_STATES, grownSlots, hashWords, INDEX_BITS, MAX_LOAD, maxStoredStates, sameWords } from "./state-store.ts";

/** What the workers of one run share, made by the main thread and sent to each worker. */
export type SharedVisited = {
  readonly control: SharedArrayBuffer;
  readonly table: SharedArrayBuffer;
  /** Per worker, its states: words then parent, words + 1 ints each. */
  readonly regions: readonly SharedArrayBuffer[];
  /** Float64s: the live figures of the levels the workers step through (shared-levels.ts). */
  readonly live: SharedArrayBuffer;
};

const INITIAL_SLOTS = 1 << 16;
/** The largest growable SharedArrayBuffer this Node.js makes. */
const MAX_BYTES = 2 ** 32;
/** The most table slots: every global id at the table's highest load. */
const MAX_SLOTS = 2 ** (INDEX_BITS + 1);
/** New states a worker stores between two additions to the shared total. */
const PUBLISH_EVERY = 256;
const CHUNK_MASK = CHUNK_STATES - 1;
/** Slots a parked worker empties at a time in a growth: enough that taking one costs nothing. */
const EMPTY_STRETCH = 1 << 18;
/**
 * Calls of parkIfAsked per look at the growth flag: an atomic read is a call, made between every
 * two states, and a worker that stores states looks at every claim already (insertUncached).
 */
const ASK_EVERY = 16;

export function sharedVisited(workers: number): SharedVisited {
  const control = new SharedArrayBuffer(controlWords(workers) * 4);
  new Int32Array(control)[TABLE_SLOTS] = INITIAL_SLOTS;
  return {
    control,
    table: new SharedArrayBuffer(INITIAL_SLOTS * 4, { maxByteLength: MAX_SLOTS * 4 }),
    regions: Array.from({ length: workers }, () => new SharedArrayBuffer(0, { maxByteLength: MAX_BYTES })),
    live: new SharedArrayBuffer(liveWords(workers) * 8),
  };
}

export class SharedStateStore implements Held {
  /** States this worker stored. */
  count = 0;
  /** After an insert that returned -1: the global id of the state that was already there. */
  known = -1;
  /** The most states this worker stores: their global ids fit the table's entries, their words its region. */
  readonly capacity: number;
  readonly control: Int32Array;
  private table: Int32Array;
  private mask: number;
  private recent: RecentLookups;
  /** Per worker, views of its region's chunks made so far. */
  private readonly views: Int32Array[][];
  private readonly stride: number;
  private readonly chunkBytes: number;
  private readonly indexMask = 2 ** INDEX_BITS - 1;
  /** log2 of the workers when they are a power of two, else -1. */
  private readonly idBits: number;
  private unpublished = 0;
  private sinceAsked = 0;
  /** The batch of a growth under way, between its two phases (Growth). */
  private reentering: RehashBatch | undefined;
  /** The table's slots before the growth under way: those after them are fresh memory. */
  private slotsBefore = 0;

  constructor(
    readonly words: number,
    private readonly shared: SharedVisited,
    private readonly id: number,
    private readonly n: number,
    private readonly reserve: Reserve,
  ) {
    this.stride = words + 1;
    this.idBits = (n & (n - 1)) === 0 ? 31 - Math.clz32(n) : -1;
    this.chunkBytes = CHUNK_STATES * this.stride * 4;
    this.capacity = Math.min(Math.floor((maxStoredStates() - 1 - id) / n), Math.floor(MAX_BYTES / this.chunkBytes) * CHUNK_STATES);
    this.control = new Int32Array(shared.control);
    this.views = shared.regions.map(() => []);
    const slots = Atomics.load(this.control, TABLE_SLOTS);
    this.table = new Int32Array(shared.table, 0, slots);
    this.mask = slots - 1;
    this.recent = new RecentLookups(words, recentSlots(slots, words));
  }

  /** States all workers stored, as last published (each may hold back fewer than PUBLISH_EVERY). */
  total(): number {
    return Atomics.load(this.control, TOTAL) + this.unpublished;
  }

  /** Bytes this worker answers for: its region, its cache, and its share of the table. */
  bytes(): number {
    return this.shared.regions[this.id]!.byteLength + this.recent.byteLength + this.table.byteLength / this.n;
  }

  /** The most bytes this worker answers for while every worker adds `more` states (the table grows in place). */
  peakBytes(more: number): number {
    const region = Math.ceil((this.count + more) / CHUNK_STATES) * this.chunkBytes;
    let slots = this.table.length;
    while (this.total() + more * this.n > slots * MAX_LOAD && slots < MAX_SLOTS) slots = grownSlots(slots, MAX_SLOTS);
    // A growth sorts what it enters again in a batch of its own in each worker.
    const batch = slots > this.table.length ? rehashBatchBytes(slots) : 0;
    return region + RecentLookups.bytes(this.words, recentSlots(slots, this.words)) + (slots * 4) / this.n + batch;
  }

  chunkOf(g: number): Int32Array {
    const w = this.workerOf(g);
    const c = this.localOf(g, w) >>> CHUNK_BITS;
    return this.views[w]![c] ?? this.view(w, c);
  }

  offsetOf(g: number): number {
    return (this.localOf(g, this.workerOf(g)) & CHUNK_MASK) * this.stride;
  }

  // The worker that stored global id g, and its index there (partition.ts globalId): by shift
  // and mask when the workers are a power of two, since a division is many times slower and
  // every expanded state and every state compared is found this way.
  private workerOf(g: number): number {
    return this.idBits >= 0 ? g & (this.n - 1) : g % this.n;
  }

  private localOf(g: number, w: number): number {
    return this.idBits >= 0 ? g >>> this.idBits : (g - w) / this.n;
  }

  parentOf(g: number): number {
    return this.chunkOf(g)[this.offsetOf(g) + this.words]!;
  }

  /** A view of chunk `c` of worker `w`'s region, which that worker grew before it published any state in it. */
  private view(w: number, c: number): Int32Array {
    const v = new Int32Array(this.shared.regions[w]!, c * this.chunkBytes, CHUNK_STATES * this.stride);
    this.views[w]![c] = v;
    return v;
  }

  /** This worker starts a phase that touches the table; it sees a growth made while it was out. */
  enter(): void {
    enter(this.control);
    this.refresh();
  }

  /** This worker ends its phase: what it stored counts in the total, and no growth waits for it. */
  leave(): void {
    this.publish();
    leave(this.control, this.id, this.count);
  }

  /** Parks this worker if another asked for the table to grow, looking every ASK_EVERY calls; call between two states. */
  parkIfAsked(): void {
    if (++this.sinceAsked < ASK_EVERY) return;
    this.sinceAsked = 0;
    if (Atomics.load(this.control, GROW) !== 0) this.park(false);
  }

  /** The global id of the state in `buf` (at 0), of hash `hash`, if this worker's cache of recent lookups holds it, else -1. */
  recentIndex(buf: Int32Array, hash: number): number {
    return this.recent.find(buf, hash);
  }

  /** The table slot a lookup of `hash` starts at, read ahead of the lookup (staged-inserts.ts); a plain read, as a probe's first. */
  homeSlot(hash: number): number {
    return this.table[hash & this.mask]!;
  }

  /**
   * Adds the state in `buf` (at 0), of hash `hash`, unless some worker stored it. Returns its new
   * local index, or -1 if it was known (its global id in `known`).
   */
  insertHashed(buf: Int32Array, parent: number, hash: number): number {
    const cached = this.recent.find(buf, hash);
    if (cached >= 0) {
      this.known = cached;
      return -1;
    }
    return this.insertUncached(buf, parent, hash);
  }

  /** insertHashed() past the cache of recent lookups, for a caller that asked it already (recentIndex). */
  insertUncached(buf: Int32Array, parent: number, hash: number): number {
    const W = this.words;
    const tag = hash & ~this.indexMask;
    for (;;) {
      const table = this.table;
      const mask = this.mask;
      let slot = hash & mask;
      // The state is written at this worker's next index before any slot is claimed for it: a
      // claim that loses leaves those words unpublished, and the next new state overwrites them.
      let written = false;
      for (;;) {
        // A plain read: Atomics.load is a call here, not an instruction, and most probes pass
        // over another state's entry by its tag. An entry is written once, whole (aligned
        // 32-bit accesses do not tear), so a stale 0 only sends the claim below to the CAS,
        // which reads the slot atomically; an entry whose words are read is read again atomically.
        let entry = table[slot]!;
        if (entry === 0) {
          // A hint too: a worker that misses a request claims a few more slots than the load
          // allows before it parks between two states (parkIfAsked reads the flag atomically,
          // every few states).
          if (this.control[GROW] !== 0) break;
          const local = this.count;
          const g = globalId(local, this.id, this.n);
          if (!written) {
            if (local === this.views[this.id]!.length * CHUNK_STATES) this.growRegion();
            const chunk = this.views[this.id]![local >>> CHUNK_BITS]!;
            const base = (local & CHUNK_MASK) * this.stride;
            for (let w = 0; w < W; w++) chunk[base + w] = buf[w]!;
            chunk[base + W] = parent;
            written = true;
          }
          entry = Atomics.compareExchange(table, slot, 0, tag | (g + 1));
          if (entry === 0) {
            this.count = local + 1;
            this.recent.remember(buf, hash, g);
            if (++this.unpublished === PUBLISH_EVERY) this.publish();
            return local;
          }
          // Another worker claimed the slot first: its state is compared below.
        }
        if ((entry & ~this.indexMask) === tag) {
          // Synchronizes with the CAS that claimed the slot: the state's words were written before it.
          entry = Atomics.load(table, slot);
          const g = (entry & this.indexMask) - 1;
          if (sameWords(this.chunkOf(g), this.offsetOf(g), buf, W)) {
            this.known = g;
            this.recent.remember(buf, hash, g);
            return -1;
          }
        }
        slot = (slot + 1) & mask;
      }
      // The table is growing: wait, then look again in the grown one.
      this.park(false);
    }
  }

  /** Adds this worker's new states to the total, and asks for a growth when the table is full. */
  private publish(): void {
    if (this.unpublished === 0) return;
    const total = Atomics.add(this.control, TOTAL, this.unpublished) + this.unpublished;
    this.unpublished = 0;
    // The others may each hold back PUBLISH_EVERY states.
    if (total + this.n * PUBLISH_EVERY > this.table.length * MAX_LOAD && this.table.length < MAX_SLOTS) this.park(true);
  }

  private park(request: boolean): void {
    park(this.control, this.id, this.count, request, this.growth);
    if (Atomics.load(this.control, FAILED) !== 0) throw new MemoryRefused("memory budget reached: the shared visited set's table could not grow");
    this.refresh();
  }

  /** A chunk more of this worker's region, before the state that needs it claims a slot. */
  private growRegion(): void {
    if (this.count >= this.capacity) throw new Error(`the visited set of worker ${this.id} holds at most ${this.capacity} states`);
    this.reserve(this.chunkBytes, "the visited set");
    const c = this.views[this.id]!.length;
    this.shared.regions[this.id]!.grow((c + 1) * this.chunkBytes);
    this.view(this.id, c);
  }

  /** What a growth of the table runs in this worker (shared-control.ts). */
  private readonly growth = {
    /** Under the lock, every worker's states counted in STORED: grows the table in place (every parked worker empties its old slots). */
    prepare: (): void => {
      const slots = Atomics.load(this.control, TABLE_SLOTS);
      const grown = grownSlots(slots, MAX_SLOTS);
      this.reserve((grown - slots) * 4 + rehashBatchBytes(grown), "the shared visited set's table");
      this.shared.table.grow(grown * 4);
      Atomics.store(this.control, TABLE_SLOTS, grown);
    },
    /**
     * Empties the stretches of the old table's slots this worker takes: the slots the table grew
     * by are new memory, zero already, which rehash writes a page at a time before it enters its
     * part (fresh-pages.ts). (Filled with zeros first, by one thread or by every worker, the
     * growth took longer.)
     */
    empty: (claim: () => number): void => {
      const old = (this.slotsBefore = this.table.length);
      this.refresh();
      const table = this.table;
      for (let k = claim(); k * EMPTY_STRETCH < old; k = claim()) table.fill(0, k * EMPTY_STRETCH, Math.min(old, (k + 1) * EMPTY_STRETCH));
    },
    /**
     * Enters into the new table the states whose home slot falls in the parts of it this worker
     * takes, hashing every worker's stored words again in order: each part's slots are written by
     * one worker (but for a run of probes past its end), so the workers do not share cache lines.
     * The parts hold equal work, fresh pages counted (table-parts.ts), and the fresh pages of a
     * part are written before its probes read them (fresh-pages.ts).
     */
    rehash: (claim: () => number): void => {
      this.refresh();
      const table = this.table;
      const mask = this.mask;
      const parts = this.n;
      const batch = (this.reentering = new RehashBatch(table, true));
      const stored = Array.from({ length: this.n }, (_, w) => Atomics.load(this.control, STORED + w));
      // Every chunk's view is made before the scans, so that their loop has no path a growth
      // takes once: each such path, taken first in a later growth, undid the loop's compiled code.
      for (let w = 0; w < this.n; w++) for (let c = 0; c * CHUNK_STATES < stored[w]!; c++) if (!this.views[w]![c]) this.view(w, c);
      const bounds = tableParts(table.length, this.slotsBefore, parts);
      for (let p = claim(); p < parts; p = claim()) {
        const lo = bounds[p]!;
        const hi = bounds[p + 1]!;
        batch.part(hi);
        touchPages(table, Math.max(lo, this.slotsBefore), hi);
        for (let w = 0; w < this.n; w++) {
          for (let c = 0; c * CHUNK_STATES < stored[w]!; c++) {
            const end = Math.min(CHUNK_STATES, stored[w]! - c * CHUNK_STATES);
            enterPart(batch, this.views[w]![c]!, this.words, end, lo, hi, mask, ~this.indexMask, globalId(c * CHUNK_STATES, w, this.n), this.n);
          }
        }
        batch.flush();
      }
    },
    /** Once every parked worker has entered its parts: the entries this one set aside. */
    settle: (): void => {
      this.reentering?.enterSetAside();
      this.reentering = undefined;
      dropped(rehashBatchBytes(this.table.length));
    },
  };

  /** After a growth: this worker's view of the table, and a cache sized to it. */
  private refresh(): void {
    const slots = Atomics.load(this.control, TABLE_SLOTS);
    if (slots === this.table.length) return;
    this.table = new Int32Array(this.shared.table, 0, slots);
    this.mask = slots - 1;
    const recent = recentSlots(slots, this.words);
    if (recent !== this.recent.slots) {
      this.reserve(RecentLookups.bytes(this.words, recent), "the cache of recent lookups");
      dropped(this.recent.byteLength);
      this.recent = new RecentLookups(this.words, recent);
    }
  }
}

/**
 * Adds to `batch` the states of one chunk of a worker's region (its first `end`, of `words` words
 * and a parent each) whose home slot lies in lo .. hi - 1, the first of them of global id
 * `first`, the next `first + n`, and so on.
 * A small function of its own: every growth runs it, compiled once, where the scan inlined in
 * the growth was compiled again in each growth, on the cores the workers wait for.
 */
function enterPart(batch: RehashBatch, chunk: Int32Array, words: number, end: number, lo: number, hi: number, mask: number, tagMask: number, first: number, n: number): void {
  for (let i = 0; i < end; i++) {
    const hash = hashWords(chunk, i * (words + 1), words);
    const slot = hash & mask;
    if (slot < lo || slot >= hi) continue;
    batch.add(slot, (hash & tagMask) | (first + i * n + 1));
  }
}
