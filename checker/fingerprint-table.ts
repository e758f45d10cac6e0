// The object engine's visited set: a 64-bit hash of each state's fingerprint string, in an
// open-addressing table on typed arrays, mapped to the state's index. The strings themselves
// are not kept, which is most of the memory of a large run (a fingerprint is often hundreds of
// characters). As in TLC, two distinct states with equal 64-bit hashes would be taken for one;
// with n states the odds are about n^2 / 2^65 (`collisionProbability`), 3e-6 at 10 million.

const MAX_LOAD = 0.7;

export class FingerprintTable {
  private hi: Int32Array;
  private lo: Int32Array;
  private values: Int32Array;
  private mask: number;
  private growAt: number;
  size = 0;

  constructor(initialSize = 1 << 12) {
    this.hi = new Int32Array(initialSize);
    this.lo = new Int32Array(initialSize);
    this.values = new Int32Array(initialSize);
    this.mask = initialSize - 1;
    this.growAt = Math.floor(initialSize * MAX_LOAD);
  }

  /** Bytes held by the table. */
  bytes(): number {
    return this.values.length * 12;
  }

  /** The index stored for the key, or -1. With `insert`, stores `index` when absent. */
  lookup(key: string, index = -1): number {
    const [h, l] = hash64(key);
    return this.lookupHashed(h, l, index);
  }

  /** lookup() for a key already hashed with hash64. */
  lookupHashed(h: number, l: number, index = -1): number {
    let slot = (l ^ Math.imul(h, 0x9e3779b1)) & this.mask;
    for (;;) {
      const v = this.values[slot]!;
      if (v === 0) break;
      if (this.hi[slot] === h && this.lo[slot] === l) return v - 1;
      slot = (slot + 1) & this.mask;
    }
    if (index >= 0) {
      this.hi[slot] = h;
      this.lo[slot] = l;
      this.values[slot] = index + 1;
      if (++this.size > this.growAt) this.grow();
    }
    return -1;
  }

  private grow(): void {
    const { hi, lo, values } = this;
    const size = values.length * 2;
    this.hi = new Int32Array(size);
    this.lo = new Int32Array(size);
    this.values = new Int32Array(size);
    this.mask = size - 1;
    this.growAt = Math.floor(size * MAX_LOAD);
    for (let i = 0; i < values.length; i++) {
      if (values[i] === 0) continue;
      let slot = (lo[i]! ^ Math.imul(hi[i]!, 0x9e3779b1)) & this.mask;
      while (this.values[slot] !== 0) slot = (slot + 1) & this.mask;
      this.hi[slot] = hi[i]!;
      this.lo[slot] = lo[i]!;
      this.values[slot] = values[i]!;
    }
  }
}

/** Two independent 32-bit hashes of the string's UTF-16 code units, each fully mixed. */
export function hash64(key: string): [number, number] {
  let a = 0x811c9dc5 ^ key.length;
  let b = 0x2545f491;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [fmix(a), fmix(b ^ 0x68e31da4)];
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The odds that some two of n distinct states share a 64-bit hash: about n^2 / 2^65. */
export function collisionProbability(n: number): number {
  return (n * (n - 1)) / 2 / 2 ** 64;
}
