// Our own small PRNG, so that a seed replays the same run on every Node version and in
// every later Synod version that keeps PRNG_VERSION: sfc32 (Chris Doty-Humphrey's Small Fast
// Counting generator, 32-bit), seeded from one 32-bit seed. Never Math.random.

export const PRNG_VERSION = "sfc32-v1";

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`a seed is an integer in 0..4294967295, got ${seed}`);
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed | 0;
    // Warm up, so that nearby seeds give unrelated streams.
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** An integer in 0..n-1 (n at most 2^32), by multiply-shift: no modulo bias worth naming. */
  below(n: number): number {
    return Math.floor((this.nextU32() / 0x100000000) * n);
  }
}

/** The seed of walk `k` of a run seeded `seed`: walks replay one by one with `--seed`. */
export function walkSeed(seed: number, k: number): number {
  return (seed + k) >>> 0;
}
