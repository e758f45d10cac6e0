// Randomness, injected (backoff jitter), so that a run replays from its seed.
export interface Rng {
  /** A number in [0, 1). */
  next(): number;
}
