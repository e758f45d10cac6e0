// Time, injected: the system clock in production, explicit timeouts in simulation.
export interface Clock {
  now(): number;
  /** Call `fn` after `ms`; the returned function cancels it. */
  setTimer(ms: number, fn: () => void): () => void;
}
