// The visited set of the packed engine: every distinct state's words, its parent's index,
// and an open-addressing hash table of state indices. Keys are the exact words, so there
// are no fingerprint collisions to worry about. States live in fixed-size chunks, so growth
// never copies them and never over-allocates by more than one chunk; the table grows (grownSlots).
//
// Bytes per state: 4 * words (state) + 4 (parent) + 4 / load (table, load 0.35..0.7, down to
// 0.175 while the table grows fourfold), and while the table grows, the batch the states are
// sorted in to enter them again (rehash-batch.ts): the memory budget reads that peak. The table
// grows in place, in a growable buffer: the states are entered again into the slots it had and
// the new ones, so only those are fresh memory, which on a virtual machine costs a page fault a
// page (most of a growth's time when each growth took a new table). The buffer is shared only
// because a view of a resizable ArrayBuffer measured much slower to index; no other thread sees it.
//
// A table entry is index + 1 in its low bits (26 by default) and bits of the state's hash above
// them, so most probes that hit another state are rejected without reading its words (a cache
// miss). A store of 64-bit fingerprints (fingerprint mode) takes more index bits and fewer tag
// bits: it holds more, smaller states.
//
// In front of the table, a small cache of the states looked up last (recent-lookups.ts).
import { dropped } from "./collect.ts";
import { unbudgeted, type Held, type Reserve } from "./held-memory.ts";
import { RecentLookups, recentSlots } from "./recent-lookups.ts";
import { RehashBatch, rehashBatchBytes } from "./rehash-batch.ts";

export const CHUNK_BITS = 18;
export const CHUNK_STATES = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_STATES - 1;
export const MAX_LOAD = 0.7;
export const INDEX_BITS = 26;
/**
 * The table grows fourfold while it stays within this many slots (64 MiB), then twofold: a run
 * that ends below it enters a third as many states again, for at most 48 MiB more table.
 */
const FOURFOLD_UP_TO = 1 << 24;

/** The slots a table of `slots` grows to, at most `most`. */
export function grownSlots(slots: number, most: number): number {
  return Math.min(most, slots * 4 <= FOURFOLD_UP_TO ? slots * 4 : slots * 2);
}
/** The most states a store of `indexBits` index bits holds: indices + 1 must fit in them. */
export function maxStoredStates(indexBits = INDEX_BITS): number {
  return 2 ** indexBits - 2;
}

export class StateStore implements Held {
  readonly chunks: Int32Array[] = [];
  private readonly parentChunks: Int32Array[] = [];
  private table: Int32Array;
  private tableMemory: SharedArrayBuffer;
  private mask: number;
  private growAt: number;
  private recent: RecentLookups;
  count = 0;
  /** After an insert that returned -1: the index of the state that was already there. */
  known = -1;
  private readonly indexMask: number;
  readonly capacity: number;

  /** `reserve` is asked before each allocation: a chunk, or the table's new slots and the batch a growth sorts in. */
  constructor(readonly words: number, initialTableSize = 1 << 16, indexBits = INDEX_BITS, private readonly reserve: Reserve = unbudgeted) {
    if (indexBits < 1 || indexBits > MAX_INDEX_BITS) throw new Error(`index bits must be in 1..${MAX_INDEX_BITS}, got ${indexBits}`);
    this.indexMask = 2 ** indexBits - 1;
    this.capacity = maxStoredStates(indexBits);
    this.tableMemory = tableMemory(initialTableSize, indexBits);
    this.table = new Int32Array(this.tableMemory, 0, initialTableSize);
    this.mask = initialTableSize - 1;
    this.growAt = Math.floor(initialTableSize * MAX_LOAD);
    this.recent = new RecentLookups(words, recentSlots(initialTableSize, words));
  }

  /** Bytes allocated for states, parents, the table and the cache of recent lookups. */
  bytes(): number {
    return this.chunks.length * CHUNK_STATES * (this.words + 1) * 4 + this.table.length * 4 + this.recent.byteLength;
  }

  /** The most bytes the store holds at any moment while `more` further states are added. */
  peakBytes(more: number): number {
    const n = this.count + more;
    const chunks = Math.ceil(n / CHUNK_STATES);
    const most = this.tableMemory.maxByteLength / 4;
    let table = this.table.length;
    let before = table;
    while (n > table * MAX_LOAD && table < most) {
      before = table;
      table = grownSlots(table, most);
    }
    // A grow enters the states again with the batch it sorts them in, into the table grown in place.
    const rehashing = table === this.table.length ? 0 : before;
    // The cache is replaced by a larger one with the table until it reaches its most slots.
    const replaced = rehashing && recentSlots(rehashing, this.words) !== recentSlots(table, this.words) ? RecentLookups.bytes(this.words, recentSlots(rehashing, this.words)) : 0;
    const recent = RecentLookups.bytes(this.words, recentSlots(table, this.words)) + replaced;
    const batch = rehashing ? rehashBatchBytes(table) : 0;
    return chunks * CHUNK_STATES * (this.words + 1) * 4 + table * 4 + batch + recent;
  }

  chunkOf(index: number): Int32Array {
    return this.chunks[index >>> CHUNK_BITS]!;
  }

  offsetOf(index: number): number {
    return (index & CHUNK_MASK) * this.words;
  }

  parentOf(index: number): number {
    return this.parentChunks[index >>> CHUNK_BITS]![index & CHUNK_MASK]!;
  }

  /** Adds the state in `buf` (at 0) unless present. Returns its new index, or -1 if it was known. */
  insert(buf: Int32Array, parent: number): number {
    return this.insertHashed(buf, parent, hashWords(buf, 0, this.words));
  }

  /** The index of the state in `buf` (at 0), of hash `hash`, if the cache of recent lookups holds it, else -1: no table read. */
  recentIndex(buf: Int32Array, hash: number): number {
    return this.recent.find(buf, hash);
  }

  /** The table slot a lookup of `hash` starts at, read ahead of the lookup (staged-inserts.ts). */
  homeSlot(hash: number): number {
    return this.table[hash & this.mask]!;
  }

  /** insert(), for a caller that already has hashWords(buf, 0, words). */
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
    const table = this.table;
    const mask = this.mask;
    const indexMask = this.indexMask;
    let slot = hash & mask;
    const tag = hash & ~indexMask;
    for (;;) {
      const entry = table[slot]!;
      if (entry === 0) break;
      if ((entry & ~indexMask) !== tag) {
        slot = (slot + 1) & mask;
        continue;
      }
      const i = (entry & indexMask) - 1;
      const chunk = this.chunks[i >>> CHUNK_BITS]!;
      const base = (i & CHUNK_MASK) * W;
      if (sameWords(chunk, base, buf, W)) {
        this.known = i;
        this.recent.remember(buf, hash, i);
        return -1;
      }
      slot = (slot + 1) & mask;
    }
    // A new state: the table grows before anything changes, so that a refused grow leaves the
    // store as it was, its states all found.
    if (this.count > this.growAt) return this.insertGrown(buf, parent, hash);
    const index = this.count;
    if ((index & CHUNK_MASK) === 0) {
      this.reserve(CHUNK_STATES * (W + 1) * 4, "the visited set");
      this.chunks.push(new Int32Array(CHUNK_STATES * W));
      this.parentChunks.push(new Int32Array(CHUNK_STATES));
    }
    const chunk = this.chunks[index >>> CHUNK_BITS]!;
    const base = (index & CHUNK_MASK) * W;
    for (let w = 0; w < W; w++) chunk[base + w] = buf[w]!;
    this.parentChunks[index >>> CHUNK_BITS]![index & CHUNK_MASK] = parent;
    if (index >= this.capacity) throw new Error(`the visited set holds at most ${this.capacity} states`);
    table[slot] = tag | (index + 1);
    this.count = index + 1;
    this.recent.remember(buf, hash, index);
    return index;
  }

  /** insertUncached() of a state known to be absent, once the table has grown. */
  private insertGrown(buf: Int32Array, parent: number, hash: number): number {
    this.grow();
    return this.insertUncached(buf, parent, hash);
  }

  /** Grows the table and re-inserts every index, hashing the stored words again. */
  private grow(): void {
    const old = this.table.length;
    const size = grownSlots(old, this.tableMemory.maxByteLength / 4);
    const recent = recentSlots(size, this.words);
    const newRecent = recent !== this.recent.slots ? RecentLookups.bytes(this.words, recent) : 0;
    this.reserve((size - old) * 4 + rehashBatchBytes(size) + newRecent, "the visited set's table");
    this.tableMemory.grow(size * 4);
    const table = new Int32Array(this.tableMemory, 0, size);
    table.fill(0, 0, old);
    const mask = size - 1;
    const W = this.words;
    const batch = new RehashBatch(table, false);
    for (let i = 0; i < this.count; i++) {
      const hash = hashWords(this.chunks[i >>> CHUNK_BITS]!, (i & CHUNK_MASK) * W, W);
      batch.add(hash & mask, (hash & ~this.indexMask) | (i + 1));
    }
    batch.flush();
    dropped(rehashBatchBytes(size));
    this.table = table;
    this.mask = mask;
    this.growAt = Math.floor(size * MAX_LOAD);
    if (newRecent > 0) {
      dropped(this.recent.byteLength);
      this.recent = new RecentLookups(this.words, recent);
    }
  }
}

/**
 * The most index bits a store takes: its table then reaches 2^30 slots, 4 GiB, the most a
 * growable SharedArrayBuffer holds.
 */
const MAX_INDEX_BITS = 29;

/**
 * A table of `slots` slots in a buffer that can grow to the most slots a store of `indexBits`
 * index bits reaches: twice the states it numbers, where its load (at most MAX_LOAD) never
 * asks for more.
 */
function tableMemory(slots: number, indexBits: number): SharedArrayBuffer {
  return new SharedArrayBuffer(slots * 4, { maxByteLength: Math.max(slots, 2 ** (indexBits + 1)) * 4 });
}

/** Whether the `w` words at `base` in `chunk` are those of `buf` (at 0). */
export function sameWords(chunk: Int32Array, base: number, buf: Int32Array, w: number): boolean {
  for (let i = 0; i < w; i++) if (chunk[base + i] !== buf[i]) return false;
  return true;
}

/** MurmurHash3's mixing over the words: good spread for linear probing. */
export function hashWords(words: Int32Array, off: number, n: number): number {
  return hashWordsSeeded(words, off, n, 0x9747b28c);
}

/**
 * The 64-bit fingerprint a state is known by in fingerprint mode: hashWords, which also picks
 * the state's partition, and a second hash of another seed, into out[0..1].
 */
export function fingerprintWords(words: Int32Array, off: number, n: number, out: Int32Array): void {
  out[0] = hashWords(words, off, n);
  out[1] = fingerprintLow(words, off, n);
}

/** The fingerprint's second word, for a caller that has hashWords already. */
export function fingerprintLow(words: Int32Array, off: number, n: number): number {
  return hashWordsSeeded(words, off, n, 0x3c6ef372);
}

function hashWordsSeeded(words: Int32Array, off: number, n: number, seed: number): number {
  let h = seed ^ n;
  for (let i = 0; i < n; i++) {
    let k = Math.imul(words[off + i]!, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
