// A small seeded PRNG (mulberry32, version 1): the same seed gives the same stream on every
// version of Node, so a backoff schedule replays from its seed.
import type { Rng } from "../ports/rng.ts";

export function seededRng(seed: number): Rng {
  let s = seed >>> 0;
  return {
    next() {
      s = (s + 0x6d2b79f5) >>> 0;
      let t = s;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}
